// Finds clients that are probably the same person as a new or edited card: same phone, same email, or a very similar name.
import {
  bothWordsPattern,
  combine,
  escapeRegex,
  type FindPattern,
  nameWordAlternatives,
  phoneDigitsPattern,
  wholeWordPattern,
} from './findPattern';
import { isPatronymic, nameTokens } from './normalize/name';

export type DuplicateReason = 'phone' | 'email' | 'name';
export type DuplicateCandidate = { fullName?: string; phone?: string; email?: string };
export type DuplicateClient = { id: string; fullName: string; phone: string; email: string };
export type DuplicateMatch<T extends DuplicateClient = DuplicateClient> = T & { reasons: DuplicateReason[] };

// Fewer digits than this is a fragment, not a number two cards could share by accident.
const MIN_PHONE_DIGITS = 7;
// Words shorter than this must match exactly: 'Ян' vs 'Ян' yes, 'Ян' vs 'Ия' no.
const MIN_FUZZY_LENGTH = 4;

/** True when a and b differ by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

// 'Петров'/'Петрова', 'Александр'/'Александра', 'Евгений'/'Евгения': one edit apart, yet often husband and wife.
function genderPair(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length === short.length + 1) return long.startsWith(short) && /[ая]$/.test(long);
  if (long.length !== short.length || a.slice(0, -1) !== b.slice(0, -1)) return false;
  const ends = [a.slice(-1), b.slice(-1)];
  return ends.includes('й') && ends.includes('я');
}

function tokensMatch(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.max(a.length, b.length) < MIN_FUZZY_LENGTH) return false;
  return withinOneEdit(a, b) && !genderPair(a, b);
}

// Can every word of `few` be paired with its own word of `many`? Names have a handful of words: backtracking is cheap.
function pairAll(few: string[], many: string[], used: boolean[], at: number): boolean {
  if (at === few.length) return true;
  for (let j = 0; j < many.length; j++) {
    if (used[j] || !tokensMatch(few[at], many[j])) continue;
    used[j] = true;
    if (pairAll(few, many, used, at + 1)) return true;
    used[j] = false;
  }
  return false;
}

/**
 * Same person by name: the same words in any order, each allowed one typo when 4+ letters long
 * ('Петрова Анна' ≈ 'Анна Петрова' ≈ 'Петрова Ана'); one card may add a patronymic the other lacks.
 * Never on a single word: two 'Анна' are not a duplicate.
 */
export function namesLookAlike(a: string[], b: string[]): boolean {
  const [few, many] = a.length <= b.length ? [a, b] : [b, a];
  if (few.length < 2 || many.length - few.length > 1) return false;
  const used = many.map(() => false);
  if (!pairAll(few, many, used, 0)) return false;
  return many.every((word, j) => used[j] || isPatronymic(word));
}

function phoneKey(phone: string | undefined): string {
  const digits = String(phone ?? '').replace(/\D/g, '');
  return digits.length >= MIN_PHONE_DIGITS ? digits : '';
}

function emailKey(email: string | undefined): string {
  return String(email ?? '')
    .trim()
    .toLowerCase();
}

/**
 * Pieces of which a similar name must contain at least one: the candidate's longest word that must be paired
 * (not a patronymic, which the other card may lack), split around its middle letter so that one typo (even a
 * swap of neighbours) leaves one piece whole. Checked on the raw name before the costlier word-by-word match.
 */
function nameProbes(words: string[]): string[] {
  const paired = words.filter((w) => !isPatronymic(w));
  if (paired.length === 0) return [];
  const longest = paired.reduce((a, b) => (b.length > a.length ? b : a));
  // A 3-letter word may still be one letter short of a 4-letter one ('Ана' for 'Анна').
  if (longest.length < MIN_FUZZY_LENGTH - 1) return [longest];
  const middle = Math.floor(longest.length / 2);
  return [longest.slice(0, middle), longest.slice(middle + 1)];
}

