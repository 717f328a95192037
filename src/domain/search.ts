// Quick client search for the sidebar: by id, phone fragment, email or name words, ranked and fast on 100k cards.
import {
  combine,
  digitsPattern,
  emailFragmentPattern,
  escapeRegex,
  type FindPattern,
  firstWordPrefixPattern,
  phoneDigitsPattern,
  wordPrefixPattern,
} from './findPattern';
import { nameTokens } from './normalize/name';

export type SearchField = 'id' | 'phone' | 'email' | 'name';
export type SearchableClient = { id: string; fullName: string; phone: string; email: string };
export type SearchMatch<T extends SearchableClient = SearchableClient> = {
  client: T;
  score: number;
  field: SearchField;
};

/** Scores by kind of match; a higher score is listed first, equal scores keep the list order. */
export const SEARCH_SCORE = {
  exactId: 100,
  exactContact: 80,
  nameFirstWord: 60,
  nameOtherWord: 40,
  fragment: 20,
} as const;

/** Lower-cased keys computed once per client list, so each keystroke only compares strings. */
export type SearchIndex<T extends SearchableClient = SearchableClient> = {
  clients: readonly T[];
  ids: string[];
  idNumbers: string[];
  phones: string[];
  emails: string[];
  /** Name words in lower case, ё as е, each preceded by a space: ' петрова анна сергеевна'. */
  names: string[];
};

const MIN_PHONE_FRAGMENT = 3;
const DEFAULT_LIMIT = 50;

// Cyrillic letters that look like Latin ones: 'С-000123' typed on a Russian keyboard is the id 'C-000123'.
const LOOKALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
};

function idKey(id: string): string {
  return id
    .trim()
    .toLowerCase()
    .replace(/[авекмнорстух]/g, (ch) => LOOKALIKES[ch]);
}

function idNumber(id: string): string {
  const m = /(\d+)$/.exec(id);
  return m ? m[1].replace(/^0+(?=\d)/, '') : '';
}

/** Precomputes the keys searchIndex compares; rebuild it when the client list changes. */
export function buildSearchIndex<T extends SearchableClient>(clients: readonly T[]): SearchIndex<T> {
  const n = clients.length;
  const index: SearchIndex<T> = {
    clients,
    ids: new Array(n),
    idNumbers: new Array(n),
    phones: new Array(n),
    emails: new Array(n),
    names: new Array(n),
  };
  for (let i = 0; i < n; i++) {
    const c = clients[i];
    const id = idKey(String(c.id ?? ''));
    index.ids[i] = id;
    index.idNumbers[i] = idNumber(id);
    index.phones[i] = String(c.phone ?? '').replace(/\D/g, '');
    index.emails[i] = String(c.email ?? '')
      .trim()
      .toLowerCase();
    const words = nameTokens(String(c.fullName ?? ''));
    index.names[i] = words.length ? ' ' + words.join(' ') : '';
  }
  return index;
}

// The digits a phone query may be stored under: '8 912…' is '+7 912…' in E.164.
function phoneVariants(digits: string): string[] {
  if (digits.length >= 4 && digits.startsWith('8')) return [digits, '7' + digits.slice(1)];
  return [digits];
}

/**
 * Clients matching the query, best first: exact id ('C-000123' or '123') > exact phone or email > name words
 * starting with the query from the first word on > name words elsewhere > phone or email fragments.
 * Name words match by prefix in any order, case- and ё-insensitively ('петр ан' finds 'Петрова Анна Сергеевна');
 * a query of 3+ digits matches phone fragments ignoring formatting and the 8/+7 trunk ('912 345', '89123').
 */
