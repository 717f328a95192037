// Number formats: how a cell value is displayed (Range.getDisplayValue) for Sheets format patterns in a locale.

import { type LocaleInfo, localeInfo } from './locale';
import { serialParts } from './tz';

/** What getNumberFormat returns for a cell with the automatic format. */
export const AUTOMATIC_FORMAT = '0.###############';

interface Section {
  text: string;
  isDate: boolean;
}

const sectionCache = new Map<string, string[]>();

function splitSections(pattern: string): string[] {
  const hit = sectionCache.get(pattern);
  if (hit) return hit;
  const out = splitSectionsRaw(pattern);
  if (sectionCache.size > 10_000) sectionCache.clear();
  sectionCache.set(pattern, out);
  return out;
}

function splitSectionsRaw(pattern: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && !quoted) {
      cur += ch + (pattern[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '[') bracket = true;
    else if (!quoted && ch === ']') bracket = false;
    if (ch === ';' && !quoted && !bracket) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** Pattern text with quoted literals and bracketed parts removed, for classification. */
function bare(pattern: string): string {
  return pattern
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, (m) => (/^\[(h+|m+|s+)\]$/i.test(m) ? m.slice(1, -1) : ''));
}

const dateFormatCache = new Map<string, boolean>();

export function isDateFormat(pattern: string | undefined): boolean {
  if (!pattern || pattern === '@' || pattern === AUTOMATIC_FORMAT) return false;
  let hit = dateFormatCache.get(pattern);
  if (hit === undefined) {
    hit = isDateFormatRaw(pattern);
    if (dateFormatCache.size > 10_000) dateFormatCache.clear();
    dateFormatCache.set(pattern, hit);
  }
  return hit;
}

function isDateFormatRaw(pattern: string): boolean {
  const b = bare(splitSections(pattern)[0]);
  return /[dymhs]/i.test(b.replace(/am\/pm|a\/p/gi, 'h'));
}

export function isTextFormat(pattern: string | undefined): boolean {
  return pattern === '@';
}

/** Sheets' automatic display of a number. */
export function generalNumber(n: number, info: LocaleInfo): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : n < 0 ? '-∞' : 'NaN';
  let s: string;
  const abs = Math.abs(n);
  if (Number.isInteger(n) && abs < 1e15) s = String(n);
  else if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) {
    const [m, e] = n.toExponential(9).split('e');
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const exp = Number(e);
    s = `${mant}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  } else {
    s = String(Number(n.toPrecision(11)));
    if (s.includes('e')) s = n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
    // Sheets shows at most ten decimals in the automatic format.
    const dot = s.indexOf('.');
    if (dot >= 0 && s.length - dot - 1 > 10) s = String(Number(n.toFixed(10)));
  }
  return info.decimal === '.' ? s : s.replace('.', info.decimal);
}

function groupDigits(int: string, sep: string): string {
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += sep;
    out += int[i];
  }
  return out;
}

/** Literal text of a pattern piece: quotes, escapes and [$sym-lcid] currency markers resolved. */
function literal(piece: string): string {
  let out = '';
  for (let i = 0; i < piece.length; i++) {
    const ch = piece[i];
    if (ch === '"') {
      const end = piece.indexOf('"', i + 1);
      out += piece.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? piece.length : end;
    } else if (ch === '\\') {
      out += piece[i + 1] ?? '';
      i++;
    } else if (ch === '[') {
      const end = piece.indexOf(']', i);
      const inner = piece.slice(i + 1, end < 0 ? undefined : end);
      if (inner.startsWith('$')) out += inner.slice(1).split('-')[0];
      i = end < 0 ? piece.length : end;
    } else if (ch === '_') {
      out += ' ';
      i++;
    } else if (ch === '*') {
      i++;
    } else out += ch;
  }
  return out;
}

function formatNumeric(value: number, section: string, info: LocaleInfo, signHandled: boolean): string {
  // Locate the run of digit placeholders; everything around it is literal text.
  let start = -1;
  let end = -1;
  let quoted = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') quoted = !quoted;
    if (quoted) continue;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') {
      const close = section.indexOf(']', i);
      i = close < 0 ? section.length : close;
      continue;
    }
    if ('0#?'.includes(ch) || ((ch === '.' || ch === ',') && start >= 0)) {
      if (start < 0) start = i;
      end = i;
    }
    if (ch === '.' && start < 0 && /[0#?]/.test(section[i + 1] ?? '')) {
      start = i;
      end = i;
    }
  }
  const percent = (bare(section).match(/%/g) ?? []).length;
  let v = value * 100 ** percent;
  if (start < 0) {
    const text = literal(section);
    return text;
  }
  let core = section.slice(start, end + 1);
  const prefix = literal(section.slice(0, start));
  const suffix = literal(section.slice(end + 1));
  // Trailing commas scale by thousands.
  while (core.endsWith(',')) {
    core = core.slice(0, -1);
    v /= 1000;
  }
  const [intSpec, fracSpec = ''] = core.split('.');
  const grouping = intSpec.includes(',');
  const minInt = (intSpec.match(/0/g) ?? []).length;
  const minFrac = (fracSpec.match(/0/g) ?? []).length;
  const maxFrac = (fracSpec.match(/[0#?]/g) ?? []).length;
  const neg = v < 0;
  let fixed = Math.abs(v).toFixed(maxFrac);
  let [int, frac = ''] = fixed.split('.');
  while (frac.length > minFrac && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (int === '0' && minInt === 0) int = '';
  int = int.padStart(minInt, '0');
  if (grouping) int = groupDigits(int, info.group);
  fixed = frac ? `${int}${info.decimal}${frac}` : core.includes('.') && maxFrac === 0 ? `${int}${info.decimal}` : int;
  const isZero = Number(Math.abs(v).toFixed(maxFrac)) === 0;
  const sign = neg && !signHandled && !isZero ? '-' : '';
  return `${sign}${prefix}${fixed}${suffix}`;
}

type Tok = { t: 'lit'; v: string } | { t: 'code'; v: string };
const tokenCache = new Map<string, Tok[]>();

function dateTokens(section: string): Tok[] {
  let toks = tokenCache.get(section);
  if (!toks) {
    toks = tokenizeDate(section);
    if (tokenCache.size > 10_000) tokenCache.clear();
    tokenCache.set(section, toks);
  }
  return toks;
}

function tokenizeDate(section: string): Tok[] {
  const toks: Tok[] = [];
  for (let i = 0; i < section.length; ) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      toks.push({ t: 'lit', v: section.slice(i + 1, end < 0 ? undefined : end) });
      i = end < 0 ? section.length : end + 1;
      continue;
    }
    if (ch === '\\') {
      toks.push({ t: 'lit', v: section[i + 1] ?? '' });
      i += 2;
      continue;
    }
    if (ch === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end < 0 ? undefined : end);
      if (/^(h+|m+|s+)$/i.test(inner)) toks.push({ t: 'code', v: `[${inner.toLowerCase()}]` });
      else if (inner.startsWith('$')) toks.push({ t: 'lit', v: inner.slice(1).split('-')[0] });
      i = end < 0 ? section.length : end + 1;
      continue;
    }
    const rest = section.slice(i);
    const ampm = /^(am\/pm|a\/p)/i.exec(rest);
    if (ampm) {
      toks.push({ t: 'code', v: ampm[1].toLowerCase() });
      i += ampm[1].length;
      continue;
    }
    const run = /^(y+|m+|d+|h+|s+)/i.exec(rest);
    if (run) {
      toks.push({ t: 'code', v: run[1].toLowerCase() });
      i += run[1].length;
      continue;
    }
    const frac = /^\.(0+)/.exec(rest);
    if (frac && toks.length && toks[toks.length - 1].v.startsWith('s')) {
      toks.push({ t: 'code', v: `.${frac[1]}` });
      i += frac[0].length;
      continue;
    }
    toks.push({ t: 'lit', v: ch });
    i++;
  }
  return toks;
}

function formatDate(serial: number, section: string, info: LocaleInfo): string {
  // Month-vs-minute for each 'm' run is decided by its neighbours, as Sheets does.
  const toks = dateTokens(section);
  const codes = toks.filter((t) => t.t === 'code');
  const twelve = codes.some((t) => t.v === 'am/pm' || t.v === 'a/p');
  const hasDay = codes.some((t) => t.v.startsWith('d'));
  const totalSeconds = Math.round(serial * 86400);
  // Seconds are rounded to the shown precision; carry handled by using rounded wall time.
  const hasFraction = codes.some((t) => t.v.startsWith('.'));
  const rounded = serialParts(hasFraction ? serial : Math.round(serial * 86400) / 86400);
  const hour = rounded.hour;
  let out = '';
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k];
    if (tok.t === 'lit') {
      out += tok.v;
      continue;
    }
    const v = tok.v;
    if (v.startsWith('y')) out += v.length <= 2 ? String(rounded.year % 100).padStart(2, '0') : String(rounded.year);
    else if (v.startsWith('d')) {
      if (v.length === 1) out += String(rounded.day);
      else if (v.length === 2) out += String(rounded.day).padStart(2, '0');
      else if (v.length === 3) out += info.dayShort[rounded.weekday];
      else out += info.dayNames[rounded.weekday];
    } else if (v.startsWith('m')) {
      const prev = codes[codes.indexOf(tok) - 1];
      const next = codes[codes.indexOf(tok) + 1];
      const minute = v.length <= 2 && ((prev && /^h|^\[h/.test(prev.v)) || (next && /^s|^\[s/.test(next.v)));
      if (minute) out += v.length === 2 ? String(rounded.minute).padStart(2, '0') : String(rounded.minute);
      else if (v.length === 1) out += String(rounded.month);
      else if (v.length === 2) out += String(rounded.month).padStart(2, '0');
      else if (v.length === 3) out += info.monthShort[rounded.month - 1];
      else if (v.length === 5) out += info.monthNames[rounded.month - 1][0];
      else out += (hasDay ? info.monthNamesGenitive : info.monthNames)[rounded.month - 1];
    } else if (v.startsWith('h')) {
      const h = twelve ? hour % 12 || 12 : hour;
      out += v.length >= 2 ? String(h).padStart(2, '0') : String(h);
    } else if (v.startsWith('s'))
      out += v.length >= 2 ? String(rounded.second).padStart(2, '0') : String(rounded.second);
    else if (v.startsWith('.'))
      out +=
        info.decimal +
        String(rounded.millisecond)
          .padStart(3, '0')
          .slice(0, v.length - 1);
    else if (v === '[h]' || v === '[hh]') out += String(Math.floor(totalSeconds / 3600));
    else if (v.startsWith('[m')) out += String(Math.floor(totalSeconds / 60));
    else if (v.startsWith('[s')) out += String(totalSeconds);
    else if (v === 'am/pm') out += hour < 12 ? 'AM' : 'PM';
    else if (v === 'a/p') out += hour < 12 ? 'A' : 'P';
  }
  return out;
}

/** Displays a stored value under a pattern (undefined = automatic). `kind` says how automatic shows numbers. */
export function formatValue(
  value: unknown,
  pattern: string | undefined,
  locale: string,
  kind: 'number' | 'date' | 'datetime' | 'time' = 'number',
): string {
  const info = localeInfo(locale);
  if (value === '' || value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') {
    const sections = pattern ? splitSections(pattern) : [];
    if (sections.length >= 4) return literal(sections[3].replace('@', '\u0000')).replace('\u0000', value);
    return value;
  }
  if (typeof value !== 'number') return String(value);
  if (!pattern || pattern === AUTOMATIC_FORMAT || pattern.toLowerCase() === 'general' || pattern === '@') {
    if (kind === 'date') return formatDate(value, info.dateFormat, info);
    if (kind === 'datetime') return formatDate(value, info.dateTimeFormat, info);
    if (kind === 'time') return formatDate(value, info.timeFormat, info);
    return generalNumber(value, info);
  }
  const sections = splitSections(pattern);
  let section = sections[0];
  let signHandled = false;
  if (value < 0 && sections.length >= 2 && sections[1] !== '') {
    section = sections[1];
    signHandled = true;
  } else if (value === 0 && sections.length >= 3) section = sections[2];
  const s: Section = { text: section, isDate: isDateFormat(section) };
  if (s.isDate) return formatDate(value, s.text, info);
  if (signHandled) return formatNumeric(Math.abs(value), s.text, info, true);
  return formatNumeric(value, s.text, info, false);
}
