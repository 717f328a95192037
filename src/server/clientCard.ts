// A client card for the sidebar: every field, facts worked out by the domain, and the journal newest first.
import { cardFacts } from '../domain/card';
import { journalAmount } from '../domain/journal';
import { kindOfContactType } from '../domain/settings';
import type { ClientCard, JournalEntry } from '../shared/api';
import { entriesOf } from '../sheets/journal';
import { cleanId, loadClient } from './clientLookup';
import type { Ctx } from './context';

/** A client's journal entries, newest first (the newest `limit`). */
export function journalOf(ctx: Ctx, id: string, limit = 200): JournalEntry[] {
  const out: JournalEntry[] = entriesOf(ctx.ss, id, ctx.timeZone, limit).map((rec) => ({
    row: rec.row,
    at: String(rec.at),
    clientId: id,
    clientName: String(rec.clientName),
    type: String(rec.type),
    kind: kindOfContactType(ctx.settings, String(rec.type)) ?? '',
    summary: String(rec.summary),
    item: String(rec.item),
    amount: rec.amount === '' ? '' : journalAmount(rec.amount),
    source: String(rec.source),
    by: String(rec.by),
    nextStep: String(rec.nextStep),
    nextStepOn: String(rec.nextStepOn),
  }));
  out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.row - a.row));
  return out.slice(0, limit);
}

export function getClientCard(ctx: Ctx, rawId: string): { ok: true; card: ClientCard } {
  const id = cleanId(rawId);
  const { rec, row } = loadClient(ctx, id);
  return {
    ok: true,
    card: {
      client: { ...rec, row } as unknown as ClientCard['client'],
      facts: cardFacts(ctx.settings, rec, ctx.today),
      journal: journalOf(ctx, id),
      currency: ctx.settings.values.currency,
    },
  };
}
