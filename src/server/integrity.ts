// The daily integrity check (the nightly run and the morning digest call it; the menu runs it on demand): client IDs
// and key fields against the last snapshot, duplicate IDs, the audit chain, the edit triggers. Restore brings
// vanished clients back from the snapshot and gives IDs back to rows that lost them; verifyAudit checks the log.

import { SNAPSHOT_TAB } from '../domain/audit';
import { CLIENT_FIELDS } from '../domain/fields';
import { cardData, compareSnapshot, recoverIds, SNAPSHOT_KEYS, type SnapshotEntry } from '../domain/integrity';
import { shortList, trustText } from '../domain/trustMessages';
import type { Lang } from '../i18n';
import { readJsonProp, withDocumentLock, writeJsonProp } from '../services/env';
import { healIdCounter, nextIdNumber } from '../services/ids';
import { ownTriggerHandlers } from '../services/triggerCheck';
import { triggerOwner } from '../services/triggers';
import { checkAuditLog, flushAudit } from '../sheets/audit';
import { clientsTab, hintsUpTo, readColumns } from '../sheets/clients';
import { deleteRowsWithId, knownDuplicates } from '../sheets/integrity';
import { readFacts } from '../sheets/journal';
import { mergeRuns, runs } from '../sheets/layout';
import {
  appendRecords,
  openTab,
  type RecordsTab,
  type Row,
  type RowAt,
  readRecordRange,
  readRecords,
  writePatches,
} from '../sheets/records';
import type { Ctx } from './context';
import { recompute } from './recompute';

const REPORT = 'integrity.report';
// The report lives in one document property (9 KB): lists are cut, counts are whole.
const LISTED = 25;
// The snapshot keeps each text of a card up to this length (a cell holds 50,000 characters in all).
const SNAPSHOT_TEXT = 4000;

type Known = { id: string; fullName: string; phone: string; email: string };

export interface IntegrityReport {
  checkedOn: string;
  clients: number;
  /** True on the first run: the snapshot was just made, there was nothing to compare with. */
  first: boolean;
  vanished: Known[];
  vanishedCount: number;
  blanked: Array<Known & { row: number }>;
  blankedCount: number;
  duplicates: Array<{ id: string; rows: number[] }>;
  auditProblems: number;
  triggersMissing: boolean;
}

const entryOf = (r: Row): SnapshotEntry => ({
  id: String(r.id ?? ''),
  fullName: String(r.fullName ?? ''),
  phone: String(r.phone ?? ''),
  email: String(r.email ?? ''),
  data: String(r.data ?? ''),
});

/** Whole client rows, read one rectangle per run of nearby rows. */
function fullRows(tab: RecordsTab, rows: number[], tz: string): RowAt[] {
  const out: RowAt[] = [];
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  for (const [first, count] of mergeRuns(runs(sorted), 20)) out.push(...readRecordRange(tab, first, count, tz));
  const wanted = new Set(sorted);
  return out.filter((r) => wanted.has(r.row));
}

function snapshotRecord(rec: Row): Row {
  const cut: Row = {};
  for (const [k, v] of Object.entries(rec)) cut[k] = typeof v === 'string' ? v.slice(0, SNAPSHOT_TEXT) : v;
  return {
    id: String(rec.id),
    fullName: String(rec.fullName ?? ''),
    phone: String(rec.phone ?? ''),
    email: String(rec.email ?? ''),
    data: cardData(CLIENT_FIELDS, cut),
  };
}

/** Compares, refreshes the snapshot (never with a blanked card), and stores the report. Caller holds the lock. */
export function runCheck(ctx: Ctx): IntegrityReport {
  const scan = readColumns(ctx.ss, ['id', ...SNAPSHOT_KEYS], ctx.timeZone);
  const snap = openTab(ctx.ss, SNAPSHOT_TAB);
  const before = readRecords(snap, ctx.timeZone, undefined, ctx.ss).rows.filter((r) => r.id);
  const current = scan.rows.map((r) => ({
    row: r.row,
    id: String(r.id ?? ''),
    fullName: String(r.fullName ?? ''),
    phone: String(r.phone ?? ''),
    email: String(r.email ?? ''),
  }));
  const diff = compareSnapshot(before.map(entryOf), current);
  const blankedRows = new Set(diff.blanked.map((b) => b.row));
  const refresh = diff.changed.filter((c) => !blankedRows.has(c.row));
  if (refresh.length) {
    const snapRow = new Map(before.map((r) => [String(r.id), r.row]));
    const updates: Array<{ row: number; patch: Row }> = [];
    const added: Row[] = [];
    for (const rec of fullRows(
      scan.tab,
      refresh.map((c) => c.row),
      ctx.timeZone,
    )) {
      if (!rec.id) continue;
      const { row, ...values } = rec;
      const record = snapshotRecord(values);
      const at = snapRow.get(String(rec.id));
      if (at) updates.push({ row: at, patch: record });
      else added.push(record);
    }
    writePatches(snap, updates, ctx.timeZone);
    appendRecords(snap, added, ctx.timeZone);
  }
  let auditProblems = 0;
  try {
    auditProblems = checkAuditLog(ctx.ss, ctx.timeZone).problems.length;
  } catch (_e) {
    auditProblems = 0;
  }
  const owner = triggerOwner();
  const handlers = owner && owner === ctx.user ? ownTriggerHandlers() : null;
  const known = (e: SnapshotEntry): Known => ({ id: e.id, fullName: e.fullName, phone: e.phone, email: e.email });
  const report: IntegrityReport = {
    checkedOn: ctx.today,
    clients: current.filter((c) => c.id).length,
    first: before.length === 0,
    vanished: diff.vanished.slice(0, LISTED).map(known),
    vanishedCount: diff.vanished.length,
    blanked: diff.blanked.slice(0, LISTED).map((b) => ({ ...known(b.before), row: b.row })),
    blankedCount: diff.blanked.length,
    duplicates: Object.entries(knownDuplicates())
      .slice(0, LISTED)
      .map(([id, rows]) => ({ id, rows })),
    auditProblems,
    triggersMissing: Boolean(
      handlers && !(handlers.includes('onEditInstalled') && handlers.includes('onChangeInstalled')),
    ),
  };
  writeJsonProp(REPORT, report);
  return report;
}

