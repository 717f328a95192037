// Running an import: a job started from the sidebar (or the entry) goes through the source in chunks; each chunk is
// planned against the cards as they are, gets its IDs in one block, and is written in four bulk writes in an order
// that lets a stopped execution tell whether its last chunk landed (then kept) or not (then cleared and redone).
// A job longer than one execution continues by a one-off trigger; a safety net continues one that was killed.
import {
  beginChunk,
  commitChunk,
  type ImportMapping,
  type ImportPlan,
  importIdAt,
  importSummary,
  importText,
  isFromImport,
  planImport,
  resolveJournal,
  resumeProgress,
  type SourceCell,
  startProgress,
} from '../domain/import';
import {
  gatherAdditions,
  type ImportJob,
  nextChunkFits,
  type PendingWrites,
  rowsDone,
  storedMapping,
  totalRows,
} from '../domain/import/job';
import { IMPORT_REPORT_TAB, mergesFromReport, reportRecords } from '../domain/import/reportTab';
import { LIST_HEADERS, type SimpleListKey } from '../domain/settings';
import { IMPORT_CONTINUATION } from '../domain/triggers';
import { LockBusyError, withDocumentLock } from '../services/env';
import { reserveIds } from '../services/ids';
import { nowWithSeconds, readImport, writeJob, writeMapping } from '../services/importState';
import { removeTriggers, scheduleContinuation } from '../services/triggers';
import type { ImportStatusView } from '../shared/import';
import { appendRows, deleteRowsOf, nextRowOf, readRows } from '../sheets/importAppend';
import {
  addExtraColumns,
  appendCards,
  type ClientsGrid,
  deleteGridRows,
  flagCells,
  gridIsCurrent,
  largestId,
  patchCards,
  readClientsGrid,
} from '../sheets/importClients';
import { importReportTab } from '../sheets/importReport';
import { readSourceGrid, readSourceRows, sourceSheet, sourceSheetId } from '../sheets/importSource';
import { journalTab } from '../sheets/journal';
import type { RecordsTab } from '../sheets/records';
import { type Ctx, UserError } from './context';
import { checkRequest, mappingFor, openSource } from './importPreview';
import { updateSettings } from './settings';

/** Source rows planned and written at once: 10,000 rows are one chunk. */
export const CHUNK_ROWS = 10_000;
/** An execution started from the sidebar hands the rest to a continuation after this long (the sidebar waits). */
const INTERACTIVE_STOP_MS = 60_000;
/** A continuation stops starting chunks here, well before Apps Script's 6 minutes. */
const CONTINUATION_STOP_MS = 240_000;
/** What a chunk is assumed to take before one was timed. */
const FIRST_CHUNK_GUESS_MS = 20_000;
/** A continuation starts this long after an execution stops (the shortest one-off time trigger). */
const CONTINUE_AFTER_MS = 60_000;
/** The safety net: a killed execution is continued this long after it started. */
const WATCHDOG_MS = 7 * 60_000;
const LOCK_MS = 30_000;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The source rows one execution works from: the whole grid when it was read anyway, else chunk by chunk. */
interface Source {
  sheet: Sheet;
  grid?: SourceCell[][];
}

/** The Import report tab; created (with its columns, format and protection) when a database predates it. */
export function reportTab(ctx: Ctx): RecordsTab {
  return importReportTab(ctx.ss, ctx);
}

/** An import ID from now, never the same as the last import's (two imports within one second). */
function newImportId(ctx: Ctx, last?: ImportJob): string {
  let id = importIdAt(nowWithSeconds(ctx.timeZone));
  if (last?.importId && id <= last.importId) {
    const n = Number(last.importId.slice(-6)) + 1;
    id = `${last.importId.slice(0, -6)}${String(n).padStart(6, '0')}`;
  }
  return id;
}

function refuseWhileRunning(ctx: Ctx, job?: ImportJob): void {
  if (job?.state === 'running') {
    throw new UserError({
      _: importText(ctx.lang, 'error.running', { importId: job.importId, sheet: job.sheetName }),
    });
  }
}

