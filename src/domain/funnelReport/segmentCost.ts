// What one member of a segment cost to acquire, where spend can be attributed by channel: a member who is a lead of
// the Funnel tab's months cost the cost per lead of their cohort month and channel (spend ÷ leads of that cell); the
// segment's cost per member is the average over those members (the others' spend cannot be attributed). Written
// once for TypeScript and for the formula of one cell on a segment tab or the Segments overview.
import { sourceColumn } from '../formulas';
import type { SettingsData } from '../settings';
import type { FunnelReport } from './compute';
import { channelIndex, cohortKey } from './model';
import { channelIndexExpr, cohortKeyExpr, type FunnelRenderEnv, funnelRefs } from './render';

/** Cost per lead of the card's cohort cell; null when the card is not a lead of the report's months. */
export function acquisitionCost(
  report: FunnelReport,
  settings: SettingsData,
  card: Record<string, unknown>,
): number | null {
  if (String(card.fullName ?? '') === '') return null;
  const i = report.months.indexOf(cohortKey(card));
  if (i < 0) return null;
  const index = channelIndex(settings, card.source);
  return report.cells[i][index === 0 ? report.channels.length : index - 1].costPerLead;
}

/** Average acquisition cost of the members that have one; null when none has. */
export function costPerMember(
  report: FunnelReport,
  settings: SettingsData,
  members: Iterable<Record<string, unknown>>,
): number | null {
  let sum = 0;
  let count = 0;
  for (const card of members) {
    const cost = acquisitionCost(report, settings, card);
    if (cost === null) continue;
    sum += cost;
    count++;
  }
  return count ? sum / count : null;
}

/**
 * Two column expressions (per Clients row, like clientColumn ranges) a member list carries — as hidden columns of its
 * FILTER — so the cost cell can read them: the cohort month key (0 for no lead) and the channel index.
 */
export function memberKeyExprs(env: FunnelRenderEnv): { key: string; channel: string } {
  return { key: cohortKeyExpr(env), channel: channelIndexExpr(env, sourceColumn(env, 'clients', 'source')) };
}

/**
 * One cell's formula: the average acquisition cost of the listed members, blank when none can be attributed.
 * `keys` and `channels` are the member list's ranges of those two columns (e.g. H5:H and I5:I); `funnel` is the
 * Funnel tab's current name and how many Settings channels it was rendered with.
 */
export function costPerMemberFormula(
  funnel: { sheetName: string; channels: number },
  keys: string,
  channels: string,
): string {
  const r = funnelRefs(funnel.sheetName, funnel.channels);
  // A key cell may be blank or text where the list is shorter than its range.
  const inWindow = `ISNUMBER(${keys})*(${keys}>=${r.start})*(${keys}<=${r.end})`;
  const spend = `SUMIFS(${r.spend.amount},${r.spend.key},${keys},${r.spend.channel},${channels})`;
  const leads = `SUMIFS(${r.leads.count},${r.leads.key},${keys},${r.leads.channel},${channels})`;
  return `=IFERROR(AVERAGE(ARRAYFORMULA(IF(${inWindow},IFERROR(${spend}/${leads},""),""))),"")`;
}