export function searchIndex<T extends SearchableClient>(
  index: SearchIndex<T>,
  query: string,
  opts: { limit?: number } = {},
): Array<SearchMatch<T>> {
  const limit = opts.limit ?? DEFAULT_LIMIT;
  const q = String(query ?? '')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е');
  if (q === '' || limit <= 0) return [];

  const qId = idKey(q);
  const queryIdNumber = /^\d+$/.test(q) ? q.replace(/^0+(?=\d)/, '') : '';
  const isPhoneQuery = /^[\d\s()+\-.]+$/.test(q);
  const digits = isPhoneQuery ? q.replace(/\D/g, '') : '';
  const phones = digits.length >= MIN_PHONE_FRAGMENT ? phoneVariants(digits) : [];
  const emailQuery = !isPhoneQuery && !/\s/.test(q) ? q : '';
  const tokens = isPhoneQuery ? [] : nameTokens(q);
  const needles = tokens.map((t) => ' ' + t);
  const firstNeedle = needles[0] ?? '';
  // A digits word in a mixed query ('петрова 912') may match the phone instead of a name word.
  const tokenPhone = tokens.map((t) => (/^\d+$/.test(t) && t.length >= MIN_PHONE_FRAGMENT ? phoneVariants(t) : []));

  const buckets: Array<Array<SearchMatch<T>>> = [[], [], [], [], []];
  const { clients, ids, idNumbers, names, emails } = index;
  for (let i = 0; i < clients.length; i++) {
    let score = 0;
    let field: SearchField = 'name';
    if (ids[i] === qId || (queryIdNumber !== '' && idNumbers[i] === queryIdNumber)) {
      score = SEARCH_SCORE.exactId;
      field = 'id';
    } else {
      const phone = index.phones[i];
      const email = emails[i];
      if (phones.length && phone !== '') {
        if (phones.some((p) => p === phone)) {
          score = SEARCH_SCORE.exactContact;
          field = 'phone';
        } else if (phones.some((p) => phone.includes(p))) {
          score = SEARCH_SCORE.fragment;
          field = 'phone';
        }
      }
      if (emailQuery !== '' && email !== '' && score < SEARCH_SCORE.exactContact) {
        if (email === emailQuery) {
          score = SEARCH_SCORE.exactContact;
          field = 'email';
        }
      }
      const name = names[i];
      if (needles.length && score < SEARCH_SCORE.nameFirstWord && name !== '') {
        let all = true;
        for (let t = 0; all && t < needles.length; t++) {
          if (!name.includes(needles[t]) && !tokenPhone[t].some((p) => phone.includes(p))) all = false;
        }
        if (all) {
          const nameScore = name.startsWith(firstNeedle) ? SEARCH_SCORE.nameFirstWord : SEARCH_SCORE.nameOtherWord;
          if (nameScore > score) {
            score = nameScore;
            field = 'name';
          }
        }
      }
      if (score === 0 && emailQuery !== '' && email.includes(emailQuery)) {
        score = SEARCH_SCORE.fragment;
        field = 'email';
      }
    }
    if (score === 0) continue;
    const bucket =
      score === SEARCH_SCORE.exactId
        ? 0
        : score === SEARCH_SCORE.exactContact
          ? 1
          : score === SEARCH_SCORE.nameFirstWord
            ? 2
            : score === SEARCH_SCORE.nameOtherWord
              ? 3
              : 4;
    // No bucket can contribute more than limit matches, so each stops growing there.
    if (buckets[bucket].length < limit) buckets[bucket].push({ client: clients[i], score, field });
  }
  const out: Array<SearchMatch<T>> = [];
  for (const bucket of buckets) {
    for (const match of bucket) {
      if (out.length >= limit) return out;
      out.push(match);
    }
  }
  return out;
}

/** One-off search: builds the index and searches it; keep an index with buildSearchIndex for repeated searches. */
export function searchClients<T extends SearchableClient>(
  query: string,
  clients: readonly T[],
  opts: { limit?: number } = {},
): Array<SearchMatch<T>> {
  return searchIndex(buildSearchIndex(clients), query, opts);
}

// The Latin letters of an ID and the Cyrillic letters typed for them.
const ID_LETTER: Record<string, string> = Object.fromEntries(
  Object.entries(LOOKALIKES).map(([cyrillic, latin]) => [latin, `[${latin}${cyrillic}]`]),
);

