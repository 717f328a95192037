// The sample clinic as a newcomer reads it: each service named once in Settings, phones in the form the add-on
// stores them (the readable international one), in both languages.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createWorkbook } from '../../../local/index';
import { seedClinic } from '../../../local/playground/seed';
import type { PlaygroundWorkbook } from '../../../local/playground/workbook';

const code = path.join(__dirname, '../../../dist/Code.js');

function seeded(lang: 'ru' | 'en'): { values(tab: string): unknown[][]; call(fn: string): any } {
  const wb = createWorkbook({
    timeZone: lang === 'ru' ? 'Europe/Moscow' : 'America/New_York',
    locale: lang === 'ru' ? 'ru_RU' : 'en_US',
    user: 'anna@clinic.test',
    now: '2026-03-15T09:30:00',
  }) as unknown as PlaygroundWorkbook;
  const addon = wb.loadAddon(code);
  seedClinic(wb, { lang, clients: 20, seed: 3 });
  const w = wb as unknown as { values(t: string): unknown[][] };
  return { values: (tab) => w.values(tab), call: (fn) => addon.call(fn) };
}

beforeAll(() => {
  if (!existsSync(code)) throw new Error('dist/Code.js is missing: run `npm run build` first');
});

describe('the sample clinic', () => {
  it.each([
    ['en', 'Clients', 'Phone', /^\+1 \d{3} 555 01\d\d$/],
    ['ru', 'Клиенты', 'Телефон', /^\+7 9\d\d \d{3}-\d\d-\d\d$/],
  ] as const)(
    '%s: phones read like the card shows them, and every service is listed once',
    (lang, tab, header, shape) => {
      const clinic = seeded(lang);
      const rows = clinic.values(tab);
      const phone = (rows[0] as string[]).indexOf(header);
      const phones = rows.slice(1).map((r) => String(r[phone]));
      expect(phones.length).toBe(20);
      for (const p of phones) expect(p).toMatch(shape);
      const services: string[] = clinic.call('getSettings').settings.lists.services;
      expect(new Set(services).size).toBe(services.length);
      if (lang === 'en') {
        expect(services).toContain('Cavity treatment');
        expect(services.filter((s) => /caries/i.test(s))).toEqual([]);
      }
    },
  );
});
