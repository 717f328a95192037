// The sample dental clinic as plain data: staff, clients, a year of contacts and ad spend, generated from a seed.
import { createRng, type Rng } from './prng';

export type SampleLang = 'ru' | 'en';
export type StageKey = 'new' | 'contacted' | 'visited' | 'bought' | 'lost';
export type ContactKind = 'call' | 'message' | 'visit' | 'purchase' | 'email';

export interface SampleClient {
  fullName: string;
  phone: string;
  email: string;
  /** yyyy-mm-dd */
  birthDate: string;
  source: string;
  service: string;
  doctor: string;
  stage: StageKey;
  /** yyyy-mm-dd, the day the lead first reached the clinic. */
  firstContact: string;
  consent: boolean;
  /** Why a lost lead said no; '' for everyone else. */
  lostReason: string;
  preferredChannel: string;
  notes: string;
  /** yyyy-mm-dd or '' */
  nextVisit: string;
  nextVisitWork: string;
}

export interface SampleContact {
  /** Index into `clients`. */
  client: number;
  /** Wall time in the sheet's zone, 'yyyy-mm-ddTHH:MM:00'. */
  at: string;
  kind: ContactKind;
  summary: string;
  amount: number | null;
  source: string;
  /** Email of the team member who logged it. */
  by: string;
  nextStep: string;
  nextDate: string;
}

export interface SampleSpend {
  /** yyyy-mm */
  month: string;
  channel: string;
  amount: number;
}

export interface SampleClinic {
  lang: SampleLang;
  staff: Array<{ name: string; role: string; email: string }>;
  services: string[];
  sources: string[];
  lostReasons: string[];
  clients: SampleClient[];
  /** Sorted by time. */
  contacts: SampleContact[];
  spend: SampleSpend[];
}

export interface SampleOptions {
  lang: SampleLang;
  clients?: number;
  seed?: number;
  /** The clinic's today, yyyy-mm-dd: contacts go back one year from it, nothing lies after it. */
  today: string;
  /** The clinic's time of day now, HH:MM: today's contacts all lie before it (default: the day's end). */
  time?: string;
}

export const TEAM = ['anna@clinic.test', 'boris@clinic.test'] as const;

/** A list written as space-separated words (keeps long name lists compact). */
function words(text: string): string[] {
  return text.split(' ');
}

