// The Audit tab: this execution's notes are queued at its end (src/services/auditQueue.ts); the log is appended in one
// block, each entry chained to the one above by SHA-256, and the chain's head kept in document properties, so an
// entry deleted or altered in the sheet is found by verifyAuditLog.
import {
  AUDIT_TAB,
  type AuditEntry,
  type ChainHead,
  type ChainProblem,
  chainEntries,
  verifyChain,
} from '../domain/audit';
import { dequeue, enqueue, queued } from '../services/auditQueue';
import { sha256Hex } from '../services/digest';
import { readJsonProp, withDocumentLock, writeJsonProp } from '../services/env';
import { appendRecords, NotSetUpError, openTab, type RecordsTab, type Row, readRecords } from './records';
import { takeNotes, type WriteNote } from './writeLog';

const HEAD = 'audit.head';

/** Queues this execution's notes (call once at its end). */
export function queueAudit(): void {
  const notes = takeNotes();
  if (notes.length) enqueue(notes);
}

function wall(ms: number, tz: string): string {
  return Utilities.formatDate(new Date(ms), tz, 'yyyy-MM-dd HH:mm:ss');
}

/**
 * Appends every queued note to the Audit tab under the document lock; returns how many. Leaves the queue as it is
 * when the tab does not exist yet, the lock is busy, or this person may not write the tab (it is protected).
 */
export function flushAudit(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, tz: string): number {
  queueAudit();
  try {
    return withDocumentLock(5000, () => {
      const { keys, notes } = queued();
      if (!keys.length) return 0;
      const tab = openTab(ss, AUDIT_TAB);
      const entries: AuditEntry[] = (notes as WriteNote[]).map((n) => ({
        at: wall(n.atMs, tz),
        who: n.who,
        action: n.action,
        clientId: n.clientId,
        tab: n.tab,
        sheetRow: n.sheetRow,
        field: n.field,
        before: n.before,
        after: n.after,
      }));
      const head = readJsonProp<ChainHead>(HEAD) ?? { count: 0, hash: '' };
      const { records, head: next } = chainEntries(head, entries, sha256Hex);
      appendRecords(tab, records as unknown as Row[], tz);
      writeJsonProp(HEAD, next);
      dequeue(keys);
      return records.length;
    });
  } catch (e) {
    if (e instanceof NotSetUpError) return 0;
    console.warn(`audit: queued entries wait for the next run (${e instanceof Error ? e.name : 'error'})`);
    return 0;
  }
}

/** The Audit tab read back and checked against the chain and its head. */
export function checkAuditLog(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tz: string,
): { count: number; problems: ChainProblem[]; tab: RecordsTab } {
  const tab = openTab(ss, AUDIT_TAB);
  const { rows } = readRecords(tab, tz, undefined, ss);
  const filled = rows.filter((r) => AUDIT_TAB.fields.some((f) => r[f.key] !== ''));
  const head = readJsonProp<ChainHead>(HEAD);
  return { count: filled.length, problems: verifyChain(filled, sha256Hex, head), tab };
}
