// The funnel between rebuilds: on the first night of a month the Funnel tab moves on to show it (its formulas follow);
// ABC classes refreshed from the totals as they are, on demand ("Rebuild segments and funnel").
import { abcClasses } from '../domain/funnelReport/abc';
import { lastMonthFormula, rolledLastMonth } from '../domain/funnelReport/render';
import { funnelText } from '../domain/funnelReport/texts';
import { readColumns } from '../sheets/clients';
import { readLastMonthCell, writeLastMonthCell } from '../sheets/funnelTab';
import { writePatches } from '../sheets/records';
import type { Ctx } from './context';

/** Moves the Funnel tab's "last month" on to the current month; false when it is current or a person set it. */
export function rollFunnelMonth(ctx: Ctx): boolean {
  const formula = readLastMonthCell(ctx.ss);
  const key = formula ? rolledLastMonth(formula, ctx.today) : undefined;
  if (!key) return false;
  writeLastMonthCell(ctx.ss, lastMonthFormula(key));
  return true;
}

/**
 * ABC classes of every client with an ID from the "Total spent" column as it is (the recompute does the same from
 * the journal): one read of three columns, writes only where a class changes. Returns the summary sentence.
 */
export function refreshAbcClasses(ctx: Ctx): string {
  const scan = readColumns(ctx.ss, ['id', 'totalSpent', 'abcClass'], ctx.timeZone);
  const clients = scan.rows.filter((r) => String(r.id ?? '') !== '');
  const classes = abcClasses(clients.map((r) => r.totalSpent));
  const updates = clients
    .map((r, i) => ({ row: r.row, patch: { abcClass: classes[i] }, was: String(r.abcClass ?? '') }))
    .filter((u) => u.was !== u.patch.abcClass)
    .map(({ row, patch }) => ({ row, patch }));
  writePatches(scan.tab, updates, ctx.timeZone, new Map(scan.rows.map((r) => [r.row, r])));
  const count = (c: string) => classes.filter((x) => x === c).length;
  return funnelText(ctx.lang, 'abcDone', { a: count('A'), b: count('B'), c: count('C'), changed: updates.length });
}
