// The client form's layout and values: the card's groups (reference, interaction, relationship), sheet headers as labels, Settings lists, consent stamping.
import {
  clientInputOf,
  EDIT_CLIENT_LAYOUT,
  formValuesOf,
  labelOf,
  NEW_CLIENT_LAYOUT,
  optionsOf,
  specsOf,
} from '../../html/kit/client-fields';
import { CLIENT_FIELDS } from '../../src/domain/fields';
import { defaultSettings } from '../../src/domain/settings';

describe('client form layout', () => {
  it('groups the add-client fields as reference, interaction and relationship', () => {
    expect(NEW_CLIENT_LAYOUT.map((g) => g.id)).toEqual(['reference', 'interaction', 'relationship']);
    expect(NEW_CLIENT_LAYOUT[0].keys).toEqual([
      'fullName',
      'phone',
      'email',
      'birthDate',
      'address',
      'company',
      'preferredChannel',
      'callHours',
    ]);
    expect(NEW_CLIENT_LAYOUT[1].keys).toEqual(
      expect.arrayContaining([
        'source',
        'interest',
        'responsible',
        'stage',
        'nextAppointmentOn',
        'nextAppointmentWork',
      ]),
    );
    expect(NEW_CLIENT_LAYOUT[2].keys).toEqual(
      expect.arrayContaining(['interests', 'familyDates', 'notes', 'tags', 'consent']),
    );
  });

  it('offers only fields a person may enter, each once', () => {
    for (const layout of [NEW_CLIENT_LAYOUT, EDIT_CLIENT_LAYOUT]) {
      const keys = layout.flatMap((g) => g.keys).filter((k) => k !== 'consent');
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) {
        const def = CLIENT_FIELDS.find((f) => f.key === key);
        expect(def).toBeDefined();
        expect(def?.computed).toBeFalsy();
      }
    }
  });

  it('labels a field with the sheet header when the sheet has one', () => {
    expect(labelOf('fullName', { lang: 'ru', headers: { fullName: 'Пациент' } })).toBe('Пациент');
    expect(labelOf('fullName', { lang: 'ru', headers: {} })).toBe('ФИО');
    expect(labelOf('phone', { lang: 'en', headers: {} })).toBe('Phone');
  });

  it('feeds dropdowns from the Settings lists', () => {
    const settings = defaultSettings('ru', 'ru_RU');
    expect(optionsOf('stages', settings)).toEqual(['Новый лид', 'Первый контакт', 'Визит', 'Клиент', 'Отказ']);
    expect(optionsOf('contactTypes', settings)).toContain('Покупка');
    expect(optionsOf('channels', settings)).toContain('Яндекс.Директ');
    expect(optionsOf(undefined, settings)).toEqual([]);
  });

  it('checks the name as required and dates as dates', () => {
    const specs = specsOf(NEW_CLIENT_LAYOUT, { lang: 'ru', headers: {} });
    expect(specs.find((s) => s.key === 'fullName')).toEqual({
      key: 'fullName',
      kind: 'name',
      label: 'ФИО',
      required: true,
    });
    expect(specs.find((s) => s.key === 'nextAppointmentOn')?.kind).toBe('datetime');
    expect(specs.find((s) => s.key === 'email')?.kind).toBe('email');
    expect(specs.some((s) => s.key === ('consent' as string))).toBe(false);
  });
});

describe('form values', () => {
  it('shows stored dates the locale way with the time in its own box', () => {
    const client = {
      fullName: 'Анна',
      birthDate: '1990-02-01',
      nextAppointmentOn: '2026-03-16T10:30',
      phone: 79123456789,
    };
    const values = formValuesOf(EDIT_CLIENT_LAYOUT, client, { lang: 'ru', locale: 'ru_RU' });
    expect(values.fullName).toBe('Анна');
    expect(values.phone).toBe('79123456789');
    expect(values.birthDate).toBe('01.02.1990');
    expect(values.nextAppointmentOn).toBe('16.03.2026');
    expect(values.nextAppointmentOn__time).toBe('10:30');
    expect(values.notes).toBe('');
  });

  it('stamps today as the consent date when the box is ticked', () => {
    expect(clientInputOf({ fullName: 'Анна Петрова', birthDate: '1990-02-01' }, true, '2026-03-15')).toEqual({
      fullName: 'Анна Петрова',
      birthDate: '1990-02-01',
      emailConsentOn: '2026-03-15',
    });
    expect(clientInputOf({ fullName: 'Анна' }, false, '2026-03-15')).toEqual({ fullName: 'Анна' });
  });
});
