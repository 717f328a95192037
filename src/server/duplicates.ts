// Likely duplicates of a card (same phone or email, a very similar name), and the check a sidebar runs as people type.

import { displayPhone } from '../domain/card';
import { duplicateFindPattern, findDuplicates } from '../domain/duplicates';
import { phoneMatchKey } from '../domain/normalize/phone';
import { normalizeField } from '../domain/validate';
import type { DuplicateInfo } from '../shared/api';
import { findClientRows } from '../sheets/clientSearch';
import { clientField, clientsLayout, readIdsAt } from '../sheets/clients';
import type { RecordsTab, RowAt } from '../sheets/records';
import type { Ctx } from './context';

export type Candidate = { fullName?: string; phone?: string; email?: string };

/**
 * Duplicates of `candidate` among rows read from the Clients tab, best first (at most 5). Rows read without their
 * ID (a scan of names and contacts) get it in one read of the found rows.
 */
export function duplicatesAmong(
  ctx: Ctx,
  candidate: Candidate,
  rows: RowAt[],
  excludeId: string | undefined,
  tab?: RecordsTab,
): DuplicateInfo[] {
  const region = ctx.settings.values.phoneRegion;
  const list = rows.map((r) => ({
    id: String(r.id ?? ''),
    row: r.row,
    fullName: String(r.fullName ?? ''),
    phone: phoneMatchKey(r.phone, region),
    email: String(r.email ?? '').toLowerCase(),
  }));
  const phone = candidate.phone ? phoneMatchKey(candidate.phone, region) : '';
  const found = findDuplicates({ ...candidate, phone }, list, { limit: 5 });
  const missing = found.filter((d) => !d.id).map((d) => d.row);
  const idOf = tab && missing.length ? readIdsAt(tab, missing) : new Map<number, string>();
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const out: DuplicateInfo[] = [];
  for (const d of found) {
    const id = d.id || idOf.get(d.row) || '';
    if (excludeId && id === excludeId) continue;
    const original = byRow.get(d.row);
    out.push({
      id,
      fullName: d.fullName,
      phone: original ? displayPhone(String(original.phone), region) : '',
      email: d.email,
      reasons: d.reasons,
    });
  }
  return out;
}

/** Duplicates found by Sheets' TextFinder: only the rows that may match are read, whatever the size of the base. */
export function findDuplicateClients(ctx: Ctx, candidate: Candidate, excludeId?: string): DuplicateInfo[] {
  const find = duplicateFindPattern(candidate);
  if (!find) return [];
  const { rows } = findClientRows(ctx.ss, clientsLayout(ctx.ss), find, ['id', 'fullName', 'phone', 'email'], {
    timeZone: ctx.timeZone,
    locale: ctx.locale,
    limit: 200,
  });
  return duplicatesAmong(ctx, candidate, rows, excludeId);
}

/** What a sidebar asks while a card is typed: likely duplicates, and the server's verdict on phone and email. */
export function checkDuplicates(
  ctx: Ctx,
  input: Record<string, unknown>,
): { ok: true; duplicates: DuplicateInfo[]; fieldErrors: Record<string, string> } {
  const candidate: Candidate = {};
  const fieldErrors: Record<string, string> = {};
  const name = String(input?.fullName ?? '').trim();
  if (name.split(/\s+/).length >= 2) candidate.fullName = name;
  // Phone and email get the full server check here, so a sidebar can show it while the person types.
  for (const key of ['phone', 'email'] as const) {
    if (!String(input?.[key] ?? '').trim()) continue;
    const r = normalizeField(clientField(key), input[key], ctx);
    if (!r.ok) fieldErrors[key] = r.error;
    else if (r.value) candidate[key] = String(r.value);
  }
  if (!Object.keys(candidate).length) return { ok: true, duplicates: [], fieldErrors };
  const excludeId = typeof input?.excludeId === 'string' ? input.excludeId : undefined;
  const duplicates = findDuplicateClients(ctx, candidate, excludeId).filter((d) => d.id !== excludeId);
  return { ok: true, duplicates, fieldErrors };
}
