// A read row becomes a card draft: full name, source, funnel milestones and stage from its dates, and journal history.
import { newCardFields } from '../card';
import { effectiveMilestone, milestoneStamps, stageLabel } from '../funnel';
import { nameKey } from '../normalize/name';
import type { ContactKind, Milestone, SimpleListKey } from '../settings';
import { type ImportMessageKey, importText } from './messages';
import type { RowResult } from './rows';
import type { CellValue, ExtraValue, ImportEnv, ReportRow } from './types';

/** A journal row the source's dates call for, before the card has an ID. */
export interface HistorySeed {
  sourceRow: number;
  /** 'yyyy-mm-ddT00:00' */
  at: string;
  kind: ContactKind;
  summary: ImportMessageKey;
  item: string;
  amount: number | '';
  source: string;
}

export interface CardDraft {
  sourceRows: number[];
  values: Record<string, CellValue>;
  extra: Record<string, ExtraValue>;
  flagged: string[];
  history: HistorySeed[];
  /** The stage came from a stage column of the source (a difference from a card then counts as a conflict). */
  explicitStage: boolean;
  problems: ReportRow[];
  listAdditions: Array<[SimpleListKey, string]>;
}

const RANK: Record<Milestone, number> = { lead: 0, contact: 1, visit: 2, client: 3, lost: -1 };

/** The calendar date of a stored value, or '' when it is not a 'yyyy-mm-dd' date (unreadable text is kept apart). */
export function isoDay(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : '';
}

const earliest = (dates: string[]) => dates.filter(Boolean).sort()[0] ?? '';
const latest = (dates: string[]) => dates.filter(Boolean).sort().pop() ?? '';

function joinParts(parts: RowResult['parts']): string {
  const cyrillic = /\p{Script=Cyrillic}/u.test(`${parts.last ?? ''}${parts.first ?? ''}${parts.middle ?? ''}`);
  const order = cyrillic ? [parts.last, parts.first, parts.middle] : [parts.first, parts.middle, parts.last];
  return order.filter(Boolean).join(' ');
}

/**
 * The card a row makes: name from its parts when there is no full-name column, the first marked channel as the
 * source (the others in the notes), milestone dates filled from later ones (a client who bought had a visit and
 * a contact, as milestoneStamps has it), the stage they reach, createdOn at the earliest date, journal seeds.
 */