// ------------------------------------------------------------------------------------------------ one chunk

/** Cards on Clients now: the copy this execution keeps, read again when someone added rows since. */
function currentGrid(ctx: Ctx, state: { grid?: ClientsGrid }): ClientsGrid {
  const g = state.grid;
  if (g && gridIsCurrent(g)) return g;
  state.grid = readClientsGrid(ctx.ss, ctx.timeZone);
  return state.grid;
}

function chunkRows(job: ImportJob, source: Source, ctx: Ctx): { rows: SourceCell[][]; from: number } {
  const from = job.progress.nextRow;
  const count = Math.min(CHUNK_ROWS, job.table.lastRow - from + 1);
  if (source.grid) return { rows: source.grid.slice(from - 1, from - 1 + count), from };
  return { rows: readSourceRows(source.sheet, from, count, job.table.width, ctx.timeZone), from };
}

/** Plans and writes the next chunk under the document lock; returns the job as it stands after. */
function oneChunk(ctx: Ctx, job: ImportJob, mapping: ImportMapping, source: Source, state: { grid?: ClientsGrid }) {
  const grid = currentGrid(ctx, state);
  const { rows, from } = chunkRows(job, source, ctx);
  const plan: ImportPlan = planImport({
    importId: job.importId,
    table: {
      headerRow: job.table.headerRow,
      headerRows: job.table.headerRows,
      headers: job.table.headers,
      rows,
      firstDataRow: from,
    },
    mapping,
    existing: grid.cards,
    options: { duplicates: job.options.duplicates },
    env: ctx,
    by: job.by,
    now: ctx.now,
    fromRow: from,
    maxRows: CHUNK_ROWS,
    lastRow: job.table.lastRow,
  });
  const ids = reserveIds(plan.newClients.length, () => largestId(grid));
  const newHeaders = mapping.extraColumns.map((c) => c.header).filter((h) => !grid.extra.has(h));
  const report = reportTab(ctx);
  const journal = journalTab(ctx.ss);
  const records = reportRecords(plan, ctx.lang);
  const entries = resolveJournal(plan, ids).map((e) => e.values as unknown as Record<string, string | number>);
  const writes: PendingWrites = {
    first: ids[0] ?? '',
    count: ids.length,
    clientsFrom: grid.lastRow + 1,
    journalFrom: nextRowOf(journal),
    journalCount: entries.length,
    reportFrom: nextRowOf(report),
    reportCount: records.length,
    fromRow: from,
    mergeIds: plan.merges.map((m) => m.targetId),
    lastJournalClient: String(entries[entries.length - 1]?.clientId ?? ''),
  };
  let next: ImportJob = {
    ...job,
    progress: beginChunk(job.progress, plan, writes.first),
    writes,
    extraCreated: [...job.extraCreated, ...newHeaders],
    listAdditions: gatherAdditions(job.listAdditions, plan.listAdditions),
  };
  writeJob(next);
  // The order the landing check relies on: report (with what merges replace), cards, merges, journal last.
  appendRows(report, records, ctx.timeZone, writes.reportFrom - 1);
  addExtraColumns(grid, newHeaders);
  const firstCard = appendCards(
    grid,
    plan.newClients.map((c, i) => ({ values: { ...c.values, id: ids[i] }, extra: c.extra })),
    ctx.timeZone,
  );
  // What could not be read is marked where people look: a note on the cell, pointing to the report.
  flagCells(
    grid,
    firstCard,
    plan.newClients.map((c) => c.flagged),
    importText(ctx.lang, 'cell.flagged', { importId: job.importId, report: IMPORT_REPORT_TAB.name[ctx.lang] }),
  );
  patchCards(
    grid,
    plan.merges.map((m) => ({ id: m.targetId, values: m.patch, extra: m.extraPatch })),
    ctx.timeZone,
  );
  appendRows(journal, entries, ctx.timeZone, writes.journalFrom - 1);
  const { fromRow: _f, mergeIds: _m, lastJournalClient: _l, ...record } = writes;
  next = { ...next, progress: commitChunk(next.progress), writes: undefined, chunks: [...next.chunks, record] };
  writeJob(next);
  return next;
}

