// The shapes of an import as plain data: source cells, the column mapping, the plan of writes, the report and undo.
import type { JournalEntryValues } from '../journal';
import type { SimpleListKey } from '../settings';
import type { ValidationEnv } from '../validate';

/**
 * One cell of the source tab as the adapter hands it over: text, a number, a checkbox, or ''/null when empty.
 * Date cells arrive as 'yyyy-mm-dd' (or 'yyyy-mm-ddTHH:mm' when the cell shows a time), converted in the
 * SPREADSHEET's time zone; a number stays a number (a serial in a date column is read as a date).
 */
export type SourceCell = string | number | boolean | null | undefined;

/** A card or journal value as the records adapter writes it: text, 'yyyy-mm-dd' dates, numbers. */
export type CellValue = string | number;
/** Extra columns keep what the source held: text, numbers, checkboxes. */
export type ExtraValue = string | number | boolean;

/** What the import needs to know about the database: language, locale, zone, today, settings. */
export type ImportEnv = ValidationEnv;

/** Contact history the source tells about without a card field of its own: it becomes journal rows. */
export type HistoryEvent = 'lastVisit' | 'lastContact' | 'lastPurchase' | 'totalSpent';
/** How an extra column's values are read (a second phone is still cleaned as a phone). */
export type ExtraKind = 'text' | 'phone' | 'email' | 'date' | 'number';

/** Where one source column goes. */
export type ImportTarget =
  /** A Clients field by key (see CLIENT_FIELDS). */
  | { kind: 'field'; key: string }
  /** One part of the name; the parts are joined into fullName. */
  | { kind: 'namePart'; part: 'last' | 'first' | 'middle' }
  /** A column of marks ('+', 'да', '1', the channel's name) for one advertising channel → source. */
  | { kind: 'channel'; channel: string }
  /** A date (or amount) of past contacts: journal history, the card's milestones and totals. */
  | { kind: 'history'; event: HistoryEvent }
  /** Kept as its own column on Clients under its original header; rowNumber marks a "№" column. */
  | { kind: 'extra'; as: ExtraKind; rowNumber?: boolean }
  /** Not imported: only by the user's explicit choice, and said so in the report. */
  | { kind: 'skip' };

/** Why a column got its target: the field's own header, an alias or synonym, its words, its content, the user. */
export type MappingReason = 'header' | 'alias' | 'words' | 'content' | 'user' | 'unmapped';

export interface ColumnMapping {
  /** 0-based column index in the source rows. */
  column: number;
  /** The header as the source spells it ('' when the column has none; two-row headers as 'Group: Sub'). */
  header: string;
  target: ImportTarget;
  /** 0–1: how sure the automatic mapping is (1 for the field's own header or the user's choice). */
  confidence: number;
  reason: MappingReason;
  /** The first few non-empty values, as text, for the mapping sidebar. */
  samples: string[];
  /** Extra columns: the header they get on Clients (the original, made unique). */
  extraHeader?: string;
  /** Date columns: the day/month order found in the values ('dmy' 15.03.2026, 'mdy' 03/15/2026). */
  dateOrder?: 'dmy' | 'mdy';
}

export interface ExtraColumn {
  header: string;
  as: ExtraKind;
}

/** Where the data sits in the source tab. */
export interface SourceTable {
  /** 1-based sheet row of the header (the first one when the header takes two rows). */
  headerRow: number;
  headerRows: 1 | 2;
  /** One header per column (two-row headers joined as 'Group: Sub'). */
  headers: string[];
  /** The data rows (all of them, or the slice being imported). */
  rows: SourceCell[][];
  /** 1-based sheet row of rows[0]. */
  firstDataRow: number;
}

export interface ImportMapping {
  headerRow: number;
  headerRows: 1 | 2;
  columns: ColumnMapping[];
  /** The extra columns Clients gets, in source order. */
  extraColumns: ExtraColumn[];
  /** Localized notes on the mapping as a whole (no name column, no contact column…). */
  warnings: string[];
}

export type DuplicatePolicy = 'merge' | 'keepApart' | 'skip';

export interface ImportOptions {
  duplicates: DuplicatePolicy;
}

/** A card as the records adapter reads it: every field by key (computed ones too) and extra columns by header. */
export interface ExistingCard {
  id: string;
  values: Record<string, CellValue>;
  extra?: Record<string, ExtraValue>;
}

/** A new card; the adapter assigns IDs in order from a reserved block. */
export interface NewClient {
  /** Sheet rows of the source this card was built from (more than one when in-file duplicates were merged). */
  sourceRows: number[];
  values: Record<string, CellValue>;
  extra: Record<string, ExtraValue>;
  /** Field keys and extra headers whose value could not be read and is kept as it was (to highlight). */
  flagged: string[];
}

/** Filling an existing card: only empty fields, conflicts in notes; `before` restores the card cell for cell. */
export interface MergePlan {
  targetId: string;
  sourceRows: number[];
  patch: Record<string, CellValue>;
  extraPatch: Record<string, ExtraValue>;
  before: Record<string, CellValue>;
  extraBefore: Record<string, ExtraValue>;
  /** Field keys and extra headers that took a value kept as it was (to highlight). */
  flagged: string[];
}

/** A client reference in a planned journal row: a new card by its position in newClients, or an existing ID. */
export type ClientRef = { newIndex: number } | { id: string };

export interface PlannedJournalEntry {
  client: ClientRef;
  sourceRow: number;
  /** The journal row; clientId is '' for a new card until resolveJournal fills it from the assigned IDs. */
  values: JournalEntryValues;
}

export type ReportLevel = 'error' | 'warning' | 'info';

/** One line of the Import report tab. */
export interface ReportRow {
  /** 1-based sheet row of the source (the header row for column-wide notes). */
  sourceRow: number;
  /** The source column header ('' for a decision about the whole row). */
  column: string;
  value: string;
  /** Localized sentence. */
  problem: string;
  code: string;
  level: ReportLevel;
  /** The card the decision concerns, when it already has an ID. */
  clientId?: string;
}

export interface ImportCounts {
  /** Source rows looked at in this chunk. */
  rows: number;
  /** Rows with nothing but a row number or blank marks. */
  emptyRows: number;
  newClients: number;
  mergedIntoExisting: number;
  mergedInFile: number;
  keptApart: number;
  skipped: number;
  journalEntries: number;
  /** Cells whose value could not be read and was kept as it was. */
  unreadable: number;
}

export interface ImportCursor {
  /** Sheet row of the next source row to import. */
  nextRow: number;
  /** True when no source row is left after this chunk. */
  done: boolean;
}

/** Everything one chunk of an import writes, as data. */
export interface ImportPlan {
  importId: string;
  newClients: NewClient[];
  merges: MergePlan[];
  journal: PlannedJournalEntry[];
  extraColumns: ExtraColumn[];
  report: ReportRow[];
  counts: ImportCounts;
  /** Values the source used that the Settings lists do not have yet. */
  listAdditions: Partial<Record<SimpleListKey, string[]>>;
  cursor: ImportCursor;
}
