// Cost per segment member where spend can be attributed by channel: the one-cell formula over a member list's two
// helper columns equals the TypeScript average of the members' acquisition costs (src/domain/funnelReport/segmentCost.ts).

import { clientColumn } from '../../../src/domain/formulas';
import { computeFunnel } from '../../../src/domain/funnelReport/compute';
import { monthKey } from '../../../src/domain/funnelReport/model';
import {
  acquisitionCost,
  costPerMember,
  costPerMemberFormula,
  memberKeyExprs,
} from '../../../src/domain/funnelReport/segmentCost';
import { seeded } from '../reminders/random';
import { funnelEnv } from './funnelEnv';
import { randomCards, randomSpend } from './generate';

const TODAY = '2026-03-15';

describe('cost per segment member (src/domain/funnelReport/segmentCost.ts)', () => {
  it('the formula over a FILTERed member list equals the TypeScript average, segment by segment', () => {
    const f = funnelEnv('ru', { today: TODAY, rows: 300 });
    const r = seeded(31);
    const cards = randomCards(r, 300, f.env.settings);
    const spend = randomSpend(r, 50, f.env.settings);
    f.writeCards(cards);
    f.writeSpend(spend);
    f.build();
    const report = computeFunnel({ cards, spend, settings: f.env.settings, endMonth: monthKey(TODAY) });
    const { key, channel } = memberKeyExprs(f.env);
    const segment = f.ss.insertSheet('Сегмент');
    const funnel = { sheetName: f.funnel.getName(), channels: f.env.settings.lists.channels.length };
    const stage = `TRIM(${clientColumn(f.env, 'stage')}&"")`;
    // Three segments as a segment tab lists them: members' names, then the two helper columns.
    const segments = [
      {
        name: 'clients',
        test: `(${stage}="Клиент")`,
        ts: (c: (typeof cards)[number]) => String(c.stage).trim().toLowerCase() === 'клиент',
      },
      {
        name: 'with a source',
        test: `(TRIM(${clientColumn(f.env, 'source')}&"")<>"")`,
        ts: (c: (typeof cards)[number]) => String(c.source).trim() !== '',
      },
      { name: 'nobody', test: `(${stage}="Нет такой стадии")`, ts: () => false },
    ];
    for (const s of segments) {
      segment.clear();
      segment
        .getRange('A1')
        .setFormula(
          `=ARRAYFORMULA(IFERROR(FILTER({${clientColumn(f.env, 'fullName')},${key},${channel}},(${clientColumn(f.env, 'fullName')}<>"")*${s.test}),""))`,
        );
      segment.getRange('E1').setFormula(costPerMemberFormula(funnel, 'B1:B', 'C1:C'));
      const got = segment.getRange('E1').getValue();
      const members = cards.filter((c) => c.fullName !== '' && s.ts(c));
      const expected = costPerMember(report, f.env.settings, members);
      if (expected === null) expect({ segment: s.name, got }).toEqual({ segment: s.name, got: '' });
      else {
        expect(typeof got).toBe('number');
        expect({ segment: s.name, got: Number((got as number).toPrecision(9)) }).toEqual({
          segment: s.name,
          got: Number(expected.toPrecision(9)),
        });
      }
    }
    // Some members were attributable and some not, so the average says something.
    const costs = cards.map((c) => acquisitionCost(report, f.env.settings, c));
    expect(costs.filter((c) => c !== null && c > 0).length).toBeGreaterThan(20);
    expect(costs.filter((c) => c === null).length).toBeGreaterThan(20);
  });
});
