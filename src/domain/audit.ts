// The audit log as data: the Audit and snapshot tabs, one entry's shape, and the hash chain that makes a deleted or
// altered entry visible. The digest (SHA-256 in Apps Script) is passed in, so the rules stay pure.
import type { FieldDef, FieldType } from './fields';
import type { RecordsTabSpec } from './tabs';

const field = (key: string, type: FieldType, ru: string, en: string, width: number): FieldDef => ({
  key,
  type,
  header: { ru, en },
  group: 'system',
  width,
});

/** Every change: who, when, what, which client, which field, before → after; each entry chained to the one above. */
export const AUDIT_TAB: RecordsTabSpec = {
  kind: 'records',
  key: 'audit',
  name: { ru: 'Аудит', en: 'Audit' },
  protect: 'history',
  ownerOnly: true,
  fields: [
    field('seq', 'count', '№', 'No.', 70),
    field('at', 'text', 'Когда', 'When', 150),
    field('who', 'text', 'Кто', 'Who', 180),
    field('action', 'text', 'Действие', 'Action', 150),
    field('clientId', 'id', 'ID клиента', 'Client ID', 90),
    field('tab', 'text', 'Вкладка', 'Tab', 110),
    field('sheetRow', 'count', 'Строка', 'Row', 70),
    field('field', 'text', 'Поле', 'Field', 140),
    field('before', 'longtext', 'Было', 'Before', 220),
    field('after', 'longtext', 'Стало', 'After', 220),
    field('hash', 'text', 'Контрольная сумма', 'Checksum', 120),
  ],
};

/** The clients as the daily check last saw them (hidden): key fields to compare, the card as JSON to restore. */
export const SNAPSHOT_TAB: RecordsTabSpec = {
  kind: 'records',
  key: 'snapshot',
  name: { ru: 'Снимок базы', en: 'Database snapshot' },
  protect: 'history',
  ownerOnly: true,
  hidden: true,
  fields: [
    field('id', 'id', 'ID', 'ID', 90),
    field('fullName', 'text', 'ФИО', 'Full name', 200),
    field('phone', 'text', 'Телефон', 'Phone', 140),
    field('email', 'text', 'Email', 'Email', 180),
    field('data', 'longtext', 'Карточка', 'Card', 400),
  ],
};

export interface AuditEntry {
  at: string;
  who: string;
  action: string;
  clientId: string;
  tab: string;
  /** The changed row of that tab ('' for a whole-tab change). */
  sheetRow: number | '';
  field: string;
  before: string;
  after: string;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  hash: string;
}

/** Longest before/after value kept in the log (the card keeps the whole text). */
export const AUDIT_VALUE_MAX = 1000;

/** A value as the log stores it: text, one kind of line break, trimmed, cut with an ellipsis when very long. */
export function auditValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  const text = String(v).replace(/\r\n?/g, '\n').trim();
  return text.length > AUDIT_VALUE_MAX ? `${text.slice(0, AUDIT_VALUE_MAX - 1)}…` : text;
}

const AUDIT_KEYS = ['seq', 'at', 'who', 'action', 'clientId', 'tab', 'sheetRow', 'field', 'before', 'after'] as const;

/** One entry as the chain hashes it: its cells as they read back from the sheet, joined by a separator. */
export function auditLine(rec: Record<string, unknown>): string {
  return AUDIT_KEYS.map((k) => String(rec[k] ?? '').trim()).join('\u001f');
}

export type Digest = (text: string) => string;

export interface ChainHead {
  count: number;
  hash: string;
}

/** Numbers and chains new entries after `head`; returns the records and the new head. */
export function chainEntries(
  head: ChainHead,
  entries: AuditEntry[],
  digest: Digest,
): { records: AuditRecord[]; head: ChainHead } {
  let { count, hash } = head;
  const records: AuditRecord[] = [];
  for (const e of entries) {
    count++;
    const rec = { ...e, seq: count, before: auditValue(e.before), after: auditValue(e.after) } as AuditRecord;
    for (const k of ['at', 'who', 'action', 'clientId', 'tab', 'field'] as const) rec[k] = auditValue(rec[k]);
    hash = digest(`${hash}\u001e${auditLine(rec as unknown as Record<string, unknown>)}`);
    rec.hash = hash;
    records.push(rec);
  }
  return { records, head: { count, hash } };
}

export type ChainProblem =
  | { kind: 'altered'; row: number }
  | { kind: 'missing'; row: number }
  | { kind: 'truncated'; expected: number; count: number };

/**
 * Walks the log top to bottom: an entry whose checksum does not follow from the one above was altered; a jump in
 * the numbering means entries were deleted; fewer entries (or another last checksum) than the head kept outside
 * the sheet says the last ones were deleted or rewritten.
 */
export function verifyChain(
  rows: Array<Record<string, unknown> & { row: number }>,
  digest: Digest,
  head?: ChainHead,
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prevSeq = 0;
  let prevHash = '';
  for (const r of rows) {
    const seq = Number(r.seq);
    if (!Number.isInteger(seq) || seq <= 0) {
      problems.push({ kind: 'altered', row: r.row });
      continue;
    }
    if (seq !== prevSeq + 1) problems.push({ kind: 'missing', row: r.row });
    else if (digest(`${prevHash}\u001e${auditLine(r)}`) !== String(r.hash))
      problems.push({ kind: 'altered', row: r.row });
    prevSeq = seq;
    prevHash = String(r.hash);
  }
  if (head && (prevSeq < head.count || (prevSeq === head.count && head.count > 0 && prevHash !== head.hash)))
    problems.push({ kind: 'truncated', expected: head.count, count: prevSeq });
  return problems;
}
