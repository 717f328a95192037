// A mailing to a segment through the built add-on: sendMailing at 11:00 on a Monday, then the one-off continuations it
// schedules until every letter went — Spreadsheet calls, MailApp calls and modelled Apps Script time in all — beside
// the naive per-row newsletter script on the same data. Sizes: BENCH_MAILINGS (clients, default 1000,10000;
// --quick 1000). `npx tsx tests/bench/sections/mailings.ts [--quick]` runs it alone (dist/ must be built).
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
const NAIVE = readFileSync(path.join(here, '../naive/mailing.gs'), 'utf8');
const SIX_MINUTES = 6 * 60_000;

interface Measured {
  calls: number;
  mail: number;
  modelledMs: number;
  cpuMs: number;
  executions: number;
  longestMs: number;
  error?: string;
}

interface SizeResult {
  clients: number;
  recipients: number;
  letters: number;
  mailing: Measured;
  naive: Measured;
  naiveLetters: number;
}

const fmt = (x: number) => round(x).toLocaleString('en-US');
const label = (n: number) => (n >= 1000 ? `${n / 1000}k clients` : `${n} clients`);

function sizesFor(quick: boolean): number[] {
  return (process.env.BENCH_MAILINGS ?? (quick ? '1000' : '1000,10000')).split(',').filter(Boolean).map(Number);
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

/** Consent for two clients in three (dated long ago); returns how many agreed. */
function addConsent(wb: Workbook, n: number): number {
  const sheet = (wb.model.spreadsheet as any).getSheetByName('Клиенты');
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[];
  const consent: unknown[][] = [];
  let agreed = 0;
  for (let i = 1; i <= n; i++) {
    const yes = i % 3 !== 0;
    if (yes) agreed++;
    consent.push([yes ? new Date(Date.UTC(2025, 0, 10, -3)) : '']);
  }
  sheet.getRange(2, header.indexOf('Согласие на рассылку') + 1, n, 1).setValues(consent);
  return agreed;
}

function runSize(n: number): SizeResult {
  progress(`mailings: ${label(n)}`);
  const wb = createWorkbook({
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    now: '2026-03-16T11:00:00',
    user: 'anna@clinic.test',
    mailQuota: 2 * n + 100,
  });
  const addon = wb.loadAddon(CODE);
  addon.call('setupDatabase');
  dropFormulaTabs(wb);
  fillClients(wb, n, 0);
  const recipients = addConsent(wb, n);
  const letters = () => wb.outbox.filter((m) => m.to !== 'naive').length;
  const mailing = measure(wb, () => {
    const r = addon.call('sendMailing', {
      segment: 'все с согласием',
      template: { subject: '{{Имя}}, весенние новости', body: 'Здравствуйте, {{Имя}}!\n\nУ нас весна.' },
    }) as { ok: boolean };
    if (!r.ok) throw new Error(JSON.stringify(r));
    // The continuations it schedules, each a minute after the last stopped, until none is left.
    for (let guard = 0; guard < 500 && wb.triggers.some((t: any) => t.handler === 'continueMailings'); guard++) {
      wb.clock.advance(60_000);
      wb.runDueTriggers();
    }
  });
  const sent = letters();
  progress(
    `  Kartoteka: ${sent} letters, ${mailing.calls} calls, ${mailing.mail} emails, ${fmt(mailing.modelledMs / 1000)} s modelled in ${mailing.executions} executions`,
  );
  wb.as('naive@clinic.test');
  const naiveAddon = wb.loadAddon({ code: NAIVE, filename: 'Code.gs' });
  const before = wb.outbox.length;
  const naive = measure(wb, () => naiveAddon.call('sendNewsletterNaive'));
  const naiveLetters = wb.outbox.length - before;
  progress(`  naive: ${naiveLetters} letters, ${naive.calls} calls, ${fmt(naive.modelledMs / 1000)} s modelled`);
  return { clients: n, recipients, letters: sent, mailing, naive, naiveLetters };
}

function tables(results: SizeResult[]): BenchTable[] {
  return [
    {
      title: 'A mailing to everyone who agreed (sendMailing and its continuations) vs the naive per-row script',
      columns: [
        'size',
        'letters',
        'Kartoteka calls',
        'calls per letter',
        'MailApp calls',
        'Kartoteka modelled s',
        'executions',
        'longest execution s',
        'naive calls',
        'naive modelled s',
        'calls ratio',
        'time ratio',
      ],
      rows: results.map((r) => {
        const killed = r.naive.error?.includes('Exceeded maximum execution time') ?? false;
        const ge = killed ? '≥ ' : '';
        return [
          label(r.clients),
          r.letters === r.recipients ? r.letters : `${r.letters} of ${r.recipients}`,
          r.mailing.error ? `failed: ${r.mailing.error}` : r.mailing.calls,
          round(r.mailing.calls / Math.max(1, r.letters)),
          r.mailing.mail,
          round(r.mailing.modelledMs / 1000),
          r.mailing.executions,
          round(r.mailing.longestMs / 1000),
          killed ? `${fmt(r.naive.calls)} (killed at 6 min after ${r.naiveLetters} emails)` : r.naive.calls,
          killed ? `${round(r.naive.modelledMs / 1000)} (limit 360)` : round(r.naive.modelledMs / 1000),
          `${ge}${fmt(r.naive.calls / r.mailing.calls)}×`,
          `${ge}${fmt(r.naive.modelledMs / r.mailing.modelledMs)}×`,
        ];
      }),
      notes: [
        'Kartoteka: sendMailing at 11:00 on Monday 16 March (inside the default window, caps 2/7 and 6/30) to "все с' +
          ' согласием" with an inline letter, then every one-off `continueMailings` trigger it scheduled; calls and' +
          ' modelled time summed over those executions (a MailApp call is 250 ms modelled). Per letter: its Sent-log' +
          ' row read, written pending and sent, its journal entry; per execution: the Clients tab, Templates, Settings' +
          ' and the Sent log read once.',
        'Naive: tests/bench/naive/mailing.gs on the same sheet as another user (its own quota): a `getRange(r, c)' +
          '.getValue()` per cell it needs per row and a MailApp call per consenting client; no log (a re-run sends' +
          ' everything again), no caps, no window, no unsubscribe link, names unescaped in the HTML. "≥" marks a run' +
          ' Apps Script kills at 6 minutes: the clients after that row get nothing.',
        'The formula tabs (segments, funnel) are removed first: the emulator recalculates them after every write' +
          ' (host time only).',
      ],
    },
  ];
}

function budgets(results: SizeResult[]): BenchBudget[] {
  return [
    {
      label: 'mailings: every letter sent once, one MailApp call each, every execution under 6 minutes',
      met: results.every(
        (r) =>
          !r.mailing.error &&
          r.letters === r.recipients &&
          r.mailing.mail === r.letters &&
          r.mailing.longestMs < SIX_MINUTES,
      ),
      detail: results
        .map(
          (r) =>
            `${r.letters}/${r.recipients} letters, ${r.mailing.mail} MailApp calls, longest ${fmt(r.mailing.longestMs / 1000)} s at ${label(r.clients)}`,
        )
        .join('; '),
    },
  ];
}

export default async function run(opts: { quick: boolean }): Promise<BenchSection> {
  const results: SizeResult[] = [];
  for (const n of sizesFor(opts.quick)) {
    results.push(runSize(n));
    collectGarbage();
  }
  return { title: 'Mailings to a segment', tables: tables(results), budgets: budgets(results) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  run({ quick }).then((s) => {
    for (const t of s.tables) console.log(`${renderTable(t)}\n`);
    for (const b of s.budgets) console.log(renderBudget(b));
  });
}