// ------------------------------------------------------------------------------------------ a stopped chunk

/** Whether the last write of a stopped chunk landed (then all did: each write is one call, made in order). */
function landed(ctx: Ctx, job: ImportJob, w: PendingWrites, grid: ClientsGrid, report: RecordsTab): boolean {
  if (w.journalCount > 0) {
    const [last] = readRows(journalTab(ctx.ss), w.journalFrom + w.journalCount - 1, 1, ctx.timeZone);
    return Boolean(last && String(last.clientId) === w.lastJournalClient && isFromImport(last.by, job.importId));
  }
  if (w.mergeIds.length) {
    const rows = readRows(report, w.reportFrom, w.reportCount, ctx.timeZone);
    const { merges } = mergesFromReport(rows, job.importId);
    const byId = new Map(grid.cards.map((c) => [c.id, c]));
    return (
      merges.length > 0 &&
      merges.every((m) => {
        const card = byId.get(m.id);
        return Boolean(card && Object.entries(m.after).every(([k, v]) => String(card.values[k] ?? '') === String(v)));
      })
    );
  }
  if (w.count > 0) {
    const lastId = idAt(w.first, w.count - 1);
    return grid.cards.some((c) => c.id === lastId);
  }
  if (w.reportCount > 0) {
    const [last] = readRows(report, w.reportFrom + w.reportCount - 1, 1, ctx.timeZone);
    return Boolean(last && last.importId === job.importId);
  }
  return true;
}

function idAt(first: string, offset: number): string {
  const n = Number(first.slice(2)) + offset;
  return `C-${String(n).padStart(Math.max(6, first.length - 2), '0')}`;
}

/** Clears what a stopped chunk wrote (its cards, the cells of its merges, its report rows), so it can be redone. */
function rollBack(ctx: Ctx, job: ImportJob, w: PendingWrites, grid: ClientsGrid, report: RecordsTab): void {
  const rows = readRows(report, w.reportFrom, w.reportCount, ctx.timeZone).filter((r) => r.importId === job.importId);
  const { merges } = mergesFromReport(rows, job.importId);
  const byId = new Map(grid.cards.map((c) => [c.id, c]));
  const restore = merges
    .map((m) => {
      const card = byId.get(m.id);
      const values = Object.fromEntries(
        Object.entries(m.before).filter(([k]) => card && String(card.values[k] ?? '') === String(m.after[k] ?? '')),
      );
      const extra = Object.fromEntries(
        Object.entries(m.extraBefore).filter(
          ([k]) => card && String(card.extra[k] ?? '') === String(m.extraAfter[k] ?? ''),
        ),
      );
      return { id: m.id, values, extra };
    })
    .filter((r) => Object.keys(r.values).length || Object.keys(r.extra).length);
  patchCards(grid, restore, ctx.timeZone);
  if (w.count > 0) {
    const block = new Set(Array.from({ length: w.count }, (_, i) => idAt(w.first, i)));
    deleteGridRows(
      grid,
      grid.cards.filter((c) => block.has(c.id)).map((c) => c.row),
    );
  }
  deleteRowsOf(
    report.sheet,
    rows.map((r) => r.row),
  );
}

/**
 * A chunk whose writes were under way when an execution stopped: kept when its last write landed, else cleared and
 * planned again. Either way no source row is imported twice.
 */
export function settle(ctx: Ctx, job: ImportJob): ImportJob {
  const w = job.writes;
  if (!w) return job;
  const grid = readClientsGrid(ctx.ss, ctx.timeZone);
  const report = reportTab(ctx);
  let next: ImportJob;
  if (landed(ctx, job, w, grid, report)) {
    const { fromRow: _f, mergeIds: _m, lastJournalClient: _l, ...record } = w;
    next = { ...job, progress: resumeProgress(job.progress, true), writes: undefined, chunks: [...job.chunks, record] };
  } else {
    rollBack(ctx, job, w, grid, report);
    next = { ...job, progress: resumeProgress(job.progress, false), writes: undefined };
  }
  writeJob(next);
  return next;
}

