// What the morning run costs in Spreadsheet and MailApp calls, as a guard: a change that reads or writes per client
// row, per journal row or makes each letter chattier fails here. The counts come from `npm run bench` (the morning
// section at 1k clients + 3k journal rows: plan 12 calls, 5 a letter, 99 more per morning — the digest, the log block
// before the first send, the Clients and Journal layouts and the Settings read while their caches are cold).
import { dropFormulaTabs, spreadsheetCalls, TAB } from './helpers';
import { bulkClients, turnOn, until, type World, world } from './remindersWorld';

const PLAN = 12;
const PER_LETTER = 5;
/** Measured 99; the margin is smaller than the rows of either tab, so one call per row cannot hide in it. */
const PER_MORNING = 105;

/** Journal rows written through the model as if logged long ago: purchases and calls of existing clients. */
function bulkJournal(w: World, n: number, clients: number): void {
  const sheet = (w.wb.model.spreadsheet as any).getSheetByName(TAB.ru.journal);
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[];
  const [when, id, type, amount] = ['Когда', 'ID клиента', 'Тип', 'Сумма'].map((h) => header.indexOf(h));
  const rows: unknown[][] = [];
  for (let k = 0; k < n; k++) {
    const row = new Array(header.length).fill('');
    row[when] = new Date(Date.UTC(2025, 0, 1 + (k % 400), 9));
    row[id] = `C-${String(1 + (k % clients)).padStart(6, '0')}`;
    row[type] = k % 3 === 0 ? 'Покупка' : 'Звонок';
    row[amount] = k % 3 === 0 ? 1000 + (k % 7) * 100 : '';
    rows.push(row);
  }
  const first = Math.max(sheet.getLastRow(), 1) + 1;
  if (sheet.getMaxRows() < first + n - 1) sheet.insertRowsAfter(sheet.getMaxRows(), first + n - 1 - sheet.getMaxRows());
  sheet.getRange(first, 1, n, header.length).setValues(rows);
}

interface Morning {
  letters: number;
  calls: number;
  mail: number;
  /** Range.setValues calls: the Sent-log writes (the journal entry of a letter is appended as a row). */
  writes: number;
  /** Run now right after: every letter already sent, so the plan alone. */
  plan: number;
}

/** The daily trigger's morning of `day` (the nightly run at 03:00 first, outside the count). */
function morning(w: World, day: string): Morning {
  until(w, `${day}T05:00`);
  const before = w.wb.outbox.length;
  w.wb.resetCalls();
  until(w, `${day}T12:00`);
  const calls = w.wb.calls;
  const m = {
    letters: w.wb.outbox.slice(before).filter((x) => x.to !== 'team@clinic.test').length,
    calls: spreadsheetCalls(calls),
    mail: calls['MailApp.sendEmail'] ?? 0,
    writes: calls['Range.setValues'] ?? 0,
    plan: 0,
  };
  w.wb.resetCalls();
  w.call('runDailyJob');
  m.plan = spreadsheetCalls(w.wb.calls);
  return m;
}

describe('what a morning costs in calls (the bench’s morning section, held as a regression guard)', () => {
  it('plans in ≤ 12 calls, adds ≤ 5 Spreadsheet calls, one MailApp call and ≤ 2 Sent-log writes a letter, and costs the same at 10× the clients and journal rows', () => {
    const w = world('ru');
    // 200 clients, all with consent: 2 birthdays on 15 March, 7 on the 16th, 2 on the 17th, the rest in summer.
    bulkClients(w, 2, '03-15', 1);
    bulkClients(w, 7, '03-16', 3);
    bulkClients(w, 2, '03-17', 10);
    bulkClients(w, 189, '07-01', 12);
    bulkJournal(w, 600, 200);
    dropFormulaTabs(w.wb);
    turnOn(w);

    const m15 = morning(w, '2026-03-15');
    const m16 = morning(w, '2026-03-16');
    expect([m15.letters, m16.letters]).toEqual([2, 7]);
    // One MailApp call per letter and one for the digest.
    expect([m15.mail, m16.mail]).toEqual([3, 8]);
    expect(m15.plan).toBeLessThanOrEqual(PLAN);
    const extra = m16.letters - m15.letters;
    expect((m16.calls - m15.calls) / extra).toBeLessThanOrEqual(PER_LETTER);
    expect((m16.writes - m15.writes) / extra).toBeLessThanOrEqual(2);
    expect(m15.calls - m15.plan - PER_LETTER * m15.letters).toBeLessThanOrEqual(PER_MORNING);

    // Ten times the clients and journal rows, the same number of letters: the same calls (one per row would add 1,800).
    bulkClients(w, 1800, '08-01', 201);
    bulkJournal(w, 5400, 2000);
    const m17 = morning(w, '2026-03-17');
    expect([m17.letters, m17.mail]).toEqual([2, 3]);
    expect(m17.plan).toBeLessThanOrEqual(PLAN);
    expect(m17.calls).toBeLessThanOrEqual(m15.calls + 3);
    expect(m17.writes).toBe(m15.writes);
  }, 240_000);
});
