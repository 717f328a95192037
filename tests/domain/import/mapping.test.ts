// Tests for automatic column mapping: real Russian and English headers, content, header rows, user overrides.
import {
  applyMappingOverrides,
  describeTarget,
  type ImportEnv,
  type ImportMapping,
  proposeMapping,
  readSourceTable,
  type SourceCell,
  targetChoices,
  targetKey,
} from '../../../src/domain/import';
import { enEnv, enPatients, enVariants, gridOf, ruEnv, ruPatients, ruVariants } from './fixtures';

/** The mapping of a small sheet: one header row over the given columns of values. */
function mapColumns(env: ImportEnv, columns: Array<[string, SourceCell[]]>): ImportMapping {
  const height = Math.max(...columns.map(([, v]) => v.length));
  const grid: SourceCell[][] = [columns.map(([h]) => h)];
  for (let r = 0; r < height; r++) grid.push(columns.map(([, v]) => v[r] ?? ''));
  return proposeMapping(readSourceTable(grid), env);
}

const keys = (m: ImportMapping) => m.columns.map((c) => targetKey(c.target));

const RU_PHONES = ['8 912 345 67 89', '+7 (912) 111-22-33', '89123456780'];
const RU_DATES = ['12.01.2026', '15.01.2026', '20.01.2026'];
const RU_BIRTHS = ['14.03.1985', '01.07.1979', '05.11.2001'];
const EMAILS = ['anna@mail.ru', 'ivanov@yandex.ru', 'kozlov@gmail.com'];
const NAMES = ['Петрова Анна Сергеевна', 'Иванов Сергей Петрович', 'Козлов Дмитрий Андреевич'];
const TEXT = ['Кариес', 'Чистка', 'Консультация'];
const MARKS = ['+', '', '+'];

