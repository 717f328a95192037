// Client search for the sidebars: Sheets finds the candidate cells (TextFinder), the domain ranks the few rows read.
import { displayPhone } from '../domain/card';
import { searchClients as rankClients, searchFindPattern, searchStrongPattern } from '../domain/search';
import type { SearchHit } from '../shared/api';
import { findClientRows } from '../sheets/clientSearch';
import { clientsLayout, rememberHints } from '../sheets/clients';
import type { Ctx } from './context';

const SHOWN = 20;
// Rows read at most per query: a query matching more (two letters of a common name) ranks the first ones found
// and the best-ranked kinds of match, searched for on their own.
const CANDIDATES = 200;

export function searchClients(ctx: Ctx, query: string): { ok: true; hits: SearchHit[]; total: number } {
  const q = String(query ?? '').trim();
  const find = searchFindPattern(q);
  if (!find) return { ok: true, hits: [], total: 0 };
  const layout = clientsLayout(ctx.ss);
  const opts = { timeZone: ctx.timeZone, locale: ctx.locale, limit: CANDIDATES };
  const keys = ['id', 'fullName', 'phone', 'email', 'stage'];
  const found = findClientRows(ctx.ss, layout, find, keys, opts);
  const rows = new Map(found.rows.map((r) => [r.row, r]));
  if (!found.complete) {
    // More matches than are read: the best-ranked kinds are searched for on their own, so none is missed.
    const strong = searchStrongPattern(q);
    if (strong)
      for (const r of findClientRows(ctx.ss, layout, strong, keys, { ...opts, limit: SHOWN }).rows) rows.set(r.row, r);
  }
  const list = [...rows.values()]
    .sort((a, b) => a.row - b.row)
    .filter((r) => r.id || r.fullName)
    .map((r) => ({
      id: String(r.id),
      fullName: String(r.fullName),
      phone: String(r.phone),
      email: String(r.email),
      stage: String(r.stage),
      row: r.row,
    }));
  const matches = rankClients(q, list, { limit: SHOWN });
  // The next step is usually logging a contact for one of them: its row is then known without a scan.
  rememberHints(matches.map((m) => [m.client.id, m.client.row, m.client.fullName]));
  return {
    ok: true,
    total: matches.length,
    hits: matches.map((m) => ({
      id: m.client.id,
      fullName: m.client.fullName,
      phone: m.client.phone,
      phoneDisplay: displayPhone(m.client.phone, ctx.settings.values.phoneRegion),
      email: m.client.email,
      stage: m.client.stage,
      row: m.client.row,
      matched: m.field,
      score: m.score,
    })),
  };
}
