// People's names: tidy case and spacing, split into last/first/middle, pick the greeting, and build a matching key.
import type { Failure, NameCode } from './result';

export type NameResult = { ok: true; value: string } | Failure<NameCode>;
export type NameScript = 'cyrillic' | 'latin' | 'mixed';
export type NameParts = { last?: string; first?: string; middle?: string; script: NameScript };

const MAX_NAME_LENGTH = 200;

// Legal forms keep their canonical spelling whatever case they were typed in.
const LEGAL_FORMS: Record<string, string> = {
  ооо: 'ООО',
  оао: 'ОАО',
  зао: 'ЗАО',
  пао: 'ПАО',
  ао: 'АО',
  ип: 'ИП',
  нко: 'НКО',
  ано: 'АНО',
  тоо: 'ТОО',
  чп: 'ЧП',
  гуп: 'ГУП',
  муп: 'МУП',
  фгуп: 'ФГУП',
  llc: 'LLC',
  llp: 'LLP',
  plc: 'PLC',
  inc: 'Inc',
  ltd: 'Ltd',
  gmbh: 'GmbH',
  corp: 'Corp',
  co: 'Co',
};
// Words that make a name look like an organisation rather than a person.
const COMPANY_WORDS = new Set([
  ...Object.keys(LEGAL_FORMS),
  'ag',
  'sa',
  'srl',
  'bv',
  'компания',
  'группа',
  'фирма',
  'клиника',
  'салон',
  'магазин',
  'студия',
  'центр',
  'company',
  'clinic',
  'studio',
  'center',
  'centre',
  'group',
  'salon',
  'shop',
]);
// Lower-case particles when they stand inside a name ('Ludwig van Beethoven', 'Мамед Ахмед оглы').
const PARTICLES = new Set([
  'de',
  'da',
  'di',
  'du',
  'del',
  'della',
  'der',
  'den',
  'van',
  'von',
  'la',
  'le',
  'dos',
  'das',
  'ten',
  'ter',
  'bin',
  'ibn',
  'оглы',
  'кызы',
  'улы',
  'уулу',
  'фон',
  'ван',
  'де',
]);
const TURKIC_PATRONYMIC_WORDS = new Set(['оглы', 'кызы', 'улы', 'уулу']);
const PATRONYMIC_SUFFIXES = ['ович', 'евич', 'ёвич', 'ич', 'овна', 'евна', 'ёвна', 'ична', 'инична', 'оглы', 'кызы'];

// Common Russian first names (and everyday short forms): they tell 'Анна Петрова' from 'Петрова Анна'.
const RUSSIAN_FIRST_NAMES = new Set(
  (
    'александр алексей анатолий андрей антон аркадий арсений артём артем артур богдан борис вадим валентин валерий ' +
    'василий виктор виталий владимир владислав вячеслав геннадий георгий глеб григорий даниил данил денис дмитрий ' +
    'евгений егор иван игорь илья кирилл константин лев леонид максим марк матвей михаил никита николай олег павел ' +
    'пётр петр роман руслан семён семен сергей станислав степан тимофей тимур фёдор федор филипп эдуард юрий ярослав ' +
    'ахмед мамед рашид али рустам ильдар ринат айдар марат азат ' +
    'александра алёна алена алина алиса алла анастасия ангелина анна антонина валентина валерия варвара вера ' +
    'вероника виктория галина дарья диана ева евгения екатерина елена елизавета жанна зинаида зоя инна ирина карина ' +
    'кира клавдия кристина ксения лариса лидия лилия любовь людмила маргарита марина мария милана надежда наталья ' +
    'наталия нина оксана олеся ольга полина раиса регина светлана серафима снежана софья софия таисия тамара ' +
    'татьяна ульяна эльвира юлия яна айгуль гульнара лейла динара ' +
    'саша маша лена таня катя наташа настя оля света юля женя дима серёжа сережа миша коля вова петя вася паша ' +
    'володя лёша леша ваня костя ира галя люба надя вика даша соня'
  ).split(' '),
);
const SURNAME_ENDINGS =
  /(?:ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|ской|цкой|ых|их|енко|ко|ук|юк|чук|ян|янц|дзе|швили|ий|ая)$/;

