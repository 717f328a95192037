// A small add-on over the adapters and registries, built by adapters.test.ts: how the next features use them — a
// records tab (ad spend), a generated tab (funnel), a settings-like tab (templates), a daily trigger at the hour from
// Settings with one-off continuations, and a bulk import of clients with a block of reserved IDs.
import type { FieldDef, FieldType } from '../../src/domain/fields';
import { largestIdNumber } from '../../src/domain/ids';
import { defaultSettings } from '../../src/domain/settings';
import {
  CLIENTS_TAB,
  type GeneratedTabSpec,
  type RecordsTabSpec,
  type SettingsTabSpec,
  TAB_REGISTRY,
} from '../../src/domain/tabs';
import type { TriggerSpec } from '../../src/domain/triggers';
import { dateToWall, withDocumentLock } from '../../src/services/env';
import { reserveIds } from '../../src/services/ids';
import { installTrigger, scheduleContinuation } from '../../src/services/triggers';
import { readAllIds } from '../../src/sheets/clients';
import { columnLetter } from '../../src/sheets/layout';
import { appendRecords, openTab, type Row, readRecords, updateRecords } from '../../src/sheets/records';
import { setupTabs } from '../../src/sheets/setup';

const TZ = 'Europe/Moscow';
const field = (key: string, type: FieldType, ru: string, en: string, extra: Partial<FieldDef> = {}): FieldDef => ({
  key,
  type,
  header: { ru, en },
  group: 'interaction',
  ...extra,
});

export const AD_SPEND: RecordsTabSpec = {
  kind: 'records',
  key: 'exampleSpend',
  name: { ru: 'Расходы (пример)', en: 'Ad spend (example)' },
  protect: 'history',
  fields: [
    field('month', 'date', 'Месяц', 'Month'),
    field('channel', 'choice', 'Канал', 'Channel', { list: 'channels' }),
    field('amount', 'amount', 'Сумма', 'Amount'),
  ],
};

export const FUNNEL: GeneratedTabSpec = {
  kind: 'generated',
  key: 'exampleFunnel',
  name: { ru: 'Воронка (пример)', en: 'Funnel (example)' },
  render: (env) => {
    const clients = env.sources.clients;
    const stage = columnLetter(clients.columns.stage);
    const range = `'${clients.sheetName}'!${stage}2:${stage}`;
    return [
      [env.lang === 'ru' ? 'Стадия' : 'Stage', env.lang === 'ru' ? 'Клиентов' : 'Clients'],
      ...env.settings.lists.stages.map((s) => [s.label, `=COUNTIF(${range}, "${s.label}")`]),
    ];
  },
};

export const TEMPLATES: SettingsTabSpec = {
  kind: 'settings',
  key: 'exampleTemplates',
  name: { ru: 'Шаблоны (пример)', en: 'Templates (example)' },
  fields: [field('name', 'text', 'Шаблон', 'Template'), field('body', 'longtext', 'Текст', 'Text')],
  seed: (lang) => [
    {
      name: lang === 'ru' ? 'День рождения' : 'Birthday',
      body: lang === 'ru' ? 'С днём рождения, {имя}!' : 'Happy birthday, {name}!',
    },
  ],
};

const REGISTRY = [...TAB_REGISTRY, AD_SPEND, FUNNEL, TEMPLATES];
const ss = () => SpreadsheetApp.getActiveSpreadsheet();

export function setupAll() {
  return setupTabs(
    { ss: ss(), lang: 'ru', locale: 'ru_RU', timeZone: TZ, today: '2026-03-15', progress: () => {} },
    REGISTRY,
  );
}

export function appendSpend(records: Row[]) {
  return appendRecords(openTab(ss(), AD_SPEND), records, TZ);
}

export function readSpend() {
  const book = ss();
  return readRecords(openTab(book, AD_SPEND), TZ, undefined, book).rows;
}

export function updateSpend(first: number, records: Row[], keys: string[]) {
  updateRecords(openTab(ss(), AD_SPEND), first, records, keys, TZ);
}

/** An import: n new cards with IDs reserved in one block, appended in one write. */
export function importClients(names: string[]) {
  return withDocumentLock(10000, () => {
    const ids = reserveIds(names.length, () => largestIdNumber(readAllIds(ss(), TZ)));
    const firstRow = appendRecords(
      openTab(ss(), CLIENTS_TAB),
      names.map((fullName, i) => ({ fullName, id: ids[i], stage: 'Новый лид' })),
      TZ,
    );
    return { firstRow, first: ids[0], last: ids[ids.length - 1] };
  });
}

export const MORNING: TriggerSpec = {
  handler: 'runDailyJob',
  schedule: { type: 'dailyAtSetting', setting: 'reminderHour' },
  installedBy: 'feature',
};

export function turnOnMornings(user: string, reminderHour: number, takeOver: boolean) {
  const values = { ...defaultSettings('ru', 'ru_RU').values, reminderHour };
  return installTrigger(MORNING, { user, timeZone: TZ, values, takeOver });
}

export function continueLater(ms: number) {
  scheduleContinuation('continueDailyJob', ms);
}

export function runDailyJob() {
  console.log('daily job');
}

export function continueDailyJob() {
  console.log('continued');
}

/** Each instant as dateToWall reads it and as Utilities.formatDate does (they must agree). */
export function wallPairs(instants: number[], tz: string) {
  return instants.map((ms) => {
    const d = new Date(ms);
    return [
      `${dateToWall(d, tz, true)} ${dateToWall(d, tz, false)}`,
      `${Utilities.formatDate(d, tz, "yyyy-MM-dd'T'HH:mm")} ${Utilities.formatDate(d, tz, 'yyyy-MM-dd')}`,
    ];
  });
}
