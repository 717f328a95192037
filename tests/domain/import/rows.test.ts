// Tests for reading source cells with the database's own rules: dates, phones, emails, names, lists, history.
import {
  createRowReader,
  type ImportEnv,
  proposeMapping,
  readDate,
  readEmail,
  readPhone,
  readSourceTable,
  type SourceCell,
} from '../../../src/domain/import';
import { enEnv, ruEnv } from './fixtures';

function readOne(env: ImportEnv, headers: string[], row: SourceCell[], context: SourceCell[][] = []) {
  const table = readSourceTable([headers, ...context, row]);
  const mapping = proposeMapping(table, env);
  return createRowReader(mapping, env)(row, table.firstDataRow + context.length);
}

describe('readDate', () => {
  it.each([
    ['15.03.2026', 'dmy', '2026-03-15'],
    ['5.3.26', 'dmy', '2026-03-05'],
    ['03/15/2026', 'mdy', '2026-03-15'],
    ['04/03/2026', 'mdy', '2026-04-03'],
    ['04/03/2026', 'dmy', '2026-03-04'],
    ['2026-03-15', 'dmy', '2026-03-15'],
    ['2026-03-15', 'mdy', '2026-03-15'],
    ['15 марта 2026', 'dmy', '2026-03-15'],
    ['March 15, 2026', 'mdy', '2026-03-15'],
    [46096, 'dmy', '2026-03-15'],
  ] as const)('%p in a %s column is %s', (cell, order, iso) => {
    expect(readDate(cell, order, ruEnv, false)).toEqual({ ok: true, value: iso });
  });

  it('keeps the time of an appointment and writes midnight when none is given', () => {
    expect(readDate('02.04.2026 10:30', 'dmy', ruEnv, true)).toEqual({ ok: true, value: '2026-04-02T10:30' });
    expect(readDate('2026-04-02T09:05', 'dmy', ruEnv, true)).toEqual({ ok: true, value: '2026-04-02T09:05' });
    expect(readDate(46114.4375, 'dmy', ruEnv, true)).toEqual({ ok: true, value: '2026-04-02T10:30' });
    expect(readDate('02.04.2026', 'dmy', ruEnv, true)).toEqual({ ok: true, value: '2026-04-02T00:00' });
  });

  it.each([
    ['31.02.1990', 'date.noSuchDay'],
    ['в начале года', 'date.invalid'],
    ['1985', 'date.yearOnly'],
    [1985, 'date.yearOnly'],
    ['15.13.2026', 'date.invalid'],
    [true, 'date.invalid'],
  ])('refuses %p (%s)', (cell, code) => {
    expect(readDate(cell, 'dmy', ruEnv, false)).toEqual({ ok: false, code });
  });
});

describe('readPhone', () => {
  it.each([
    ['8 912 345 67 89', '+7 912 345-67-89'],
    ['+7 (912) 345-67-89', '+7 912 345-67-89'],
    ['89123456789', '+7 912 345-67-89'],
    ['912-345-67-89', '+7 912 345-67-89'],
    ['8(912)345-67-89', '+7 912 345-67-89'],
    [79123456789, '+7 912 345-67-89'],
    ['+7 495 123-45-67 доб. 12', '+7 495 123-45-67 ext. 12'],
  ])('reads %p as %s, the form the database stores', (cell, stored) => {
    expect(readPhone(cell, ruEnv)).toEqual({ ok: true, value: stored });
  });

  it('reads US numbers in an English sheet', () => {
    expect(readPhone('(415) 555-2671', enEnv)).toEqual({ ok: true, value: '+1 415 555 2671' });
    expect(readPhone('415.555.2671', enEnv)).toEqual({ ok: true, value: '+1 415 555 2671' });
  });

  it('splits two numbers in one cell: the first for the card, the rest apart', () => {
    expect(readPhone('8 912 345 67 89, 8 (342) 212-85-06', ruEnv)).toEqual({
      ok: true,
      value: '+7 912 345-67-89',
      more: ['+7 342 212-85-06'],
    });
  });

  it('refuses what is not a number', () => {
    expect(readPhone('345-67', ruEnv)).toEqual({ ok: false, code: 'phone.tooShort' });
    expect(readPhone('звонить жене', ruEnv)).toEqual({ ok: false, code: 'phone.invalid' });
  });
});

describe('readEmail', () => {
  it('cleans an address and splits several', () => {
    expect(readEmail(' Anna.Petrova@Mail.RU ')).toEqual({ ok: true, value: 'anna.petrova@mail.ru' });
    expect(readEmail('a@x.ru; b@y.ru')).toEqual({ ok: true, value: 'a@x.ru', more: ['b@y.ru'] });
    expect(readEmail('sidorova@@mail')).toEqual({ ok: false, code: 'email.invalid' });
  });
});