describe('proposeMapping: the typical clinic sheet', () => {
  // Column targets of the six sheets, in source order.
  const visit = ['firstContactOn', 'interest', 'responsible'];
  const contact = ['birthDate', 'address', 'phone'];
  const next = ['email', 'nextAppointmentOn', 'nextAppointmentWork'];
  const ruChannels = ['channel:Яндекс.Директ', 'channel:Instagram', 'channel:Сарафанное радио', 'channel:2ГИС'];
  const enChannels = ['channel:Google Ads', 'channel:Instagram', 'channel:Referral', 'channel:Facebook'];
  const ruExpected = [
    ['row', ...visit, ...ruChannels, 'fullName', ...contact, ...next],
    ['row', ...visit, ...ruChannels, 'part:last', 'part:first', 'part:middle', ...contact, 'extra:phone', ...next],
    [...visit, ...ruChannels, 'fullName', ...contact, ...next, 'extra:text'],
  ];
  const enExpected = [
    ['row', ...visit, ...enChannels, 'fullName', ...contact, ...next],
    ['row', ...visit, ...enChannels, 'part:last', 'part:first', ...contact, 'extra:phone', ...next],
    ['row', ...visit, ...enChannels, 'fullName', ...contact, ...next],
  ];

  it.each(ruVariants.map((v, i) => [v.name, v, ruExpected[i]] as const))(
    '%s maps every column by itself',
    (_, v, expected) => {
      const mapping = proposeMapping(readSourceTable(gridOf(v, ruPatients)), ruEnv);
      expect(keys(mapping)).toEqual(expected);
      expect(mapping.warnings).toEqual([]);
    },
  );

  it.each(enVariants.map((v, i) => [v.name, v, enExpected[i]] as const))(
    '%s maps every column by itself',
    (_, v, expected) => {
      const mapping = proposeMapping(readSourceTable(gridOf(v, enPatients)), enEnv);
      expect(keys(mapping)).toEqual(expected);
      expect(mapping.warnings).toEqual([]);
    },
  );

  it('finds the header under a title row and a blank row', () => {
    const table = readSourceTable(gridOf(ruVariants[1], ruPatients));
    expect(table.headerRow).toBe(3);
    expect(table.firstDataRow).toBe(4);
    expect(table.rows[0][9]).toBe('Анна');
  });

  it('joins a two-row header: the merged group cell over its sub-headers', () => {
    const table = readSourceTable(gridOf(ruVariants[2], ruPatients));
    expect(table.headerRows).toBe(2);
    expect(table.headers.slice(2, 8)).toEqual([
      '3. Доктор',
      '4-7. Откуда пришёл: Яндекс',
      '4-7. Откуда пришёл: Инстаграм',
      '4-7. Откуда пришёл: По рекомендации',
      '4-7. Откуда пришёл: 2ГИС',
      '8. Ф.И.О.',
    ]);
    expect(table.firstDataRow).toBe(3);
  });

  it('gives each column samples, a confidence and the reason it was chosen', () => {
    const mapping = proposeMapping(readSourceTable(gridOf(ruVariants[0], ruPatients)), ruEnv);
    const phone = mapping.columns.find((c) => c.header === 'Телефон')!;
    expect(phone).toMatchObject({ reason: 'header', confidence: 1 });
    expect(phone.samples).toEqual(['8 912 345 67 89', '+7 (912) 111-22-33', '89123456780']);
    const email = mapping.columns.find((c) => c.header === 'E-mail')!;
    expect(email.reason).toBe('alias');
    const doctor = mapping.columns.find((c) => c.header === 'ФИО пациента')!;
    expect(doctor.reason).toBe('words');
    expect(doctor.confidence).toBeGreaterThan(0.5);
    expect(doctor.confidence).toBeLessThan(1);
  });

  it('reads the day/month order of each date column', () => {
    const ru = proposeMapping(readSourceTable(gridOf(ruVariants[0], ruPatients)), ruEnv);
    expect(ru.columns.find((c) => c.header === 'Дата рождения')!.dateOrder).toBe('dmy');
    const en = proposeMapping(readSourceTable(gridOf(enVariants[0], enPatients)), enEnv);
    expect(en.columns.find((c) => c.header === 'Date of birth')!.dateOrder).toBe('mdy');
    // A day-first column in a US sheet ('14/03/1985' cannot be month-first) is read day-first.
    const mixed = mapColumns(enEnv, [['Birthday', ['14/03/1985', '01/07/1979']]]);
    expect(mixed.columns[0].dateOrder).toBe('dmy');
  });
});

