// A client by ID for the use cases: the cached row hint, verified against the ID cell, else one scan of the IDs.
import type { CardValues } from '../domain/card';
import { CLIENT_ID_PATTERN } from '../domain/validate';
import { t } from '../i18n';
import { clientsTab, hintFor, readClient, scanForRow } from '../sheets/clients';
import { assertUniqueId } from '../sheets/integrity';
import type { RecordsTab } from '../sheets/records';
import { type Ctx, UserError } from './context';

export function notFound(ctx: Ctx, id: string, retryable = false): UserError {
  return new UserError({ clientId: t(ctx.lang, 'client.notFound', { id }) }, retryable);
}

/** Row and name of a client: the cached hint (the caller verifies it), else a scan. Throws when absent. */
export function findClient(ctx: Ctx, id: string): { row: number; name: string; tab?: RecordsTab; fromHint: boolean } {
  // The ID is the identity: one known to stand in several rows is counted again, and stops every write while it does.
  assertUniqueId(() => clientsTab(ctx.ss), id);
  const hint = hintFor(id);
  if (hint) return { row: hint[0], name: hint[1], fromHint: true };
  const scan = scanForRow(ctx.ss, id, ctx.timeZone);
  assertUniqueId(scan.tab, id);
  if (!scan.row) throw notFound(ctx, id);
  return { row: scan.row, name: scan.name, tab: scan.tab, fromHint: false };
}

/** Every field of a client, verified against the ID cell (a stale hint falls back to a scan). */
export function loadClient(ctx: Ctx, id: string): { rec: CardValues; row: number; tab: RecordsTab } {
  if (!CLIENT_ID_PATTERN.test(id)) throw notFound(ctx, id);
  let found = findClient(ctx, id);
  let tab = found.tab ?? clientsTab(ctx.ss);
  let rec: CardValues = {};
  try {
    rec = readClient(tab, found.row, ctx.timeZone);
  } catch (_e) {
    // The hinted row is gone (rows deleted since): the scan below finds the client.
  }
  if (rec.id !== id && found.fromHint) {
    const scan = scanForRow(ctx.ss, id, ctx.timeZone);
    if (!scan.row) throw notFound(ctx, id);
    assertUniqueId(scan.tab, id);
    found = { row: scan.row, name: scan.name, fromHint: false };
    tab = scan.tab;
    rec = readClient(tab, found.row, ctx.timeZone);
  }
  if (rec.id !== id) throw notFound(ctx, id);
  return { rec, row: found.row, tab };
}

/** An ID as a sidebar may pass it: trimmed, upper case; anything but text (an array, an object) is no ID. */
export function cleanId(id: unknown): string {
  if (typeof id !== 'string') return '';
  return id.trim().toUpperCase();
}