// ----------------------------------------------------------------------------------------------- the loop

/** The values the import found for the Settings lists, added to them when the user asked for it. */
function addToLists(ctx: Ctx, job: ImportJob): { job: ImportJob; note: string } {
  const additions = Object.entries(job.listAdditions) as Array<[SimpleListKey, string[]]>;
  if (!job.options.addToLists || !additions.some(([, v]) => v.length)) return { job, note: '' };
  const lists: Partial<Record<SimpleListKey, string[]>> = {};
  const added: ImportJob['listAdded'] = {};
  for (const [list, values] of additions) {
    const current = (ctx.settings.lists[list] as string[] | undefined) ?? [];
    const fresh = values.filter((v) => !current.includes(v));
    if (!fresh.length) continue;
    lists[list] = [...current, ...fresh];
    added[list] = fresh;
  }
  if (!Object.keys(lists).length) return { job, note: '' };
  try {
    const r = updateSettings(ctx, { lists });
    if (!r.ok) {
      const reason = Object.values(r.errors).join('; ');
      return { job, note: importText(ctx.lang, 'lists.notAdded', { reason }) };
    }
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { job, note: importText(ctx.lang, 'lists.notAdded', { reason: Object.values(e.errors).join('; ') }) };
  }
  const items = (Object.entries(added) as Array<[SimpleListKey, string[]]>)
    .map(([list, values]) => `${LIST_HEADERS[list]?.[ctx.lang] ?? list}: ${values.join(', ')}`)
    .join('; ');
  return { job: { ...job, listAdded: added }, note: importText(ctx.lang, 'lists.added', { items }) };
}

function statusMessage(ctx: Ctx, job: ImportJob): string {
  if (job.state === 'done' || job.state === 'undone' || job.state === 'failed') return job.message;
  const line = importText(ctx.lang, 'progress.done', {
    importId: job.importId,
    done: rowsDone(job),
    total: totalRows(job),
  });
  return `${line}; ${importText(ctx.lang, 'progress.continues')}`;
}

/** Chunks while they fit in this execution; then the job is finished, or handed to a continuation. */
function runChunks(
  ctx: Ctx,
  job: ImportJob,
  mapping: ImportMapping,
  source: Source,
  startedMs: number,
  stopAtMs: number,
) {
  const state: { grid?: ClientsGrid } = {};
  const times: number[] = [];
  let current = job;
  try {
    while (!current.progress.done && nextChunkFits(Date.now() - startedMs, times, stopAtMs, FIRST_CHUNK_GUESS_MS)) {
      const t0 = Date.now();
      const before = current;
      current = withDocumentLock(LOCK_MS, () => oneChunk(ctx, before, mapping, source, state));
      times.push(Date.now() - t0);
    }
  } catch (e) {
    // Busy: the continuation tries again. Anything else stops the import where it is (it can be undone).
    if (!(e instanceof LockBusyError)) {
      const latest = readImport().job ?? current;
      const message = e instanceof UserError ? Object.values(e.errors).join('; ') : e instanceof Error ? e.message : '';
      writeJob({ ...latest, state: 'failed', message });
      removeTriggers(IMPORT_CONTINUATION);
      throw e;
    }
  }
  if (!current.progress.done) {
    if (current.sheetId < 0) {
      current = { ...current, sheetId: sourceSheetId(source.sheet) };
      writeJob(current);
    }
    scheduleContinuation(IMPORT_CONTINUATION, CONTINUE_AFTER_MS);
    return current;
  }
  const lists = addToLists(ctx, current);
  const summary = importSummary(ctx.lang, current.importId, current.progress.counts);
  const done: ImportJob = {
    ...lists.job,
    state: 'done',
    message: [summary, lists.note].filter(Boolean).join('; '),
  };
  writeJob(done);
  removeTriggers(IMPORT_CONTINUATION);
  return done;
}