// Controls, zero-width and bidi characters (U+202A–202E, U+2066–2069): a name must look like what it is.
const CONTROL = /[\p{Cc}\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;
const LETTER = /\p{L}/u;

/** Trims, collapses spaces and fixes words typed in CAPS LOCK or all lower case: 'ПЕТРОВА анна' → 'Петрова Анна'. */
export function cleanName(input: unknown): string {
  if (input === null || input === undefined || typeof input === 'object') return '';
  const text = String(input)
    .replace(/[\u00a0\u2007\u202f\t\r\n]/g, ' ')
    .replace(CONTROL, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return '';
  if (isCompanyLike(text)) {
    // An organisation's own spelling ('ООО «АБВ-Центр»') is left alone; only the legal form is made canonical.
    return text
      .split(' ')
      .map((w) => LEGAL_FORMS[w.toLowerCase()] ?? w)
      .join(' ');
  }
  return text
    .split(' ')
    .map((word, index) => fixWordCase(word, index))
    .join(' ');
}

function fixWordCase(word: string, index: number): string {
  const lower = word.toLowerCase();
  const badlyCased = word === lower || word === word.toUpperCase() || /^\p{Ll}\p{Lu}+$/u.test(word);
  if (!badlyCased) return word;
  if (index > 0 && PARTICLES.has(lower)) return lower;
  if (index > 0 && /^(?:ii|iii|iv|vi|vii|viii)$/.test(lower)) return word.toUpperCase();
  // Every part after a hyphen, apostrophe or initial's dot starts with a capital: 'Римский-Корсаков', "O'Brien", 'А.С.'.
  return lower
    .split(/([-'’.])/)
    .map((part) => {
      const mc = /^(mc)(\p{L})(.*)$/u.exec(part);
      if (mc && part.length > 3) return 'Mc' + mc[2].toUpperCase() + mc[3];
      return capitalise(part);
    })
    .join('');
}

function capitalise(part: string): string {
  const chars = Array.from(part);
  const at = chars.findIndex((c) => LETTER.test(c));
  if (at < 0) return part;
  chars[at] = chars[at].toUpperCase();
  return chars.join('');
}

/** The cleaned name, or why it cannot be stored. */
export function normalizeName(input: unknown): NameResult {
  const value = cleanName(input);
  if (value === '') return { ok: false, code: 'name.empty' };
  if (!LETTER.test(value)) return { ok: false, code: 'name.noLetters' };
  if (value.length > MAX_NAME_LENGTH) return { ok: false, code: 'name.tooLong' };
  return { ok: true, value };
}

/** True for an organisation: a legal form (ООО, ИП, LLC, Inc…), a business word or quotation marks. */
export function isCompanyLike(full: string): boolean {
  const text = String(full ?? '');
  if (/[«»"“”„]/.test(text)) return true;
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .some((w) => COMPANY_WORDS.has(w));
}

/** True for a Russian-style patronymic: 'Сергеевна', 'Ильич', 'Ахмедоглы', or the separate word 'оглы'. */
export function isPatronymic(word: string): boolean {
  const w = String(word ?? '').toLowerCase();
  if (TURKIC_PATRONYMIC_WORDS.has(w)) return true;
  return PATRONYMIC_SUFFIXES.some((suffix) => w.length >= suffix.length + 2 && w.endsWith(suffix));
}

function scriptOf(text: string): NameScript {
  const cyrillic = /\p{Script=Cyrillic}/u.test(text);
  const latin = /\p{Script=Latin}/u.test(text);
  return cyrillic && latin ? 'mixed' : latin ? 'latin' : 'cyrillic';
}

function isInitial(word: string): boolean {
  return /^\p{L}\.?$/u.test(word);
}

function isRussianFirstName(word: string): boolean {
  return RUSSIAN_FIRST_NAMES.has(word.toLowerCase());
}

function looksLikeSurname(word: string): boolean {
  return SURNAME_ENDINGS.test(word.toLowerCase());
}

// Words of a cleaned name; glued initials 'А.С.' become 'А.' 'С.', and 'Ахмед оглы' stays one patronymic.
function nameWords(cleaned: string): string[] {
  const words: string[] = [];
  for (const raw of cleaned.split(' ')) {
    if (/^(?:\p{L}\.){2,}$/u.test(raw)) words.push(...(raw.match(/\p{L}\./gu) ?? []));
    else if (raw !== '') words.push(raw);
  }
  const merged: string[] = [];
  for (const w of words) {
    if (TURKIC_PATRONYMIC_WORDS.has(w.toLowerCase()) && merged.length > 0) merged[merged.length - 1] += ' ' + w;
    else merged.push(w);
  }
  return merged;
}

function parts(script: NameScript, last?: string, first?: string, middle?: string): NameParts {
  const result: NameParts = { script };
  if (last) result.last = last;
  if (first) result.first = first;
  if (middle) result.middle = middle;
  return result;
}

/**
 * Splits a person's full name. Cyrillic: 'Фамилия Имя Отчество', 'Имя Отчество Фамилия', 'Имя Фамилия',
 * 'Фамилия Имя' (told apart by patronymic endings, common first names and surname endings). Latin: 'First Last',
 * 'First Middle Last', 'Last, First', particles joining the last name ('Ludwig van Beethoven').
 */
export function splitFullName(full: string): NameParts {
  const cleaned = cleanName(full);
  const script = scriptOf(cleaned);
  if (cleaned === '') return { script };
  const comma = cleaned.indexOf(',');
  if (comma >= 0) {
    const last = cleaned.slice(0, comma).trim();
    const rest = nameWords(
      cleaned
        .slice(comma + 1)
        .replace(/,/g, ' ')
        .trim(),
    );
    return parts(script, last, rest[0], rest.slice(1).join(' '));
  }
  const w = nameWords(cleaned);
  const latinLetters = (cleaned.match(/\p{Script=Latin}/gu) ?? []).length;
  const cyrillicLetters = (cleaned.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  return latinLetters > cyrillicLetters ? splitLatin(w, script) : splitCyrillic(w, script);
}

function splitLatin(w: string[], script: NameScript): NameParts {
  if (w.length === 1) return parts(script, undefined, w[0]);
  if (w.length === 2) return parts(script, w[1], w[0]);
  let lastStart = w.length - 1;
  for (let i = 1; i < w.length - 1; i++) {
    if (PARTICLES.has(w[i].toLowerCase())) {
      lastStart = i;
      break;
    }
  }
  // 'John Smith Jr.' / 'Henry Ford II': the suffix belongs to the last name.
  if (lastStart === w.length - 1 && w.length > 2 && /^(?:jr\.?|sr\.?|ii|iii|iv)$/i.test(w[lastStart])) lastStart -= 1;
  return parts(script, w.slice(lastStart).join(' '), w[0], w.slice(1, lastStart).join(' '));
}

function splitCyrillic(w: string[], script: NameScript): NameParts {
  const n = w.length;
  if (n === 1) {
    return isRussianFirstName(w[0]) || !looksLikeSurname(w[0]) ? parts(script, undefined, w[0]) : parts(script, w[0]);
  }
  if (n === 2) {
    if (isPatronymic(w[1])) return parts(script, undefined, w[0], w[1]);
    if (isInitial(w[0]) && !isInitial(w[1])) return parts(script, w[1], w[0]);
    if (isInitial(w[1])) return parts(script, w[0], w[1]);
    const firstIsName = isRussianFirstName(w[0]);
    const secondIsName = isRussianFirstName(w[1]);
    if (secondIsName && !firstIsName) return parts(script, w[0], w[1]);
    if (!firstIsName && !secondIsName && looksLikeSurname(w[0]) && !looksLikeSurname(w[1])) {
      return parts(script, w[0], w[1]);
    }
    return parts(script, w[1], w[0]);
  }
  const lastIsPatronymic = isPatronymic(w[n - 1]);
  const secondIsPatronymic = isPatronymic(w[1]);
  // 'Роман Аркадьевич Абрамович': a surname may end like a patronymic; a known first name settles the order.
  const givenFirst =
    secondIsPatronymic && (!lastIsPatronymic || (isRussianFirstName(w[0]) && !isRussianFirstName(w[n - 2])));
  if (givenFirst) return parts(script, w.slice(2).join(' '), w[0], w[1]);
  if (lastIsPatronymic) return parts(script, w.slice(0, n - 2).join(' '), w[n - 2], w[n - 1]);
  if (n === 3 && isInitial(w[0]) && isInitial(w[1]) && !isInitial(w[2])) return parts(script, w[2], w[0], w[1]);
  return parts(script, w[0], w[1], w.slice(2).join(' '));
}

/**
 * Whom an email greets: first name and patronymic in Russian ('Петрова Анна Сергеевна' → 'Анна Сергеевна'),
 * the first name otherwise; '' for organisations or bare initials, so the caller falls back to a neutral greeting.
 */
export function salutationName(full: string): string {
  if (isCompanyLike(full)) return '';
  const { first, middle } = splitFullName(full);
  if (!first || isInitial(first)) return '';
  if (middle && isPatronymic(middle.split(' ').pop() ?? '')) return `${first} ${middle}`;
  return first;
}

/** The words of a name in lower case, ё as е, punctuation dropped — the pieces duplicate matching compares. */
export function nameTokens(full: string): string[] {
  let lower = String(full ?? '').toLowerCase();
  if (lower.includes('ё')) lower = lower.replace(/ё/g, 'е');
  // Plain Russian or English names take the fast path; the Unicode-aware split is several times slower.
  const words = SIMPLE_NAME.test(lower) ? lower.split(SIMPLE_SEPARATORS) : lower.split(/[^\p{L}\p{N}]+/u);
  return words.filter((t) => t !== '');
}

const SIMPLE_NAME = /^[a-z0-9\u0430-\u044f .,'-]*$/;
const SIMPLE_SEPARATORS = /[ .,'-]+/;

/** A key equal for the same name typed in any word order or case: 'Петрова Анна' and 'анна ПЕТРОВА' → 'анна петрова'. */
export function nameKey(full: string): string {
  return nameTokens(full).sort().join(' ');
}
