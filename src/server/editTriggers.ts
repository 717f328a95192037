// A person editing the sheet (installable onEdit / onChange): rows typed into Clients become cards, a changed Stage
// stamps its milestone dates, typed phones take the stored form, and caches the edit made stale are dropped.
import { milestonesOf, newCardFields } from '../domain/card';
import { CLIENT_FIELDS } from '../domain/fields';
import { milestoneStamps } from '../domain/funnel';
import { largestIdNumber } from '../domain/ids';
import { phoneMessage } from '../domain/normalize/messages';
import { phoneCellFix } from '../domain/normalize/phone';
import { t } from '../i18n';
import { withDocumentLock } from '../services/env';
import { reserveIds } from '../services/ids';
import { readAllIds, rememberHints } from '../sheets/clients';
import { editScope, forgetLayouts } from '../sheets/events';
import { readColumnNotes, writeColumnNotes } from '../sheets/notes';
import { type RecordsTab, type Row, readRecordRange, writePatches } from '../sheets/records';
import { forgetSettings } from '../sheets/settingsTab';
import { type Ctx, openContext } from './context';

/**
 * After a person edits rows of the Clients tab: a row that got a name but has no ID becomes a card (ID, createdOn,
 * first stage, zero totals), a changed Stage stamps its milestone dates, and a typed phone takes the stored form
 * ('8 912 3456789' → '+7 912 345-67-89'). One read; one write per changed column. A phone that does not read as a
 * number keeps what was typed and gets a note saying why (its notes are read and written once).
 */
export function afterPersonEdit(
  ctx: Ctx,
  tab: RecordsTab,
  firstRow: number,
  lastRow: number,
  edited: { stage: boolean; name: boolean; phone?: boolean },
): number {
  const recs = readRecordRange(tab, firstRow, lastRow - firstRow + 1, ctx.timeZone);
  const fresh = recs.filter((rec) => String(rec.fullName).trim() && !rec.id);
  const ids = reserveIds(fresh.length, () => largestIdNumber(readAllIds(ctx.ss, ctx.timeZone)));
  const idOf = new Map(fresh.map((rec, i) => [rec.row, ids[i]]));
  const updates: Array<{ row: number; patch: Row }> = [];
  const hints: Array<[string, number, string]> = [];
  for (const rec of recs) {
    const patch: Row = {};
    const newId = idOf.get(rec.row);
    if (newId) Object.assign(patch, { id: newId }, newCardFields(ctx.settings, rec, ctx.today));
    else if (edited.stage)
      Object.assign(patch, milestoneStamps(ctx.settings, String(rec.stage), milestonesOf(rec), ctx.today));
    const id = String(newId ?? rec.id ?? '');
    if (id && (newId || edited.name)) hints.push([id, rec.row, String(rec.fullName)]);
    if (edited.phone || newId) {
      const fix = phoneCellFix(rec.phone, ctx.settings.values.phoneRegion);
      if ('value' in fix && fix.value !== String(rec.phone ?? '')) patch.phone = fix.value;
    }
    if (Object.keys(patch).length) updates.push({ row: rec.row, patch });
  }
  if (edited.phone || fresh.length) notePhones(ctx, tab, firstRow, recs, edited.phone ? null : idOf);
  writePatches(tab, updates, ctx.timeZone);
  if (hints.length) rememberHints(hints);
  return updates.length;
}

/**
 * Notes on phone cells that do not read as a number (rows of `only`, or every row): the reason, in the sheet's
 * language; a note Kartoteka left is cleared once the phone reads. A person's own note is never replaced.
 */
function notePhones(ctx: Ctx, tab: RecordsTab, firstRow: number, recs: Row[], only: Map<number, string> | null) {
  const label = CLIENT_FIELDS.find((f) => f.key === 'phone')!.header[ctx.lang];
  const ours = `${t(ctx.lang, 'app.name')}: ${label}: `;
  const notes = readColumnNotes(tab, 'phone', firstRow, recs.length);
  if (!notes.length) return;
  const next = [...notes];
  recs.forEach((rec, i) => {
    if (only && !only.has(Number(rec.row))) return;
    const fix = phoneCellFix(rec.phone, ctx.settings.values.phoneRegion);
    const mine = next[i] === '' || next[i].startsWith(ours);
    if (!mine) return;
    next[i] = 'code' in fix ? `${t(ctx.lang, 'app.name')}: ${phoneMessage(ctx.lang, fix, label)}` : '';
  });
  if (next.some((n, i) => n !== notes[i])) writeColumnNotes(tab, 'phone', firstRow, next);
}

/** Installable onEdit: stamps milestone dates when a person changes Stage, and drops caches the edit made stale. */
export function onEditInstalled(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e?.range) return;
  const scope = editScope(e.range);
  if (scope.kind === 'settings') forgetSettings();
  if (scope.kind !== 'clients') return;
  const ctx = openContext();
  withDocumentLock(20000, () =>
    afterPersonEdit(ctx, scope.tab, scope.firstRow, scope.lastRow, {
      stage: scope.stage,
      name: scope.name,
      phone: scope.phone,
    }),
  );
}

/** Installable onChange: a column or row inserted, removed or moved makes the cached layouts stale. */
export function onChangeInstalled(e: GoogleAppsScript.Events.SheetsOnChange): void {
  const type = String(e?.changeType ?? 'OTHER');
  if (type === 'EDIT' || type === 'FORMAT') return;
  forgetLayouts();
}