describe('proposeMapping: headers as people write them', () => {
  it.each([
    ['5-8. Источник', ['Instagram', 'Яндекс', 'Сайт'], 'source'],
    ['1) ФИО', NAMES, 'fullName'],
    ['№', [1, 2, 3], 'row'],
    ['№ п/п', [1, 2, 3], 'row'],
    ['ФИО', NAMES, 'fullName'],
    ['Ф.И.О.', NAMES, 'fullName'],
    ['Фамилия Имя Отчество', NAMES, 'fullName'],
    ['Пациент', NAMES, 'fullName'],
    ['Д.р.', RU_BIRTHS, 'birthDate'],
    ['Д/р', RU_BIRTHS, 'birthDate'],
    ['Дата рожд.', RU_BIRTHS, 'birthDate'],
    ['День рождения', RU_BIRTHS, 'birthDate'],
    ['Тел.', RU_PHONES, 'phone'],
    ['Моб. телефон', RU_PHONES, 'phone'],
    ['Телефон (мобильный)', RU_PHONES, 'phone'],
    ['Номер телефона', RU_PHONES, 'phone'],
    ['№ телефона', RU_PHONES, 'phone'],
    ['Сотовый', RU_PHONES, 'phone'],
    ['Телефон пациента', RU_PHONES, 'phone'],
    ['E-mail', EMAILS, 'email'],
    ['Email адрес', EMAILS, 'email'],
    ['Эл. почта', EMAILS, 'email'],
    ['Электронная почта', EMAILS, 'email'],
    ['Phone number', RU_PHONES, 'phone'],
    ['DOB', RU_BIRTHS, 'birthDate'],
    ['Cell', RU_PHONES, 'phone'],
    ['Mobile phone', RU_PHONES, 'phone'],
    ['E-mail address', EMAILS, 'email'],
    ['Источник: Instagram', MARKS, 'channel:Instagram'],
    ['Откуда пришёл (Яндекс)', MARKS, 'channel:Яндекс.Директ'],
    ['Реклама ВК', MARKS, 'channel:ВКонтакте'],
    ['Источник: Листовки у метро', MARKS, 'channel:Листовки у метро'],
    ['Откуда узнали о нас', ['Instagram', 'Яндекс', 'Сайт'], 'source'],
    ['Как узнали о клинике', ['Instagram', 'Яндекс', 'Сайт'], 'source'],
    ['Канал привлечения', ['Instagram', 'Яндекс', 'Сайт'], 'source'],
    ['How did you hear about us?', ['Google', 'Yelp', 'Friend'], 'source'],
    ['Lead source', ['Google', 'Yelp', 'Friend'], 'source'],
    ['ДАТА ПЕРВОГО ОБРАЩЕНИЯ', RU_DATES, 'firstContactOn'],
    ['Дата обращения', RU_DATES, 'firstContactOn'],
    ['Первичный приём', RU_DATES, 'visitOn'],
    ['Дата первого визита', RU_DATES, 'visitOn'],
    ['Последний визит', RU_DATES, 'hist:lastVisit'],
    ['Дата последнего посещения', RU_DATES, 'hist:lastVisit'],
    ['Last visit', RU_DATES, 'hist:lastVisit'],
    ['Последний звонок', RU_DATES, 'hist:lastContact'],
    ['Первая покупка', RU_DATES, 'firstPurchaseOn'],
    ['Последняя покупка', RU_DATES, 'hist:lastPurchase'],
    ['Сумма', ['1 500', '12 000 ₽', '800'], 'hist:totalSpent'],
    ['Всего оплачено', ['1 500', '12 000', '800'], 'hist:totalSpent'],
    ['Причина первого визита', TEXT, 'interest'],
    ['Повод обращения', TEXT, 'interest'],
    ['С чем обратился', TEXT, 'interest'],
    ['Жалобы', TEXT, 'interest'],
    ['Reason for visit', TEXT, 'interest'],
    ['Лечащий врач', ['Смирнова О.В.', 'Кузнецов'], 'responsible'],
    ['Менеджер', ['Ольга', 'Игорь'], 'responsible'],
    ['Attending physician', ['Dr. Brown', 'Dr. Lee'], 'responsible'],
    ['Дата след. приема', RU_DATES, 'nextAppointmentOn'],
    ['Следующий визит', RU_DATES, 'nextAppointmentOn'],
    ['Запись на', RU_DATES, 'nextAppointmentOn'],
    ['Next appointment', RU_DATES, 'nextAppointmentOn'],
    ['Работы на след. приёме', TEXT, 'nextAppointmentWork'],
    ['План лечения', TEXT, 'nextAppointmentWork'],
    ['Что делать на следующем визите', TEXT, 'nextAppointmentWork'],
    ['Planned work', TEXT, 'nextAppointmentWork'],
    ['Адрес регистрации', ['г. Пермь, ул. Мира, 1'], 'address'],
    ['Место жительства', ['г. Пермь, ул. Мира, 1'], 'address'],
    ['Примечание', ['аллергия на лидокаин'], 'notes'],
    ['Аллергия', ['лидокаин'], 'notes'],
    ['Статус', ['Клиент', 'Отказ'], 'stage'],
    ['Статус оплаты', ['Оплачено', 'Не оплачено'], 'paymentStatus'],
    ['Причина отказа', ['Дорого'], 'lostReason'],
    ['Организация', ['ООО «Ромашка»'], 'company'],
    ['Абонемент до', RU_DATES, 'subscriptionEndsOn'],
    ['Согласие на рассылку', ['да', 'нет'], 'emailConsentOn'],
    ['Год рождения', [1985, 1979], 'extra:text'],
    ['Телефон 2', RU_PHONES, 'extra:phone'],
    ['Доп. телефон', RU_PHONES, 'extra:phone'],
    ['Phone 2', RU_PHONES, 'extra:phone'],
    ['Пол', ['ж', 'м'], 'extra:text'],
  ])('%p → %p', (header, values, expected) => {
    expect(keys(mapColumns(ruEnv, [[header, values]]))).toEqual([expected]);
  });

  it('keeps a second phone column as a phone of its own when a phone column is already taken', () => {
    const m = mapColumns(ruEnv, [
      ['Мобильный', RU_PHONES],
      ['Домашний телефон', ['8 (342) 212-85-06', '', '']],
    ]);
    expect(keys(m)).toEqual(['phone', 'extra:phone']);
    expect(m.extraColumns).toEqual([{ header: 'Домашний телефон', as: 'phone' }]);
  });

  it('reads surname, name and patronymic columns as name parts, and "Имя" alone as the whole name', () => {
    expect(
      keys(
        mapColumns(ruEnv, [
          ['Фамилия', ['Петрова']],
          ['Имя', ['Анна']],
          ['Отчество', ['Сергеевна']],
        ]),
      ),
    ).toEqual(['part:last', 'part:first', 'part:middle']);
    expect(
      keys(
        mapColumns(ruEnv, [
          ['Имя', ['Анна Петрова']],
          ['Телефон', RU_PHONES],
        ]),
      ),
    ).toEqual(['fullName', 'phone']);
    expect(
      keys(
        mapColumns(enEnv, [
          ['Name', ['Emily Johnson']],
          ['Phone', ['(415) 555-2671']],
        ]),
      ),
    ).toEqual(['fullName', 'phone']);
  });
});

