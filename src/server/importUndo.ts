// Undo last import: its cards and journal rows removed, the cards it filled in put back cell for cell (cells people
// changed since are left and named), its report rows, the extra columns it added that hold nothing else, and the
// values it added to the Settings lists taken out; totals recomputed where a total changed since.
import { type ImportUndoChunk, importText, isFromImport, planUndo } from '../domain/import';
import type { ImportJob } from '../domain/import/job';
import { mergesFromReport } from '../domain/import/reportTab';
import { LIST_HEADERS, type SimpleListKey } from '../domain/settings';
import { IMPORT_CONTINUATION } from '../domain/triggers';
import { withDocumentLock } from '../services/env';
import { readImport, writeJob } from '../services/importState';
import { removeTriggers } from '../services/triggers';
import type { UndoSummary } from '../shared/import';
import { deleteRowsOf } from '../sheets/importAppend';
import {
  deleteExtraColumns,
  deleteGridRows,
  emptyExtraColumns,
  patchCards,
  readClientsGrid,
} from '../sheets/importClients';
import { journalTab } from '../sheets/journal';
import { readRecords } from '../sheets/records';
import { type Ctx, UserError } from './context';
import { reportTab, settle } from './importRun';
import { recompute } from './recompute';
import { updateSettings } from './settings';

const LOCK_MS = 30_000;

/** The last import, if `importId` names it and it can still be undone. */
function undoable(ctx: Ctx, importId: unknown): ImportJob {
  const { job } = readImport();
  if (!job) throw new UserError({ _: importText(ctx.lang, 'error.nothingToUndo') });
  if (typeof importId !== 'string' || importId !== job.importId) {
    const key = job.state === 'undone' ? 'error.nothingToUndo' : 'error.notLast';
    throw new UserError({ _: importText(ctx.lang, key, { importId: job.importId }) });
  }
  if (job.state === 'undone') throw new UserError({ _: importText(ctx.lang, 'error.undone', { importId }) });
  return job;
}

/** Takes out of the Settings lists what the import added there (values people removed since stay removed). */
function removeListValues(ctx: Ctx, job: ImportJob): string {
  const lists: Partial<Record<SimpleListKey, string[]>> = {};
  const removed: string[] = [];
  for (const [list, values] of Object.entries(job.listAdded) as Array<[SimpleListKey, string[]]>) {
    const current = (ctx.settings.lists[list] as string[] | undefined) ?? [];
    const left = current.filter((v) => !values.includes(v));
    if (left.length === current.length) continue;
    lists[list] = left;
    removed.push(`${LIST_HEADERS[list]?.[ctx.lang] ?? list}: ${values.filter((v) => current.includes(v)).join(', ')}`);
  }
  if (!removed.length) return '';
  const r = updateSettings(ctx, { lists });
  if (!r.ok) return importText(ctx.lang, 'lists.notAdded', { reason: Object.values(r.errors).join('; ') });
  return importText(ctx.lang, 'undo.lists', { items: removed.join('; ') });
}

export function undoImport(ctx: Ctx, importId: unknown) {
  const summary = withDocumentLock(LOCK_MS, () => {
    let job = undoable(ctx, importId);
    // A running import stops here; a chunk that was being written is settled first.
    removeTriggers(IMPORT_CONTINUATION);
    job = settle(ctx, job);
    const grid = readClientsGrid(ctx.ss, ctx.timeZone);
    const report = reportTab(ctx);
    const reportRows = readRecords(report, ctx.timeZone, ['importId', 'clientId', 'undo'], ctx.ss).rows.filter(
      (r) => r.importId === job.importId,
    );
    const { merges, broken } = mergesFromReport(reportRows, job.importId);
    const chunks: ImportUndoChunk[] = [
      ...job.chunks.map((c) => ({ importId: job.importId, ids: { first: c.first, count: c.count }, merges: [] })),
      { importId: job.importId, ids: { first: '', count: 0 }, merges },
    ];
    const plan = planUndo(chunks, grid.cards, ctx.lang);
    patchCards(grid, plan.restore, ctx.timeZone);
    const removed = new Set(plan.removeClientIds);
    const rows = grid.cards.filter((c) => removed.has(c.id)).map((c) => c.row);
    deleteGridRows(grid, rows);

    const journal = journalTab(ctx.ss);
    const entries = readRecords(journal, ctx.timeZone, ['clientId', 'by'], ctx.ss).rows;
    const marked = entries.filter((e) => isFromImport(e.by, plan.journalMarker)).map((e) => e.row);
    const later = entries.filter((e) => !isFromImport(e.by, plan.journalMarker) && removed.has(String(e.clientId)));
    deleteRowsOf(journal.sheet, marked);
    deleteRowsOf(
      report.sheet,
      reportRows.map((r) => r.row),
    );

    const empty = emptyExtraColumns(grid, job.extraCreated);
    deleteExtraColumns(grid, empty);
    const listsNote = removeListValues(ctx, job);
    if (plan.recomputeIds.length) recompute(ctx);

    const conflicts = [
      ...plan.conflicts.map((c) => c.message),
      ...broken.map((id) => importText(ctx.lang, 'undo.badData', { id })),
    ];
    const result: UndoSummary = {
      importId: job.importId,
      clientsRemoved: rows.length,
      journalRemoved: marked.length,
      cardsRestored: plan.restore.length,
      columnsRemoved: empty,
      conflicts,
    };
    const message = [
      importText(ctx.lang, 'undo.done', {
        importId: job.importId,
        clients: rows.length,
        journal: marked.length,
        restored: plan.restore.length,
      }),
      empty.length ? importText(ctx.lang, 'undo.columns', { columns: empty.join(', ') }) : '',
      listsNote,
      later.length ? importText(ctx.lang, 'undo.later', { count: later.length }) : '',
      ...conflicts,
    ]
      .filter(Boolean)
      .join('; ');
    writeJob({ ...job, state: 'undone', message });
    return { summary: result, message };
  });
  return { ok: true as const, ...summary };
}

/** What the menu's confirmation names: the last import that can be undone, or a refusal. */
export function lastUndoable(ctx: Ctx): ImportJob {
  const { job } = readImport();
  if (!job || job.state === 'undone') throw new UserError({ _: importText(ctx.lang, 'error.nothingToUndo') });
  return job;
}
