// Typical clinic sheets people bring along, in Russian and English, each worded its own way.

import type { ImportEnv, SourceCell } from '../../../src/domain/import';
import { defaultSettings } from '../../../src/domain/settings';

export const ruEnv: ImportEnv = {
  lang: 'ru',
  locale: 'ru_RU',
  timeZone: 'Europe/Moscow',
  today: '2026-03-10',
  settings: defaultSettings('ru', 'ru_RU'),
};

export const enEnv: ImportEnv = {
  lang: 'en',
  locale: 'en_US',
  timeZone: 'America/New_York',
  today: '2026-03-10',
  settings: defaultSettings('en', 'en_US'),
};

/** One patient as the clinic wrote them down; channels lists every advertising column marked for them. */
export interface Patient {
  n: SourceCell;
  firstContact: SourceCell;
  reason: string;
  doctor: string;
  channels: string[];
  last: string;
  first: string;
  middle: string;
  birth: SourceCell;
  address: string;
  phone: SourceCell;
  email: string;
  next: SourceCell;
  work: string;
}

export const ruPatients: Patient[] = [
  {
    n: 1,
    firstContact: '12.01.2026',
    reason: 'Кариес',
    doctor: 'Смирнова О.В.',
    channels: ['yandex'],
    last: 'Петрова',
    first: 'Анна',
    middle: 'Сергеевна',
    birth: '14.03.1985',
    address: 'г. Пермь, ул. Ленина, д. 5, кв. 12',
    phone: '8 912 345 67 89',
    email: 'Anna.Petrova@mail.ru',
    next: '20.03.2026',
    work: 'Пломба 36',
  },
  {
    n: 2,
    firstContact: '15.01.2026',
    reason: 'Профессиональная чистка',
    doctor: 'Кузнецов И.П.',
    channels: ['instagram'],
    last: 'Иванов',
    first: 'Сергей',
    middle: 'Петрович',
    birth: '01.07.1979',
    address: 'г. Пермь, ул. Мира, д. 17',
    phone: '+7 (912) 111-22-33',
    email: 'ivanov@yandex.ru',
    next: '',
    work: '',
  },
  {
    n: 3,
    firstContact: '20.01.2026',
    reason: 'Имплантация',
    doctor: 'Смирнова О.В.',
    channels: ['referral'],
    last: 'Сидорова',
    first: 'Мария',
    middle: 'Ивановна',
    birth: '31.02.1990',
    address: 'Пермский край, с. Усть-Качка',
    phone: '89123456780',
    email: 'sidorova@@mail',
    next: '25.03.2026',
    work: 'Установка импланта',
  },
  {
    n: 4,
    firstContact: '22.01.2026',
    reason: 'Консультация',
    doctor: 'Кузнецов И.П.',
    channels: ['2gis'],
    last: 'Козлов',
    first: 'Дмитрий',
    middle: 'Андреевич',
    birth: '05.11.2001',
    address: 'г. Пермь, ул. Куйбышева, д. 40, кв. 3',
    phone: '912-345-67-00',
    email: '',
    next: '',
    work: '',
  },
  {
    n: 5,
    firstContact: '03.02.2026',
    reason: 'Отбеливание',
    doctor: 'Смирнова О.В.',
    channels: ['yandex', 'instagram'],
    last: 'ПЕТРОВА',
    first: 'анна',
    middle: 'сергеевна',
    birth: '14.03.1985',
    address: 'г. Пермь, ул. Ленина, д. 5',
    phone: '8(912)345-67-89',
    email: '',
    next: '02.04.2026 10:30',
    work: 'Отбеливание, второй сеанс',
  },
  {
    n: 6,
    firstContact: 'в начале года',
    reason: 'Зубная боль',
    doctor: 'Кузнецов И.П.',
    channels: [],
    last: 'Новикова',
    first: 'Елена',
    middle: '',
    birth: '',
    address: '',
    phone: '+7 912 000-11-22',
    email: 'novikova@gmail.com',
    next: '',
    work: '',
  },
  {
    n: 7,
    firstContact: '',
    reason: '',
    doctor: '',
    channels: [],
    last: '',
    first: '',
    middle: '',
    birth: '',
    address: '',
    phone: '',
    email: '',
    next: '',
    work: '',
  },
];

