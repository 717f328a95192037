// Client profitability (ABC analysis): A = the clients who bring the top 80% of revenue, B the next 15%, C the rest.
// A client with no revenue yet has no class. Clients with the same revenue always share a class, so the classes do
// not depend on the order of rows.
export type AbcClass = 'A' | 'B' | 'C' | '';

/** Cumulative revenue share before which a client is still A, then B. */
export const ABC_SHARES = { A: 0.8, B: 0.95 } as const;

/** In cents, so shares of money amounts compare exactly. */
const cents = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v * 100) : 0);

/**
 * The class of each revenue (same order). A client is A while the revenue of the clients who bring strictly more
 * is below 80% of the total, B while it is below 95%, else C.
 */
export function abcClasses(revenues: readonly unknown[]): AbcClass[] {
  const amounts = revenues.map(cents);
  const total = amounts.reduce((s, v) => s + v, 0);
  const out: AbcClass[] = amounts.map(() => '');
  if (total <= 0) return out;
  const order = amounts.map((_, i) => i).filter((i) => amounts[i] > 0);
  order.sort((a, b) => amounts[b] - amounts[a]);
  let before = 0;
  for (let k = 0; k < order.length; ) {
    const value = amounts[order[k]];
    const cls: AbcClass = before < ABC_SHARES.A * total ? 'A' : before < ABC_SHARES.B * total ? 'B' : 'C';
    let end = k;
    while (end < order.length && amounts[order[end]] === value) out[order[end++]] = cls;
    before += value * (end - k);
    k = end;
  }
  return out;
}
