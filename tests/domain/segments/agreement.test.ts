// One definition, two renderings: each segment's sheet formula, run in the emulated spreadsheet, lists exactly the
// clients the TypeScript selection picks, on the same generated rows (varied on purpose: blanks, text in number and
// date columns, case and spaces, 29 February, year ends, weeks).
import {
  boundValues,
  defaultSegments,
  FIRST_MEMBER_ROW,
  readSegments,
  type Segment,
  segmentGrid,
  selectMembers,
} from '../../../src/domain/segments';
import { variedCards } from './cards';
import { type Card, sheetEnv } from './sheetEnv';

const ids = (cards: Card[]) => cards.map((c) => String(c.id));

describe('segments: the tab formula and the TypeScript selection agree', () => {
  for (const [lang, today] of [
    ['ru', '2026-03-15'],
    ['en', '2026-12-29'],
    ['ru', '2028-02-28'],
  ] as const) {
    it(`every default segment lists the same clients (${lang}, today ${today})`, () => {
      const sheet = sheetEnv(lang, { today, rows: 400 });
      const { env } = sheet;
      const services = env.settings.lists.services;
      const cards: Card[] = variedCards(today.length + Number(today.slice(8)), 300, lang, today, services).map(
        (c, i) => ({
          ...c,
          id: `C-${String(i + 1).padStart(6, '0')}`,
        }),
      );
      sheet.writeCards(cards);
      // Seeded rows as the Segments tab holds them: formulas reading Settings are evaluated by the sheet.
      const seeds = defaultSegments(lang, env);
      const rows = seeds.map((s, i) => {
        const shown = (v: string) => (v.startsWith('=') ? String(sheet.evaluate(v, 1)[0][0]) : v);
        return {
          row: i + 2,
          key: s.key,
          name: shown(s.name),
          active: true,
          conditions: shown(s.conditions),
          nameFormula: s.name.startsWith('=') ? s.name : undefined,
          conditionsFormula: s.conditions.startsWith('=') ? s.conditions : undefined,
        };
      });
      const read = readSegments(rows, { ...env, timeZone: 'UTC' });
      const evalEnv = { settings: env.settings, today, locale: env.locale };
      let nonEmpty = 0;
      for (const reading of read) {
        if (!reading.ok) throw new Error(reading.error);
        const seg: Segment = reading.segment;
        const bound = boundValues(seg.source.conditionsFormula, env.settingsRefs);
        const grid = segmentGrid(env, seg.source, seg.conditions, seg.plan, bound);
        const formula = String(grid[FIRST_MEMBER_ROW - 1][0]);
        const width = seg.plan.columns.length;
        const idColumn = seg.plan.columns.findIndex((c) => c.field === 'id');
        const listed = sheet
          .evaluate(formula, cards.length + 1, width)
          .map((r) => r[idColumn])
          .filter((v) => v !== '');
        const expected = selectMembers(cards, seg.conditions, seg.plan, evalEnv);
        if (expected.length) nonEmpty++;
        expect({ segment: seg.name, ids: [...listed].map(String).sort() }).toEqual({
          segment: seg.name,
          ids: ids(expected).sort(),
        });
        // The first sort key orders the tab as the TypeScript order does.
        const key = seg.plan.sort[0].column;
        const shown = sheet.evaluate(formula, expected.length, width).map((r) => r[key]);
        const order = expected.map((c) => {
          const col = seg.plan.columns[key];
          return col.helper ? undefined : c[col.field];
        });
        if (!seg.plan.columns[key].helper && typeof order[0] === 'number')
          expect({ segment: seg.name, order: shown }).toEqual({ segment: seg.name, order });
      }
      // The generated rows are varied enough that most segments have members.
      expect(nonEmpty).toBeGreaterThan(read.length - 3);
    });
  }
});