describe('createRowReader', () => {
  it('keeps a value it cannot read as it was, flags it and reports row, column, value and problem', () => {
    const r = readOne(
      ruEnv,
      ['ФИО', 'Дата рождения', 'Email', 'Телефон'],
      ['Сидорова Мария', '31.02.1990', 'sidorova@@mail', '345-67'],
    );
    expect(r.values).toMatchObject({ birthDate: '31.02.1990', email: 'sidorova@@mail', phone: '345-67' });
    expect(r.flagged).toEqual(['birthDate', 'email', 'phone']);
    expect(r.problems).toEqual([
      {
        sourceRow: 2,
        column: 'Дата рождения',
        value: '31.02.1990',
        problem: 'Дата рождения: такого дня нет в календаре — проверьте число и месяц; оставлено как было',
        code: 'date.noSuchDay',
        level: 'warning',
      },
      {
        sourceRow: 2,
        column: 'Email',
        value: 'sidorova@@mail',
        problem: 'Email: не похоже на адрес почты — пример: anna@example.ru; оставлено как было',
        code: 'email.invalid',
        level: 'warning',
      },
      {
        sourceRow: 2,
        column: 'Телефон',
        value: '345-67',
        problem: 'Телефон: в номере не хватает цифр — пример: +7 912 345-67-89; оставлено как было',
        code: 'phone.tooShort',
        level: 'warning',
      },
    ]);
  });

  it('reports in English in an English sheet', () => {
    const r = readOne(enEnv, ['Full name', 'DOB'], ['Maria Garcia', '02/31/1990']);
    expect(r.problems[0].problem).toBe(
      'DOB: there is no such day in the calendar — check the day and the month; kept as it was',
    );
  });

  it('puts a second number or address of one cell into the notes and says so', () => {
    const r = readOne(ruEnv, ['ФИО', 'Телефон'], ['Петрова Анна', '8 912 345 67 89; 8 (342) 212-85-06']);
    expect(r.values.phone).toBe('+7 912 345-67-89');
    expect(r.notes).toEqual(['Телефон, ещё: +7 342 212-85-06']);
    expect(r.problems.map((p) => p.code)).toEqual(['value.multiple']);
  });

  it('tidies names written in caps or lower case and keeps name parts apart', () => {
    expect(readOne(ruEnv, ['ФИО', 'Телефон'], ['ПЕТРОВА анна сергеевна', '']).values.fullName).toBe(
      'Петрова Анна Сергеевна',
    );
    expect(readOne(ruEnv, ['Фамилия', 'Имя', 'Отчество'], ['ИВАНОВ', 'сергей', 'Петрович']).parts).toEqual({
      last: 'Иванов',
      first: 'Сергей',
      middle: 'Петрович',
    });
  });

  it('spells a source, a service and a doctor as the Settings lists do, and lists the new ones', () => {
    const r = readOne(
      ruEnv,
      ['ФИО', 'Источник', 'Услуга', 'Врач'],
      ['Анна Петрова', 'инстаграм', 'ИМПЛАНТАЦИЯ', 'Смирнова'],
    );
    expect(r.values).toMatchObject({ source: 'Instagram', interest: 'Имплантация', responsible: 'Смирнова' });
    expect(r.listAdditions).toEqual([['staff', 'Смирнова']]);
    const unknown = readOne(ruEnv, ['ФИО', 'Источник'], ['Анна Петрова', 'Листовка у метро']);
    expect(unknown.values.source).toBe('Листовка у метро');
    expect(unknown.listAdditions).toEqual([['channels', 'Листовка у метро']]);
    expect(unknown.problems[0]).toMatchObject({ code: 'list.new', level: 'info' });
  });

  it('reads channel marks: yes marks name the channel, no marks say nothing, other text goes to the notes', () => {
    const headers = ['ФИО', 'Яндекс', 'Инстаграм', 'ВК'];
    const context: SourceCell[][] = [
      ['Иванов Сергей', '+', '', '-'],
      ['Козлов Дмитрий', '', 'да', 'нет'],
    ];
    expect(readOne(ruEnv, headers, ['Петрова Анна', '+', 'да', '-'], context).channels).toEqual([
      'Яндекс.Директ',
      'Instagram',
    ]);
    const other = readOne(ruEnv, headers, ['Петрова Анна', '', 'по акции', 'нет'], context);
    expect(other.channels).toEqual(['Instagram']);
    expect(other.notes).toEqual(['Инстаграм: по акции']);
  });

  it('joins several note columns, each after its header when the header says more', () => {
    const r = readOne(ruEnv, ['ФИО', 'Примечание', 'Аллергия'], ['Петрова Анна', 'боится уколов', 'лидокаин']);
    expect(r.values.notes).toBe('боится уколов\nАллергия: лидокаин');
  });

  it('reads past contact dates and money as history, and keeps future or unreadable ones in the notes', () => {
    const r = readOne(
      ruEnv,
      ['ФИО', 'Последний визит', 'Последний звонок', 'Сумма покупок'],
      ['Петрова Анна', '01.03.2026', '12.12.2027', '15 000 ₽'],
    );
    expect(r.history).toEqual({ lastVisit: '2026-03-01', totalSpent: 15000 });
    expect(r.notes).toEqual(['Последний звонок: 12.12.2027']);
    expect(r.problems.map((p) => p.code)).toEqual(['date.future']);
    const bad = readOne(ruEnv, ['ФИО', 'Последний визит'], ['Петрова Анна', 'давно']);
    expect(bad.notes).toEqual(['Последний визит: давно']);
    expect(bad.problems.map((p) => p.code)).toEqual(['history.unreadable']);
  });

  it('marks a row that holds nothing but its number as empty', () => {
    const headers = ['№', 'ФИО', 'Телефон'];
    const context: SourceCell[][] = [
      [1, 'Петрова Анна', '89123456789'],
      [2, 'Иванов Сергей', '89121112233'],
    ];
    expect(readOne(ruEnv, headers, [3, '', ''], context).empty).toBe(true);
    expect(readOne(ruEnv, headers, [3, '', '89123456780'], context).empty).toBe(false);
  });
});
