// What the import sidebar and the import entries exchange: JSON-safe, targets as short keys ('phone', 'part:last',
// 'channel:Instagram', 'hist:lastVisit', 'extra:text', 'row', 'skip').
import type { DuplicatePolicy, ImportCounts } from '../domain/import/types';

export type { DuplicatePolicy, ImportCounts };

/** A tab of this spreadsheet that can be imported (not one of Kartoteka's own). */
export interface ImportSource {
  name: string;
  rows: number;
  columns: number;
}

export interface ImportSourcesView {
  sources: ImportSource[];
  /** The tab on screen when it is a source ('' otherwise): the sidebar starts with it. */
  active: string;
}

/** What the sidebar may send: the user's changes to the proposed mapping and the duplicate policy. */
export interface ImportRequest {
  /** 1-based sheet row of the header (0: the tab has none); default: found by the add-on. */
  headerRow?: number;
  /** Columns (0-based) whose target the user changed, by target key. */
  overrides?: Array<{ column: number; target: string }>;
  duplicates?: DuplicatePolicy;
  /** Add the values the source uses that the Settings lists lack (new doctors, channels, services). */
  addToLists?: boolean;
}

export interface ColumnView {
  column: number;
  /** A, B, … AA: where the column is in the tab. */
  letter: string;
  header: string;
  target: string;
  label: string;
  confidence: number;
  reason: string;
  samples: string[];
}

export interface ProblemView {
  row: number;
  column: string;
  value: string;
  problem: string;
  level: 'error' | 'warning' | 'info';
}

export interface ImportPreviewView {
  sheetName: string;
  headerRow: number;
  headerRows: number;
  firstDataRow: number;
  lastRow: number;
  /** Data rows to import. */
  rows: number;
  columns: ColumnView[];
  /** Every target a column may take, by key, with its label (a column's own target is always among its options). */
  choices: Array<{ target: string; label: string }>;
  warnings: string[];
  /** What planning the first rows found (counts and their report lines). */
  sample: { rows: number; counts: ImportCounts; problems: ProblemView[] };
  /** New values for the Settings lists, by the list's header. */
  listAdditions: Array<{ list: string; values: string[] }>;
  /** Cards the database holds now. */
  existingClients: number;
}

export interface ImportStatusView {
  importId: string;
  sheetName: string;
  /** 'running': continues by itself; 'done'; 'failed': stopped (see message), may be undone; 'undone'. */
  state: 'running' | 'done' | 'failed' | 'undone';
  startedAt: string;
  by: string;
  /** Source rows handled so far, and in all. */
  done: number;
  total: number;
  counts: ImportCounts;
  message: string;
  /** The Import report tab's name. */
  reportTab: string;
}

export interface UndoSummary {
  importId: string;
  clientsRemoved: number;
  journalRemoved: number;
  cardsRestored: number;
  columnsRemoved: string[];
  conflicts: string[];
}