export function buildCard(row: RowResult, env: ImportEnv): CardDraft {
  const { lang, settings, today } = env;
  const values: Record<string, CellValue> = { ...row.values };
  const notes = [...row.notes];
  const problems = [...row.problems];
  const listAdditions = [...row.listAdditions];

  const parts = joinParts(row.parts);
  const full = String(values.fullName ?? '');
  if (!full && parts) values.fullName = parts;
  else if (full && parts && nameKey(full) !== nameKey(parts)) {
    const label = (['last', 'first', 'middle'] as const)
      .filter((p) => row.parts[p])
      .map((p) => importText(lang, `target.part.${p}`))
      .join(' / ');
    notes.push(`${label}: ${parts}`);
  }
  if (!values.fullName) {
    problems.push({
      sourceRow: row.sourceRow,
      column: '',
      value: '',
      problem: importText(lang, 'name.missing'),
      code: 'name.missing',
      level: 'warning',
    });
  }

  const channels = [...new Set(row.channels)];
  const source = String(values.source ?? '') || channels[0] || '';
  if (source && !values.source) {
    values.source = source;
    if (!settings.lists.channels.includes(source)) listAdditions.push(['channels', source]);
  }
  const others = channels.filter((c) => c !== source);
  if (others.length) notes.push(`${importText(lang, 'notes.otherSources')}: ${others.join(', ')}`);

  // Dates the source gives, before any is inferred from another.
  const given = {
    firstContactOn: isoDay(values.firstContactOn),
    visitOn: isoDay(values.visitOn),
    firstPurchaseOn: isoDay(values.firstPurchaseOn),
  };
  const h = row.history;
  const spent = h.totalSpent && h.totalSpent > 0 ? h.totalSpent : 0;
  const purchaseDates = [given.firstPurchaseOn, h.lastPurchase ?? ''].filter((d) => d && d <= today);
  // Money with no purchase date was spent by the latest known visit or contact.
  const spentOn =
    spent && purchaseDates.length === 0
      ? latest(
          [h.lastVisit ?? '', given.visitOn, h.lastContact ?? '', given.firstContactOn].filter((d) => d <= today),
        ) || today
      : '';
  const visitDates = [given.visitOn, h.lastVisit ?? ''];
  const allPurchases = [...purchaseDates, spentOn];
  const fill = (key: string, date: string) => {
    if (date && (values[key] === undefined || values[key] === '')) values[key] = date;
  };
  fill('firstPurchaseOn', earliest(allPurchases));
  fill('visitOn', earliest([...visitDates, ...allPurchases]));
  fill('firstContactOn', earliest([given.firstContactOn, h.lastContact ?? '', ...visitDates, ...allPurchases]));

  const reached: Milestone = isoDay(values.firstPurchaseOn)
    ? 'client'
    : isoDay(values.visitOn)
      ? 'visit'
      : isoDay(values.firstContactOn) || isoDay(values.nextAppointmentOn)
        ? 'contact'
        : 'lead';
  const explicit = String(values.stage ?? '');
  const explicitMilestone = explicit ? effectiveMilestone(settings, explicit) : '';
  const keepExplicit = explicitMilestone && (explicitMilestone === 'lost' || RANK[explicitMilestone] >= RANK[reached]);
  const stage = keepExplicit ? explicit : stageLabel(settings, reached);
  if (stage) values.stage = stage;
  const known = [
    isoDay(values.firstContactOn),
    isoDay(values.visitOn),
    isoDay(values.firstPurchaseOn),
    h.lastVisit ?? '',
    h.lastContact ?? '',
    h.lastPurchase ?? '',
  ].filter((d) => d && d <= today);
  const first = earliest(known);
  const current = {
    firstContactOn: values.firstContactOn === undefined ? '' : String(values.firstContactOn),
    visitOn: values.visitOn === undefined ? '' : String(values.visitOn),
    firstPurchaseOn: values.firstPurchaseOn === undefined ? '' : String(values.firstPurchaseOn),
  };
  Object.assign(values, milestoneStamps(settings, stage, current, first || today));
  if (!values.createdOn) values.createdOn = first || today;
  // Whatever else a new card gets (zero totals…), as for a card added in a sidebar: only empty fields are filled.
  Object.assign(values, newCardFields(settings, values, today));

  if (notes.length) {
    const base = String(values.notes ?? '');
    values.notes = [base, ...notes].filter(Boolean).join('\n');
  }

  const history = seeds(row.sourceRow, given, h, spent, spentOn, values, today);
  return {
    sourceRows: [row.sourceRow],
    values,
    extra: row.extra,
    flagged: row.flagged,
    history,
    explicitStage: !!keepExplicit,
    problems,
    listAdditions,
  };
}

/**
 * Journal rows for the dates the source gave: first contact, first and last visit, last contact, first and last
 * purchase; the total spent rides on the latest purchase (or one purchase of its own). Future dates are left out.
 */
function seeds(
  sourceRow: number,
  given: { firstContactOn: string; visitOn: string; firstPurchaseOn: string },
  h: RowResult['history'],
  spent: number,
  spentOn: string,
  values: Record<string, CellValue>,
  today: string,
): HistorySeed[] {
  const out: HistorySeed[] = [];
  const item = String(values.interest ?? '');
  const add = (date: string, kind: ContactKind, summary: ImportMessageKey, withItem: boolean) => {
    if (!date || date > today) return;
    out.push({ sourceRow, at: `${date}T00:00`, kind, summary, item: withItem ? item : '', amount: '', source: '' });
  };
  add(given.firstContactOn, 'call', 'journal.firstContact', true);
  add(given.visitOn, 'visit', 'journal.firstVisit', true);
  if (h.lastVisit !== given.visitOn) add(h.lastVisit ?? '', 'visit', 'journal.lastVisit', false);
  if (h.lastContact !== given.firstContactOn) add(h.lastContact ?? '', 'call', 'journal.lastContact', false);
  add(given.firstPurchaseOn, 'purchase', 'journal.firstPurchase', false);
  if (h.lastPurchase !== given.firstPurchaseOn) add(h.lastPurchase ?? '', 'purchase', 'journal.lastPurchase', false);
  out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  if (spent) {
    const purchase = [...out].reverse().find((s) => s.kind === 'purchase');
    if (purchase) purchase.amount = spent;
    else {
      out.push({
        sourceRow,
        at: `${spentOn}T00:00`,
        kind: 'purchase',
        summary: 'journal.spent',
        item: '',
        amount: spent,
        source: '',
      });
      out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    }
  }
  // The channel belongs to how the client first came.
  if (out.length && values.source) out[0].source = String(values.source);
  return out;
}