describe('proposeMapping: by content when the header says nothing', () => {
  it('recognises phones, emails, names, channels, money and row numbers in unnamed or unknown columns', () => {
    const m = mapColumns(ruEnv, [
      ['', [1, 2, 3]],
      ['Колонка 1', NAMES],
      ['Колонка 2', RU_PHONES],
      ['', EMAILS],
      ['Контакт', ['Instagram', 'Яндекс.Директ', 'ВКонтакте']],
      ['Ещё', ['1 500 ₽', '12 000 ₽', '800 ₽']],
    ]);
    expect(keys(m)).toEqual(['row', 'fullName', 'phone', 'email', 'source', 'hist:totalSpent']);
    expect(m.columns.slice(1).every((c) => c.reason === 'content')).toBe(true);
  });

  it('reads a tab without a header row by content alone', () => {
    const grid: SourceCell[][] = [
      ['Петрова Анна Сергеевна', '8 912 345 67 89', 'anna@mail.ru', '14.03.1985'],
      ['Иванов Сергей Петрович', '+7 (912) 111-22-33', 'ivanov@yandex.ru', '01.07.1979'],
      ['Козлов Дмитрий Андреевич', '89123456780', 'kozlov@gmail.com', '05.11.2001'],
    ];
    const table = readSourceTable(grid);
    expect(table).toMatchObject({ headerRow: 0, firstDataRow: 1, headers: ['', '', '', ''] });
    expect(keys(proposeMapping(table, ruEnv))).toEqual(['fullName', 'phone', 'email', 'birthDate']);
  });

  it('tells birth dates, past contact dates and future appointments apart in columns headed only "Дата"', () => {
    expect(keys(mapColumns(ruEnv, [['Дата', RU_BIRTHS]]))).toEqual(['birthDate']);
    expect(keys(mapColumns(ruEnv, [['Дата', RU_DATES]]))).toEqual(['firstContactOn']);
    expect(keys(mapColumns(ruEnv, [['Дата', ['20.03.2026', '25.03.2026', '02.04.2026']]]))).toEqual([
      'nextAppointmentOn',
    ]);
    expect(keys(mapColumns(ruEnv, [['', RU_BIRTHS]]))).toEqual(['birthDate']);
  });

  it('believes the values over a misleading header: "Телефон" full of emails is an email column', () => {
    expect(keys(mapColumns(ruEnv, [['Телефон', EMAILS]]))).toEqual(['email']);
    expect(keys(mapColumns(ruEnv, [['Instagram', ['@anna_p', '@ivanov', '@kd']]]))).toEqual(['extra:text']);
    expect(keys(mapColumns(ruEnv, [['WhatsApp', RU_PHONES]]))).toEqual(['phone']);
  });

  it('keeps every unknown column under its own header, made unique and apart from the Clients headers', () => {
    const m = mapColumns(ruEnv, [
      ['ФИО', NAMES],
      ['Пол', ['ж', 'м', 'м']],
      ['Пол', ['Ж', 'М', 'М']],
      ['ID', ['A-1', 'A-2', 'A-3']],
      ['', ['x1', 'x2', 'x3']],
    ]);
    expect(m.extraColumns.map((c) => c.header)).toEqual(['Пол', 'Пол (2)', 'ID (импорт)', 'Столбец E']);
    expect(m.columns.map((c) => c.reason)).toEqual(['header', 'unmapped', 'unmapped', 'header', 'unmapped']);
  });

  it('warns when no column holds a name or a contact', () => {
    const m = mapColumns(ruEnv, [['Пол', ['ж', 'м']]]);
    expect(m.warnings).toEqual([
      'Не найден столбец с именем клиента — выберите его вручную',
      'Не найдено ни телефона, ни email — дубликаты будут искаться только по имени',
    ]);
  });
});