export const enPatients: Patient[] = [
  {
    n: 1,
    firstContact: '01/12/2026',
    reason: 'Cavity',
    doctor: 'Dr. Brown',
    channels: ['google'],
    last: 'Johnson',
    first: 'Emily',
    middle: 'Rose',
    birth: '03/14/1985',
    address: '12 Oak Street, Springfield, IL 62701',
    phone: '(415) 555-2671',
    email: 'Emily.Johnson@example.com',
    next: '03/20/2026',
    work: 'Filling, lower left molar',
  },
  {
    n: 2,
    firstContact: '01/15/2026',
    reason: 'Cleaning',
    doctor: 'Dr. Lee',
    channels: ['instagram'],
    last: 'Smith',
    first: 'Michael',
    middle: '',
    birth: '07/01/1979',
    address: '400 Main St Apt 5, Springfield, IL',
    phone: '415-555-2672',
    email: 'msmith@example.org',
    next: '',
    work: '',
  },
  {
    n: 3,
    firstContact: '01/20/2026',
    reason: 'Implant',
    doctor: 'Dr. Brown',
    channels: ['referral'],
    last: 'Garcia',
    first: 'Maria',
    middle: '',
    birth: '02/31/1990',
    address: '77 Elm Road, Shelbyville',
    phone: '+1 415 555 2673',
    email: 'maria.garcia@@example',
    next: '03/25/2026',
    work: 'Implant placement',
  },
  {
    n: 4,
    firstContact: '01/22/2026',
    reason: 'Consultation',
    doctor: 'Dr. Lee',
    channels: ['facebook'],
    last: 'Williams',
    first: 'David',
    middle: '',
    birth: '11/05/2001',
    address: '9 Pine Avenue, Springfield',
    phone: '4155552674',
    email: '',
    next: '',
    work: '',
  },
  {
    n: 5,
    firstContact: '02/03/2026',
    reason: 'Whitening',
    doctor: 'Dr. Brown',
    channels: ['google', 'instagram'],
    last: 'JOHNSON',
    first: 'emily',
    middle: '',
    birth: '03/14/1985',
    address: '12 Oak Street',
    phone: '415.555.2671',
    email: '',
    next: '04/02/2026 10:30',
    work: 'Whitening, second session',
  },
  {
    n: 6,
    firstContact: 'early this year',
    reason: 'Toothache',
    doctor: 'Dr. Lee',
    channels: [],
    last: 'Miller',
    first: 'Sarah',
    middle: '',
    birth: '',
    address: '',
    phone: '+1 (415) 555-2699',
    email: 'sarah.miller@gmail.com',
    next: '',
    work: '',
  },
  {
    n: 7,
    firstContact: '',
    reason: '',
    doctor: '',
    channels: [],
    last: '',
    first: '',
    middle: '',
    birth: '',
    address: '',
    phone: '',
    email: '',
    next: '',
    work: '',
  },
];

type Column = { header: string; sub?: string; cell: (p: Patient) => SourceCell };

export interface Variant {
  name: string;
  lang: 'ru' | 'en';
  /** Rows above the header (a title, a blank line). */
  above?: SourceCell[][];
  columns: Column[];
}

const fullName = (p: Patient, order: 'ru' | 'en') =>
  (order === 'ru' ? [p.last, p.first, p.middle] : [p.first, p.middle, p.last]).filter(Boolean).join(' ');
const mark = (sign: string) => (key: string) => (p: Patient) => (p.channels.includes(key) ? sign : '');

const ruPlus = mark('+');
const ruYes = mark('да');
const enX = mark('x');
const enOne = (key: string) => (p: Patient) => (p.channels.includes(key) ? 1 : 0);

