// Funnel stage rules: which milestone a stage stands for, what moving to it stamps, and how a contact moves a client.
import type { ContactKind, Milestone, SettingsData, StageDef } from './settings';

const RANK: Record<Milestone, number> = { lead: 0, contact: 1, visit: 2, client: 3, lost: -1 };

/** Milestone a stage counts as: its own, or that of the nearest milestone stage before it in funnel order. */
export function effectiveMilestone(settings: SettingsData, stageLabel: string): Milestone | '' {
  const stages = settings.lists.stages;
  const idx = findStageIndex(stages, stageLabel);
  if (idx < 0) return '';
  for (let i = idx; i >= 0; i--) {
    const m = stages[i].milestone;
    if (m) return m;
  }
  return 'lead';
}

export function findStageIndex(stages: StageDef[], label: string): number {
  const wanted = String(label ?? '')
    .trim()
    .toLowerCase();
  return stages.findIndex((s) => s.label.toLowerCase() === wanted);
}

export function stageLabel(settings: SettingsData, m: Milestone): string {
  return settings.lists.stages.find((s) => s.milestone === m)?.label ?? '';
}

export interface MilestoneDates {
  firstContactOn: string;
  visitOn: string;
  firstPurchaseOn: string;
}

/**
 * Dates to stamp when a client reaches a stage: the first-contact and visit dates up to the stage's milestone that
 * are still empty get `today` (a client had a contact and a visit). The first-purchase date is the day of a real
 * purchase — logging one, or the journal — never a stage alone: a card moved to "Client" by hand keeps it empty,
 * and the funnel still counts it as a client by its stage (src/domain/reached.ts). Nothing is ever cleared.
 */
export function milestoneStamps(
  settings: SettingsData,
  toStage: string,
  current: MilestoneDates,
  today: string,
): Partial<MilestoneDates> {
  const m = effectiveMilestone(settings, toStage);
  if (!m || m === 'lost' || m === 'lead') return {};
  const rank = RANK[m];
  const patch: Partial<MilestoneDates> = {};
  if (rank >= 1 && !current.firstContactOn) patch.firstContactOn = today;
  if (rank >= 2 && !current.visitOn) patch.visitOn = today;
  return patch;
}

/** The stage a client moves to after a contact of this kind, or undefined when the stage stays. */
export function stageAfterContact(
  settings: SettingsData,
  currentStage: string,
  kind: ContactKind,
  isPurchase: boolean,
): string | undefined {
  const current = effectiveMilestone(settings, currentStage);
  const rank = current ? RANK[current] : 0;
  let target: Milestone | undefined;
  if (isPurchase) target = current === 'client' ? undefined : 'client';
  else if (kind === 'visit') target = current === 'lost' || rank < 2 ? 'visit' : undefined;
  else if (kind !== 'note' && current !== 'lost' && rank < 1) target = 'contact';
  if (!target) return undefined;
  const label = stageLabel(settings, target);
  return label && label !== currentStage ? label : undefined;
}
