// The funnel report computed in TypeScript from cards and spend rows: the independent reckoning the Funnel tab's
// formulas are checked against, and what a sidebar or a letter may quote.
import { hasReached } from '../reached';
import type { SettingsData } from '../settings';
import { channelIndex, channelsOf, cohortKey, monthKey, STEPS, type Step, windowMonths } from './model';

/** Counted facts of one group of leads (a cohort month × channel, or a sum of them). */
export interface FunnelCounts {
  leads: number;
  contacts: number;
  visits: number;
  buyers: number;
  /** What the group's clients have bought so far (their "Total spent"). */
  revenue: number;
  /** Ad spend booked for the group's month(s) and channel(s). */
  spend: number;
}

/** Counts with the ratios the tab shows; null where the ratio has no denominator (the tab shows a blank). */
export interface FunnelFigures extends FunnelCounts {
  leadToContact: number | null;
  contactToVisit: number | null;
  visitToBuyer: number | null;
  leadToBuyer: number | null;
  costPerLead: number | null;
  costPerContact: number | null;
  costPerVisit: number | null;
  costPerBuyer: number | null;
  revenuePerLead: number | null;
}

export interface FunnelReport {
  /** Month keys (yyyy*100+mm), newest first. */
  months: number[];
  /** Settings channels; column `channels.length` of each row is "other" (no source, or one not in the list). */
  channels: string[];
  /** [month][channel] for each channel and then "other". */
  cells: FunnelFigures[][];
  /** Per month, every channel. */
  monthTotals: FunnelFigures[];
  /** Per channel (and other), every shown month. */
  channelTotals: FunnelFigures[];
  total: FunnelFigures;
}

export type Card = Record<string, unknown>;
export interface SpendRow {
  month: unknown;
  channel: unknown;
  amount: unknown;
}

/** Count fields by step. */
export const STEP_COUNT: Record<Step, 'leads' | 'contacts' | 'visits' | 'buyers'> = {
  lead: 'leads',
  contact: 'contacts',
  visit: 'visits',
  client: 'buyers',
};

const ZERO: FunnelCounts = { leads: 0, contacts: 0, visits: 0, buyers: 0, revenue: 0, spend: 0 };

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** A number cell as formulas take it: numbers count, anything else is 0. */
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function figures(c: FunnelCounts): FunnelFigures {
  return {
    ...c,
    leadToContact: ratio(c.contacts, c.leads),
    contactToVisit: ratio(c.visits, c.contacts),
    visitToBuyer: ratio(c.buyers, c.visits),
    leadToBuyer: ratio(c.buyers, c.leads),
    costPerLead: ratio(c.spend, c.leads),
    costPerContact: ratio(c.spend, c.contacts),
    costPerVisit: ratio(c.spend, c.visits),
    costPerBuyer: ratio(c.spend, c.buyers),
    revenuePerLead: ratio(c.revenue, c.leads),
  };
}

function add(a: FunnelCounts, b: FunnelCounts): FunnelCounts {
  return {
    leads: a.leads + b.leads,
    contacts: a.contacts + b.contacts,
    visits: a.visits + b.visits,
    buyers: a.buyers + b.buyers,
    revenue: a.revenue + b.revenue,
    spend: a.spend + b.spend,
  };
}

/**
 * The report for the FUNNEL_MONTHS months ending with `endMonth` (a month key). A card is a lead when it has a name;
 * its cohort is the month it came in (src/domain/funnelReport/model.ts cohortKey); it counts at every step it reached
 * (src/domain/reached.ts: a later stage reaches the earlier steps, with or without their dates). Revenue is by
 * cohort: everything a cohort's clients have bought so far.
 */
export function computeFunnel(input: {
  cards: Iterable<Card>;
  spend: Iterable<SpendRow>;
  settings: SettingsData;
  endMonth: number;
  months?: number;
}): FunnelReport {
  const { settings } = input;
  const months = windowMonths(input.endMonth, input.months);
  const channels = channelsOf(settings);
  const width = channels.length + 1;
  const row = new Map(months.map((m, i) => [m, i]));
  const counts: FunnelCounts[][] = months.map(() => Array.from({ length: width }, () => ({ ...ZERO })));
  // "Other" is the last column: channelIndex gives 0 for it, 1… for Settings channels.
  const column = (index: number) => (index === 0 ? channels.length : index - 1);
  for (const card of input.cards) {
    if (String(card.fullName ?? '') === '') continue;
    const r = row.get(cohortKey(card));
    if (r === undefined) continue;
    const c = counts[r][column(channelIndex(settings, card.source))];
    for (const step of STEPS) if (hasReached(settings, card, step)) c[STEP_COUNT[step]] += 1;
    c.revenue += num(card.totalSpent);
  }
  for (const s of input.spend) {
    const r = row.get(monthKey(s.month));
    if (r === undefined) continue;
    counts[r][column(channelIndex(settings, s.channel))].spend += num(s.amount);
  }
  const monthTotals = counts.map((cells) => cells.reduce(add, ZERO));
  const channelTotals = Array.from({ length: width }, (_, c) =>
    counts.reduce((sum, cells) => add(sum, cells[c]), ZERO),
  );
  return {
    months,
    channels,
    cells: counts.map((cells) => cells.map(figures)),
    monthTotals: monthTotals.map(figures),
    channelTotals: channelTotals.map(figures),
    total: figures(monthTotals.reduce(add, ZERO)),
  };
}
