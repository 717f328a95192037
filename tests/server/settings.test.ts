// Settings as JSON for the sidebars, validated; the Settings tab stays the place people edit by hand.
import { VALUE_DEFS } from '../../src/domain/settings';
import { col, setUpWorkbook, TAB } from './helpers';

const S = TAB.ru.settings;
/** The Russian label of a business value's row (the tab shows labels, its keys are row metadata). */
const labelOf = (key: string) => VALUE_DEFS.find((d) => d.key === key)?.label.ru;

describe('getSettings and updateSettings', () => {
  it('returns the lists and values of the Settings tab', () => {
    const { addon } = setUpWorkbook('ru');
    const r = addon.call('getSettings') as any;
    expect(r.ok).toBe(true);
    expect(r.settings.lists.channels).toContain('Яндекс.Директ');
    expect(r.settings.lists.stages[3]).toEqual({ label: 'Клиент', milestone: 'client' });
    expect(r.settings.values).toMatchObject({ currency: 'RUB', phoneRegion: 'RU', regularPurchases: 3 });
    expect(r.problems).toEqual([]);
  });

  it('adds a channel that then feeds the Source dropdown and is accepted by addClient', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const before = (addon.call('getSettings') as any).settings;
    const r = addon.call('updateSettings', {
      lists: { channels: [...before.lists.channels, 'Telegram-канал'] },
    }) as any;
    expect(r.ok).toBe(true);
    const settings = wb.values(S);
    expect(settings.map((row) => row[col(settings, 'Рекламные каналы')])).toContain('Telegram-канал');
    const headers = wb.values(TAB.ru.clients)[0];
    const view = wb.view(TAB.ru.clients, { row: 2, column: 1, numRows: 1, numColumns: headers.length });
    expect(view.cells[0][headers.indexOf('Источник')].options).toContain('Telegram-канал');
    expect((addon.call('addClient', { fullName: 'Анна Петрова', source: 'telegram-канал' }) as any).ok).toBe(true);
  });

  it('refuses a bad value or a stage list without a "client" milestone and writes nothing', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const before = wb.values(S);
    const bad = addon.call('updateSettings', { values: { regularPurchases: 'много' } }) as any;
    expect(bad.ok).toBe(false);
    expect(Object.keys(bad.errors)).toEqual(['regularPurchases']);
    const noClient = addon.call('updateSettings', {
      lists: {
        stages: [
          { label: 'Лид', milestone: 'lead' },
          { label: 'Отказ', milestone: 'lost' },
        ],
      },
    }) as any;
    expect(noClient.ok).toBe(false);
    expect(noClient.errors.stages).toMatch(/покупка|client/);
    const unknown = addon.call('updateSettings', { lists: { pets: ['кот'] } }) as any;
    expect(unknown.errors.pets).toBeTruthy();
    expect(wb.values(S)).toEqual(before);
  });

  it('writes several changed values in one call, under their own labels, wherever the rows are', () => {
    const { wb, addon } = setUpWorkbook('ru');
    wb.resetCalls();
    const r = addon.call('updateSettings', { values: { regularPurchases: 4, atRiskDays: 90, currency: 'usd' } }) as any;
    expect(r.ok).toBe(true);
    expect(wb.calls['Range.setValue']).toBeUndefined();
    // One for the three values, one for the audit log's block of what changed.
    expect(wb.calls['Range.setValues']).toBe(2);
    const settings = wb.values(S);
    const valueIn = (key: string) => settings.find((row) => row[0] === labelOf(key))?.[1];
    expect([valueIn('regularPurchases'), valueIn('atRiskDays'), valueIn('currency')]).toEqual([4, 90, 'USD']);
    expect(valueIn('loyaltyPercent')).toBe(5);
  });

  it('sees what a person typed into the Settings tab at once', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const settings = wb.values(S);
    const row = settings.findIndex((r) => r[0] === labelOf('regularPurchases')) + 1;
    wb.edit(S, `B${row}`, 5);
    expect((addon.call('getSettings') as any).settings.values.regularPurchases).toBe(5);
    const servicesCol = col(settings, 'Услуги') + 1;
    const free = settings.length + 1;
    wb.edit(S, `${String.fromCharCode(64 + servicesCol)}${free}`, 'Виниры');
    const ctx = (addon.call('getFormContext') as any).context;
    expect(ctx.settings.lists.services).toContain('Виниры');
  });
});
