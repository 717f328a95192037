// Words of real headers (Russian and English) and of mark and channel cells: what a column header or cell means.
import type { SettingsData } from '../settings';

/** Lower case, ё→е, '№'/'#' read as "number", 'e-mail' as one word, punctuation dropped, single letters joined. */
export function headerTokens(text: string): string[] {
  const plain = String(text ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[№#]/g, ' номер ')
    .replace(/(^|[^\p{L}])[eе][-\s]?mail/gu, '$1email')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (!plain) return [];
  const out: string[] = [];
  let letters = '';
  for (const word of plain.split(' ')) {
    // 'Ф.И.О.' → 'фио', 'Д.р.' and 'д/р' → 'др', 'п/п' → 'пп'.
    if (word.length === 1 && /\p{L}/u.test(word)) {
      letters += word;
      continue;
    }
    if (letters) out.push(letters);
    letters = '';
    out.push(word);
  }
  if (letters) out.push(letters);
  return out;
}

// "5-8. Источник", "1) ФИО", "(3) Phone", "12 Телефон": numbering in front of the header.
const NUMBERING = /^\s*(?:\(\s*\d+\s*\)|\d+(?:\s*[-–—.,]\s*\d+)*\s*[.):\]]|\d+\s+(?=\p{L}))\s*/u;

/** The header without numbering in front, split into its base and a qualifier after ':' / ' - ' or in brackets. */
export function splitHeader(header: string): { base: string; qualifier: string } {
  const text = String(header ?? '')
    .replace(/[\u00a0\r\n\t]+/g, ' ')
    .replace(NUMBERING, '')
    .trim();
  const bracket = /^(.*?)\s*[([]\s*([^()[\]]*?)\s*[)\]]\s*$/.exec(text);
  if (bracket?.[1]) return { base: bracket[1].trim(), qualifier: bracket[2].trim() };
  const colon = /^(.*?)\s*(?::|\s[-–—]\s)\s*(.+)$/.exec(text);
  if (colon?.[1]) return { base: colon[1].trim(), qualifier: colon[2].trim() };
  return { base: text, qualifier: '' };
}

/** Target codes of header rules: a field key, or part:/hist:/extra: forms, 'row' (a "№" column), 'date' (any date). */
export interface HeaderRule {
  target: string;
  /** Each slot is a list of stems; every slot must match a different word. */
  slots: string[][];
  /** Stems of words that may stand beside the slots without counting against the rule. */
  also?: string[];
  /** Stems that rule the rule out ('Причина первого визита' is not a first-visit date). */
  unless?: string[];
  weight?: number;
}

// Words that never decide a header: whose phone, the client's, "number of", articles and prepositions.
const IGNORED = [
  'клиент',
  'пациент',
  'client',
  'patient',
  'customer',
  'покупател',
  'его',
  'ее',
  'и',
  'в',
  'на',
  'по',
  'для',
  'с',
  'со',
  'о',
  'об',
  'от',
  'к',
  'до',
  'из',
  'нас',
  'вы',
  'the',
  'of',
  'for',
  'at',
  'on',
  'in',
  'a',
  'an',
  'to',
  'and',
  'or',
  'by',
  'about',
  'us',
  'you',
  'did',
  'do',
  'your',
  'is',
];

const split = (s: string) => s.split('|');
const r = (target: string, slots: string[], extra: Partial<HeaderRule> = {}): HeaderRule => ({
  target,
  slots: slots.map(split),
  ...extra,
});

const PHONE = 'тел=|телеф|tel=|phone|telephone|моб|мобил|сотов|mobile|cell|whatsapp|ватсап';
const PHONE_ALSO = split(
  'номер|number|no|контакт|contact|личн|основн|main|primary|домашн|home|рабоч|work|office|mob|whats|app|для|связ',
);
const EMAIL = 'email|mail|емейл|имейл|мейл|почта=|почты=|электронн';
const EMAIL_ALSO = split('адрес|address|эл|электрон|личн|рабоч|work|personal|ящик');
const SECOND = '2|3|второй|втор|доп|дополн|alt|altern|second|secondary|other|другой|запасн|ещ|extra|additional';
const DATE_WORDS = split('дата|date|день|day|число|time|время');
const VISIT = 'визит|прием|посещ|приход|visit|appointment|appt|seen|был|консультац|consultation';
const NOT_A_DATE = split(
  'причин|повод|reason|цель|цели|purpose|жалоб|complaint|услуг|service|врач|doctor|что|what|план|plan|работ|work|процедур|procedur|лечени|treatment|сумм|amount|комментар|comment|note|примеч',
);