const who = (k: Known) => `${k.id} ${k.fullName}`.trim();

/** The report as sentences: what vanished or was blanked (with the last known name), duplicates, the log, triggers. */
export function reportLines(lang: Lang, r: IntegrityReport): string[] {
  const out: string[] = [];
  if (r.first) out.push(trustText(lang, 'integrity.first', { count: r.clients }));
  if (r.vanishedCount)
    out.push(
      trustText(lang, 'integrity.vanished', { count: r.vanishedCount, list: shortList(r.vanished.map(who), 10, lang) }),
    );
  if (r.blankedCount)
    out.push(
      trustText(lang, 'integrity.blanked', { count: r.blankedCount, list: shortList(r.blanked.map(who), 10, lang) }),
    );
  if (r.duplicates.length)
    out.push(
      trustText(lang, 'integrity.duplicates', {
        list: shortList(
          r.duplicates.map((d) => `${d.id} (${d.rows.join(', ')})`),
          10,
          lang,
        ),
      }),
    );
  if (r.auditProblems) out.push(trustText(lang, 'audit.broken', { problems: String(r.auditProblems) }));
  if (r.triggersMissing) out.push(trustText(lang, 'integrity.triggers'));
  if (!out.length) out.push(trustText(lang, 'integrity.ok', { count: r.clients }));
  return out;
}

/** The menu command: the check now, under the lock. */
export function checkIntegrity(ctx: Ctx) {
  return withDocumentLock(30000, () => {
    const report = runCheck(ctx);
    return { ok: true as const, report, message: reportLines(ctx.lang, report).join(' ') };
  });
}

/** What the morning digest shows, for the morning run to place in its letter. */
export interface IntegritySection {
  /** Sentences; empty when all is well (a quiet digest). */
  lines: string[];
  vanished: Known[];
  blanked: Array<Known & { row: number }>;
}

/**
 * The check once a day (the nightly run does it; the morning run calls this and gets today's report, running the
 * check itself when the night did not), as the digest's section: empty when nothing is wrong.
 */
export function dailyIntegrity(ctx: Ctx): IntegritySection {
  let report = readJsonProp<IntegrityReport>(REPORT);
  if (!report || report.checkedOn !== ctx.today) report = withDocumentLock(30000, () => runCheck(ctx));
  const bad =
    report.vanishedCount ||
    report.blankedCount ||
    report.duplicates.length ||
    report.auditProblems ||
    report.triggersMissing;
  return {
    lines: bad ? reportLines(ctx.lang, report) : [],
    vanished: report.vanished,
    blanked: report.blanked,
  };
}

/**
 * Rows that lost their ID (a deleted ID column put back empty) get it back: from the row hints (same row, same
 * name), then the snapshot and the journal (the one known client with that name, phone and email). Caller holds
 * the lock. Returns how many.
 */
