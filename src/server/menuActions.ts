// Menu commands that run long operations: progress toasts, then a short summary.
import { t } from '../i18n';
import { currentLang } from '../services/locale';
import { recomputeClients, setupDatabase } from './api';

function summarize(result: { ok: boolean; message?: string; errors?: Record<string, string> }): string {
  if (result.ok) return result.message ?? '';
  return Object.values(result.errors ?? {}).join('\n');
}

export function menuSetup(): void {
  const lang = currentLang();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const result = setupDatabase((message) => ss.toast(message, t(lang, 'app.name'), 5)) as {
    ok: boolean;
    message?: string;
    errors?: Record<string, string>;
  };
  SpreadsheetApp.getUi().alert(t(lang, 'menu.setup'), summarize(result), SpreadsheetApp.getUi().ButtonSet.OK);
}

export function menuRecompute(): void {
  const lang = currentLang();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  ss.toast(t(lang, 'recompute.started'), t(lang, 'app.name'), 5);
  const result = recomputeClients() as { ok: boolean; message?: string; errors?: Record<string, string> };
  ss.toast(summarize(result), t(lang, 'app.name'), 10);
}
