// "Reached a milestone": the TypeScript rule and its formula select the same clients on the same rows, and the
// formula follows a renamed stage with no rebuild.
import { clientColumn, settingValue } from '../../../src/domain/formulas';
import { FUNNEL_MILESTONES, hasReached, reachedExpr, stagesReaching } from '../../../src/domain/reached';
import type { SettingsData } from '../../../src/domain/settings';
import { seeded } from '../reminders/random';
import { type Card, sheetEnv } from './sheetEnv';

/** Settings with a stage without a milestone after "Новый лид" and one after "Отказ". */
function customStages(s: SettingsData) {
  s.lists.stages.splice(1, 0, { label: 'Звонок назначен', milestone: '' });
  s.lists.stages.push({ label: 'Вернулся', milestone: '' });
}

function randomCards(seed: number, count: number, stages: string[]): Card[] {
  const r = seeded(seed);
  const date = () => (r.chance(0.4) ? `2026-0${r.int(1, 3)}-1${r.int(0, 9)}` : '');
  const stageVariants = [...stages, ...stages.map((s) => s.toLowerCase()), ' Визит ', 'нет такой', ''];
  return Array.from({ length: count }, (_, i) => ({
    fullName: r.chance(0.95) ? `Клиент ${i}` : '',
    stage: r.pick(stageVariants),
    firstContactOn: date(),
    visitOn: date(),
    firstPurchaseOn: r.chance(0.2) ? date() : '',
  }));
}

describe('reached a milestone (src/domain/reached.ts)', () => {
  it('a stage counts as its own milestone or the nearest before it; lost and unknown stages reach nothing', () => {
    const s = sheetEnv('ru', { settings: customStages }).env.settings;
    expect(stagesReaching(s, 'contact')).toEqual(['Первый контакт', 'Визит', 'Клиент']);
    expect(stagesReaching(s, 'lead')).toContain('Звонок назначен');
    expect(stagesReaching(s, 'lead')).not.toContain('Вернулся');
    expect(hasReached(s, { stage: 'Визит' }, 'contact')).toBe(true);
    expect(hasReached(s, { stage: 'Отказ', visitOn: '2026-01-02' }, 'contact')).toBe(true);
    expect(hasReached(s, { stage: 'Отказ', firstContactOn: '2026-01-02' }, 'visit')).toBe(false);
    expect(hasReached(s, { stage: 'нет такой' }, 'contact')).toBe(false);
  });

  it('the formula and the TypeScript rule agree on 250 varied rows for every milestone (ru and en)', () => {
    for (const lang of ['ru', 'en'] as const) {
      const sheet = sheetEnv(lang, { settings: lang === 'ru' ? customStages : undefined });
      const { env } = sheet;
      const cards = randomCards(
        lang === 'ru' ? 7 : 8,
        250,
        env.settings.lists.stages.map((s) => s.label),
      );
      sheet.writeCards(cards);
      for (const m of FUNNEL_MILESTONES) {
        const got = sheet.evaluate(`=ARRAYFORMULA(${reachedExpr(env, m)})`, cards.length).map((row) => row[0]);
        const expected = cards.map((c) => (m === 'lead' ? c.fullName !== '' : hasReached(env.settings, c, m)));
        expect({ m, lang, got }).toEqual({ m, lang, got: expected });
      }
    }
  });

  it('a stage renamed in Settings is followed by the formula with no rebuild', () => {
    const sheet = sheetEnv('ru');
    const { env } = sheet;
    sheet.writeCards([{ fullName: 'Анна', stage: 'Приём' }]);
    const formula = `=ARRAYFORMULA(${reachedExpr(env, 'visit')})`;
    expect(sheet.evaluate(formula, 1)[0][0]).toBe(false);
    const column = env.settingsRefs.listColumns.stages!;
    const row = env.settingsRefs.listItems.stages!.find((i) => i.text === 'Визит')!.row;
    sheet.settingsSheet.getRange(row, column).setValue('Приём');
    expect(sheet.evaluate(formula, 1)[0][0]).toBe(true);
    expect(hasReached(sheet.settingsNow(), { stage: 'Приём' }, 'visit')).toBe(true);
  });

  it('a threshold reads its Settings cell and falls back to the default when the cell is broken', () => {
    const sheet = sheetEnv('ru');
    const expr = `=${settingValue(sheet.env, 'regularPurchases')}`;
    const row = sheet.env.settingsRefs.valueRows.regularPurchases!;
    for (const [typed, expected] of [
      [5, 5],
      ['много', 3],
      [1, 3],
      [2.5, 3],
    ] as const) {
      sheet.settingsSheet.getRange(row, 2).setValue(typed);
      expect(sheet.evaluate(expr, 1)[0][0]).toBe(expected);
      expect(sheet.settingsNow().values.regularPurchases).toBe(expected);
    }
    expect(clientColumn(sheet.env, 'stage')).toBe("'Клиенты'!$D$2:$D");
  });
});
