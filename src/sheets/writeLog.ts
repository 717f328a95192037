// What this execution wrote, noted by the record adapters as they write (src/sheets/records.ts), so every write path
// reaches the audit log without each use case re-implementing it. src/sheets/audit.ts queues and appends the notes.
import { type AuditEntry, auditValue } from '../domain/audit';
import type { TabDef } from '../domain/fields';

type Value = string | number;

/** A noted change; the time is an instant, turned into the sheet's wall time when the log is written. */
export interface WriteNote extends Omit<AuditEntry, 'at'> {
  atMs: number;
}

// Tabs whose writes are bookkeeping of the log itself.
const UNLOGGED = new Set(['audit', 'snapshot']);
// More notes than this in one execution are summed up per tab, action and field.
const MAX_NOTES = 2000;

let action = '';
let who = '';
let notes: WriteNote[] = [];
const befores = new Map<string, Record<string, Value>>();

/** Starts an execution's log: what is being done and by whom. */
export function beginWrites(actionName: string, user: string): void {
  action = actionName;
  who = user;
  notes = [];
  befores.clear();
}

/** The action name of this execution (for entries noted by the use case itself). */
export function currentAction(): string {
  return action;
}

/** A row as it was read before a write, so the log can say before → after. */
export function rememberBefore(tabKey: string, row: number, values: Record<string, Value>): void {
  if (UNLOGGED.has(tabKey)) return;
  befores.set(`${tabKey}:${row}`, values);
}

function idOf(_def: TabDef, rec: Record<string, unknown> | undefined): string {
  if (!rec) return '';
  return String(rec.id ?? rec.clientId ?? '');
}

function summary(rec: Record<string, unknown>, keys: readonly string[]): string {
  return keys
    .filter((k) => rec[k] !== '' && rec[k] !== undefined && rec[k] !== null)
    .map((k) => `${k}: ${String(rec[k])}`)
    .join('; ');
}

/** Notes one entry as the use case describes it (a hand edit, a merge, a restore). */
export function noteEntry(entry: Omit<WriteNote, 'atMs' | 'who' | 'action'> & { who?: string; action?: string }): void {
  push({ atMs: Date.now(), who, action, ...entry });
}

function push(note: WriteNote): void {
  note.before = auditValue(note.before);
  note.after = auditValue(note.after);
  if (notes.length < MAX_NOTES) {
    notes.push(note);
    return;
  }
  // Past the cap, changes are counted per tab, action and field in one summary entry each.
  const same = notes.find(
    (n) =>
      n.sheetRow === '' &&
      n.clientId === '' &&
      n.tab === note.tab &&
      n.field === note.field &&
      n.action === note.action,
  );
  const count = same ? Number(same.after) + 1 : 1;
  if (same) same.after = String(count);
  else notes.push({ ...note, sheetRow: '', clientId: '', before: '', after: '1' });
}

/** Rows appended: one entry per row (its non-empty fields as after). */
export function noteAppend(
  def: TabDef,
  sheetName: string,
  firstRow: number | '',
  records: Record<string, Value>[],
): void {
  if (UNLOGGED.has(def.key)) return;
  const keys = def.fields.map((f) => f.key);
  const at = Date.now();
  records.forEach((rec, i) => {
    push({
      atMs: at,
      who,
      action,
      clientId: idOf(def, rec),
      tab: sheetName,
      sheetRow: firstRow === '' ? '' : firstRow + i,
      field: '',
      before: '',
      after: summary(rec, keys),
    });
  });
}

/** Fields of existing rows written: one entry per field that changed (before from what was read, when known). */
export function noteUpdate(
  def: TabDef,
  sheetName: string,
  updates: Array<{ row: number; patch: Record<string, Value> }>,
  current?: Map<number, Record<string, Value>>,
): void {
  if (UNLOGGED.has(def.key)) return;
  const at = Date.now();
  for (const { row, patch } of updates) {
    const before = current?.get(row) ?? befores.get(`${def.key}:${row}`);
    const id = idOf(def, patch) || idOf(def, before);
    for (const [field, after] of Object.entries(patch)) {
      const was = before?.[field];
      if (was !== undefined && String(was) === String(after ?? '')) continue;
      push({
        atMs: at,
        who,
        action,
        clientId: id,
        tab: sheetName,
        sheetRow: row,
        field,
        before: String(was ?? ''),
        after: String(after ?? ''),
      });
    }
  }
}

/** Takes this execution's notes (they are queued once). */
export function takeNotes(): WriteNote[] {
  const out = notes;
  notes = [];
  return out;
}
