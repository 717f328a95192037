// The Sent log tab: one row per client letter (and per day's digest) the morning run takes on, its state shown in
// the sheet's language. Read whole once per run; each send reads and writes its own row through one Range.
import { DROP_LABELS, SEND_STATE_LABELS, type SendState, type SentLogEntry } from '../domain/reminders';
import { SENT_LOG_TAB } from '../domain/tabs';
import type { Lang } from '../i18n';
import { fromCell, toCell } from './cells';
import { readTabByName, tabFor } from './fastRead';
import type { Layout } from './layout';
import { appendRecords, fieldOf, layoutWidth, openTab, type RecordsTab, type Row, writePatches } from './records';

/** What a Sent log row holds besides the entry: who, which letter, to whom, its subject. */
export interface LogFields {
  clientId: string;
  clientName: string;
  /** The letter's kind as people read it ('поздравление с днём рождения'). */
  rule: string;
  occasionDate: string;
  to: string;
  subject: string;
}

export type LogRecord = SentLogEntry & LogFields & { row: number };

const STATES = Object.keys(SEND_STATE_LABELS.en) as SendState[];
const norm = (v: unknown) =>
  String(v ?? '')
    .trim()
    .toLowerCase();

/** A state cell → the state; a code or a label in either language. Anything else never sends again. */
export function readState(cell: unknown): SendState {
  const text = norm(cell);
  return (
    STATES.find(
      (s) => s === text || norm(SEND_STATE_LABELS.ru[s]) === text || norm(SEND_STATE_LABELS.en[s]) === text,
    ) ?? 'dropped'
  );
}

type DropCode = keyof (typeof DROP_LABELS)['en'];
const DROP_CODES = Object.keys(DROP_LABELS.en) as DropCode[];

/** A note cell → a drop reason's code when it shows one's label, else the text as it is. */
export function readNote(cell: unknown): string {
  const text = String(cell ?? '').trim();
  const code = DROP_CODES.find((c) => c === text || DROP_LABELS.ru[c] === text || DROP_LABELS.en[c] === text);
  return code ?? text;
}

/** A record as the tab holds it: state and drop reason shown in the sheet's language. */
function toRow(rec: SentLogEntry & Partial<LogFields>, lang: Lang): Row {
  const note = rec.note ?? '';
  const row: Row = {
    key: rec.key,
    state: SEND_STATE_LABELS[lang][rec.state],
    attempts: rec.attempts,
    firstDueOn: rec.firstDueOn,
    updatedAt: rec.updatedAt,
    note: DROP_CODES.includes(note as DropCode) ? DROP_LABELS[lang][note as DropCode] : note,
  };
  for (const k of ['clientId', 'clientName', 'rule', 'occasionDate', 'to', 'subject'] as const) {
    if (rec[k] !== undefined) row[k] = rec[k];
  }
  return row;
}

function fromRow(rec: Row, row: number): LogRecord | null {
  const key = String(rec.key ?? '').trim();
  if (!key) return null;
  const attempts = Number(rec.attempts);
  const text = (k: string) => String(rec[k] ?? '').trim();
  const note = readNote(rec.note);
  return {
    key,
    state: readState(rec.state),
    attempts: Number.isFinite(attempts) && attempts > 0 ? Math.floor(attempts) : 0,
    firstDueOn: text('firstDueOn').slice(0, 10),
    updatedAt: text('updatedAt'),
    ...(note ? { note } : {}),
    clientId: text('clientId'),
    clientName: text('clientName'),
    rule: text('rule'),
    occasionDate: text('occasionDate'),
    to: text('to'),
    subject: text('subject'),
    row,
  };
}

/** The tab for writing (looked up by the name the read used). */
export function sentLogTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, layout?: Layout): RecordsTab {
  return layout ? tabFor(ss, SENT_LOG_TAB, layout) : openTab(ss, SENT_LOG_TAB);
}

/** Every row of the log that has a key: one read of the whole tab by its name. NotSetUpError when it is missing. */
export function readSentLog(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tz: string,
): { layout: Layout; records: LogRecord[] } {
  const read = readTabByName(ss, SENT_LOG_TAB, tz);
  const records: LogRecord[] = [];
  for (const rec of read.rows) {
    const r = fromRow(rec, rec.row);
    if (r) records.push(r);
  }
  return { layout: read.layout, records };
}

/**
 * One row of the log through one Range: read it (null when it no longer holds `key`: people sorted or deleted rows)
 * and write it back whole, cells of columns people added kept as read.
 */
export interface LogRowCursor {
  read(key: string): LogRecord | null;
  write(rec: SentLogEntry & Partial<LogFields>): void;
}

export function logRowAt(tab: RecordsTab, row: number, tz: string, lang: Lang): LogRowCursor {
  const width = Math.max(tab.layout.lastColumn, layoutWidth(tab.layout));
  const range = tab.sheet.getRange(row, 1, 1, width);
  let cells: unknown[] = [];
  const keys = Object.keys(tab.layout.columns);
  return {
    read(key) {
      cells = range.getValues()[0];
      const rec: Row = {};
      for (const k of keys) rec[k] = fromCell(fieldOf(tab.def, k), cells[tab.layout.columns[k] - 1], tz);
      const found = fromRow(rec, row);
      return found && found.key === key ? found : null;
    },
    write(rec) {
      const values = toRow(rec, lang);
      const out = [...cells];
      while (out.length < width) out.push('');
      for (const [k, v] of Object.entries(values)) {
        const column = tab.layout.columns[k];
        if (column) out[column - 1] = toCell(fieldOf(tab.def, k), v, tz);
      }
      range.setValues([out]);
      cells = out;
    },
  };
}

/** Appends records below the last row in one write; returns the row of the first. */
export function appendLog(
  tab: RecordsTab,
  records: Array<SentLogEntry & Partial<LogFields>>,
  tz: string,
  lang: Lang,
): number {
  return appendRecords(
    tab,
    records.map((r) => toRow(r, lang)),
    tz,
  );
}

/** Rewrites the entries of rows already in the log (only the cells that hold the entry and its fields). */
export function patchLog(
  tab: RecordsTab,
  updates: Array<{ row: number; record: SentLogEntry & Partial<LogFields> }>,
  tz: string,
  lang: Lang,
): void {
  if (updates.length)
    writePatches(
      tab,
      updates.map((u) => ({ row: u.row, patch: toRow(u.record, lang) })),
      tz,
    );
}