/** Three Russian sheets: one-row headers with synonyms; split name with "Источник:" columns; a two-row header. */
export const ruVariants: Variant[] = [
  {
    name: 'ru: журнал первичных пациентов',
    lang: 'ru',
    columns: [
      { header: '№ п/п', cell: (p) => p.n },
      { header: 'Дата первого обращения', cell: (p) => p.firstContact },
      { header: 'Причина обращения', cell: (p) => p.reason },
      { header: 'Врач', cell: (p) => p.doctor },
      { header: 'Яндекс', cell: ruPlus('yandex') },
      { header: 'Инстаграм', cell: ruPlus('instagram') },
      { header: 'Рекомендация', cell: ruPlus('referral') },
      { header: '2ГИС', cell: ruPlus('2gis') },
      { header: 'ФИО пациента', cell: (p) => fullName(p, 'ru') },
      { header: 'Дата рождения', cell: (p) => p.birth },
      { header: 'Адрес проживания', cell: (p) => p.address },
      { header: 'Телефон', cell: (p) => p.phone },
      { header: 'E-mail', cell: (p) => p.email },
      { header: 'Дата следующей записи', cell: (p) => p.next },
      { header: 'Работы на следующем приеме', cell: (p) => p.work },
    ],
  },
  {
    name: 'ru: фамилия, имя, отчество отдельно',
    lang: 'ru',
    above: [['Пациенты клиники «Улыбка», 2026'], []],
    columns: [
      { header: '№', cell: (p) => p.n },
      { header: 'Первичное обращение', cell: (p) => p.firstContact },
      { header: 'Повод первого визита', cell: (p) => p.reason },
      { header: 'Лечащий врач', cell: (p) => p.doctor },
      { header: 'Источник: Яндекс.Директ', cell: ruYes('yandex') },
      { header: 'Источник: Instagram', cell: ruYes('instagram') },
      { header: 'Источник: сарафанное радио', cell: ruYes('referral') },
      { header: 'Источник: 2ГИС', cell: ruYes('2gis') },
      { header: 'Фамилия', cell: (p) => p.last },
      { header: 'Имя', cell: (p) => p.first },
      { header: 'Отчество', cell: (p) => p.middle },
      { header: 'Д.р.', cell: (p) => p.birth },
      { header: 'Домашний адрес', cell: (p) => p.address },
      { header: 'Моб. телефон', cell: (p) => p.phone },
      { header: 'Телефон 2', cell: (p) => (p.n === 2 ? '8 (342) 212-85-06' : '') },
      { header: 'Email адрес', cell: (p) => p.email },
      { header: 'След. приём', cell: (p) => p.next },
      { header: 'Что планируется', cell: (p) => p.work },
    ],
  },
  {
    name: 'ru: нумерованные столбцы и двухстрочная шапка',
    lang: 'ru',
    columns: [
      { header: '1. Дата', cell: (p) => p.firstContact },
      { header: '2. С чем обратился', cell: (p) => p.reason },
      { header: '3. Доктор', cell: (p) => p.doctor },
      { header: '4-7. Откуда пришёл', sub: 'Яндекс', cell: ruPlus('yandex') },
      { header: '', sub: 'Инстаграм', cell: ruPlus('instagram') },
      { header: '', sub: 'По рекомендации', cell: ruPlus('referral') },
      { header: '', sub: '2ГИС', cell: ruPlus('2gis') },
      { header: '8. Ф.И.О.', cell: (p) => fullName(p, 'ru') },
      { header: '9. Дата рожд.', cell: (p) => p.birth },
      { header: '10. Адрес', cell: (p) => p.address },
      { header: '11. Тел.', cell: (p) => p.phone },
      { header: '12. Эл. почта', cell: (p) => p.email },
      { header: '13. Следующий визит', cell: (p) => p.next },
      { header: '14. План на визит', cell: (p) => p.work },
      { header: '15. Пол', cell: (p) => (p.first ? (/а$/.test(p.first.toLowerCase()) ? 'ж' : 'м') : '') },
    ],
  },
];

