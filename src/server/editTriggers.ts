// A person editing the sheet (installable onEdit / onChange): rows typed into Clients become cards, a changed Stage
// stamps its milestone dates, and caches the edit made stale are dropped.
import { milestonesOf, newCardFields } from '../domain/card';
import { milestoneStamps } from '../domain/funnel';
import { largestIdNumber } from '../domain/ids';
import { withDocumentLock } from '../services/env';
import { reserveIds } from '../services/ids';
import { readAllIds, rememberHints } from '../sheets/clients';
import { editScope, forgetLayouts } from '../sheets/events';
import { type RecordsTab, type Row, readRecordRange, writePatches } from '../sheets/records';
import { forgetSettings } from '../sheets/settingsTab';
import { type Ctx, openContext } from './context';

/**
 * After a person edits rows of the Clients tab: a row that got a name but has no ID becomes a card (ID, createdOn,
 * first stage, zero totals), and a changed Stage stamps its milestone dates. One read; one write per changed column.
 */
export function afterPersonEdit(
  ctx: Ctx,
  tab: RecordsTab,
  firstRow: number,
  lastRow: number,
  edited: { stage: boolean; name: boolean },
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
    if (Object.keys(patch).length) updates.push({ row: rec.row, patch });
  }
  writePatches(tab, updates, ctx.timeZone);
  if (hints.length) rememberHints(hints);
  return updates.length;
}

/** Installable onEdit: stamps milestone dates when a person changes Stage, and drops caches the edit made stale. */
export function onEditInstalled(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e?.range) return;
  const scope = editScope(e.range);
  if (scope.kind === 'settings') forgetSettings();
  if (scope.kind !== 'clients') return;
  const ctx = openContext();
  withDocumentLock(20000, () =>
    afterPersonEdit(ctx, scope.tab, scope.firstRow, scope.lastRow, { stage: scope.stage, name: scope.name }),
  );
}

/** Installable onChange: a column or row inserted, removed or moved makes the cached layouts stale. */
export function onChangeInstalled(e: GoogleAppsScript.Events.SheetsOnChange): void {
  const type = String(e?.changeType ?? 'OTHER');
  if (type === 'EDIT' || type === 'FORMAT') return;
  forgetLayouts();
}