/** Header rules, Russian and English: synonyms, abbreviations and word-order-free combinations. */
export const HEADER_RULES: HeaderRule[] = [
  r('fullName', ['фио'], { weight: 2, also: split('полност|полное') }),
  r('fullName', ['фамил', 'имя=', 'отчеств'], { weight: 2 }),
  r('fullName', ['фамил', 'имя='], { weight: 1 }),
  r('fullName', ['full|полн', 'name|имя=']),
  r('fullName', ['name=']),
  r('fullName', ['клиент|пациент|client|patient|customer|покупател'], { weight: -2 }),
  r('part:last', ['фамил|surname|lastname']),
  r('part:last', ['last|family', 'name']),
  r('part:first', ['имя=|forename|firstname']),
  r('part:first', ['first|given', 'name']),
  r('part:middle', ['отчеств|patronymic|middlename']),
  r('part:middle', ['middle', 'name']),
  r('phone', [PHONE], { also: PHONE_ALSO }),
  r('phone', ['моб|мобил|сотов|mobile|cell'], { weight: 1, also: [...PHONE_ALSO, ...split(PHONE)] }),
  r('phone', ['номер|number', 'тел=|телеф|phone|telephone'], { weight: 1, also: PHONE_ALSO }),
  r('extra:phone', [PHONE, SECOND], { weight: 3, also: PHONE_ALSO }),
  r('email', [EMAIL], { also: EMAIL_ALSO }),
  r('email', ['эл', 'почта=|почты=|адрес'], { weight: 1 }),
  r('extra:email', [EMAIL, SECOND], { weight: 3, also: EMAIL_ALSO }),
  r('birthDate', ['рожд|birth|dob=|др=|bday|birthday|днюха'], { also: DATE_WORDS }),
  r('extra:text', ['год|year|yob', 'рожд|birth'], { weight: 3 }),
  r('address', ['адрес|address|прожива|жительств|residence|street|улица'], {
    also: split('домашн|home|фактическ|место|регистрац|почтов|postal|mailing|дом|полный|full'),
  }),
  r('source', ['источник|откуда|реклам|source|referral|referred|привлеч|трафик|traffic|utm'], {
    also: split('канал|channel|узнал|пришел|пришла|пришли|lead|marketing|рекламный|ad|ads|привлечения'),
  }),
  r('source', ['как|how', 'узнал|hear|heard|find|found|learn|нашел|нашли|нашла'], { weight: 1 }),
  r('source', ['канал|channel', 'привлеч|рекл|marketing|acquisition|ad|ads'], { weight: 1 }),
  r(
    'interest',
    [
      'причин|повод|цель|цели|жалоб|complaint|reason|purpose|concern|запрос|услуг|service|диагноз|diagnos|проблем|problem',
    ],
    {
      weight: 2,
      also: split(
        'перв|first|визит|visit|обращ|прием|приход|посещ|appointment|chief|main|основн|initial|первичн|what|интерес|asked|requested|interested|нужн',
      ),
    },
  ),
  r('interest', ['чем', 'обрат|пришел|пришла'], { weight: 2 }),
  r(
    'responsible',
    [
      'врач|доктор|ответствен|менеджер|специалист|мастер|тренер|doctor|dentist|physician|manager|responsible|specialist|provider|stylist|therapist|trainer|консультант|consultant|куратор|assignee',
    ],
    { also: split('лечащ|attending|assigned|ведущ|персональн|personal|sales|лечащий|стоматолог|хирург') },
  ),
  r(
    'firstContactOn',
    ['перв|первичн|first|initial', 'обращ|контакт|звон|заявк|contact|call|inquiry|enquiry|lead|request'],
    {
      weight: 2,
      also: DATE_WORDS,
      unless: NOT_A_DATE,
    },
  ),
  r('firstContactOn', ['intake|registered|registration|регистрац'], { also: DATE_WORDS, unless: NOT_A_DATE }),
  r('firstContactOn', ['дата|date', 'обращ|заявк|inquiry|contact|звон'], { unless: NOT_A_DATE }),
  r('firstContactOn', ['обращени|заявк'], { weight: -1, also: DATE_WORDS, unless: NOT_A_DATE }),
  r('visitOn', ['перв|первичн|first|initial', VISIT], { weight: 2, also: DATE_WORDS, unless: NOT_A_DATE }),
  r('hist:lastVisit', ['послед|last|latest|recent|крайн', VISIT], { weight: 2, also: DATE_WORDS, unless: NOT_A_DATE }),
  r('hist:lastVisit', ['дата|date', 'визит|посещ|приема|visit'], {
    unless: [...NOT_A_DATE, ...split('перв|first|след|next|ближайш')],
  }),
  r('hist:lastVisit', ['визит|посещ|visit'], {
    weight: -2,
    unless: [...NOT_A_DATE, ...split('перв|first|след|next|ближайш')],
  }),
  r('hist:lastContact', ['послед|last|latest|крайн', 'контакт|звон|обращ|contact|call|touch'], {
    weight: 2,
    also: DATE_WORDS,
  }),
  r('firstPurchaseOn', ['перв|first', 'покуп|оплат|продаж|заказ|purchase|order|sale|payment|buy'], {
    weight: 2,
    also: DATE_WORDS,
    unless: split('сумм|amount'),
  }),
  r('hist:lastPurchase', ['послед|last|latest|крайн', 'покуп|оплат|продаж|заказ|purchase|order|sale|payment'], {
    weight: 2,
    also: DATE_WORDS,
    unless: split('сумм|amount'),
  }),
  r('hist:totalSpent', ['сумм|потрач|выручк|оплачен|spent|revenue|ltv|amount|total|paid|оборот'], {
    also: split('покуп|purchases|всего|общ|итого|lifetime|value|руб|rub|usd|money|оплат|деньг|чек|sales|sum'),
    unless: split('статус|status|абонем'),
  }),
  r('nextAppointmentOn', ['след|next|upcoming|ближайш|планируем|future', `${VISIT}|запис|booking|session|сеанс`], {
    weight: 2,
    also: DATE_WORDS,
    unless: NOT_A_DATE,
  }),
  r('nextAppointmentOn', ['запис|booking|booked|appointment|appt'], {
    weight: -1,
    also: DATE_WORDS,
    unless: NOT_A_DATE,
  }),
  r(
    'nextAppointmentWork',
    [
      'работ|процедур|лечени|план|что|услуг|цель|treatment|procedur|work|plan|purpose|service|манипуляц|todo',
      `след|next|upcoming|${VISIT}|запис`,
    ],
    { weight: 3, also: split('делать|будет|нужно|сделать') },
  ),
  r('nextAppointmentWork', ['план|planned|запланир|планир|plan', 'работ|лечени|процедур|treatment|work|procedur'], {
    weight: 3,
  }),
  r('nextAppointmentWork', ['что', 'план|планир|делать|сделать|будем'], { weight: 2 }),
  r('subscriptionEndsOn', ['абонем|subscription|membership|договор|contract'], {
    also: split('окончан|ends|end|expir|срок|until|valid|действ|конец|expires'),
  }),
  r('stage', ['стади|этап|статус|stage|status|воронк|funnel'], { unless: split('оплат|payment') }),
  r('paymentStatus', ['оплат|payment|paid'], { weight: -1, also: split('статус|status') }),
  r('lostReason', ['причин|reason', 'отказ|lost|churn|ушел|ухода|потер'], { weight: 3 }),
  r('company', ['компан|организац|фирм|company|organization|organisation|employer|работодат|юрлиц|business']),
  r('notes', ['примеч|коммент|заметк|note|comment|remark|особ|аллерг|allerg|предупрежд|warning'], {
    also: split('информац|info|важн|important|отметк'),
  }),
  r('tags', ['метк|тег|tag|label']),
  r('preferredChannel', ['предпочт|удобн|prefer', 'канал|способ|channel|method|связ'], {
    weight: 2,
    unless: split('время|time|час|hours|когда'),
  }),
  r('preferredChannel', ['способ|method', 'связ|contact'], { weight: 1 }),
  r('callHours', ['когда|время|call|best|удобн', 'звон|call|hours|time|связ'], { weight: 1 }),
  r('interests', ['интерес|хобби|увлеч|interests|hobb']),
  r('familyDates', ['семейн|family|годовщин|anniversar'], { also: split('дат|date|событ|events') }),
  r('plannedGesture', ['подар|gift|gesture']),
  r('plannedGesture', ['знак', 'вниман'], { weight: 2 }),
  r('congratulatedOn', ['поздравл|congratulat'], { also: DATE_WORDS }),
  r('emailConsentOn', ['соглас|consent|opt'], {
    also: split('рассыл|mail|email|письм|newsletter|маркетинг|marketing|in|получ'),
    unless: split('out|отпис|unsub'),
  }),
  r('unsubscribedOn', ['отпис|unsubscrib|optout']),
  r('unsubscribedOn', ['opt', 'out'], { weight: 2 }),
  r('createdOn', ['создан|добавлен|created|added|заведен'], { also: [...DATE_WORDS, ...split('карточк|card|record')] }),
  r('extra:text', ['id=|код|code|ид='], { weight: -1 }),
  r('row', ['номер=|пп=|no=|nr=|n=|row|строк'], { weight: -1, also: split('порядк|order|п') }),
  r('date', ['дата|date|когда|when|day|день=|число'], { weight: -3 }),
];

