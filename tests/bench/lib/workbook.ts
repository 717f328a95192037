// Bench workbooks: the built add-on on an emulated ru_RU sheet, filled through the model directly (not through the
// add-on) so 100,000 clients and 1,000,000 journal rows take seconds; and what one execution cost.
import path from 'node:path';
import { type Addon, createWorkbook, type ExecutionRecord, type Workbook } from '../../../local/index';

/** The built add-on: the runner's copy of dist/ taken when the run started (a rebuild meanwhile changes nothing). */
export const DIST = process.env.BENCH_DIST ?? path.resolve('dist');
export const CODE = path.join(DIST, 'Code.js');

/** Classes the cost model charges as Spreadsheet calls (local/runtime/execution.ts). */
const SPREADSHEET =
  /^(SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList|DataValidation\w*|DeveloperMetadata\w*|Protection|NamedRange|TextFinder|Selection|Filter)\./;

export function spreadsheetCalls(calls: Record<string, number>): number {
  return Object.entries(calls).reduce((sum, [name, n]) => sum + (SPREADSHEET.test(name) ? n : 0), 0);
}

/** Lock, Properties, Cache, Session, ScriptApp… calls (not Spreadsheet). */
export function otherCalls(calls: Record<string, number>): number {
  return Object.values(calls).reduce((s, n) => s + n, 0) - spreadsheetCalls(calls);
}

/** Modelled Apps Script milliseconds of executions (their virtual end − start). */
export function modelledMs(executions: ExecutionRecord[]): number {
  return executions.reduce((s, e) => s + (e.end.getTime() - e.start.getTime()), 0);
}

export const clientId = (i: number) => `C-${String(i).padStart(6, '0')}`;

/** A new workbook with the built add-on loaded and set up (tabs, validation, triggers) on an empty sheet. */
export function benchWorkbook(): { wb: Workbook; addon: Addon } {
  const wb = createWorkbook({
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    now: '2026-03-15T09:00:00',
    user: 'anna@clinic.test',
  });
  const addon = wb.loadAddon(CODE);
  return { wb, addon };
}

function ensureRows(sheet: any, rows: number): void {
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
}

/**
 * Writes n clients (C-000001…, 'Новый лид', distinct phone and email) and journalRows contacts spread over them
 * (every third a purchase) below the headers setup made. Setup must have run.
 */
export function fillClients(wb: Workbook, n: number, journalRows: number): void {
  const ss = wb.model.spreadsheet as any;
  const clients = ss.getSheetByName('Клиенты');
  const header = clients.getRange(1, 1, 1, clients.getLastColumn()).getValues()[0] as string[];
  const at = (h: string) => header.indexOf(h);
  const rows: unknown[][] = [];
  for (let i = 1; i <= n; i++) {
    const row = new Array(header.length).fill('');
    row[at('ФИО')] = `Фамилия${i} Имя${i % 97} Отчество${i % 13}`;
    row[at('Телефон')] = `'+7900${String(i).padStart(7, '0')}`;
    row[at('Email')] = `client${i}@mail.test`;
    row[at('Стадия')] = 'Новый лид';
    row[at('ID')] = clientId(i);
    rows.push(row);
  }
  ensureRows(clients, n + 1);
  clients.getRange(2, 1, n, header.length).setValues(rows);
  rows.length = 0;

  const journal = ss.getSheetByName('Журнал');
  const jh = journal.getRange(1, 1, 1, journal.getLastColumn()).getValues()[0] as string[];
  const [when, id, type, amount] = ['Когда', 'ID клиента', 'Тип', 'Сумма'].map((h) => jh.indexOf(h));
  ensureRows(journal, journalRows + 1);
  // In blocks, so a million rows never sit twice in memory.
  const block = 100_000;
  for (let start = 0; start < journalRows; start += block) {
    const count = Math.min(block, journalRows - start);
    const jrows: unknown[][] = [];
    for (let k = start; k < start + count; k++) {
      const row = new Array(jh.length).fill('');
      row[when] = new Date(Date.UTC(2025, 0, 1 + (k % 400), 9));
      row[id] = clientId(1 + (k % n));
      row[type] = k % 3 === 0 ? 'Покупка' : 'Звонок';
      row[amount] = k % 3 === 0 ? 1000 + (k % 7) * 100 : '';
      jrows.push(row);
    }
    journal.getRange(2 + start, 1, count, jh.length).setValues(jrows);
  }
}