const RU = {
  maleFirst: words(
    'Александр Дмитрий Максим Сергей Андрей Алексей Артём Илья Кирилл Михаил Никита Евгений Иван Роман ' +
      'Владимир Павел Олег Константин Виктор Николай Игорь Юрий Григорий Тимур',
  ),
  femaleFirst: words(
    'Анна Мария Елена Ольга Наталья Екатерина Татьяна Ирина Светлана Юлия Анастасия Дарья Ксения Марина ' +
      'Полина Алёна Виктория Людмила Вера Софья Галина',
  ),
  // Male surname → female form by rule (-ов/-ев/-ин → +а, -ский → -ская), listed as male.
  surnames: words(
    'Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков ' +
      'Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин ' +
      'Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов ' +
      'Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов ' +
      'Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов ' +
      'Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Маслов Исаев Тихонов Аксёнов ' +
      'Гаврилов Родионов Котов Горбунов Кудрявцев Быков Зуев Третьяков Савельев Панов Рыбаков Суворов ' +
      'Абрамов Воронов Мухин Архипов Трофимов Мартынов Емельянов Горшков Чернов Овчинников Селезнёв ' +
      'Панфилов Копылов Михеев Галкин Назаров Лобанов Лукин Белоусов Потапов Некрасов Хохлов Жданов Наумов ' +
      'Шилов Воронцов Ермаков Дроздов Игнатьев Савин Логинов Сафонов Капустин Кириллов Моисеев Елисеев ' +
      'Кошелев Костин Горбачёв Орехов Ефремов Исаков Евдокимов Калашников Кабанов Носков Юдин Кулагин Лапин ' +
      'Прохоров Нестеров Харитонов Агафонов Муравьёв Ларионов Федосеев Зимин Пахомов Шубин Игнатов Филатов ' +
      'Крюков Рогов Кулаков Терентьев Молчанов Владимиров Артемьев Гурьев Зиновьев Гришин Кононов Дементьев ' +
      'Ситников Симонов Мишин Фадеев Комиссаров Мамонтов Носов Гуляев Шаров Устинов Вишняков Евсеев ' +
      'Лаврентьев Брагин Константинов Корнилов Авдеев Зыков Бирюков Шарапов Никонов Щукин Дьячков Одинцов ' +
      'Сазонов Якушев Красильников Гордеев Самойлов Князев Беспалов Уваров Шашков Бобылёв Доронин Белозёров ' +
      'Рожков Самсонов Мясников Лихачёв Буров Сысоев Фомин Русаков Стрелков Гущин Тетерин Колобов Субботин ' +
      'Фокин Блинов Селиверстов Пестов Кондратьев Силин Меркушев Лыткин Туров Островский Вишневский ' +
      'Каменский Покровский Раевский',
  ),
  sources: ['Яндекс.Директ', 'Instagram', 'ВКонтакте', '2ГИС', 'Сарафанное радио', 'Avito', 'Сайт клиники', 'Вывеска'],
  services: ['Гигиена полости рта', 'Лечение кариеса', 'Имплантация', 'Отбеливание', 'Брекеты'],
  doctors: [
    { name: 'Смирнова Елена Викторовна', role: 'Гигиенист' },
    { name: 'Ковалёв Дмитрий Андреевич', role: 'Стоматолог-терапевт' },
    { name: 'Лебедева Ольга Игоревна', role: 'Хирург-имплантолог' },
    { name: 'Орлов Павел Сергеевич', role: 'Ортодонт' },
  ],
  channels: ['Телефон', 'Email', 'SMS', 'WhatsApp', 'Telegram'],
  notes: [
    '',
    '',
    '',
    '',
    'Аллергия на лидокаин',
    'Боится уколов',
    'Звонить после 18:00',
    'Приходит с ребёнком',
    'Просит напоминать за день',
    'Предпочитает утренние часы',
    'Корпоративный клиент',
  ],
  summaries: {
    call: [
      'Первичный звонок, интересовался ценами',
      'Перезвонили, ответили на вопросы',
      'Уточнили время приёма',
      'Напомнили о записи',
      'Не дозвонились, перезвонить',
    ],
    message: ['Написал в WhatsApp, прислали прайс', 'Ответили в Direct', 'Отправили адрес и схему проезда'],
    visit: ['Консультация', 'Осмотр и план лечения', 'Контрольный осмотр'],
    email: ['Отправили план лечения', 'Отправили счёт'],
  },
  nextSteps: [
    'Перезвонить',
    'Записать на приём',
    'Отправить план лечения',
    'Контрольный осмотр',
    'Напомнить о гигиене',
  ],
  lostReasons: ['Дорого', 'Выбрал другую клинику', 'Передумал', 'Не выходит на связь'],
};

const EN = {
  maleFirst: words(
    'James John Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew Anthony Mark ' +
      'Steven Paul Andrew Joshua Kevin Brian George Edward',
  ),
  femaleFirst: words(
    'Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret ' +
      'Sandra Ashley Emily Donna Michelle Laura Rachel Olivia',
  ),
  middle: ['A.', 'B.', 'C.', 'J.', 'L.', 'M.', 'R.', 'S.', '', '', '', '', '', ''],
  surnames: words(
    'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez ' +
      'Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark ' +
      'Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams ' +
      'Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker ' +
      'Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper ' +
      'Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James ' +
      'Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez',
  ),
  sources: ['Google Ads', 'Instagram', 'Facebook', 'Yelp', 'Word of mouth', 'Clinic website', 'Street sign'],
  // The default Settings list's own words ('Cavity treatment'), so the merged list names each service once.
  services: ['Dental hygiene', 'Cavity treatment', 'Implants', 'Whitening', 'Braces'],
  doctors: [
    { name: 'Emily Carter', role: 'Hygienist' },
    { name: 'David Kim', role: 'Dentist' },
    { name: 'Laura Bennett', role: 'Implant surgeon' },
    { name: 'Paul Morgan', role: 'Orthodontist' },
  ],
  channels: ['Phone', 'Email', 'SMS', 'WhatsApp', 'Telegram'],
  notes: [
    '',
    '',
    '',
    '',
    'Allergic to lidocaine',
    'Anxious about injections',
    'Call after 6 pm',
    'Comes with a child',
    'Wants a reminder the day before',
    'Prefers mornings',
    'Corporate client',
  ],
  summaries: {
    call: [
      'First call, asked about prices',
      'Called back, answered questions',
      'Confirmed appointment time',
      'Reminded about the appointment',
      'No answer, call again',
    ],
    message: ['Sent the price list on WhatsApp', 'Answered on Instagram', 'Sent the address and directions'],
    visit: ['Consultation', 'Check-up and treatment plan', 'Follow-up check-up'],
    email: ['Sent the treatment plan', 'Sent the invoice'],
  },
  nextSteps: ['Call back', 'Book an appointment', 'Send the treatment plan', 'Follow-up check-up', 'Hygiene reminder'],
  lostReasons: ['Too expensive', 'Chose another clinic', 'Changed their mind', 'Unreachable'],
};

