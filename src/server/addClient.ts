// Adds a client card: validate, warn about likely duplicates, reserve an ID, append the row. Six Spreadsheet calls.
import { newCardFields } from '../domain/card';
import { largestIdNumber } from '../domain/ids';
import { validateClient } from '../domain/validate';
import { t } from '../i18n';
import { withDocumentLock } from '../services/env';
import { reserveIds } from '../services/ids';
import { readAllIds, readColumns, rememberHints, rememberRowCount } from '../sheets/clients';
import { appendRecord } from '../sheets/records';
import type { Ctx } from './context';
import { duplicatesAmong } from './duplicates';

export const LOCK_MS = 10000;
export const KEY_FIELDS = ['fullName', 'phone', 'email'] as const;

export function addClient(ctx: Ctx, input: unknown) {
  const valid = validateClient(input, ctx, { partial: false });
  if (!valid.ok) return { ok: false as const, errors: valid.errors };
  const values = { ...valid.values, ...newCardFields(ctx.settings, valid.values, ctx.today) };
  return withDocumentLock(LOCK_MS, () => {
    // One read of names and contacts serves the duplicate check and tells the row the card lands in.
    const scan = readColumns(ctx.ss, KEY_FIELDS, ctx.timeZone);
    if (!valid.allowDuplicate) {
      const duplicates = duplicatesAmong(ctx, values, scan.rows, undefined, scan.tab);
      if (duplicates.length) return { ok: false as const, duplicates };
    }
    const [id] = reserveIds(1, () => largestIdNumber(readAllIds(ctx.ss, ctx.timeZone)));
    const row = Math.max(scan.lastRow, 1) + 1;
    appendRecord(scan.tab, { ...values, id }, ctx.timeZone);
    rememberRowCount(row);
    rememberHints([[id, row, String(values.fullName)]]);
    return { ok: true as const, id, row, message: t(ctx.lang, 'client.added', { id, name: String(values.fullName) }) };
  });
}
