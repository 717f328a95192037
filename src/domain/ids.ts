// Client IDs: C-000001 and up, never reused. Numbers come in blocks reserved by src/services/ids.ts.

export const CLIENT_ID_PREFIX = 'C-';

export function clientId(n: number): string {
  return `${CLIENT_ID_PREFIX}${String(n).padStart(6, '0')}`;
}

/** The number of an ID ('C-000123' or a bare '123' → 123), 0 for anything else. */
export function clientIdNumber(id: unknown): number {
  const m = /^(?:C-)?(\d+)$/.exec(String(id ?? '').trim());
  return m ? Number(m[1]) : 0;
}

/** The largest ID number among these (0 for none). */
export function largestIdNumber(ids: Iterable<unknown>): number {
  let max = 0;
  for (const id of ids) max = Math.max(max, clientIdNumber(id));
  return max;
}
