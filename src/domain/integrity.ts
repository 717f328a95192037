// Integrity rules as plain data: which columns a tab cannot live without, how a vanished header row is recognised,
// duplicate IDs, journal rows that cannot be counted, and the daily comparison of clients with their last snapshot.
import { type FieldDef, fieldForHeader, headerKey, type TabDef } from './fields';
import { parseAmount } from './normalize/amount';

/**
 * Columns without which writing to a tab would put values in the wrong place or lose them: IDs (the identity),
 * required fields and, in a history tab, amounts (the totals are counted from them).
 */
export function requiredKeys(def: TabDef): string[] {
  return def.fields
    .filter((f) => f.type === 'id' || f.required || (f.type === 'amount' && !f.computed))
    .map((f) => f.key);
}

export interface LayoutProblems {
  missing: string[];
  headerMissing: boolean;
}

const TYPED = new Set(['date', 'datetime', 'amount', 'count']);
const isDate = (v: unknown) => Object.prototype.toString.call(v) === '[object Date]';

/**
 * True when row 1 no longer holds headers: none of its cells under the tab's columns is a known header (the field's
 * own header in either language, an alias, or the text the column had last time), while at least one looks like data
 * (a date or a number under a typed column, or an ID).
 */
export function headerRowMissing(
  def: TabDef,
  columns: Record<string, number>,
  row1: unknown[],
  lastHeaders: Record<string, string> = {},
): boolean {
  const placed = def.fields.filter((f) => columns[f.key]);
  if (!placed.length) return false;
  let data = false;
  for (const field of placed) {
    const cell = row1[columns[field.key] - 1];
    if (cell === '' || cell === null || cell === undefined) continue;
    const text = String(cell);
    if (fieldForHeader(def, text) || (lastHeaders[field.key] && headerKey(lastHeaders[field.key]) === headerKey(text)))
      return false;
    if ((TYPED.has(field.type) && (typeof cell === 'number' || isDate(cell))) || /^C-\d{4,}$/.test(text)) data = true;
  }
  return data;
}

/** What is wrong with a tab's layout: required columns not found, or the header row gone. */
export function layoutProblems(
  def: TabDef,
  columns: Record<string, number>,
  row1: unknown[],
  lastHeaders?: Record<string, string>,
): LayoutProblems {
  return {
    missing: requiredKeys(def).filter((k) => !columns[k]),
    headerMissing: headerRowMissing(def, columns, row1, lastHeaders),
  };
}

export const hasProblems = (p: LayoutProblems | undefined) => Boolean(p && (p.missing.length || p.headerMissing));

/** IDs found in more than one row, with their rows (ascending). */
export function duplicateIds(rows: Array<{ row: number; id: unknown }>): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  for (const r of rows) {
    const id = String(r.id ?? '').trim();
    if (!id) continue;
    const list = seen.get(id);
    if (list) list.push(r.row);
    else seen.set(id, [r.row]);
  }
  const out = new Map<string, number[]>();
  for (const [id, list] of seen)
    if (list.length > 1)
      out.set(
        id,
        list.sort((a, b) => a - b),
      );
  return out;
}

/** A journal amount cell that cannot be read as money ('abc', '12abc'); blanks and numbers are readable. */
export function unreadableAmount(cell: unknown): boolean {
  if (cell === '' || cell === null || cell === undefined) return false;
  if (typeof cell === 'number') return !Number.isFinite(cell);
  const r = parseAmount(String(cell), { allowNegative: true });
  return !r.ok;
}

// ---- the daily snapshot ----

/** Fields the daily check compares; a client whose fields here all turn blank is reported as blanked. */
export const SNAPSHOT_KEYS = ['fullName', 'phone', 'email'] as const;

/** One client as the snapshot keeps it: the key fields, and the whole card as JSON for a restore. */
export interface SnapshotEntry {
  id: string;
  fullName: string;
  phone: string;
  email: string;
  data: string;
}

/** The card fields worth restoring (people's input; totals come back from the journal), as compact JSON. */
export function cardData(fields: FieldDef[], rec: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.computed && f.key !== 'id') continue;
    const v = rec[f.key];
    if (v !== '' && v !== null && v !== undefined) out[f.key] = v;
  }
  return JSON.stringify(out);
}

export interface SnapshotDiff {
  /** In the snapshot, no longer in the tab. */
  vanished: SnapshotEntry[];
  /** Still there, but every key field that had a value is now blank. */
  blanked: Array<{ before: SnapshotEntry; row: number }>;
  /** Rows whose key fields are new or changed: their snapshot entry is refreshed. */
  changed: Array<{ row: number; id: string }>;
}

/** Compares the clients now (ID and key fields per row) with the last snapshot. */
export function compareSnapshot(
  previous: SnapshotEntry[],
  current: Array<{ row: number; id: string; fullName: string; phone: string; email: string }>,
): SnapshotDiff {
  const now = new Map(current.filter((c) => c.id).map((c) => [c.id, c]));
  const before = new Map(previous.map((p) => [p.id, p]));
  const vanished: SnapshotEntry[] = [];
  const blanked: SnapshotDiff['blanked'] = [];
  for (const p of previous) {
    const c = now.get(p.id);
    if (!c) {
      vanished.push(p);
      continue;
    }
    const had = SNAPSHOT_KEYS.filter((k) => p[k]);
    if (had.length && had.every((k) => !String(c[k] ?? '').trim())) blanked.push({ before: p, row: c.row });
  }
  const changed: SnapshotDiff['changed'] = [];
  for (const c of current) {
    if (!c.id) continue;
    const p = before.get(c.id);
    if (!p || SNAPSHOT_KEYS.some((k) => String(p[k]) !== String(c[k] ?? ''))) changed.push({ row: c.row, id: c.id });
  }
  return { vanished, blanked, changed };
}

/**
 * IDs for rows that lost theirs (a deleted ID column put back empty): a row gets an ID when exactly one known client
 * has the same name, phone and email, and that ID is not in use. `known` comes from the snapshot and the journal.
 */
export function recoverIds(
  rows: Array<{ row: number; id: string; fullName: string; phone?: string; email?: string }>,
  known: Array<{ id: string; fullName: string; phone?: string; email?: string }>,
): Map<number, string> {
  const key = (r: { fullName: string; phone?: string; email?: string }, full: boolean) =>
    full
      ? `${headerKey(r.fullName)}|${String(r.phone ?? '')}|${String(r.email ?? '').toLowerCase()}`
      : headerKey(r.fullName);
  const inUse = new Set(rows.map((r) => r.id).filter(Boolean));
  const out = new Map<number, string>();
  const assigned = new Set<string>();
  for (const full of [true, false]) {
    const byKey = new Map<string, Set<string>>();
    for (const k of known) {
      if (!k.fullName || inUse.has(k.id)) continue;
      const kk = key(k, full);
      if (!byKey.has(kk)) byKey.set(kk, new Set());
      byKey.get(kk)!.add(k.id);
    }
    const wanted = new Map<string, number[]>();
    for (const r of rows) {
      if (r.id || out.has(r.row) || !String(r.fullName).trim()) continue;
      const kk = key(r, full);
      wanted.set(kk, [...(wanted.get(kk) ?? []), r.row]);
    }
    for (const [kk, list] of wanted) {
      const ids = [...(byKey.get(kk) ?? [])].filter((id) => !assigned.has(id));
      if (ids.length === 1 && list.length === 1) {
        out.set(list[0], ids[0]);
        assigned.add(ids[0]);
      }
    }
  }
  return out;
}
