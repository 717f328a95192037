// Payload validation shared by server and sidebars: shapes, normalising, lists, localized messages.
import { defaultSettings } from '../../src/domain/settings';
import { validateClient, validateContact } from '../../src/domain/validate';

const env = (lang: 'ru' | 'en') => ({
  lang,
  settings: defaultSettings(lang, lang === 'ru' ? 'ru_RU' : 'en_US'),
  timeZone: lang === 'ru' ? 'Europe/Moscow' : 'America/New_York',
  locale: lang === 'ru' ? 'ru_RU' : 'en_US',
  today: '2026-03-15',
});

describe('validateClient', () => {
  it('normalises a Russian card', () => {
    const r = validateClient(
      {
        fullName: 'ПЕТРОВА анна',
        phone: '8 912 345-67-89',
        email: 'A@B.RU',
        birthDate: '20.03.90',
        stage: 'клиент',
        source: 'instagram',
      },
      env('ru'),
      { partial: false },
    );
    expect(r).toEqual({
      ok: true,
      allowDuplicate: false,
      values: {
        fullName: 'Петрова Анна',
        phone: '+7 912 345-67-89',
        email: 'a@b.ru',
        birthDate: '1990-03-20',
        stage: 'Клиент',
        source: 'Instagram',
      },
    });
  });

  it('names every bad field in the sheet language', () => {
    const r = validateClient(
      { fullName: 'Ann Lee', phone: 'call me', stage: 'Somewhere', nextAppointmentOn: '3/16/2026 25:00' },
      env('en'),
      {
        partial: false,
      },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.phone).toMatch(/^Phone:/);
    expect(r.errors.stage).toMatch(/Stage: "Somewhere" is not in the list/);
    expect(r.errors.nextAppointmentOn).toMatch(/Next appointment: time/);
  });

  it('requires the name when adding but not when patching, and refuses unknown keys', () => {
    expect(validateClient({ phone: '+7 912 345 67 89' }, env('ru'), { partial: false }).ok).toBe(false);
    expect(validateClient({ phone: '+7 912 345 67 89' }, env('ru'), { partial: true }).ok).toBe(true);
    const r = validateClient({ fullName: 'Анна Петрова', purchases: 3 }, env('ru'), { partial: false });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.purchases).toMatch(/нельзя заполнить/);
  });

  it('names a field that arrived with the wrong type', () => {
    const r = validateClient({ fullName: ['Анна'], phone: { n: 1 } }, env('ru'), { partial: false });
    expect(r).toEqual({ ok: false, errors: { fullName: 'ФИО: ожидается текст', phone: 'Телефон: ожидается текст' } });
  });

  it('takes a new service or staff member that is not in the Settings list yet', () => {
    const r = validateClient({ fullName: 'Анна Петрова', interest: 'Виниры', responsible: 'Др. Смирнова' }, env('ru'), {
      partial: false,
    });
    expect(r.ok && r.values).toMatchObject({ interest: 'Виниры', responsible: 'Др. Смирнова' });
  });
});

describe('validateContact', () => {
  it('maps a contact type label or kind, parses the amount and defaults the time to now', () => {
    const r = validateContact(
      { clientId: 'c-000007', type: 'purchase', amount: '1 500,50 ₽' },
      { ...env('ru'), now: '2026-03-15T09:30' },
    );
    expect(r).toMatchObject({
      ok: true,
      values: { clientId: 'C-000007', type: 'Покупка', kind: 'purchase', amount: 1500.5, at: '2026-03-15T09:30' },
    });
  });

  it('refuses a future date, a negative amount and a malformed client ID', () => {
    const r = validateContact(
      { clientId: '123', type: 'Звонок', amount: '-100', at: '2026-04-01' },
      { ...env('ru'), now: '2026-03-15T09:30' },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['amount', 'at', 'clientId']);
  });
});
