// The tab and trigger registries: every tab and trigger the add-on manages, as data that setup walks.
import { CLIENT_FIELDS, JOURNAL_FIELDS } from '../../src/domain/fields';
import { defaultSettings } from '../../src/domain/settings';
import { fieldTabs, TAB_REGISTRY, tabSpec } from '../../src/domain/tabs';
import { continuation, resolveSchedule, TRIGGER_REGISTRY, triggerSpec } from '../../src/domain/triggers';

describe('the tab registry', () => {
  it('holds Clients and Journal as records and Settings as settings, in that order, then the morning run’s and segments’ tabs', () => {
    expect(TAB_REGISTRY.map((t) => [t.key, t.kind])).toEqual([
      ['clients', 'records'],
      ['journal', 'records'],
      ['settings', 'settings'],
      ['emailTemplates', 'settings'],
      ['holidays', 'settings'],
      ['sentLog', 'records'],
      ['importReport', 'records'],
      ['segments', 'settings'],
      ['adSpend', 'records'],
      ['funnel', 'generated'],
      ['audit', 'records'],
      ['snapshot', 'records'],
    ]);
    expect(tabSpec('clients')).toMatchObject({ protect: 'computed', frozenColumns: 1, fields: CLIENT_FIELDS });
    expect(tabSpec('journal')).toMatchObject({ protect: 'history', fields: JOURNAL_FIELDS });
  });

  it('has unique tab keys and names, and unique field keys and headers within each tab', () => {
    const keys = TAB_REGISTRY.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const lang of ['ru', 'en'] as const) {
      const names = TAB_REGISTRY.map((t) => t.name[lang]);
      expect(new Set(names).size).toBe(names.length);
    }
    for (const tab of fieldTabs()) {
      const fieldKeys = tab.fields.map((f) => f.key);
      expect(new Set(fieldKeys).size).toBe(fieldKeys.length);
      for (const lang of ['ru', 'en'] as const) {
        const headers = tab.fields.map((f) => f.header[lang].toLowerCase());
        expect(new Set(headers).size).toBe(headers.length);
      }
    }
  });
});

describe('the trigger registry', () => {
  it('installs on edit, on change and the nightly recompute at 03:00 with setup', () => {
    expect(TRIGGER_REGISTRY.filter((t) => t.installedBy === 'setup')).toEqual([
      { handler: 'onEditInstalled', schedule: { type: 'edit' }, installedBy: 'setup' },
      { handler: 'onChangeInstalled', schedule: { type: 'change' }, installedBy: 'setup' },
      { handler: 'nightly', schedule: { type: 'daily', hour: 3 }, installedBy: 'setup' },
    ]);
    expect(triggerSpec('nightly')?.schedule).toEqual({ type: 'daily', hour: 3 });
  });

  it('turns an hour read from Settings into a daily hour, clamped to 0–23', () => {
    const values = defaultSettings('ru', 'ru_RU').values;
    expect(resolveSchedule({ type: 'dailyAtSetting', setting: 'reminderHour' }, values)).toEqual({
      type: 'daily',
      hour: 9,
    });
    expect(
      resolveSchedule({ type: 'dailyAtSetting', setting: 'reminderHour' }, { ...values, reminderHour: 30 }),
    ).toEqual({
      type: 'daily',
      hour: 23,
    });
    expect(resolveSchedule({ type: 'daily', hour: 3 }, values)).toEqual({ type: 'daily', hour: 3 });
  });

  it('describes a one-off continuation of a long run', () => {
    expect(continuation('continueDailyJob', 60000.4)).toEqual({
      handler: 'continueDailyJob',
      schedule: { type: 'after', ms: 60000 },
      installedBy: 'feature',
    });
  });
});
