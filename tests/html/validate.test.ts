// Client-side checks: the same normalisers as the server, localized errors beside the field, only changed fields sent.
import { changedKeys, checkForm, checkValue, phoneProblem, timeKey } from '../../html/kit/validate';

const ru = { lang: 'ru' as const, locale: 'ru_RU', timeZone: 'Europe/Moscow', today: '2026-03-15', phoneRegion: 'RU' };
const en = {
  lang: 'en' as const,
  locale: 'en_US',
  timeZone: 'America/New_York',
  today: '2026-03-15',
  phoneRegion: 'US',
};

describe('phone check in the browser', () => {
  it.each([
    ['+7 (912) 345-67-89', undefined],
    ['8 912 345 67 89', undefined],
    ['9123456789', undefined],
    ['+7 495 123-45-67 доб. 123', undefined],
    ['+44 20 7946 0958', undefined],
    ['', undefined],
    ['912 34', 'phone.tooShort'],
    ['345-67-89', 'phone.tooShort'],
    ['+7 912 345 67 89 12 34 56 78', 'phone.tooLong'],
    ['позвонить Ане', 'phone.invalid'],
    ['8912abc4567', 'phone.invalid'],
    ['+7 912 345-67-89, +7 903 111-22-33', 'phone.multiple'],
  ])('%s → %s', (input, code) => {
    expect(phoneProblem(input, 'RU')).toBe(code);
  });

  it('allows seven-digit local numbers where the region has them', () => {
    expect(phoneProblem('2345678', 'GB')).toBeUndefined();
    expect(phoneProblem('2345678', 'RU')).toBe('phone.tooShort');
  });
});

describe('checkValue', () => {
  it('turns typed text into what the server stores', () => {
    expect(checkValue('email', ' Anna@Example.RU ', ru)).toEqual({ ok: true, value: 'anna@example.ru' });
    expect(checkValue('date', '15.03.2026', ru)).toEqual({ ok: true, value: '2026-03-15' });
    expect(checkValue('date', '03/15/2026', en)).toEqual({ ok: true, value: '2026-03-15' });
    expect(checkValue('datetime', '16.03.2026', ru, '10:30')).toEqual({ ok: true, value: '2026-03-16T10:30' });
    expect(checkValue('datetime', '16.03.2026', ru, '')).toEqual({ ok: true, value: '2026-03-16' });
    expect(checkValue('amount', '1 500,50', ru)).toEqual({ ok: true, value: 1500.5 });
    expect(checkValue('amount', '', ru)).toEqual({ ok: true, value: '' });
    expect(checkValue('text', '  note  ', ru)).toEqual({ ok: true, value: 'note' });
  });

  it('rejects with the normaliser codes', () => {
    expect(checkValue('email', 'anna@', ru)).toEqual({ ok: false, code: 'email.invalid' });
    expect(checkValue('date', '31.02.2026', ru)).toEqual({ ok: false, code: 'date.noSuchDay' });
    expect(checkValue('amount', '-5', ru)).toEqual({ ok: false, code: 'amount.negative' });
    expect(checkValue('name', '   ', ru)).toEqual({ ok: false, code: 'name.empty' });
    expect(checkValue('name', '12345', ru)).toEqual({ ok: false, code: 'name.noLetters' });
  });
});

describe('checkForm', () => {
  const specs = [
    { key: 'fullName', kind: 'name' as const, label: 'ФИО', required: true },
    { key: 'phone', kind: 'phone' as const, label: 'Телефон' },
    { key: 'birthDate', kind: 'date' as const, label: 'Дата рождения' },
    { key: 'nextAppointmentOn', kind: 'datetime' as const, label: 'Следующая запись' },
  ];

  it('gives values for filled fields and leaves empty ones out', () => {
    const form = { fullName: 'Анна Петрова', phone: '', birthDate: '1.2.1990', nextAppointmentOn: '16.03.2026' };
    form[timeKey('nextAppointmentOn') as 'phone'] = '09:00';
    expect(checkForm(specs, form, ru)).toEqual({
      values: { fullName: 'Анна Петрова', birthDate: '1990-02-01', nextAppointmentOn: '2026-03-16T09:00' },
      errors: {},
    });
  });

  it('explains each bad field in the sheet language, naming the field', () => {
    const { values, errors } = checkForm(specs, { fullName: '', phone: '912', birthDate: '30.02.1990' }, ru);
    expect(values).toEqual({});
    expect(errors.fullName).toMatch(/^ФИО: /);
    expect(errors.phone).toBe('Телефон: в номере не хватает цифр — пример: +7 912 345-67-89');
    expect(errors.birthDate).toMatch(/^Дата рождения: такого дня нет/);
    const inEnglish = checkForm([{ key: 'email', kind: 'email', label: 'Email' }], { email: 'x@' }, en);
    expect(inEnglish.errors.email).toBe('Email: this does not look like an email address — e.g. anna@example.com');
  });

  it('keeps cleared fields when editing, so a cell can be emptied', () => {
    const specsEdit = [{ key: 'phone', kind: 'phone' as const, label: 'Phone' }];
    expect(checkForm(specsEdit, { phone: '' }, en, { keepEmpty: true }).values).toEqual({ phone: '' });
  });

  it('reports a required non-name field as required', () => {
    const { errors } = checkForm([{ key: 'nextStep', kind: 'text', label: 'Next step', required: true }], {}, en);
    expect(errors.nextStep).toBe('Next step: please fill it in');
  });
});

describe('changedKeys', () => {
  it('lists fields whose text changed, a time counting for its date', () => {
    const before = {
      fullName: 'Анна',
      phone: '+79123456789',
      nextAppointmentOn: '16.03.2026',
      nextAppointmentOn__time: '',
    };
    const after = { ...before, phone: '+79123456789 ', nextAppointmentOn__time: '10:00', notes: 'аллергия' };
    expect(changedKeys(before, after).sort()).toEqual(['nextAppointmentOn', 'notes']);
    expect(changedKeys(before, { ...before })).toEqual([]);
  });
});
