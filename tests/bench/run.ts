// npm run bench: the built add-on on emulated sheets of 1k, 10k and 100k clients — Spreadsheet calls and time per action.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createWorkbook } from '../../local/index';

const sizes = (process.env.BENCH_CLIENTS ?? '1000,10000,100000').split(',').map(Number);
const journalPerClient = Number(process.env.BENCH_JOURNAL_PER_CLIENT ?? 3);
const code = path.resolve('dist/Code.js');
const families =
  /^(SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList|DeveloperMetadata\w*|DataValidation\w*|Protection|NamedRange|TextFinder)\./;

function spreadsheetCalls(calls: Record<string, number>): number {
  return Object.entries(calls)
    .filter(([name]) => families.test(name))
    .reduce((sum, [, n]) => sum + n, 0);
}

function fill(wb: any, n: number): void {
  const clients = wb.model.spreadsheet.getSheetByName('Клиенты');
  const header = clients.getRange(1, 1, 1, clients.getLastColumn()).getValues()[0] as string[];
  const at = (h: string) => header.indexOf(h);
  const rows = [];
  for (let i = 1; i <= n; i++) {
    const row = new Array(header.length).fill('');
    row[at('ФИО')] = `Фамилия${i} Имя${i % 97} Отчество${i % 13}`;
    row[at('Телефон')] = `'+7900${String(i).padStart(7, '0')}`;
    row[at('Email')] = `client${i}@mail.test`;
    row[at('Стадия')] = 'Новый лид';
    row[at('ID')] = `C-${String(i).padStart(6, '0')}`;
    rows.push(row);
  }
  if (clients.getMaxRows() < n + 1) clients.insertRowsAfter(clients.getMaxRows(), n + 1 - clients.getMaxRows());
  clients.getRange(2, 1, n, header.length).setValues(rows);
  const journal = wb.model.spreadsheet.getSheetByName('Журнал');
  const jh = journal.getRange(1, 1, 1, journal.getLastColumn()).getValues()[0] as string[];
  const jrows = [];
  for (let k = 0; k < n * journalPerClient; k++) {
    const row = new Array(jh.length).fill('');
    const id = 1 + (k % n);
    row[jh.indexOf('Когда')] = new Date(Date.UTC(2025, 0, 1 + (k % 400), 9));
    row[jh.indexOf('ID клиента')] = `C-${String(id).padStart(6, '0')}`;
    row[jh.indexOf('Тип')] = k % 3 === 0 ? 'Покупка' : 'Звонок';
    row[jh.indexOf('Сумма')] = k % 3 === 0 ? 1000 + (k % 7) * 100 : '';
    jrows.push(row);
  }
  if (journal.getMaxRows() < jrows.length + 1)
    journal.insertRowsAfter(journal.getMaxRows(), jrows.length + 1 - journal.getMaxRows());
  if (jrows.length) journal.getRange(2, 1, jrows.length, jh.length).setValues(jrows);
}

function measure(wb: any, label: string, fn: () => any): { label: string; calls: number; ms: number; ok: boolean } {
  wb.resetCalls();
  const t0 = performance.now();
  const result = fn();
  const ms = performance.now() - t0;
  return { label, calls: spreadsheetCalls(wb.calls), ms, ok: result?.ok !== false };
}

for (const n of sizes) {
  const wb = createWorkbook({
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    now: '2026-03-15T09:00:00',
    user: 'anna@clinic.test',
  });
  const addon = wb.loadAddon(code);
  addon.call('setupDatabase');
  const t0 = performance.now();
  fill(wb, n);
  const fillMs = performance.now() - t0;
  const results = [
    measure(wb, 'recomputeClients (cold)', () => addon.call('recomputeClients')),
    measure(wb, 'getFormContext', () => addon.call('getFormContext')),
    measure(wb, 'addClient', () =>
      addon.call('addClient', { fullName: 'Новая Клиентка Тестовая', phone: '+7 999 123-45-67' }),
    ),
    measure(wb, 'logContact (hinted)', () =>
      addon.call('logContact', { clientId: `C-${String(n + 1).padStart(6, '0')}`, type: 'Покупка', amount: 500 }),
    ),
    measure(wb, 'logContact (cold row)', () =>
      addon.call('logContact', { clientId: `C-${String(Math.ceil(n / 2)).padStart(6, '0')}`, type: 'Звонок' }),
    ),
    measure(wb, 'searchClients "900 000 12"', () => addon.call('searchClients', '900 000 12')),
    measure(wb, 'getClientCard', () => addon.call('getClientCard', 'C-000001')),
    measure(wb, 'checkDuplicates', () => addon.call('checkDuplicates', { fullName: 'Фамилия5 Имя5 Отчество5' })),
  ];
  console.log(`\n${n} clients, ${n * journalPerClient} journal rows (filled in ${(fillMs / 1000).toFixed(1)} s)`);
  console.log('action'.padEnd(30), 'Spreadsheet calls'.padStart(18), 'emulator ms'.padStart(12));
  for (const r of results) {
    console.log(
      r.label.padEnd(30),
      String(r.calls).padStart(18),
      r.ms.toFixed(0).padStart(12),
      r.ok ? '' : '  (failed)',
    );
  }
}