/** Price range per service, in the sheet's currency (₽ for ru, $ for en), same order as `services`. */
const PRICES: Record<SampleLang, Array<[number, number, number]>> = {
  // [min, max, rounding step]
  ru: [
    [4500, 7500, 500],
    [5000, 14000, 500],
    [35000, 90000, 5000],
    [15000, 30000, 1000],
    [60000, 180000, 10000],
  ],
  en: [
    [90, 160, 10],
    [120, 300, 10],
    [1500, 4200, 100],
    [300, 650, 50],
    [2500, 7000, 250],
  ],
};

/** Monthly spend range per source (index-aligned with `sources`); word of mouth and signage cost nothing. */
const SPEND: Record<SampleLang, Array<[number, number]>> = {
  ru: [
    [40000, 90000],
    [15000, 35000],
    [10000, 25000],
    [8000, 15000],
    [0, 0],
    [5000, 12000],
    [3000, 6000],
    [0, 0],
  ],
  en: [
    [900, 2200],
    [300, 800],
    [250, 700],
    [150, 400],
    [0, 0],
    [100, 250],
    [0, 0],
  ],
};

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

function translit(s: string): string {
  return [...s.toLowerCase()].map((ch) => TRANSLIT[ch] ?? ch).join('');
}

function feminine(surname: string): string {
  if (surname.endsWith('ский')) return `${surname.slice(0, -4)}ская`;
  return `${surname}а`;
}

function patronymic(father: string, female: boolean): string {
  const special: Record<string, [string, string]> = {
    Илья: ['Ильич', 'Ильинична'],
    Никита: ['Никитич', 'Никитична'],
    Михаил: ['Михайлович', 'Михайловна'],
    Павел: ['Павлович', 'Павловна'],
    Юрий: ['Юрьевич', 'Юрьевна'],
    Евгений: ['Евгеньевич', 'Евгеньевна'],
    Григорий: ['Григорьевич', 'Григорьевна'],
  };
  const sp = special[father];
  if (sp) return female ? sp[1] : sp[0];
  // Дмитрий → Дмитриевич, Сергей → Сергеевич, Игорь → Игоревич, Иван → Иванович.
  const [stem, suffix] = /[йь]$/.test(father) ? [father.slice(0, -1), 'ев'] : [father, 'ов'];
  return stem + suffix + (female ? 'на' : 'ич');
}

/** Days since 1970-01-01 for a yyyy-mm-dd, and back; calendar arithmetic without time zones. */
export function isoToDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / 86400000);
}

