// Menu commands that run long operations: progress toasts, then a short summary.
import { t } from '../i18n';
import { currentLang } from '../services/locale';
import { alert, toast } from '../services/ui';
import { recomputeClients, setupDatabase } from './api';

function summarize(result: { ok: boolean; message?: string; errors?: Record<string, string> }): string {
  if (result.ok) return result.message ?? '';
  return Object.values(result.errors ?? {}).join('\n');
}

/**
 * Progress in toasts (Sheets shows one toast at a time, each replacing the last), then the summary once, in an
 * alert: a setup's result lists tabs and triggers worth reading, and the toast of it would only repeat the alert.
 */
export function menuSetup(): void {
  const lang = currentLang();
  const result = setupDatabase((message) => toast(lang, message)) as {
    ok: boolean;
    message?: string;
    errors?: Record<string, string>;
  };
  alert(t(lang, 'menu.setup'), summarize(result));
}

export function menuRecompute(): void {
  const lang = currentLang();
  toast(lang, t(lang, 'recompute.started'));
  const result = recomputeClients() as { ok: boolean; message?: string; errors?: Record<string, string> };
  toast(lang, summarize(result), 10);
}