function stemMatches(token: string, stem: string): boolean {
  if (stem.endsWith('=')) return token === stem.slice(0, -1);
  if (stem.length < 3) return token === stem;
  return token.startsWith(stem);
}

const anyStem = (token: string, stems: string[]) => stems.some((s) => stemMatches(token, s));

/** Every rule the tokens satisfy, with its score: ten per slot, plus weight, minus three per unexplained word. */
export function matchRules(tokens: string[]): Array<{ target: string; score: number; unexplained: number }> {
  const words = tokens.filter((t) => !anyStem(t, IGNORED));
  const out: Array<{ target: string; score: number; unexplained: number }> = [];
  // Headers of ignored words only ('Клиент', 'Patient') still reach the rule that names them.
  const pool = words.length ? words : tokens;
  for (const rule of HEADER_RULES) {
    if (rule.unless && pool.some((t) => anyStem(t, rule.unless!))) continue;
    const used = new Set<number>();
    let ok = true;
    for (const slot of rule.slots) {
      const at = pool.findIndex((t, i) => !used.has(i) && anyStem(t, slot));
      if (at < 0) {
        ok = false;
        break;
      }
      used.add(at);
    }
    if (!ok) continue;
    const explaining = [...rule.slots.flat(), ...(rule.also ?? [])];
    const unexplained = pool.filter((t, i) => !used.has(i) && !anyStem(t, explaining)).length;
    out.push({
      target: rule.target,
      score: rule.slots.length * 10 + (rule.weight ?? 0) - 3 * unexplained,
      unexplained,
    });
  }
  return out.sort((a, b) => b.score - a.score);
}

