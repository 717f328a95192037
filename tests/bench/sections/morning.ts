// The morning run (reminders) through the built add-on's daily trigger at 1k, 10k and 100k clients (the largest with
// 1,000,000 journal rows): Spreadsheet calls to plan, per letter, in all; modelled Apps Script time across the run and
// its continuations; beside the naive per-row reminder script of the common kind on the same data.
// Sizes: BENCH_MORNING (clients:journal rows, default 1000:3000,10000:30000,100000:1000000; --quick 1000:3000).
// `npx tsx tests/bench/sections/morning.ts [--quick]` runs it alone (dist/ must be built).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createWorkbook, type ExecutionRecord, type Workbook } from '../../../local/index';
import { dropFormulaTabs } from '../../server/formulaTabs';
import { collectGarbage, cpuTime, progress, round } from '../lib/measure';
import { renderBudget, renderTable } from '../lib/render';
import { CODE, fillClients, modelledMs, spreadsheetCalls } from '../lib/workbook';
import type { BenchBudget, BenchSection, BenchTable } from '../types';

const here = path.dirname(fileURLToPath(import.meta.url));
const NAIVE = readFileSync(path.join(here, '../naive/birthday-reminders.gs'), 'utf8');
const SIX_MINUTES = 6 * 60_000;
const TZ = 'Europe/Moscow';
const PLAN_BUDGET = 12;
let removedTabs: string[] = [];

interface Size {
  clients: number;
  journal: number;
}

interface Measured {
  calls: number;
  mail: number;
  modelledMs: number;
  cpuMs: number;
  executions: number;
  longestMs: number;
  error?: string;
}

const fmt = (x: number) => round(x).toLocaleString('en-US');
const label = (s: Size) =>
  `${s.clients >= 1000 ? `${s.clients / 1000}k` : s.clients} clients${s.journal >= 1e6 ? ` + ${s.journal / 1e6}M journal` : ''}`;

function sizesFor(quick: boolean): Size[] {
  const spec = process.env.BENCH_MORNING ?? (quick ? '1000:3000' : '1000:3000,10000:30000,100000:1000000');
  return spec
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [clients, journal] = pair.split(':').map(Number);
      return { clients, journal: journal || 0 };
    });
}

/** Midnight of a wall day in Moscow (UTC+3 all year) as the Date a date cell holds. */
const moscowDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d, -3));

/**
 * The clients fillClients wrote, given birthdays spread over the year (about 1 in 365 on any day), consent for two
 * in three, and an appointment on 16 March for one in 500: a clinic's ordinary mornings. Returns the letters due on
 * 15 March (greetings for the 14th — reminders were switched on that day after 9:00 — and the 15th, reminders for
 * the 16th) and on 16 March.
 */
function addOccasions(wb: Workbook, n: number): { due15: number; due16: number } {
  const sheet = (wb.model.spreadsheet as any).getSheetByName('Клиенты');
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[];
  const col = (h: string) => header.indexOf(h) + 1;
  const birth: unknown[][] = [];
  const consent: unknown[][] = [];
  const visit: unknown[][] = [];
  const consentDay = moscowDay(2025, 1, 10);
  let due15 = 0;
  let due16 = 0;
  for (let i = 1; i <= n; i++) {
    const dayOfYear = (i * 7) % 365;
    const b = new Date(Date.UTC(1970 + (i % 40), 0, 1 + dayOfYear, -3));
    birth.push([b]);
    const agreed = i % 3 !== 0;
    consent.push([agreed ? consentDay : '']);
    const appointment = i % 500 === 0;
    visit.push([appointment ? new Date(Date.UTC(2026, 2, 16, 7)) : '']);
    const moscow = new Date(b.getTime() + 3 * 3600_000);
    const march = moscow.getUTCMonth() === 2 ? moscow.getUTCDate() : 0;
    if (agreed && (march === 14 || march === 15 || appointment)) due15++;
    if (agreed && march === 16) due16++;
  }
  sheet.getRange(2, col('Дата рождения'), n, 1).setValues(birth);
  sheet.getRange(2, col('Согласие на рассылку'), n, 1).setValues(consent);
  sheet.getRange(2, col('Следующая запись'), n, 1).setValues(visit);
  return { due15, due16 };
}

