// Logs a contact: the client's row found by its hint, its contact block read and written once, the entry appended.
// Six Spreadsheet calls at any size of the base.
import { derivedOf, derivedValues, milestonesOf } from '../domain/card';
import { applyFact, isPurchase } from '../domain/derived';
import { CONTACT_BLOCK_KEYS } from '../domain/fields';
import { milestoneStamps, stageAfterContact } from '../domain/funnel';
import { journalEntry } from '../domain/journal';
import { validateContact } from '../domain/validate';
import { t } from '../i18n';
import { withDocumentLock } from '../services/env';
import type { ClientTotals } from '../shared/api';
import { clientsLayout, readContactBlock, reopenClients, scanForRow } from '../sheets/clients';
import { appendEntryTo, journalTab } from '../sheets/journal';
import { assertWritable, type Row } from '../sheets/records';
import { LOCK_MS } from './addClient';
import { findClient, notFound } from './clientLookup';
import type { Ctx } from './context';

export function logContact(ctx: Ctx, input: unknown) {
  const valid = validateContact(input, ctx);
  if (!valid.ok) return { ok: false as const, errors: valid.errors };
  const contact = valid.values;
  return withDocumentLock(LOCK_MS, () => {
    // The journal is opened (and its layout proved) before the card is touched: a broken journal changes nothing.
    const journal = journalTab(ctx.ss);
    assertWritable(journal);
    let found = findClient(ctx, contact.clientId);
    let layout = found.tab?.layout ?? clientsLayout(ctx.ss);
    // A cached layout is proved before it is written through: plausible cells, and the headers right of the ID when
    // the next step (written there) changes — a column moved in while the change trigger was missing is noticed.
    let block = readContactBlock(ctx.ss, layout, found.row, contact.clientId, ctx.timeZone, {
      cells: true,
      rightOfId: Boolean(contact.nextStep || contact.nextStepOn),
    });
    if (!block) {
      // Rows moved (sort, delete) or the layout changed since the hint: look again.
      reopenClients(ctx.ss);
      const scan = scanForRow(ctx.ss, contact.clientId, ctx.timeZone);
      if (!scan.row) throw notFound(ctx, contact.clientId);
      layout = scan.tab.layout;
      found = { row: scan.row, name: scan.name, fromHint: false };
      block = readContactBlock(ctx.ss, layout, found.row, contact.clientId, ctx.timeZone);
      if (!block) throw notFound(ctx, contact.clientId, true);
    }
    const cur = block.values;
    const fact = {
      at: contact.at,
      kind: contact.kind,
      amount: contact.amount === '' ? 0 : contact.amount,
      item: contact.item,
    };
    const after = applyFact(derivedOf(cur), fact, ctx.settings);
    const next: Row = { ...cur, ...derivedValues(ctx.lang, after) };
    const day = contact.at.slice(0, 10);
    const newStage = stageAfterContact(ctx.settings, String(cur.stage ?? ''), contact.kind, isPurchase(fact));
    if (newStage) next.stage = newStage;
    Object.assign(next, milestoneStamps(ctx.settings, String(next.stage), milestonesOf(next), day));
    if (isPurchase(fact) && !next.firstPurchaseOn) next.firstPurchaseOn = day;
    if (contact.nextStep || contact.nextStepOn) {
      next.nextStep = contact.nextStep;
      next.nextStepOn = contact.nextStepOn;
    }
    block.write(
      next,
      CONTACT_BLOCK_KEYS.filter((k) => String(next[k] ?? '') !== String(cur[k] ?? '')),
    );
    appendEntryTo(
      journal,
      journalEntry({
        at: contact.at,
        clientId: contact.clientId,
        clientName: found.name,
        type: contact.type,
        summary: contact.summary,
        item: contact.item,
        amount: contact.amount,
        source: contact.source,
        by: ctx.user,
        nextStep: contact.nextStep,
        nextStepOn: contact.nextStepOn,
      }),
      ctx.timeZone,
    );
    const totals: ClientTotals = {
      id: contact.clientId,
      fullName: found.name,
      stage: String(next.stage ?? ''),
      purchases: after.purchases,
      totalSpent: after.totalSpent,
      lastContactOn: after.lastContactOn,
      lastPurchaseOn: after.lastPurchaseOn,
      frequency: String(next.frequency ?? ''),
      loyaltyPoints: after.loyaltyPoints,
      firstContactOn: String(next.firstContactOn ?? ''),
      visitOn: String(next.visitOn ?? ''),
      firstPurchaseOn: String(next.firstPurchaseOn ?? ''),
      nextStep: String(next.nextStep ?? ''),
      nextStepOn: String(next.nextStepOn ?? ''),
    };
    return {
      ok: true as const,
      clientId: contact.clientId,
      totals,
      message: t(ctx.lang, 'contact.logged', { name: found.name, type: contact.type }),
    };
  });
}