/**
 * What Sheets' TextFinder must find for searchIndex to consider a client: the exact ID (Cyrillic lookalikes too)
 * or its number, phone digits ignoring formatting and the 8/+7 trunk, the email fragment, and the longest word of
 * the query as the start of a name word (or phone digits, for a digits word). Every client the ranking accepts
 * has a matching cell; the ranking then drops the rest. Null for an empty query.
 */
export function searchFindPattern(query: string): FindPattern | null {
  const q = String(query ?? '')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е');
  if (!q) return null;
  const parts: Parameters<typeof combine>[0] = [];
  const qId = idKey(q);
  if (/^[a-z]{1,3}-?\d+$/.test(qId))
    parts.push({ field: 'id', pattern: `^${[...qId].map((ch) => ID_LETTER[ch] ?? escapeRegex(ch)).join('')}$` });
  // The number of an ID ('123' for C-000123): the digits end the cell, after no other digit or '+' (not a phone).
  if (/^\d+$/.test(q)) parts.push({ field: 'id', pattern: `^[^0-9+]*0*${q.replace(/^0+(?=\d)/, '')}$` });
  const isPhoneQuery = /^[\d\s()+\-.]+$/.test(q);
  const digits = isPhoneQuery ? q.replace(/\D/g, '') : '';
  if (digits.length >= MIN_PHONE_FRAGMENT)
    for (const p of phoneVariants(digits)) parts.push({ field: 'phone', pattern: phoneDigitsPattern(p) });
  if (!isPhoneQuery && !/\s/.test(q)) parts.push({ field: 'email', pattern: emailFragmentPattern(q) });
  const tokens = isPhoneQuery ? [] : nameTokens(q);
  if (tokens.length) {
    // Every word must start a name word; a word of 3+ digits may be in the phone instead. The longest word that
    // can only be in the name is the sharpest filter (unless it is a letter or two, like the C of an ID), else the
    // longest word, in the name or the phone.
    const longest = (list: string[]) => list.reduce((a, b) => (b.length > a.length ? b : a), '');
    const digitWord = (t: string) => /^\d+$/.test(t) && t.length >= MIN_PHONE_FRAGMENT;
    const nameOnly = longest(tokens.filter((t) => !digitWord(t)));
    const word = nameOnly.length >= 3 ? nameOnly : longest(tokens);
    parts.push({ field: 'fullName', pattern: wordPrefixPattern(word) });
    if (digitWord(word))
      for (const p of phoneVariants(word)) parts.push({ field: 'phone', pattern: phoneDigitsPattern(p) });
  }
  return combine(parts);
}

/**
 * The matches that rank first (an exact ID, phone or email; a name whose first word starts with the first word of
 * the query): searched for on their own when a query matched more cells than are read, so they are never missed.
 */
export function searchStrongPattern(query: string): FindPattern | null {
  const q = String(query ?? '')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е');
  if (!q) return null;
  const parts: Parameters<typeof combine>[0] = [];
  const qId = idKey(q);
  if (/^[a-z]{1,3}-?\d+$/.test(qId))
    parts.push({ field: 'id', pattern: `^${[...qId].map((ch) => ID_LETTER[ch] ?? escapeRegex(ch)).join('')}$` });
  if (/^\d+$/.test(q)) parts.push({ field: 'id', pattern: `^[^0-9+]*0*${q.replace(/^0+(?=\d)/, '')}$` });
  const isPhoneQuery = /^[\d\s()+\-.]+$/.test(q);
  const digits = isPhoneQuery ? q.replace(/\D/g, '') : '';
  if (digits.length >= MIN_PHONE_FRAGMENT)
    for (const p of phoneVariants(digits)) parts.push({ field: 'phone', pattern: `^\\D*${digitsPattern(p)}\\D*$` });
  if (!isPhoneQuery && !/\s/.test(q)) parts.push({ field: 'email', pattern: `^\\s*${escapeRegex(q)}\\s*$` });
  const [first] = isPhoneQuery ? [] : nameTokens(q);
  if (first) parts.push({ field: 'fullName', pattern: firstWordPrefixPattern(first) });
  return combine(parts);
}