describe('applyMappingOverrides', () => {
  const base = mapColumns(ruEnv, [
    ['Клиент', NAMES],
    ['Тел', RU_PHONES],
    ['Рабочий', ['8 (342) 212-85-06', '', '']],
  ]);

  it('moves a field to the column the user chose; the column that had it keeps its values as an extra column', () => {
    const r = applyMappingOverrides(base, [{ column: 2, target: { kind: 'field', key: 'phone' } }], ruEnv);
    if (!r.ok) throw new Error(r.errors.join());
    expect(keys(r.mapping)).toEqual(['fullName', 'extra:phone', 'phone']);
    expect(r.mapping.columns[2]).toMatchObject({ reason: 'user', confidence: 1 });
    expect(r.mapping.extraColumns).toEqual([{ header: 'Тел', as: 'phone' }]);
  });

  it('refuses unknown fields, missing columns and one field for two columns, with localized errors', () => {
    const r = applyMappingOverrides(
      base,
      [
        { column: 0, target: { kind: 'field', key: 'totalSpent' } },
        { column: 9, target: { kind: 'skip' } },
        { column: 1, target: { kind: 'field', key: 'email' } },
        { column: 2, target: { kind: 'field', key: 'email' } },
      ],
      ruEnv,
    );
    expect(r).toEqual({
      ok: false,
      errors: [
        'Столбец «Клиент»: неизвестное поле «totalSpent»',
        'Нет столбца с номером 10',
        'Поле «Email» выбрано для двух столбцов: «Тел» и «Рабочий»',
      ],
    });
  });

  it('names every target for the sidebar in the sheet language', () => {
    expect(describeTarget({ kind: 'channel', channel: 'Instagram' }, 'ru')).toBe(
      'Рекламный канал «Instagram» (отметки)',
    );
    expect(describeTarget({ kind: 'history', event: 'lastVisit' }, 'en')).toBe('Last visit (to the journal)');
    const choices = targetChoices('en', 'Gender');
    expect(choices.find((c) => c.target.kind === 'extra')!.label).toBe('Its own column "Gender"');
    expect(choices.some((c) => c.target.kind === 'field' && c.target.key === 'totalSpent')).toBe(false);
  });
});