export function dayToIso(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function makeName(rng: Rng, lang: SampleLang): { full: string; first: string; last: string; female: boolean } {
  const female = rng.chance(0.58);
  if (lang === 'ru') {
    const first = rng.pick(female ? RU.femaleFirst : RU.maleFirst);
    const male = rng.pick(RU.surnames);
    const last = female ? feminine(male) : male;
    const middle = patronymic(rng.pick(RU.maleFirst), female);
    return { full: `${last} ${first} ${middle}`, first, last, female };
  }
  const first = rng.pick(female ? EN.femaleFirst : EN.maleFirst);
  const last = rng.pick(EN.surnames);
  const middle = rng.pick(EN.middle);
  return { full: middle ? `${first} ${middle} ${last}` : `${first} ${last}`, first, last, female };
}

function makePhone(rng: Rng, lang: SampleLang, used: Set<string>): string {
  for (;;) {
    const phone =
      lang === 'ru'
        ? `+7 9${rng.int(0, 9)}${rng.int(0, 9)} ${rng.int(100, 999)}-${pad(rng.int(0, 99))}-${pad(rng.int(0, 99))}`
        : // 555-01xx numbers are reserved for fiction in North America.
          `+1 ${rng.pick(['212', '415', '312', '617', '206', '512'])}-555-01${pad(rng.int(0, 99))}`;
    if (!used.has(phone)) {
      used.add(phone);
      return phone;
    }
  }
}

function makeEmail(rng: Rng, lang: SampleLang, first: string, last: string, used: Set<string>): string {
  const f = lang === 'ru' ? translit(first) : first.toLowerCase();
  const l = lang === 'ru' ? translit(last) : last.toLowerCase();
  const domain = rng.pick(['example.com', 'example.org', 'example.net']);
  const styles = [`${f}.${l}`, `${l}.${f}`, `${f[0]}${l}`, `${f}${l}${rng.int(70, 99)}`, `${l}${rng.int(1, 999)}`];
  for (let i = 0; ; i++) {
    const local = i === 0 ? rng.pick(styles) : `${rng.pick(styles)}${i}`;
    const email = `${local}@${domain}`;
    if (!used.has(email)) {
      used.add(email);
      return email;
    }
  }
}

/** Clinic hours: the first hour, and the quarter-hour slots of a day (9:00–19:45). */
const OPENS = 9;
const SLOTS = 44;

/** The doctor who does a service: hygiene → hygienist, caries/whitening → therapist, implants → surgeon, braces → orthodontist. */
const DOCTOR_OF_SERVICE = [0, 1, 2, 1, 3];

/** Generates the clinic deterministically: the same options always give the same clinic. */
export function generateClinic(opts: SampleOptions): SampleClinic {
  const lang = opts.lang;
  const L = lang === 'ru' ? RU : EN;
  const rng = createRng(opts.seed ?? 20260315);
  const count = opts.clients ?? 300;
  const today = isoToDay(opts.today);
  const [nowH, nowM] = (opts.time ?? '24:00').split(':').map(Number);
  const nowMinutes = nowH * 60 + nowM;
  // The last day with contacts: today once the clinic has opened (9:00), else yesterday. No contact is in the future.
  const latest = nowMinutes > OPENS * 60 ? today : today - 1;
  // Today's last quarter-hour slot that has begun before now.
  const lastSlotToday = Math.min(SLOTS - 1, Math.floor((nowMinutes - 1 - OPENS * 60) / 15));
  const usedPhones = new Set<string>();
  const usedEmails = new Set<string>();
  const clients: SampleClient[] = [];
  const contacts: SampleContact[] = [];
  const prices = PRICES[lang];

  const at = (day: number): string => {
    // Clinic hours 9:00–19:45, on a quarter hour; today only the slots already past.
    let slot = (rng.int(OPENS, 19) - OPENS) * 4 + rng.pick([0, 1, 2, 3]);
    if (day === today && slot > lastSlotToday) slot = rng.int(0, lastSlotToday);
    return `${dayToIso(day)}T${pad(OPENS + Math.floor(slot / 4))}:${pad((slot % 4) * 15)}:00`;
  };

  for (let i = 0; i < count; i++) {
    const name = makeName(rng, lang);
    const serviceIndex = rng.weighted([
      [0, 30],
      [1, 30],
      [2, 12],
      [3, 15],
      [4, 13],
    ] as const);
    const service = L.services[serviceIndex];
    const doctor = L.doctors[DOCTOR_OF_SERVICE[serviceIndex]].name;
    const source = rng.weighted(L.sources.map((s, k) => [s, [30, 18, 14, 12, 16, 8, 6, 4][k] ?? 5] as const));
    const stage = rng.weighted<StageKey>([
      ['new', 14],
      ['contacted', 18],
      ['visited', 14],
      ['bought', 40],
      ['lost', 14],
    ]);
    // New leads are recent; everyone else arrived during the past year.
    const firstDay = Math.min(latest, stage === 'new' ? today - rng.int(0, 20) : today - rng.int(10, 365));
    const birthDay = isoToDay(`${rng.int(1950, 2008)}-${pad(rng.int(1, 12))}-01`) + rng.int(0, 27);
    const by = () => rng.pick(TEAM);
    const client: SampleClient = {
      fullName: name.full,
      phone: makePhone(rng, lang, usedPhones),
      email: rng.chance(0.8) ? makeEmail(rng, lang, name.first, name.last, usedEmails) : '',
      birthDate: rng.chance(0.85) ? dayToIso(birthDay) : '',
      source,
      service,
      doctor,
      stage,
      firstContact: dayToIso(firstDay),
      consent: rng.chance(0.7),
      lostReason: '',
      preferredChannel: rng.weighted(L.channels.map((c, k) => [c, [40, 20, 10, 20, 10][k]] as const)),
      notes: rng.pick(L.notes),
      nextVisit: '',
      nextVisitWork: '',
    };
    const log = (
      day: number,
      kind: ContactKind,
      summary: string,
      amount: number | null,
      extra?: Partial<SampleContact>,
    ) =>
      contacts.push({
        client: i,
        at: at(Math.min(day, latest)),
        kind,
        summary,
        amount,
        source,
        by: by(),
        nextStep: '',
        nextDate: '',
        ...extra,
      });

    const firstKind: ContactKind = rng.chance(0.7) ? 'call' : 'message';
    log(firstDay, firstKind, firstKind === 'call' ? L.summaries.call[0] : rng.pick(L.summaries.message), null);
    let day = firstDay;
    if (stage !== 'new') {
      day = Math.min(latest, day + rng.int(0, 5));
      log(day, 'call', rng.pick(L.summaries.call.slice(1)), null);
    }
    if (stage === 'visited' || stage === 'bought' || (stage === 'lost' && rng.chance(0.4))) {
      day = Math.min(latest, day + rng.int(1, 14));
      log(day, 'visit', rng.pick(L.summaries.visit), null);
    }
    if (stage === 'bought') {
      const [min, max, step] = prices[serviceIndex];
      const purchases = rng.weighted([
        [1, 55],
        [2, 20],
        [3, 10],
        [4, 6],
        [6, 5],
        [10, 4],
      ] as const);
      const gap = Math.max(7, Math.floor((today - day) / (purchases + 1)));
      for (let p = 0; p < purchases && day <= latest; p++) {
        // The first purchase is what they came for; returning patients mostly come for hygiene and fillings.
        const k =
          p === 0
            ? serviceIndex
            : rng.weighted([
                [0, 60],
                [1, 30],
                [3, 10],
              ] as const);
        const [lo, hi, st] = p === 0 ? [min, max, step] : prices[k];
        const amount = Math.round(rng.int(lo, hi) / st) * st;
        log(day, 'purchase', L.services[k], amount);
        day += rng.int(Math.max(1, Math.floor(gap / 2)), gap);
      }
    }
    if (stage === 'lost') {
      client.lostReason = rng.pick(L.lostReasons);
      log(Math.min(latest, day + rng.int(1, 20)), 'call', client.lostReason, null);
    }
    if ((stage === 'visited' || stage === 'bought' || stage === 'contacted') && rng.chance(0.35)) {
      const next = today + rng.int(1, 21);
      client.nextVisit = dayToIso(next);
      client.nextVisitWork = stage === 'contacted' ? rng.pick(L.summaries.visit) : service;
      // The booking is a recent call that names the appointment as its next step.
      log(Math.max(day, today - rng.int(0, 6)), 'call', L.summaries.call[2], null, {
        nextStep: rng.pick(L.nextSteps),
        nextDate: client.nextVisit,
      });
    }
    clients.push(client);
  }
  contacts.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.client - b.client));

  const spend: SampleSpend[] = [];
  const [ty, tm] = opts.today.split('-').map(Number);
  for (let back = 11; back >= 0; back--) {
    const monthIndex = ty * 12 + (tm - 1) - back;
    const month = `${Math.floor(monthIndex / 12)}-${pad((monthIndex % 12) + 1)}`;
    L.sources.forEach((channel, k) => {
      const [min, max] = SPEND[lang][k] ?? [0, 0];
      if (max > 0) spend.push({ month, channel, amount: Math.round(rng.int(min, max) / 100) * 100 });
    });
  }

  return {
    lang,
    staff: [
      ...L.doctors.map((d) => ({ name: d.name, role: d.role, email: '' })),
      {
        name: lang === 'ru' ? 'Анна (администратор)' : 'Anna (front desk)',
        role: lang === 'ru' ? 'Администратор' : 'Front desk',
        email: TEAM[0],
      },
      {
        name: lang === 'ru' ? 'Борис (администратор)' : 'Boris (front desk)',
        role: lang === 'ru' ? 'Администратор' : 'Front desk',
        email: TEAM[1],
      },
    ],
    services: [...L.services],
    sources: [...L.sources],
    lostReasons: [...L.lostReasons],
    clients,
    contacts,
    spend,
  };
}
