// The funnel between rebuilds: on the first night of a month the Funnel tab moves on to show it (its formulas follow).
import { lastMonthFormula, rolledLastMonth } from '../domain/funnelReport/render';
import { readLastMonthCell, writeLastMonthCell } from '../sheets/funnelTab';
import type { Ctx } from './context';

/** Moves the Funnel tab's "last month" on to the current month; false when it is current or a person set it. */
export function rollFunnelMonth(ctx: Ctx): boolean {
  const formula = readLastMonthCell(ctx.ss);
  const key = formula ? rolledLastMonth(formula, ctx.today) : undefined;
  if (!key) return false;
  writeLastMonthCell(ctx.ss, lastMonthFormula(key));
  return true;
}
