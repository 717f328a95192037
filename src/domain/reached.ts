// "Reached a milestone", written once and rendered twice: the TypeScript rule over a card, and the formula that
// keeps generated tabs (funnel, segments) live. A lead moved to a later stage counts as having reached every
// milestone up to that stage's, with or without the milestone's date; a filled milestone date counts too, and so
// does the date of any later milestone (a client who bought has been contacted). A lost lead keeps only what its
// dates say.
import { clientColumn, type FormulaEnv, listItemCell } from './formulas';
import { effectiveMilestone } from './funnel';
import type { Milestone } from './settings';

/** Order of the milestones along the funnel; lost is off the funnel. */
export const MILESTONE_RANK: Record<Milestone, number> = { lead: 0, contact: 1, visit: 2, client: 3, lost: -1 };

/** The milestones reached along the funnel, in order. */
export const FUNNEL_MILESTONES = ['lead', 'contact', 'visit', 'client'] as const;
export type FunnelMilestone = (typeof FUNNEL_MILESTONES)[number];

/** The card field holding the date each milestone was first reached. */
export const MILESTONE_DATE_FIELD = {
  contact: 'firstContactOn',
  visit: 'visitOn',
  client: 'firstPurchaseOn',
} as const;

/** Date fields whose being filled means `m` was reached: its own and every later milestone's. */
function datesReaching(m: FunnelMilestone): Array<(typeof MILESTONE_DATE_FIELD)[keyof typeof MILESTONE_DATE_FIELD]> {
  return (['contact', 'visit', 'client'] as const)
    .filter((x) => MILESTONE_RANK[x] >= MILESTONE_RANK[m])
    .map((x) => MILESTONE_DATE_FIELD[x]);
}

/** Stage labels (as in Settings) whose milestone, own or inherited, is `m` or later on the funnel. */
export function stagesReaching(settings: FormulaEnv['settings'], m: FunnelMilestone): string[] {
  return settings.lists.stages
    .map((s) => s.label)
    .filter((label) => {
      const eff = effectiveMilestone(settings, label);
      return eff !== '' && eff !== 'lost' && MILESTONE_RANK[eff] >= MILESTONE_RANK[m];
    });
}

/** A card (as read: 'yyyy-mm-dd' dates or '') has reached milestone `m`. Every named card is a lead. */
export function hasReached(
  settings: FormulaEnv['settings'],
  card: Record<string, unknown>,
  m: FunnelMilestone,
): boolean {
  if (m === 'lead') return true;
  const eff = effectiveMilestone(settings, String(card.stage ?? ''));
  if (eff !== '' && eff !== 'lost' && MILESTONE_RANK[eff] >= MILESTONE_RANK[m]) return true;
  return datesReaching(m).some((f) => String(card[f] ?? '') !== '');
}

/**
 * Cells of the Settings stage labels that count as reaching `m`: a renamed stage is followed by its cell; a stage
 * added, reordered or given another milestone needs a rebuild.
 */
export function stageCellsReaching(env: FormulaEnv, m: FunnelMilestone): string[] {
  return stagesReaching(env.settings, m)
    .map((label) => listItemCell(env, 'stages', label))
    .filter((c): c is string => Boolean(c));
}

/**
 * An array expression, one TRUE/FALSE per Clients row from row 2 (aligned with clientColumn ranges), telling
 * whether the row's client reached `m` — for FILTER conditions, SUMPRODUCT or one ARRAYFORMULA helper column.
 * Linear in clients: each term compares the row with one Settings cell.
 */
export function reachedExpr(env: FormulaEnv, m: FunnelMilestone): string {
  if (m === 'lead') return `(${clientColumn(env, 'fullName')}<>"")`;
  const stage = `TRIM(${clientColumn(env, 'stage')}&"")`;
  const terms = [
    ...datesReaching(m).map((f) => `(${clientColumn(env, f)}<>"")`),
    // A blank label cell (a stage cleared in Settings) must not match every client without a stage.
    ...stageCellsReaching(env, m).map((cell) => `(${stage}=TRIM(${cell}))*(TRIM(${cell})<>"")`),
  ];
  return `((${terms.join('+')})>0)`;
}
