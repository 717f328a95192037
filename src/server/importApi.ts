// What the import sidebar, the menu and the continuation trigger reach (through src/main.ts), each run by `handle`.
import { importText } from '../domain/import';
import { t } from '../i18n';
import { currentLang } from '../services/locale';
import { alert, confirm, toast } from '../services/ui';
import { handle } from './handle';
import { previewImport as preview, importSources as sources } from './importPreview';
import { continueImport as resume, startImport, importStatus as status } from './importRun';
import { lastUndoable, undoImport as undo } from './importUndo';

export const importSources = () => handle(sources);
export const previewImport = (sheetName: string, request?: unknown) =>
  handle((ctx) => preview(ctx, sheetName, request));

export function importClients(sheetName: string, options?: unknown) {
  const started = Date.now();
  return handle((ctx) => startImport(ctx, sheetName, options, started), { action: 'importClients' });
}

export function continueImport() {
  const started = Date.now();
  const result = handle((ctx) => resume(ctx, started), { action: 'importClients' });
  if (!result.ok) console.error(JSON.stringify(result));
  return result;
}

export const importStatus = () => handle(status);
export const undoImport = (importId: string) =>
  handle((ctx) => undo(ctx, importId), {
    fresh: true,
    action: 'undoImport',
    requires: 'undoImport',
    flush: true,
  });

/** Menu: Undo last import — names it and asks first, then a toast while it runs and the summary in an alert. */
export function menuUndoImport(): void {
  const lang = currentLang();
  const title = t(lang, 'menu.undoImport');
  const last = handle((ctx) => ({ ok: true as const, job: lastUndoable(ctx) }));
  if (!last.ok) {
    alert(title, Object.values(last.errors ?? {}).join('\n'));
    return;
  }
  const { importId, sheetName } = last.job;
  if (!confirm(title, importText(lang, 'undo.confirm', { importId, sheet: sheetName }))) {
    toast(lang, importText(lang, 'undo.cancelled'));
    return;
  }
  toast(lang, title);
  const result = undoImport(importId);
  alert(title, result.ok ? result.message : Object.values(result.errors ?? {}).join('\n'));
}