// Advertising channels under their everyday spellings; the key links a spelling to the Settings list item.
const CHANNELS: Record<string, string[]> = {
  yandex: ['яндекс', 'yandex', 'яндекс директ', 'директ', 'yandex direct', 'яндексдирект'],
  instagram: ['instagram', 'инстаграм', 'инстаграмм', 'инста', 'insta', 'ig', 'инст'],
  vk: ['вконтакте', 'вк', 'vk', 'vkontakte', 'в контакте'],
  '2gis': ['2гис', '2gis', 'дубльгис', '2 гис'],
  avito: ['авито', 'avito'],
  site: ['сайт', 'website', 'site', 'web', 'веб сайт', 'вебсайт', 'интернет', 'internet', 'online'],
  referral: [
    'сарафанное радио',
    'сарафан',
    'сарафанка',
    'рекомендация',
    'рекомендации',
    'по рекомендации',
    'рекомендация друзей',
    'рекомендовали',
    'знакомые',
    'от знакомых',
    'друзья',
    'от друзей',
    'referral',
    'word of mouth',
    'friend',
    'friends',
    'recommendation',
    'recommended',
    'referred',
  ],
  walkin: ['вывеска', 'проходил мимо', 'мимо', 'walk in', 'walkin', 'signage', 'street sign'],
  google: ['google', 'гугл', 'google ads', 'adwords', 'google maps'],
  facebook: ['facebook', 'fb', 'фейсбук', 'фб'],
  yelp: ['yelp'],
  telegram: ['telegram', 'телеграм', 'телеграмм', 'тг'],
  whatsapp: ['whatsapp', 'ватсап', 'вотсап'],
  tiktok: ['tiktok', 'тикток', 'tik tok'],
  youtube: ['youtube', 'ютуб'],
  flyer: ['листовка', 'листовки', 'флаер', 'flyer', 'leaflet', 'буклет'],
  radio: ['радио', 'radio'],
  tv: ['тв', 'телевидение', 'tv', 'television'],
  newspaper: ['газета', 'newspaper'],
  partner: ['партнер', 'партнеры', 'partner', 'partners'],
  newsletter: ['рассылка', 'newsletter'],
};
const FILLER = new Set(['реклама', 'рекламы', 'ads', 'ad', 'таргет', 'контекст', 'через', 'из', 'от', 'по', 'the']);

