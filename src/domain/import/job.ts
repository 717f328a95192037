// An import as a job that may span several executions: what it imports, how far it got, the chunk whose writes
// are under way, what each applied chunk added (for undo), and when the next chunk still fits in this execution.
import type { SimpleListKey } from '../settings';
import type { DuplicatePolicy, ImportCounts, ImportMapping } from './types';
import type { ImportProgress } from './undo';

/** Where one chunk's blocks went: its ID block, the rows of its Clients, Journal and report blocks. */
export interface ChunkRecord {
  first: string;
  count: number;
  clientsFrom: number;
  journalFrom: number;
  journalCount: number;
  reportFrom: number;
  reportCount: number;
}

/** A chunk whose writes started: enough to tell, after a stop, whether its last write landed. */
export interface PendingWrites extends ChunkRecord {
  /** Source row the chunk starts at (planned again from here when its writes did not all land). */
  fromRow: number;
  /** Cards the chunk fills in, and the fields it writes there (to check or roll back). */
  mergeIds: string[];
  /** The client ID of its last journal entry (its block landed when that row holds it and the batch marker). */
  lastJournalClient: string;
}

export type JobState = 'running' | 'done' | 'failed' | 'undone';

export interface ImportJob {
  importId: string;
  sheetName: string;
  sheetId: number;
  by: string;
  startedAt: string;
  options: { duplicates: DuplicatePolicy; addToLists: boolean };
  /** Where the data sits in the source tab (the mapping is kept beside the job). */
  table: {
    headerRow: number;
    headerRows: 1 | 2;
    firstDataRow: number;
    lastRow: number;
    width: number;
    headers: string[];
  };
  progress: ImportProgress;
  writes?: PendingWrites;
  chunks: ChunkRecord[];
  /** Extra columns this import added to Clients (undo removes those left empty). */
  extraCreated: string[];
  /** Values the source uses that the Settings lists lack, gathered over the chunks. */
  listAdditions: Partial<Record<SimpleListKey, string[]>>;
  /** What the import added to the Settings lists (undo takes them out). */
  listAdded: Partial<Record<SimpleListKey, string[]>>;
  state: JobState;
  message: string;
}

/** The mapping as kept between executions: samples are for the sidebar only. */
export function storedMapping(mapping: ImportMapping): ImportMapping {
  return { ...mapping, columns: mapping.columns.map((c) => ({ ...c, samples: [] })) };
}

const MAX_LIST_ADDITIONS = 200;

/** Adds a chunk's new list values to those gathered so far (each list capped, values unique). */
export function gatherAdditions(
  into: ImportJob['listAdditions'],
  more: ImportJob['listAdditions'],
): ImportJob['listAdditions'] {
  const out: ImportJob['listAdditions'] = { ...into };
  for (const [list, values] of Object.entries(more) as Array<[SimpleListKey, string[]]>) {
    const set = new Set(out[list] ?? []);
    for (const v of values) if (set.size < MAX_LIST_ADDITIONS) set.add(v);
    out[list] = [...set];
  }
  return out;
}

/** How long the next chunk is expected to take, from the ones done (the slowest, or the mean with a margin). */
export function chunkEstimate(doneMs: number[], firstGuessMs: number): number {
  if (!doneMs.length) return firstGuessMs;
  const mean = doneMs.reduce((s, x) => s + x, 0) / doneMs.length;
  return Math.max(mean * 1.5, ...doneMs);
}

/** Whether another chunk fits before this execution should stop. */
export function nextChunkFits(elapsedMs: number, doneMs: number[], stopAtMs: number, firstGuessMs: number): boolean {
  return elapsedMs + chunkEstimate(doneMs, firstGuessMs) <= stopAtMs;
}

/** Rows handled so far (a pending chunk counts once its writes are confirmed). */
export function rowsDone(job: ImportJob): number {
  return Math.max(0, Math.min(job.progress.nextRow, job.table.lastRow + 1) - job.table.firstDataRow);
}

export function totalRows(job: ImportJob): number {
  return Math.max(0, job.table.lastRow - job.table.firstDataRow + 1);
}

export type { ImportCounts };
