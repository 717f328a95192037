// Merges two cards of one person: the merge policy (src/domain/merge.ts) decides every field, the journal follows
// the kept card, the removed card is recorded in the journal, and the kept card's totals come from its journal.
import { derivedValues } from '../domain/card';
import { applyFact, EMPTY_DERIVED } from '../domain/derived';
import { CLIENT_FIELDS } from '../domain/fields';
import { journalEntry } from '../domain/journal';
import { cardSnapshot, mergePlan } from '../domain/merge';
import { t } from '../i18n';
import { withDocumentLock } from '../services/env';
import { deleteClientRow, writeClientFields } from '../sheets/clients';
import { appendEntry, moveEntries } from '../sheets/journal';
import { journalOf } from './clientCard';
import { cleanId, loadClient } from './clientLookup';
import { type Ctx, UserError } from './context';
import { forgetInSnapshot } from './integrity';

export function mergeClients(ctx: Ctx, keepId: string, dropId: string) {
  const keep = cleanId(keepId);
  const drop = cleanId(dropId);
  if (keep === drop) throw new UserError({ _: t(ctx.lang, 'merge.same') });
  return withDocumentLock(30000, () => {
    const a = loadClient(ctx, keep);
    const b = loadClient(ctx, drop);
    const { patch, overruled } = mergePlan(CLIENT_FIELDS, a.rec, b.rec, ctx.lang);
    if (overruled.length) {
      const base = String(patch.notes ?? a.rec.notes ?? '');
      patch.notes = `${base ? `${base}\n` : ''}${t(ctx.lang, 'merge.notes', { id: drop })} ${overruled.join('; ')}`;
    }
    const moved = moveEntries(ctx.ss, drop, keep, String(a.rec.fullName), ctx.timeZone);
    // The removed card is kept in the journal as a note, so no value is lost even where the kept card had its own.
    appendEntry(
      ctx.ss,
      journalEntry({
        at: ctx.now,
        clientId: keep,
        clientName: String(a.rec.fullName),
        type: ctx.settings.lists.contactTypes.find((c) => c.kind === 'note')?.label ?? 'note',
        summary: `${t(ctx.lang, 'merge.record', { drop, keep })} ${cardSnapshot(CLIENT_FIELDS, b.rec, ctx.lang)}`,
        by: ctx.user,
      }),
      ctx.timeZone,
    );
    if (Object.keys(patch).length) writeClientFields(a.tab, a.row, patch, ctx.timeZone);
    deleteClientRow(b.tab, b.row);
    forgetInSnapshot(ctx, drop);
    // Totals of the kept card from its whole journal (its own rows and the moved ones), in any order.
    const keepRow = b.row < a.row ? a.row - 1 : a.row;
    let totals = EMPTY_DERIVED;
    for (const e of journalOf(ctx, keep, Number.POSITIVE_INFINITY))
      totals = applyFact(
        totals,
        { at: e.at, kind: e.kind || undefined, amount: e.amount === '' ? 0 : e.amount, item: e.item },
        ctx.settings,
      );
    writeClientFields(a.tab, keepRow, derivedValues(ctx.lang, totals), ctx.timeZone);
    return { ok: true as const, id: keep, moved, message: t(ctx.lang, 'merge.done', { keep, drop, moved }) };
  });
}
