// Settings as people type them: lists cleaned, stage milestones and contact kinds read, bad values reported.
import { defaultSettings, validateSettings } from '../../src/domain/settings';

const defaults = defaultSettings('ru', 'ru_RU');

describe('validateSettings', () => {
  it('drops blank and repeated labels and reads each stage milestone from the column beside it', () => {
    const { settings, problems } = validateSettings(
      {
        lists: {
          stages: ['Лид', '', 'Консультация', 'лид', 'Купил', 'Отказ'],
          stageMilestones: ['лид', '', '', 'лид', 'покупка', 'отказ'],
          services: [' Чистка ', 'чистка', '', 'Виниры'],
        },
        values: {},
      },
      defaults,
    );
    expect(settings.lists.stages).toEqual([
      { label: 'Лид', milestone: 'lead' },
      { label: 'Консультация', milestone: '' },
      { label: 'Купил', milestone: 'client' },
      { label: 'Отказ', milestone: 'lost' },
    ]);
    expect(settings.lists.services).toEqual(['Чистка', 'Виниры']);
    expect(problems).toEqual([]);
  });

  it('treats a contact type of unknown kind as a note and says so; a typo in a value falls back to the default', () => {
    const { settings, problems } = validateSettings(
      {
        lists: { contactTypes: ['Звонок', 'Голубиная почта'], contactKinds: ['звонок', ''] },
        values: { regularPurchases: 'три' },
      },
      defaults,
    );
    expect(settings.lists.contactTypes).toEqual([
      { label: 'Звонок', kind: 'call' },
      { label: 'Голубиная почта', kind: 'note' },
    ]);
    expect(settings.values.regularPurchases).toBe(3);
    expect(problems).toEqual([
      { path: 'contactTypes', code: 'settings.kindUnknown', value: 'Голубиная почта' },
      { path: 'regularPurchases', code: 'settings.valueInvalid', value: 'три' },
    ]);
  });
});
