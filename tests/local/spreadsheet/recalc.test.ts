// Recalculation follows every kind of edit: aggregates and FILTER results over whole client columns are checked
// against values computed here after each of a long, seeded series of edits, appends, inserts, deletes, sorts and
// clears (the engine keeps per-range results between edits and must never show a stale one).

import { newModel } from './helpers';

const STAGES = ['Lead', 'Visit', 'Client', 'Lost'];
const SOURCES = ['Ads', 'Friend', 'Site'];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = [string, string, string, number];

function setup() {
  const ctx = newModel({ locale: 'en_US' });
  const clients = ctx.ss.getActiveSheet().setName('Clients');
  const funnel = ctx.ss.insertSheet('Funnel');
  const rnd = random(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const row = (i: number): Row => [`C${i}`, pick(STAGES), pick(SOURCES), Math.floor(rnd() * 10) * 100];
  const rows: Row[] = [];
  for (let i = 1; i <= 120; i++) rows.push(row(i));
  clients.getRange(1, 1, 1, 4).setValues([['ID', 'Stage', 'Source', 'Spent']]);
  clients.getRange(2, 1, rows.length, 4).setValues(rows);
  const formulas: string[] = [];
  for (const st of STAGES) {
    formulas.push(`=COUNTIFS(Clients!B:B,"${st}")`);
    formulas.push(`=SUMIFS(Clients!D:D,Clients!B:B,"${st}")`);
    for (const so of SOURCES) formulas.push(`=COUNTIFS(Clients!B2:B,"${st}",Clients!C2:C,"${so}")`);
  }
  formulas.push(
    '=COUNTIF(Clients!D:D,">=500")',
    '=COUNTIF(Clients!B:B,"L*")',
    '=AVERAGEIF(Clients!C:C,"Ads",Clients!D:D)',
  );
  funnel.getRange(1, 1, 1, formulas.length).setFormulas([formulas]);
  funnel.getRange('A3').setFormula('=FILTER(Clients!A2:A,Clients!B2:B="Client",Clients!D2:D>300)');
  return { ...ctx, clients, funnel, rnd, pick, row, formulas: formulas.length };
}

/** What the funnel must show for the client rows as they are now. */
function expected(data: Row[]) {
  const out: unknown[] = [];
  for (const st of STAGES) {
    out.push(data.filter((r) => r[1] === st).length);
    out.push(data.filter((r) => r[1] === st).reduce((s, r) => s + r[3], 0));
    for (const so of SOURCES) out.push(data.filter((r) => r[1] === st && r[2] === so).length);
  }
  out.push(data.filter((r) => r[3] >= 500).length, data.filter((r) => /^l/i.test(r[1])).length);
  const ads = data.filter((r) => r[2] === 'Ads');
  out.push(ads.length ? ads.reduce((s, r) => s + r[3], 0) / ads.length : '#DIV/0!');
  const segment = data.filter((r) => r[1] === 'Client' && r[3] > 300).map((r) => r[0]);
  return { aggregates: out, segment };
}

function actual(clients: any): Row[] {
  const last = clients.getLastRow();
  if (last < 2) return [];
  return (clients.getRange(2, 1, last - 1, 4).getValues() as Row[]).filter((r) => r[0] !== '');
}

describe('recalculation after edits', () => {
  it('keeps COUNTIFS, SUMIFS, COUNTIF, AVERAGEIF and FILTER right through 60 mixed edits', () => {
    const { clients, funnel, rnd, pick, row, formulas } = setup();
    let next = 1000;
    for (let step = 0; step < 60; step++) {
      const last = clients.getLastRow();
      const at = 2 + Math.floor(rnd() * Math.max(1, last - 1));
      const op = Math.floor(rnd() * 8);
      if (op === 0) clients.getRange(at, 2).setValue(pick(STAGES));
      else if (op === 1) clients.appendRow(row(next++));
      else if (op === 2) {
        // Inserted rows stay empty for a while now and then.
        clients.insertRowsBefore(at, 2);
        if (rnd() < 0.5) clients.getRange(at, 1, 2, 4).setValues([row(next++), row(next++)]);
      } else if (op === 3 && last > 20) clients.deleteRows(at, Math.min(2, last - at + 1));
      else if (op === 4) clients.getRange(2, 1, last - 1, 4).sort({ column: 4, ascending: rnd() < 0.5 });
      else if (op === 5) clients.getRange(at, 1, Math.min(5, last - at + 1), 4).clearContent();
      else if (op === 6) {
        const n = Math.min(10, last - at + 1);
        clients.getRange(at, 1, n, 4).setValues(Array.from({ length: n }, () => row(next++)));
      } else clients.getRange(at, 4).setValue(Math.floor(rnd() * 10) * 100);
      // Cleared rows leave gaps; the expectation reads the tab as it is.
      const want = expected(actual(clients));
      expect(funnel.getRange(1, 1, 1, formulas).getValues()[0]).toEqual(want.aggregates);
      const seg = funnel
        .getRange(3, 1, Math.max(1, want.segment.length) + 1, 1)
        .getValues()
        .flat();
      expect(seg).toEqual(want.segment.length ? [...want.segment, ''] : ['#N/A', '']);
    }
  });

  it('counts a criteria column that holds formulas, as their values change', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const data = ss.getActiveSheet();
    data.getRange('A1:A4').setValues([['x'], ['y'], ['x'], ['z']]);
    data.getRange('B1:B4').setFormulas([['=A1'], ['=A2'], ['=A3'], ['=A4']]);
    data.getRange('C1').setFormula('=COUNTIF(B1:B4,"x")');
    data.getRange('D1').setFormula('=FILTER(A1:A4,B1:B4="x")');
    expect(data.getRange('C1').getValue()).toBe(2);
    data.getRange('A2').setValue('x');
    expect(data.getRange('C1').getValue()).toBe(3);
    expect(data.getRange('D1:D4').getValues().flat()).toEqual(['x', 'x', 'x', '']);
    data.getRange('A1:A4').setValues([['z'], ['z'], ['z'], ['x']]);
    expect(data.getRange('C1').getValue()).toBe(1);
    expect(data.getRange('D1:D2').getValues().flat()).toEqual(['x', '']);
  });

  it('evaluates many writes together at the next read, with the same results as one by one', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const data = ss.getActiveSheet();
    data.getRange('E1').setFormula('=SUM(A:A)');
    data.getRange('E2').setFormula('=COUNTIF(A:A,">10")');
    for (let i = 1; i <= 50; i++) data.getRange(i, 1).setValue(i);
    expect(data.getRange('E1:E2').getValues()).toEqual([[1275], [40]]);
  });

  it('reads of a tab without formulas between writes leave every formula tab right at its next read', () => {
    const { clients, funnel, row, formulas } = setup();
    // A number format set on a formula cell is applied without parsing the formula again.
    funnel.getRange('A5').setNumberFormat('yyyy-mm-dd');
    funnel.getRange('A5').setFormula('=MAX(Clients!D:D)');
    for (let i = 0; i < 12; i++) {
      clients.appendRow(row(500 + i));
      clients.getRange(2 + i, 4).setValue(9000 + i);
      // The plain tab reads back what was written, with no formula tab read in between.
      expect(clients.getRange(2 + i, 4).getValue()).toBe(9000 + i);
      expect(clients.getLastRow()).toBe(122 + i);
      expect(
        clients
          .createTextFinder(`C${500 + i}`)
          .matchEntireCell(true)
          .findAll()[0]
          .getRow(),
      ).toBe(122 + i);
    }
    const want = expected(actual(clients));
    expect(funnel.getRange(1, 1, 1, formulas).getValues()[0]).toEqual(want.aggregates);
    expect(funnel.getRange('A5').getDisplayValue()).toBe('1924-09-01');
  });
});