/** Three English sheets: plain headers; split name with "Source:" columns; a form export with question headers. */
export const enVariants: Variant[] = [
  {
    name: 'en: new patient log',
    lang: 'en',
    columns: [
      { header: '#', cell: (p) => p.n },
      { header: 'Date of first contact', cell: (p) => p.firstContact },
      { header: 'Reason for first visit', cell: (p) => p.reason },
      { header: 'Doctor', cell: (p) => p.doctor },
      { header: 'Google Ads', cell: enX('google') },
      { header: 'Instagram', cell: enX('instagram') },
      { header: 'Referral', cell: enX('referral') },
      { header: 'Facebook', cell: enX('facebook') },
      { header: 'Patient name', cell: (p) => fullName(p, 'en') },
      { header: 'Date of birth', cell: (p) => p.birth },
      { header: 'Home address', cell: (p) => p.address },
      { header: 'Phone', cell: (p) => p.phone },
      { header: 'Email', cell: (p) => p.email },
      { header: 'Next appointment date', cell: (p) => p.next },
      { header: 'Work planned at next appointment', cell: (p) => p.work },
    ],
  },
  {
    name: 'en: split name and Source: columns',
    lang: 'en',
    above: [['Smile Dental — patients 2026']],
    columns: [
      { header: 'No.', cell: (p) => p.n },
      { header: 'First contact', cell: (p) => p.firstContact },
      { header: 'Chief complaint', cell: (p) => p.reason },
      { header: 'Attending dentist', cell: (p) => p.doctor },
      { header: 'Source: Google', cell: enOne('google') },
      { header: 'Source: Instagram', cell: enOne('instagram') },
      { header: 'Source: Word of mouth', cell: enOne('referral') },
      { header: 'Source: Facebook', cell: enOne('facebook') },
      { header: 'Last name', cell: (p) => p.last },
      { header: 'First name', cell: (p) => p.first },
      { header: 'DOB', cell: (p) => p.birth },
      { header: 'Address', cell: (p) => p.address },
      { header: 'Cell', cell: (p) => p.phone },
      { header: 'Phone 2', cell: (p) => (p.n === 2 ? '(217) 555-0143' : '') },
      { header: 'E-mail address', cell: (p) => p.email },
      { header: 'Next visit', cell: (p) => p.next },
      { header: 'Planned treatment', cell: (p) => p.work },
    ],
  },
  {
    name: 'en: form export with question headers',
    lang: 'en',
    columns: [
      { header: 'Row', cell: (p) => p.n },
      { header: 'Intake date', cell: (p) => p.firstContact },
      { header: 'What brings you in?  (reason for visit)', cell: (p) => p.reason },
      { header: 'Provider', cell: (p) => p.doctor },
      { header: 'How did you hear about us? (Google)', cell: enX('google') },
      { header: 'How did you hear about us? (Instagram)', cell: enX('instagram') },
      { header: 'How did you hear about us? (Friend)', cell: enX('referral') },
      { header: 'How did you hear about us? (Facebook)', cell: enX('facebook') },
      { header: 'Full name', cell: (p) => fullName(p, 'en') },
      { header: 'Birthday', cell: (p) => p.birth },
      { header: 'Street address', cell: (p) => p.address },
      { header: 'Phone number', cell: (p) => p.phone },
      { header: 'Email', cell: (p) => p.email },
      { header: 'Next appt', cell: (p) => p.next },
      { header: 'Procedure planned', cell: (p) => p.work },
    ],
  },
];

/** The sheet as the adapter reads it: rows above, the header row(s), then one row per patient. */
export function gridOf(variant: Variant, patients: Patient[]): SourceCell[][] {
  const grid: SourceCell[][] = [...(variant.above ?? []).map((r) => [...r])];
  grid.push(variant.columns.map((c) => c.header));
  if (variant.columns.some((c) => c.sub !== undefined)) grid.push(variant.columns.map((c) => c.sub ?? ''));
  for (const p of patients) grid.push(variant.columns.map((c) => c.cell(p)));
  return grid;
}