function mayContain(fullName: string, probes: string[]): boolean {
  if (probes.length === 0) return true;
  let lower = fullName.toLowerCase();
  if (lower.includes('ё')) lower = lower.replace(/ё/g, 'е');
  return probes.some((p) => lower.includes(p));
}

/**
 * Clients that look like the candidate, best first: phone or email matches before name-only ones, more reasons
 * before fewer, the same name before a similar one, then in list order. Phones compare as stored E.164 digits, emails case-insensitively.
 */
export function findDuplicates<T extends DuplicateClient>(
  candidate: DuplicateCandidate,
  clients: readonly T[],
  opts: { excludeId?: string; limit?: number } = {},
): Array<DuplicateMatch<T>> {
  const phone = phoneKey(candidate.phone);
  const email = emailKey(candidate.email);
  const words = nameTokens(candidate.fullName ?? '');
  const wordsSorted = words.slice().sort().join(' ');
  const canMatchName = words.length >= 2;
  const mustAppear = nameProbes(words);
  const matches: Array<{ match: DuplicateMatch<T>; rank: number; index: number }> = [];

  clients.forEach((client, index) => {
    if (opts.excludeId !== undefined && client.id === opts.excludeId) return;
    const reasons: DuplicateReason[] = [];
    if (phone && phoneKey(client.phone) === phone) reasons.push('phone');
    if (email && emailKey(client.email) === email) reasons.push('email');
    let sameName = false;
    if (canMatchName && client.fullName && mayContain(client.fullName, mustAppear)) {
      const other = nameTokens(client.fullName);
      sameName = other.length >= 2 && other.slice().sort().join(' ') === wordsSorted;
      if (sameName || (other.length >= 2 && namesLookAlike(words, other))) reasons.push('name');
    }
    if (reasons.length === 0) return;
    // Contact matches outrank name-only ones, then more reasons, then an exact name over a similar one.
    const rank = (reasons[0] !== 'name' ? 100 : 0) + reasons.length * 10 + (sameName ? 1 : 0);
    matches.push({ match: { ...client, reasons }, rank, index });
  });

  matches.sort((x, y) => y.rank - x.rank || x.index - y.index);
  const limit = opts.limit ?? 10;
  return matches.slice(0, limit).map((m) => m.match);
}

// A phone key's last digits: the national number, the same whichever trunk or country code the cell was typed with.
const NATIONAL_DIGITS = 10;

/**
 * What Sheets' TextFinder must find for findDuplicates to consider a client: the phone's national digits ignoring
 * formatting, the exact email, and the two longest words of the name that must be paired (patronymics may be
 * missing on the other card), each within one typo, in either order. Null when the candidate has nothing to match.
 */
export function duplicateFindPattern(candidate: DuplicateCandidate): FindPattern | null {
  const parts: Parameters<typeof combine>[0] = [];
  // The number before any extension ('… доб. 12', '… ext. 12'), as phone match keys compare it.
  const phone = phoneKey(String(candidate.phone ?? '').split(/ext|доб|#|x/i)[0]);
  if (phone) parts.push({ field: 'phone', pattern: phoneDigitsPattern(phone.slice(-NATIONAL_DIGITS)) });
  const email = emailKey(candidate.email);
  if (email) parts.push({ field: 'email', pattern: `^\\s*${escapeRegex(email)}\\s*$` });
  const words = nameTokens(candidate.fullName ?? '');
  if (words.length >= 2) {
    // Words that are not patronymics are paired on any look-alike card; with none, any one word may be.
    const paired = words.filter((w) => !isPatronymic(w)).sort((a, b) => b.length - a.length);
    const [a, b] = paired.map(nameWordAlternatives);
    const pattern = b
      ? bothWordsPattern(a, b)
      : a
        ? wholeWordPattern(a)
        : wholeWordPattern(words.flatMap(nameWordAlternatives));
    parts.push({ field: 'fullName', pattern });
  }
  return combine(parts);
}
