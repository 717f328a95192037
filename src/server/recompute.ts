// Recomputes every client's totals from the whole journal (rows typed by hand included), gives IDs to rows typed
// by hand, back-fills first dates and the "client" stage from the journal, and refreshes the row hints.
import { backfillFromJournal, type CardValues, derivedOf, derivedValues } from '../domain/card';
import { applyFact, type Derived, derivedRules, EMPTY_DERIVED, FACT_KEYS, sameFacts } from '../domain/derived';
import { abcClasses } from '../domain/funnelReport/abc';
import { largestIdNumber } from '../domain/ids';
import { unreadableAmount } from '../domain/integrity';
import { addFirstDates, type FirstDates, factOf, kindReader } from '../domain/journal';
import { t } from '../i18n';
import { readJsonProp, withDocumentLock, writeJsonProp } from '../services/env';
import { healIdCounter, reserveIds } from '../services/ids';
import type { RecomputeSummary } from '../shared/api';
import { readColumns, rememberHints } from '../sheets/clients';
import { knownDuplicates } from '../sheets/integrity';
import { readFacts } from '../sheets/journal';
import { writePatches } from '../sheets/records';
import type { Ctx } from './context';
import { integrityLines } from './integrityText';

/** Totals and first dates of every known client from the journal, in one pass (any order of rows). */
function journalTotals(ctx: Ctx, known: Set<string>) {
  const journal = readFacts(ctx.ss, ctx.timeZone);
  const kindOf = kindReader(ctx.settings);
  const totals = new Map<string, Derived>();
  const first = new Map<string, FirstDates>();
  let unknownClientRows = 0;
  const orphanRows: number[] = [];
  const unreadableAmountRows: number[] = [];
  for (const r of journal.rows) {
    const clientId = String(r.clientId ?? '').trim();
    if (!clientId) continue;
    if (!known.has(clientId)) {
      unknownClientRows++;
      orphanRows.push(r.row);
      continue;
    }
    // 'abc' or '12abc' typed as an amount is reported, never counted as a purchase of 0.
    if (unreadableAmount(r.amount)) {
      unreadableAmountRows.push(r.row);
      continue;
    }
    const fact = factOf({ at: String(r.at), type: r.type, amount: r.amount, item: r.item }, kindOf);
    totals.set(clientId, applyFact(totals.get(clientId) ?? EMPTY_DERIVED, fact, ctx.settings));
    first.set(clientId, addFirstDates(first.get(clientId), fact));
  }
  return { totals, first, unknownClientRows, journalRows: journal.count, orphanRows, unreadableAmountRows };
}

const RULES_PROP = 'derivedRules';

/**
 * Writes only the cells that change; returns the summary the menu and the nightly run show. Frequency and points
 * are not read: they are rewritten for the cards whose facts change, and for every card when their rules (the
 * Settings threshold and percent, the labels' language) changed since the last run.
 */
export function recompute(ctx: Ctx): RecomputeSummary {
  const keys = ['id', 'fullName', 'stage', 'firstContactOn', 'firstPurchaseOn', ...FACT_KEYS, 'abcClass'];
  const scan = readColumns(ctx.ss, keys, ctx.timeZone);
  const known = new Set(scan.rows.map((r) => String(r.id)).filter(Boolean));
  const { totals, first, unknownClientRows, journalRows, orphanRows, unreadableAmountRows } = journalTotals(ctx, known);
  // Rows sharing an ID are left as they are: whose journal is it? (reported, see integrityLines)
  const duplicates = knownDuplicates();
  const rules = derivedRules(ctx.settings, ctx.lang);
  const rulesChanged = readJsonProp<string>(RULES_PROP) !== rules;
  // Heal the ID counter (a copied sheet starts without document properties): never below the largest ID present.
  healIdCounter(largestIdNumber(known));
  const unnamed = scan.rows.filter((r) => !r.id && String(r.fullName ?? '').trim());
  const ids = reserveIds(unnamed.length, () => largestIdNumber(known));
  const newId = new Map(unnamed.map((r, i) => [r.row, ids[i]]));
  const updates: Array<{ row: number; patch: CardValues }> = [];
  const revenue: Array<{ row: (typeof scan.rows)[number]; patch: CardValues; total: number }> = [];
  for (const r of scan.rows) {
    const patch: CardValues = {};
    const assigned = newId.get(r.row);
    if (assigned) patch.id = assigned;
    const id = String(assigned ?? r.id);
    if (!id || Object.hasOwn(duplicates, id)) continue;
    const d = totals.get(id) ?? EMPTY_DERIVED;
    // A blank total cell is filled even when the total is zero.
    const blank = FACT_KEYS.some((k) => r[k] === '' && d[k] !== '');
    if (rulesChanged || assigned || blank || !sameFacts(derivedOf(r), d))
      Object.assign(patch, derivedValues(ctx.lang, d));
    Object.assign(patch, backfillFromJournal(ctx.settings, r, first.get(id), d.purchases));
    revenue.push({ row: r, patch, total: d.totalSpent });
  }
  // ABC classes need every client's total: they are set once all totals are known.
  const classes = abcClasses(revenue.map((x) => x.total));
  revenue.forEach((x, i) => {
    if (String(x.row.abcClass ?? '') !== classes[i]) x.patch.abcClass = classes[i];
    if (Object.keys(x.patch).length) updates.push({ row: x.row.row, patch: x.patch });
  });
  writePatches(scan.tab, updates, ctx.timeZone, new Map(scan.rows.map((r) => [r.row, r])));
  if (rulesChanged) writeJsonProp(RULES_PROP, rules);
  rememberHints(
    scan.rows.map((r) => [newId.get(r.row) ?? String(r.id), r.row, String(r.fullName)]),
    true,
  );
  return {
    clients: scan.rows.filter((r) => r.id || r.fullName).length,
    changed: updates.length,
    journalRows,
    unknownClientRows,
    idsAssigned: ids.length,
    duplicateIds: Object.entries(duplicates).map(([id, rows]) => ({ id, rows })),
    orphanRows,
    unreadableAmountRows,
  };
}

/** The menu command and the nightly run: recompute under the document lock, with a summary. */
export function recomputeUnderLock(ctx: Ctx) {
  return withDocumentLock(30000, () => {
    const summary = recompute(ctx);
    const message = [
      t(ctx.lang, 'recompute.done', {
        clients: summary.clients,
        changed: summary.changed,
        journalRows: summary.journalRows,
        unknownClientRows: summary.unknownClientRows,
        idsAssigned: summary.idsAssigned,
      }),
      ...integrityLines(ctx.lang, summary),
    ].join(' ');
    return { ok: true as const, summary, message };
  });
}
