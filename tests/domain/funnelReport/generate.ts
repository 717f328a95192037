// Generated clients and ad spend with every case the funnel must count right: stages in other case or padded, sources
// not in Settings or blank, cohorts outside the shown months or only a first-contact date, text in number and date
// cells, purchases with cents.
import type { SettingsData } from '../../../src/domain/settings';
import type { Random } from '../reminders/random';
import type { Card, SpendInput } from './funnelEnv';

export function month(r: Random): string {
  // 2025-01 … 2026-05: some before the 12 shown months, some after.
  const index = r.int(0, 16);
  const y = 2025 + Math.floor(index / 12);
  return `${y}-${String((index % 12) + 1).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
}

export function randomCards(r: Random, count: number, settings: SettingsData): Card[] {
  const stages = settings.lists.stages.map((s) => s.label);
  const stageVariants = [...stages, ...stages.map((s) => s.toUpperCase()), ` ${stages[2]} `, 'нет такой', ''];
  const channels = settings.lists.channels;
  const sources = [...channels, channels[1].toLowerCase(), ` ${channels[2]} `, 'Газета', ''];
  const date = (p: number) => (r.chance(p) ? month(r) : '');
  return Array.from({ length: count }, (_, i) => {
    const created = r.chance(0.8) ? month(r) : r.chance(0.5) ? 'вчера' : '';
    return {
      fullName: r.chance(0.95) ? `Клиент ${i}` : '',
      stage: r.pick(stageVariants),
      source: r.pick(sources),
      createdOn: created,
      firstContactOn: date(0.4),
      visitOn: date(0.25),
      firstPurchaseOn: date(0.15),
      totalSpent: r.chance(0.3) ? r.int(1, 500) * 100 + r.pick([0, 0.5]) : r.chance(0.1) ? 'н/д' : '',
    };
  });
}

export function randomSpend(r: Random, count: number, settings: SettingsData): SpendInput[] {
  const channels = settings.lists.channels;
  return Array.from({ length: count }, () => ({
    month: month(r),
    channel: r.pick([...channels, channels[0].toLowerCase(), 'Газета', '']),
    amount: r.chance(0.9) ? r.int(1, 3000) * 10 + 0.25 : 'много',
  }));
}