export function recoverLostIds(ctx: Ctx): number {
  const scan = readColumns(ctx.ss, ['id', ...SNAPSHOT_KEYS], ctx.timeZone);
  const lost = scan.rows.filter((r) => !r.id && String(r.fullName ?? '').trim());
  if (!lost.length) return 0;
  const known: Known[] = [];
  try {
    known.push(...readRecords(openTab(ctx.ss, SNAPSHOT_TAB), ctx.timeZone).rows.map((r) => entryOf(r)));
  } catch (_e) {
    // No snapshot yet: the journal's names still tell who is who.
  }
  const seen = new Set(known.map((k) => k.id));
  for (const r of readFacts(ctx.ss, ctx.timeZone, ['clientId', 'clientName']).rows) {
    const id = String(r.clientId ?? '');
    if (id && !seen.has(id)) {
      seen.add(id);
      known.push({ id, fullName: String(r.clientName ?? ''), phone: '', email: '' });
    }
  }
  const assigned = new Map<number, string>();
  const inUse = new Set(scan.rows.map((r) => String(r.id)).filter(Boolean));
  // The row hints (ID → row and name, cached for hours) say it best: the same row still holds the same name.
  const lostAt = new Map(lost.map((r) => [r.row, String(r.fullName)]));
  for (const [id, row, name] of hintsUpTo(nextIdNumber())) {
    if (inUse.has(id) || assigned.has(row) || lostAt.get(row) !== name) continue;
    assigned.set(row, id);
    inUse.add(id);
  }
  const rest = lost
    .filter((r) => !assigned.has(r.row))
    .map((r) => ({
      row: r.row,
      id: '',
      fullName: String(r.fullName),
      phone: String(r.phone ?? ''),
      email: String(r.email ?? ''),
    }));
  for (const [row, id] of recoverIds(
    rest,
    known.filter((k) => !inUse.has(k.id)),
  ))
    assigned.set(row, id);
  writePatches(
    scan.tab,
    [...assigned].map(([row, id]) => ({ row, patch: { id } })),
    ctx.timeZone,
  );
  healIdCounter(Math.max(0, ...[...assigned.values()].map((id) => Number(id.slice(2)) || 0)));
  return assigned.size;
}

/** The menu command: IDs back to rows that lost them, vanished clients back from the snapshot, totals recomputed. */
export function restoreClients(ctx: Ctx) {
  return withDocumentLock(30000, () => {
    const ids = recoverLostIds(ctx);
    const present = new Set(readColumns(ctx.ss, ['id'], ctx.timeZone).rows.map((r) => String(r.id)));
    const snap = readRecords(openTab(ctx.ss, SNAPSHOT_TAB), ctx.timeZone).rows.map(entryOf);
    const vanished = snap.filter((e) => e.id && !present.has(e.id));
    const keys = new Set(CLIENT_FIELDS.map((f) => f.key));
    const records: Row[] = vanished.map((e) => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(e.data || '{}') as Record<string, unknown>;
      } catch (_e) {
        data = { fullName: e.fullName, phone: e.phone, email: e.email };
      }
      const rec: Row = {};
      for (const [k, v] of Object.entries(data))
        if (keys.has(k) && (typeof v === 'string' || typeof v === 'number')) rec[k] = v;
      rec.id = e.id;
      return rec;
    });
    if (records.length) {
      appendRecords(clientsTab(ctx.ss), records, ctx.timeZone);
      recompute(ctx);
    }
    const parts = [
      ids ? trustText(ctx.lang, 'restore.ids', { count: ids }) : '',
      records.length
        ? trustText(ctx.lang, 'restore.done', {
            count: records.length,
            list: shortList(
              vanished.map((v) => v.id),
              10,
              ctx.lang,
            ),
          })
        : trustText(ctx.lang, 'restore.none'),
    ].filter(Boolean);
    return { ok: true as const, restored: vanished.map((v) => v.id), idsRecovered: ids, message: parts.join(' ') };
  });
}

/** The menu command: queued entries written, then the whole log checked against its chain and its head. */
export function verifyAudit(ctx: Ctx) {
  flushAudit(ctx.ss, ctx.timeZone);
  const { count, problems } = checkAuditLog(ctx.ss, ctx.timeZone);
  if (!problems.length)
    return {
      ok: true as const,
      intact: true,
      count,
      problems: [],
      message: trustText(ctx.lang, 'audit.ok', { count }),
    };
  const texts = problems.map((p) =>
    p.kind === 'truncated'
      ? trustText(ctx.lang, 'audit.truncated', { expected: p.expected, count: p.count })
      : trustText(ctx.lang, p.kind === 'altered' ? 'audit.altered' : 'audit.missing', { row: p.row }),
  );
  return {
    ok: true as const,
    intact: false,
    count,
    problems: texts,
    message: trustText(ctx.lang, 'audit.broken', { problems: shortList(texts, 10, ctx.lang) }),
  };
}

/** A client removed by the add-on itself (merged into another): out of the snapshot, so it is not "vanished". */
export function forgetInSnapshot(ctx: Ctx, id: string): void {
  try {
    deleteRowsWithId(openTab(ctx.ss, SNAPSHOT_TAB), id);
  } catch (_e) {
    // No snapshot yet (or this person may not write it): the next check reports the merge as a vanished card.
  }
}

/**
 * The digest's section of the morning run: today's report (the night's check, or the check now when the night did not
 * run it), or nothing when all is well. Never throws: a sender who may not write the snapshot gets the stored report.
 */
export function integrityDigest(ctx: Ctx): { title: string; notes: string[] } | undefined {
  try {
    const section = dailyIntegrity(ctx);
    return section.lines.length ? { title: trustText(ctx.lang, 'integrity.title'), notes: section.lines } : undefined;
  } catch (_e) {
    const report = readJsonProp<IntegrityReport>(REPORT);
    if (!report) return undefined;
    const lines = reportLines(ctx.lang, report).filter(
      (l) => l !== trustText(ctx.lang, 'integrity.ok', { count: report.clients }),
    );
    return lines.length ? { title: trustText(ctx.lang, 'integrity.title'), notes: lines } : undefined;
  }
}