function measure(wb: Workbook, fn: () => unknown): Measured {
  collectGarbage();
  wb.resetCalls();
  const first = wb.executions.length;
  const { ms, value } = cpuTime(() => {
    try {
      return fn();
    } catch (e) {
      return { thrown: e };
    }
  });
  const executions: ExecutionRecord[] = wb.executions.slice(first);
  const thrown = (value as { thrown?: unknown })?.thrown;
  const error =
    thrown !== undefined
      ? thrown instanceof Error
        ? thrown.message
        : String(thrown)
      : executions.find((e) => e.error)?.error;
  return {
    calls: spreadsheetCalls(wb.calls),
    mail: wb.calls['MailApp.sendEmail'] ?? 0,
    modelledMs: modelledMs(executions),
    cpuMs: ms,
    executions: executions.length,
    longestMs: Math.max(0, ...executions.map((e) => e.end.getTime() - e.start.getTime())),
    ...(error ? { error } : {}),
  };
}

interface SizeResult {
  size: Size;
  due: number;
  morning: Measured;
  plan: Measured;
  naive: Measured;
  letters: number;
  naiveLetters: number;
  /** The next morning: its letters and calls, for the cost of one more letter. */
  next: { letters: number; due: number; morning: Measured };
}

/** Spreadsheet calls one more letter adds, from two mornings with different numbers of letters. */
const perLetter = (r: SizeResult) =>
  r.next.letters === r.letters ? Number.NaN : (r.morning.calls - r.next.morning.calls) / (r.letters - r.next.letters);

function runSize(size: Size): SizeResult {
  progress(`morning: ${label(size)}`);
  const wb = createWorkbook({
    timeZone: TZ,
    locale: 'ru_RU',
    now: '2026-03-14T10:00:00',
    user: 'anna@clinic.test',
    mailQuota: 1500,
  });
  const addon = wb.loadAddon(CODE);
  addon.call('setupDatabase');
  removedTabs = dropFormulaTabs(wb);
  fillClients(wb, size.clients, size.journal);
  const { due15: due, due16 } = addOccasions(wb, size.clients);
  addon.call('saveReminderSettings', { recipients: ['team@clinic.test'] });
  const on = addon.call('enableReminders') as { ok: boolean };
  if (!on.ok) throw new Error(`enableReminders failed: ${JSON.stringify(on)}`);
  // Nothing else fires in the measured window: the nightly run (03:00) goes first.
  const letterCount = () => wb.outbox.filter((m) => m.to !== 'team@clinic.test').length;
  wb.clock.set(new Date(Date.UTC(2026, 2, 15, 2)));
  wb.runDueTriggers();
  wb.clock.set(new Date(Date.UTC(2026, 2, 15, 9)));
  const morning = measure(wb, () => wb.runDueTriggers());
  const letters = letterCount();
  progress(
    `  morning: ${morning.calls} calls, ${morning.mail} emails, ${fmt(morning.modelledMs / 1000)} s modelled in ${morning.executions} executions`,
  );
  // Run now right after: every letter already sent, so this is the plan alone (reads and the log check).
  const plan = measure(wb, () => addon.call('runDailyJob'));
  progress(`  plan (re-run): ${plan.calls} calls, ${fmt(plan.modelledMs)} ms modelled`);
  wb.clock.set(new Date(Date.UTC(2026, 2, 16, 2)));
  wb.runDueTriggers();
  wb.clock.set(new Date(Date.UTC(2026, 2, 16, 9)));
  const before16 = letterCount();
  const nextMorning = measure(wb, () => wb.runDueTriggers());
  const next = { letters: letterCount() - before16, due: due16, morning: nextMorning };
  progress(`  next morning: ${nextMorning.calls} calls, ${next.letters} letters`);

  wb.as('naive@clinic.test');
  const naiveAddon = wb.loadAddon({ code: NAIVE, filename: 'Code.gs' });
  const before = wb.outbox.length;
  const naive = measure(wb, () => naiveAddon.call('sendRemindersNaive'));
  const naiveLetters = wb.outbox.length - before;
  progress(
    `  naive: ${naive.calls} calls, ${fmt(naive.modelledMs / 1000)} s modelled${naive.error ? ` — ${naive.error}` : ''}`,
  );
  return { size, due, morning, plan, naive, letters, naiveLetters, next };
}