export function statusView(ctx: Ctx, job: ImportJob): ImportStatusView {
  return {
    importId: job.importId,
    sheetName: job.sheetName,
    state: job.state,
    startedAt: job.startedAt,
    by: job.by,
    done: rowsDone(job),
    total: totalRows(job),
    counts: job.progress.counts,
    message: statusMessage(ctx, job),
    reportTab: IMPORT_REPORT_TAB.name[ctx.lang],
  };
}

/** importClients: checks the request, maps the tab, starts the job and runs as many chunks as fit. */
export function startImport(ctx: Ctx, name: unknown, input: unknown, startedMs: number) {
  const req = checkRequest(ctx, input);
  const sheet = openSource(ctx, name);
  const grid = readSourceGrid(sheet, ctx.timeZone);
  const { table, mapping } = mappingFor(ctx, grid, req);
  const sheetName = String(name);
  if (!table.rows.length) throw new UserError({ _: importText(ctx.lang, 'error.empty', { name: sheetName }) });
  const lastRow = table.firstDataRow + table.rows.length - 1;
  const job = withDocumentLock(LOCK_MS, () => {
    const { job: last } = readImport();
    refuseWhileRunning(ctx, last);
    const importId = newImportId(ctx, last);
    const created: ImportJob = {
      importId,
      sheetName,
      // Known once the import needs a continuation (which finds the tab by it even after a rename).
      sheetId: -1,
      by: ctx.user,
      startedAt: ctx.now,
      options: { duplicates: req.duplicates, addToLists: req.addToLists },
      table: {
        headerRow: table.headerRow,
        headerRows: table.headerRows,
        firstDataRow: table.firstDataRow,
        lastRow,
        width: table.headers.length,
        headers: table.headers,
      },
      progress: startProgress(importId, table.firstDataRow, lastRow),
      chunks: [],
      extraCreated: [],
      listAdditions: {},
      listAdded: {},
      state: 'running',
      message: '',
    };
    writeMapping(storedMapping(mapping));
    writeJob(created);
    return created;
  });
  scheduleContinuation(IMPORT_CONTINUATION, WATCHDOG_MS);
  const after = runChunks(ctx, job, mapping, { sheet, grid }, startedMs, INTERACTIVE_STOP_MS);
  const status = statusView(ctx, after);
  return {
    ok: true as const,
    importId: after.importId,
    done: after.state === 'done',
    counts: after.progress.counts,
    status,
    message: status.message,
  };
}

/** The continuation trigger: settles a stopped chunk, then runs chunks until done or out of time. */
export function continueImport(ctx: Ctx, startedMs: number) {
  const { job, mapping } = readImport();
  if (job?.state !== 'running' || !mapping) {
    removeTriggers(IMPORT_CONTINUATION);
    return { ok: true as const, status: job ? statusView(ctx, job) : null };
  }
  scheduleContinuation(IMPORT_CONTINUATION, WATCHDOG_MS);
  const settled = withDocumentLock(LOCK_MS, () => settle(ctx, job));
  const sheet = sourceSheet(ctx.ss, settled.sheetName, settled.sheetId < 0 ? undefined : settled.sheetId);
  if (!sheet) {
    const message = importText(ctx.lang, 'error.sourceGone', {
      name: settled.sheetName,
      importId: settled.importId,
      row: settled.progress.nextRow,
    });
    writeJob({ ...settled, state: 'failed', message });
    removeTriggers(IMPORT_CONTINUATION);
    return { ok: true as const, status: statusView(ctx, { ...settled, state: 'failed', message }) };
  }
  const after = runChunks(ctx, settled, mapping, { sheet }, startedMs, CONTINUATION_STOP_MS);
  return { ok: true as const, status: statusView(ctx, after) };
}

/** Where the last import stands (the sidebar's progress line). */
export function importStatus(ctx: Ctx) {
  const { job } = readImport();
  return { ok: true as const, status: job ? statusView(ctx, job) : null };
}