const channelKeyBySpelling = new Map<string, string>();
for (const [key, spellings] of Object.entries(CHANNELS)) for (const s of spellings) channelKeyBySpelling.set(s, key);

function plainWords(text: string): string[] {
  return String(text ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** The channel key of a spelling ('Инстаграм', 'Реклама ВК', 'Яндекс.Директ'), or '' when it names none. */
export function channelKey(text: string): string {
  const words = plainWords(text);
  if (words.length === 0 || words.length > 4) return '';
  const whole = channelKeyBySpelling.get(words.join(' '));
  if (whole) return whole;
  const meaningful = words.filter((w) => !FILLER.has(w));
  const joined = channelKeyBySpelling.get(meaningful.join(' '));
  if (joined) return joined;
  if (meaningful.length > 2) return '';
  for (const w of meaningful) {
    const key = channelKeyBySpelling.get(w);
    if (key) return key;
  }
  return '';
}

/**
 * The Settings channel a text names: the list item with the same spelling or the same channel key
 * ('Инстаграм' → 'Instagram', 'Рекомендация' → 'Сарафанное радио'); '' when the list has no such channel.
 */
export function settingsChannel(text: string, settings: SettingsData): string {
  const wanted = plainWords(text).join(' ');
  if (!wanted) return '';
  const list = settings.lists.channels;
  const same = list.find((c) => plainWords(c).join(' ') === wanted);
  if (same) return same;
  const key = channelKey(text);
  if (!key) return '';
  return list.find((c) => channelKey(c) === key) ?? '';
}

const POSITIVE = new Set(['+', '++', '+++', '✓', '✔', '☑', '✅', 'v', 'x', 'х', '*', '•', '1', 'да', 'д', 'yes', 'y']);
const POSITIVE_WORDS = new Set(['true', 'истина', 'есть', 'был', 'была', 'было']);
const NEGATIVE = new Set(['-', '–', '—', '0', 'нет', 'н', 'no', 'n', 'false', 'ложь', '☐', '✗', '✘']);

/** A checkbox-like mark: true for '+', 'да', '1', ✓, TRUE; false for '-', 'нет', '0', FALSE; undefined otherwise. */
export function markValue(cell: unknown): boolean | undefined {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : undefined;
  const text = String(cell ?? '')
    .trim()
    .toLowerCase();
  if (!text) return undefined;
  if (POSITIVE.has(text) || POSITIVE_WORDS.has(text)) return true;
  if (NEGATIVE.has(text)) return false;
  return undefined;
}
