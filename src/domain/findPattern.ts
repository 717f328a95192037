// Regular expressions for Sheets' TextFinder (RE2 syntax, case-insensitive): they select every cell the domain's
// search and duplicate rules could accept (and a few more, which those rules then drop), so Sheets narrows 100,000
// rows to a handful without a cell being read. Only syntax RE2 and JavaScript read alike: no lookaround, no \b.

/** Fields a pattern is meant for, by client field key. */
export type FindField = 'fullName' | 'phone' | 'email' | 'id';

export interface FindPattern {
  /** Columns to search (a cell of any other column that matches is dropped by the rules afterwards). */
  fields: FindField[];
  /** One alternation for all fields; TextFinder applies it to each searched cell. */
  pattern: string;
}

/** A character that ends a name word (names split on anything but letters and digits). */
export const NOT_WORD = '[^0-9a-zа-яё]';
const WORD_START = `(?:^|${NOT_WORD})`;
const WORD_END = `(?:${NOT_WORD}|$)`;

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A literal piece of a lower-case name word: е also matches ё (the rules treat them as one letter). */
function literal(text: string): string {
  return escapeRegex(text).replace(/[её]/g, '[её]');
}

/** Digits in this order with anything but digits between ('912 345-67' for '91234567'). */
export function digitsPattern(digits: string): string {
  return digits.split('').join('\\D*');
}

/**
 * Phone digits in a cell: never right after a letter, so 'Петров1234' in a name does not match '1234' (a phone's
 * digits follow '+', a space, a bracket or another digit).
 */
export function phoneDigitsPattern(digits: string): string {
  return `(?:^|[^a-zа-яё])${digitsPattern(digits)}`;
}

/** A pattern that only matches a cell without '@': names and phones, never an email. */
export function withoutAt(pattern: string): string {
  return `^[^@]*(?:${pattern})[^@]*$`;
}

/** A fragment of an email: the cell must hold an '@' (names and phones never do). */
export function emailFragmentPattern(fragment: string): string {
  const text = escapeRegex(fragment);
  return fragment.includes('@') ? text : `${text}.*@|@.*${text}`;
}

/** A name word starting with this prefix. */
export function wordPrefixPattern(prefix: string): string {
  return withoutAt(`${WORD_START}${literal(prefix)}`);
}

/** A name whose first word starts with this prefix. */
export function firstWordPrefixPattern(prefix: string): string {
  return withoutAt(`^${NOT_WORD}*${literal(prefix)}`);
}

/** Every spelling at most one edit from `word` (insert, delete, replace or swap neighbours), as alternatives. */
export function oneEditAlternatives(word: string): string[] {
  const out = new Set<string>([literal(word)]);
  for (let i = 0; i < word.length; i++) {
    out.add(literal(word.slice(0, i)) + literal(word.slice(i + 1)));
    out.add(`${literal(word.slice(0, i))}.${literal(word.slice(i + 1))}`);
    if (i + 1 < word.length) out.add(literal(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)));
  }
  for (let i = 0; i <= word.length; i++) out.add(`${literal(word.slice(0, i))}.${literal(word.slice(i))}`);
  out.delete('');
  return [...out];
}

/**
 * Spellings of a name word the duplicate rule pairs with it: one edit away when either word has 4+ letters (so a
 * 3-letter word may still gain a letter), else the word itself.
 */
export function nameWordAlternatives(word: string): string[] {
  if (word.length >= 4) return oneEditAlternatives(word);
  if (word.length < 3) return [literal(word)];
  const out = [literal(word)];
  for (let i = 0; i <= word.length; i++) out.push(`${literal(word.slice(0, i))}.${literal(word.slice(i))}`);
  return out;
}

/** A whole name word among `alternatives`. */
export function wholeWordPattern(alternatives: string[]): string {
  return withoutAt(`${WORD_START}(?:${alternatives.join('|')})${WORD_END}`);
}

/** Two whole words in either order: A … B or B … A. */
export function bothWordsPattern(a: string[], b: string[]): string {
  const gap = `(?:${NOT_WORD}|${NOT_WORD}.*${NOT_WORD})`;
  const one = (x: string[], y: string[]) => `${WORD_START}(?:${x.join('|')})${gap}(?:${y.join('|')})${WORD_END}`;
  return withoutAt(`${one(a, b)}|${one(b, a)}`);
}

/** Joins per-field patterns into one (empty parts dropped); null when nothing is searched. */
export function combine(parts: Array<{ field: FindField; pattern: string }>): FindPattern | null {
  const used = parts.filter((p) => p.pattern);
  if (!used.length) return null;
  return {
    fields: [...new Set(used.map((p) => p.field))],
    pattern: used.map((p) => `(?:${p.pattern})`).join('|'),
  };
}