function tables(results: SizeResult[]): BenchTable[] {
  const main: BenchTable = {
    title: 'Morning run at 09:00 (daily trigger and its continuations) vs the naive per-row script',
    columns: [
      'size',
      'letters',
      'plan calls',
      'calls per letter',
      'other calls per morning',
      'Kartoteka calls',
      'Kartoteka modelled s',
      'executions',
      'naive calls',
      'naive modelled s',
      'calls ratio',
      'time ratio',
    ],
    rows: results.map((r) => {
      const m = r.morning;
      const each = perLetter(r);
      const killed = r.naive.error?.includes('Exceeded maximum execution time') ?? false;
      const ge = killed ? '≥ ' : '';
      return [
        label(r.size),
        r.letters === r.due ? r.letters : `${r.letters} of ${r.due}`,
        r.plan.calls,
        round(each),
        round(m.calls - r.plan.calls - each * r.letters),
        m.error ? `failed: ${m.error}` : m.calls,
        round(m.modelledMs / 1000),
        m.executions,
        killed
          ? `${fmt(r.naive.calls)} (killed at 6 min after ${r.naiveLetters} emails)`
          : r.naive.error
            ? `failed: ${r.naive.error}`
            : r.naive.calls,
        killed ? `${round(r.naive.modelledMs / 1000)} (limit 360)` : round(r.naive.modelledMs / 1000),
        `${ge}${fmt(r.naive.calls / m.calls)}×`,
        `${ge}${fmt(r.naive.modelledMs / m.modelledMs)}×`,
      ];
    }),
    notes: [
      'Kartoteka: the daily trigger fired by `wb.runDueTriggers()` at 09:00 on 15 March as its owner, with every' +
        ' continuation it scheduled; calls and modelled time summed over those executions (a MailApp call is 250 ms' +
        ' modelled). "plan calls": Run now right after that morning (every letter already sent) — Templates, the' +
        ' Clients columns the rules and templates need (at most 3 rectangles), the Sent log, the log check under the' +
        ' lock. "calls per letter": the difference between the 15 and 16 March mornings divided by the difference in' +
        ' letters — its Sent-log row read, written pending and then sent, and its journal entry. "other calls per' +
        ' morning": the rest — the digest (sheet size, row links, its log row), the block of log rows written before' +
        ' the first send, and reading the Settings tab (the email contact type for the journal, the hour of the' +
        ' trigger) when its 10-minute cache is cold, as it is each morning.',
      `The formula tabs setup creates (${removedTabs.join(', ') || 'none'}) are removed first: the emulator` +
        ' recalculates them after every write (host time only; the modelled time does not count it).',
      'Naive: tests/bench/naive/birthday-reminders.gs on the same sheet as another user (its own quota): two' +
        ' `getRange(r, c).getValue()` calls per row, two more and a MailApp call per match, no consent check, no log (a' +
        ' re-run sends everything again). "≥" marks a run Apps Script kills at 6 minutes: the clients after that row' +
        ' get nothing.',
    ],
  };
  return [main];
}

function budgets(results: SizeResult[]): BenchBudget[] {
  const largest = results[results.length - 1];
  const out: BenchBudget[] = [];
  const planWorst = Math.max(...results.map((r) => r.plan.calls));
  out.push({
    label: `morning run: planning ≤ ${PLAN_BUDGET} Spreadsheet calls at every size`,
    met: planWorst <= PLAN_BUDGET,
    detail: results.map((r) => `${r.plan.calls} at ${label(r.size)}`).join(', '),
  });
  out.push({
    label: 'morning run: per email one MailApp call and at most two Sent-log writes',
    met: results.every((r) => r.morning.mail === r.letters + 1 && !(perLetter(r) > 5)),
    detail:
      results
        .map(
          (r) =>
            `${r.morning.mail} MailApp calls for ${r.letters + 1} emails, ${round(perLetter(r))} calls a letter at ${label(r.size)}`,
        )
        .join('; ') + ' (a letter: its Sent-log row read, written pending, written sent; its journal entry appended)',
  });
  out.push({
    label: 'morning run: every execution ends before the 6-minute limit, every due letter sent',
    met: results.every(
      (r) =>
        !r.morning.error && r.morning.longestMs < SIX_MINUTES && r.letters === r.due && r.next.letters === r.next.due,
    ),
    detail: `longest execution ${fmt(largest.morning.longestMs / 1000)} s at ${label(largest.size)}; ${results
      .map((r) => `${r.letters}/${r.due} and ${r.next.letters}/${r.next.due} letters at ${label(r.size)}`)
      .join(', ')}`,
  });
  return out;
}

export default async function run(opts: { quick: boolean }): Promise<BenchSection> {
  const results: SizeResult[] = [];
  for (const size of sizesFor(opts.quick)) {
    results.push(runSize(size));
    collectGarbage();
  }
  return { title: 'The morning run (reminders)', tables: tables(results), budgets: budgets(results) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  run({ quick }).then((s) => {
    for (const t of s.tables) console.log(`${renderTable(t)}\n`);
    for (const b of s.budgets) console.log(renderBudget(b));
  });
}
