// Hand edits on record: the installable onEdit / onChange triggers (run as the owner who set them up) note what a
// person typed or pasted and what they removed in the audit log, and check pasted client rows: a duplicated ID,
// an invalid email (noted, and its email rule put back) and a phone another client has are marked on the cell.
import { largestIdNumber } from '../domain/ids';
import { normalizeEmail } from '../domain/normalize/email';
import { normalizePhone } from '../domain/normalize/phone';
import { type TrustKey, trustText } from '../domain/trustMessages';
import { t } from '../i18n';
import { healIdCounter } from '../services/ids';
import { flushAudit } from '../sheets/audit';
import { readAllIds } from '../sheets/clients';
import { forgetLayouts } from '../sheets/events';
import {
  changedSheetName,
  type EditedCells,
  isRange,
  noteCells,
  readClientColumn,
  readEdit,
  restoreEmailRule,
} from '../sheets/handEdits';
import { knownDuplicates } from '../sheets/integrity';
import { beginWrites, noteEntry } from '../sheets/writeLog';
import { type Ctx, openContext } from './context';
import { logSafely } from './handle';

type Note = { row: number; column: number; text: string };

function personOf(e: { user?: unknown }): string {
  try {
    return String((e.user as GoogleAppsScript.Base.User | undefined)?.getEmail() ?? '');
  } catch (_e) {
    return '';
  }
}

const cellValue = (v: unknown) =>
  Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).toISOString() : String(v ?? '');

/** Notes the edited cells: one entry per cell (old and new value when Sheets gives them), a paste's values. */
function noteCellsEdited(cells: EditedCells, e: { value?: unknown; oldValue?: unknown }, single: boolean): void {
  cells.values.forEach((values, r) => {
    values.forEach((v, c) => {
      noteEntry({
        clientId: cells.ids[r] ?? '',
        tab: cells.sheetName,
        sheetRow: cells.row + r,
        field: cells.fields[c],
        before: single ? String(e.oldValue ?? '') : '',
        after: single && 'value' in e ? String(e.value ?? '') : cellValue(v),
      });
    });
  });
}

/** Pasted or typed client rows: duplicated IDs, invalid emails and phones another client has, marked on the cell. */
function checkClientRows(ctx: Ctx, range: GoogleAppsScript.Spreadsheet.Range, cells: EditedCells, paste: boolean) {
  const first = Math.max(cells.row, 2);
  const last = cells.row + cells.numRows - 1;
  if (last < first) return;
  const touches = (key: string) =>
    cells.columns[key] >= cells.column && cells.columns[key] < cells.column + cells.numColumns;
  const valueAt = (row: number, key: string) => cells.values[row - cells.row]?.[cells.columns[key] - cells.column];
  const notes: Note[] = [];
  const warn = (row: number, key: string, text: string) => {
    notes.push({ row, column: cells.columns[key], text });
    noteEntry({
      clientId: cells.ids[row - cells.row] ?? '',
      tab: cells.sheetName,
      sheetRow: row,
      field: key,
      before: '',
      after: text,
    });
  };
  if (touches('id')) {
    // An ID typed or pasted: the counter moves past it, and a second row with the same ID is marked.
    const ids = readAllIds(ctx.ss, ctx.timeZone);
    healIdCounter(largestIdNumber(ids));
    for (const [id, rows] of Object.entries(knownDuplicates())) {
      for (const row of rows) {
        if (row < first || row > last) continue;
        const other = rows.find((r) => r !== row) ?? row;
        warn(row, 'id', trustText(ctx.lang, 'note.duplicateId', { id, row: other }));
      }
    }
  }
  if (touches('email')) {
    for (let row = first; row <= last; row++) {
      const v = valueAt(row, 'email');
      if (v !== undefined && String(v).trim() && !normalizeEmail(v).ok)
        warn(row, 'email', trustText(ctx.lang, 'note.invalidEmail'));
    }
    if (paste) restoreEmailRule(range, cells.columns.email, first, last - first + 1, t(ctx.lang, 'validation.email'));
  }
  if (touches('phone')) {
    const region = ctx.settings.values.phoneRegion as Parameters<typeof normalizePhone>[1];
    const key = (v: unknown) => {
      const r = normalizePhone(String(v ?? ''), region);
      return r.ok ? r.e164 : '';
    };
    const byPhone = new Map<string, number[]>();
    for (const { row, value } of readClientColumn(range, cells.columns.phone)) {
      const k = key(value);
      if (k) byPhone.set(k, [...(byPhone.get(k) ?? []), row]);
    }
    const idCol = cells.columns.id;
    const idsAt = idCol ? new Map(readClientColumn(range, idCol).map((x) => [x.row, x.value])) : new Map();
    for (let row = first; row <= last; row++) {
      const k = key(valueAt(row, 'phone'));
      const other = k ? (byPhone.get(k) ?? []).find((r) => r !== row && (r < first || r > last || r < row)) : undefined;
      if (other)
        warn(row, 'phone', trustText(ctx.lang, 'note.duplicatePhone', { id: idsAt.get(other) || '—', row: other }));
    }
  }
  if (notes.length) noteCells(range, notes);
}

/**
 * Runs the installable onEdit around `run`: a range that is not a real Range (an event made up in a sidebar or the
 * console) is ignored; otherwise the edit is noted and checked, `run` does the rest, and the log is written.
 */
export function withEditAudit(e: GoogleAppsScript.Events.SheetsOnEdit, run: () => void): void {
  if (!e || !isRange(e.range)) return;
  const ctx = openContext();
  const paste = !('value' in e) && !('oldValue' in e);
  beginWrites(trustText(ctx.lang, paste ? 'audit.paste' : 'audit.handEdit'), personOf(e) || ctx.user);
  try {
    const cells = readEdit(e.range);
    noteCellsEdited(cells, e, !paste && cells.numRows === 1 && cells.numColumns === 1);
    if (cells.clients) checkClientRows(ctx, e.range, cells, paste);
  } catch (err) {
    logSafely(err);
  }
  try {
    run();
  } finally {
    flushAudit(ctx.ss, ctx.timeZone);
  }
}

const REMOVED: Record<string, TrustKey> = { REMOVE_ROW: 'audit.rowsRemoved', REMOVE_COLUMN: 'audit.columnsRemoved' };

/** Runs the installable onChange around `run`: removed rows and columns are noted, with required columns gone. */
export function withChangeAudit(e: GoogleAppsScript.Events.SheetsOnChange, run: () => void): void {
  const type = String(e?.changeType ?? '');
  const key = REMOVED[type];
  if (!key) {
    run();
    return;
  }
  let ctx: Ctx;
  try {
    ctx = openContext();
  } catch (_e) {
    run();
    return;
  }
  beginWrites(trustText(ctx.lang, key), personOf(e as { user?: unknown }) || ctx.user);
  noteEntry({ clientId: '', tab: changedSheetName(e.source), sheetRow: '', field: type, before: '', after: '' });
  try {
    run();
    forgetLayouts();
  } finally {
    flushAudit(ctx.ss, ctx.timeZone);
  }
}
