// Automatic column mapping: finds the header row, reads each header and each column's values, and proposes a target.
import type { Lang } from '../../i18n';
import { CLIENT_FIELDS, type FieldDef, headerKey } from '../fields';
import {
  type ColumnProfile,
  cellText,
  isBlank,
  localeDateOrder,
  looksLikeName,
  profileColumn,
  samplesOf,
} from './content';
import { importText } from './messages';
import type {
  ColumnMapping,
  ExtraColumn,
  ExtraKind,
  ImportEnv,
  ImportMapping,
  ImportTarget,
  MappingReason,
  SourceCell,
  SourceTable,
} from './types';
import { channelKey, headerTokens, markValue, matchRules, settingsChannel, splitHeader } from './vocabulary';

const FIELD_BY_KEY = new Map(CLIENT_FIELDS.map((f) => [f.key, f]));
const HEADER_SCAN_ROWS = 10;

// ---------------------------------------------------------------------------------------------- the source table

function isHeaderish(cell: SourceCell): boolean {
  if (typeof cell !== 'string') return false;
  const text = cell.trim();
  if (!text || !/\p{L}|^[№#]/u.test(text) || text.includes('@')) return false;
  return (text.match(/\d/g) ?? []).length <= 4 && markValue(text) === undefined;
}

function lastFilled(row: readonly SourceCell[] | undefined): number {
  if (!row) return -1;
  for (let i = row.length - 1; i >= 0; i--) if (!isBlank(row[i])) return i;
  return -1;
}

/** Index of the header row among the first rows: the first with at least two mostly textual cells. */
function findHeaderRow(grid: readonly SourceCell[][]): number {
  const scan = grid.slice(0, HEADER_SCAN_ROWS);
  const filled = scan.map((row) => row.filter((c) => !isBlank(c)).length);
  const widest = Math.max(0, ...filled);
  for (let r = 0; r < scan.length; r++) {
    const headerish = scan[r].filter(isHeaderish).length;
    if (filled[r] >= 2 && filled[r] >= 0.5 * widest && headerish >= Math.max(2, 0.6 * filled[r])) return r;
  }
  // A one-column list: a word on top of its values ('Телефоны' over numbers), not a first name or value.
  if (widest === 1) {
    const r = filled.findIndex((n) => n > 0);
    const top = scan[r]?.find((c) => !isBlank(c));
    const below = scan.slice(r + 1).flatMap((row) => row.filter((c) => !isBlank(c)));
    const namesBelow = below.length > 0 && below.every((c) => looksLikeName(cellText(c)));
    if (r >= 0 && isHeaderish(top) && !(looksLikeName(cellText(top)) && namesBelow)) return r;
  }
  return -1;
}

/**
 * A second header row under merged group cells ('Откуда пришёл' over 'Яндекс | Инстаграм | Сарафан'): every
 * filled cell is a short text standing inside a group (a header followed by blank header cells), at least one
 * of them under a blank one.
 */
function isSubHeader(top: readonly SourceCell[], next: readonly SourceCell[] | undefined, width: number): boolean {
  if (!next) return false;
  const inGroup: boolean[] = new Array(width).fill(false);
  for (let c = 0; c < width; c++) {
    if (isBlank(top[c]) || !isBlank(top[c + 1]) || c + 1 >= width) continue;
    let end = c + 1;
    while (end < width && isBlank(top[end])) end++;
    for (let k = c; k < end; k++) inGroup[k] = true;
  }
  let count = 0;
  let underBlank = false;
  for (let c = 0; c < width; c++) {
    if (isBlank(next[c])) continue;
    if (!inGroup[c] || !isHeaderish(next[c])) return false;
    count++;
    if (isBlank(top[c])) underBlank = true;
  }
  return count >= 2 && underBlank;
}

/**
 * The source tab as a table: the header row found among the first ten rows (or given as a 1-based sheet row; 0
 * means the tab has no header), two-row headers joined as 'Group: Sub', blank rows at the end dropped.
 */
export function readSourceTable(grid: readonly SourceCell[][], opts: { headerRow?: number } = {}): SourceTable {
  let end = grid.length;
  while (end > 0 && lastFilled(grid[end - 1]) < 0) end--;
  const h = opts.headerRow !== undefined ? opts.headerRow - 1 : findHeaderRow(grid.slice(0, end));
  const top = h >= 0 ? grid[h] : [];
  let width = 0;
  for (let r = 0; r < end; r++) width = Math.max(width, lastFilled(grid[r]) + 1);
  const two = h >= 0 && isSubHeader(top, grid[h + 1], width);
  const headers: string[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    const upper = cellText(top[c]);
    if (upper) group = upper;
    const lower = two ? cellText(grid[h + 1][c]) : '';
    if (!two) headers.push(upper);
    else if (lower) headers.push(`${upper || group}: ${lower}`);
    else headers.push(upper || group);
  }
  const first = h + (two ? 2 : 1);
  return {
    headerRow: h + 1,
    headerRows: two ? 2 : 1,
    headers,
    rows: grid.slice(first, end) as SourceCell[][],
    firstDataRow: first + 1,
  };
}

// ----------------------------------------------------------------------------------------------- target codes

// Targets as short codes while mapping: a field key, 'part:last', 'hist:lastVisit', 'extra:phone', 'channel:X',
// 'row' (a "№" column) and 'date' (some date, decided by the values).
type Code = string;

interface Candidate {
  code: Code;
  confidence: number;
  reason: MappingReason;
}

const DATE_FIELDS = new Set(CLIENT_FIELDS.filter((f) => f.type === 'date' || f.type === 'datetime').map((f) => f.key));
const MULTI = new Set(['notes', 'tags', 'interests', 'familyDates']);
// Computed fields are never written from outside: their values become history or stay as extra columns.
const COMPUTED_CODE: Record<string, Code> = {
  totalSpent: 'hist:totalSpent',
  lastContactOn: 'hist:lastContact',
  lastPurchaseOn: 'hist:lastPurchase',
  purchases: 'extra:number',
  loyaltyPoints: 'extra:number',
  frequency: 'extra:text',
  id: 'extra:text',
};

function codeOfField(field: FieldDef): Code {
  return field.computed ? (COMPUTED_CODE[field.key] ?? 'extra:text') : field.key;
}

function codeClass(code: Code): 'date' | 'phone' | 'email' | 'name' | 'money' | 'channel' | 'row' | 'text' {
  if (code === 'date' || code === 'extra:date' || DATE_FIELDS.has(code) || /^hist:last/.test(code)) return 'date';
  if (code === 'phone' || code === 'extra:phone') return 'phone';
  if (code === 'email' || code === 'extra:email') return 'email';
  if (code === 'fullName' || code.startsWith('part:')) return 'name';
  if (code === 'hist:totalSpent' || code === 'extra:number') return 'money';
  if (code.startsWith('channel:')) return 'channel';
  if (code === 'row') return 'row';
  return 'text';
}

/**
 * Whether the values of a column can be what its header says (a 'Телефон' column full of emails cannot). A field's
 * own header or alias, or a column of few values, is believed unless the values are plainly something else.
 */
function compatible(code: Code, p: ColumnProfile, strong: boolean): boolean {
  if (p.values === 0) return true;
  const s = p.share;
  const lenient = strong || p.values < 5;
  const plainlyOther = s.phone + s.email + s.name >= 0.5;
  switch (codeClass(code)) {
    case 'date':
      return (
        s.date + s.serial >= 0.3 ||
        ((code === 'emailConsentOn' || code === 'unsubscribedOn') && s.mark >= 0.5) ||
        (lenient && !plainlyOther)
      );
    case 'phone':
      return s.phone >= 0.3 || !(s.email >= 0.5 || s.date >= 0.5 || s.name >= 0.5);
    case 'email':
      return s.email >= 0.3 || !(s.phone >= 0.5 || s.date >= 0.5 || s.name >= 0.5);
    case 'name':
      return s.phone + s.email + s.date + s.number < 0.6;
    case 'money':
      return s.number + s.money >= 0.6 || (lenient && !plainlyOther && s.date < 0.5);
    case 'channel':
      return s.mark + s.channel >= 0.5 || (p.values < 5 && s.mark > 0);
    case 'row':
      return p.rowNumber;
    default:
      if (code === 'paymentStatus' && s.number + s.money >= 0.6) return false;
      return s.phone < 0.8 && s.email < 0.8 && s.date < 0.8;
  }
}

/** Channel column of a header: 'Источник: Instagram', 'Откуда пришёл (Яндекс)', or a header that is a channel. */
function channelCode(header: string, env: ImportEnv): Candidate | undefined {
  const { base, qualifier } = splitHeader(header);
  const name = (text: string) => settingsChannel(text, env.settings) || text;
  if (qualifier && channelKey(qualifier) && (!base || matchRules(headerTokens(base))[0]?.target === 'source')) {
    return { code: `channel:${name(qualifier)}`, confidence: 0.9, reason: 'words' };
  }
  if (qualifier && base && matchRules(headerTokens(base))[0]?.target === 'source') {
    // 'Источник: Листовки у метро': a channel the dictionary does not know, named by the header.
    return { code: `channel:${name(qualifier)}`, confidence: 0.8, reason: 'words' };
  }
  const whole = base || header;
  if (channelKey(whole) || settingsChannel(whole, env.settings)) {
    return { code: `channel:${name(whole)}`, confidence: 0.85, reason: 'words' };
  }
  return undefined;
}

/** A field whose own header or alias the text is. */
function fieldMatch(text: string): { field: FieldDef; own: boolean } | undefined {
  const key = headerKey(text);
  if (!key) return undefined;
  for (const field of CLIENT_FIELDS) {
    if (headerKey(field.header.ru) === key || headerKey(field.header.en) === key) return { field, own: true };
  }
  for (const field of CLIENT_FIELDS) {
    if (field.aliases?.some((a) => headerKey(a) === key)) return { field, own: false };
  }
  return undefined;
}

/** What a header may mean, best first. */
function headerCandidates(header: string, env: ImportEnv): Candidate[] {
  if (!header.trim()) return [];
  const { base, qualifier } = splitHeader(header);
  const cleaned = qualifier ? `${base} ${qualifier}` : base;
  const out: Candidate[] = [];
  const channel = channelCode(header, env);
  if (channel && channel.confidence >= 0.8 && qualifier) out.push(channel);
  const exact = fieldMatch(cleaned);
  if (exact)
    out.push({
      code: codeOfField(exact.field),
      confidence: exact.own ? 1 : 0.95,
      reason: exact.own ? 'header' : 'alias',
    });
  if (qualifier) {
    const onBase = fieldMatch(base);
    if (onBase) out.push({ code: codeOfField(onBase.field), confidence: 0.9, reason: onBase.own ? 'header' : 'alias' });
  }
  if (channel && !qualifier) out.push(channel);
  for (const m of matchRules(headerTokens(cleaned))) {
    out.push({ code: m.target, confidence: Math.max(0.4, Math.min(0.9, 0.45 + 0.045 * m.score)), reason: 'words' });
  }
  return out;
}

/** What the values alone say, for a column whose header says nothing we know. */
function contentCandidate(p: ColumnProfile): Candidate | undefined {
  const s = p.share;
  const conf = (share: number) => Math.min(0.9, 0.5 + 0.4 * share);
  if (s.email >= 0.6) return { code: 'email', confidence: conf(s.email), reason: 'content' };
  if (s.phone >= 0.6) return { code: 'phone', confidence: conf(s.phone), reason: 'content' };
  if (p.rowNumber) return { code: 'row', confidence: 0.7, reason: 'content' };
  if (s.date >= 0.6) return { code: 'date', confidence: 0.6, reason: 'content' };
  if (s.name >= 0.6) return { code: 'fullName', confidence: conf(s.name) - 0.1, reason: 'content' };
  if (s.channel >= 0.6) return { code: 'source', confidence: conf(s.channel) - 0.1, reason: 'content' };
  if (s.money >= 0.6) return { code: 'hist:totalSpent', confidence: 0.5, reason: 'content' };
  return undefined;
}

/** A column of some dates: birth dates when they are old, next appointments when ahead, else first contacts. */
function resolveDate(p: ColumnProfile): Code {
  if (p.oldDates >= 0.6) return 'birthDate';
  if (p.futureDates >= 0.6) return 'nextAppointmentOn';
  return 'firstContactOn';
}

function extraKindOf(p: ColumnProfile): ExtraKind {
  const s = p.share;
  if (s.phone >= 0.6) return 'phone';
  if (s.email >= 0.6) return 'email';
  if (s.date >= 0.6) return 'date';
  if (s.number + s.money >= 0.8) return 'number';
  return 'text';
}

/** Where a value goes when its field already has a column: a second phone or email keeps its kind. */
function fallbackCode(code: Code, p: ColumnProfile): Code {
  switch (codeClass(code)) {
    case 'phone':
      return 'extra:phone';
    case 'email':
      return 'extra:email';
    case 'date':
      return 'extra:date';
    default:
      return `extra:${extraKindOf(p)}`;
  }
}

function isSingle(code: Code): boolean {
  return !(
    code.startsWith('extra:') ||
    code.startsWith('channel:') ||
    code === 'row' ||
    code === 'skip' ||
    MULTI.has(code)
  );
}

/** The public target of a code (the inverse of targetKey: how a target crosses to the sidebar and back). */
export function targetOf(code: Code): ImportTarget {
  if (code === 'skip') return { kind: 'skip' };
  if (code === 'row') return { kind: 'extra', as: 'number', rowNumber: true };
  const [head, rest] = [code.slice(0, code.indexOf(':')), code.slice(code.indexOf(':') + 1)];
  switch (head) {
    case 'part':
      return { kind: 'namePart', part: rest as 'last' | 'first' | 'middle' };
    case 'hist':
      return { kind: 'history', event: rest as 'lastVisit' };
    case 'extra':
      return { kind: 'extra', as: rest as ExtraKind };
    case 'channel':
      return { kind: 'channel', channel: rest };
    default:
      return { kind: 'field', key: code };
  }
}

/** The code of a public target, for comparing targets ('field:phone' and 'phone' are one). */
export function targetKey(t: ImportTarget): string {
  switch (t.kind) {
    case 'field':
      return t.key;
    case 'namePart':
      return `part:${t.part}`;
    case 'history':
      return `hist:${t.event}`;
    case 'channel':
      return `channel:${t.channel}`;
    case 'extra':
      return t.rowNumber ? 'row' : `extra:${t.as}`;
    default:
      return 'skip';
  }
}

// ------------------------------------------------------------------------------------------------ the proposal

interface Working {
  column: number;
  header: string;
  profile: ColumnProfile;
  candidates: Candidate[];
  chosen?: Candidate;
}

/**
 * Proposes where every column of the source goes, with a confidence, the reason and sample values. Unknown
 * columns become extra columns on Clients under their own header; nothing is left out.
 */
export function proposeMapping(table: SourceTable, env: ImportEnv): ImportMapping {
  const work: Working[] = table.headers.map((header, column) => {
    const profile = profileColumn(table.rows, column, env);
    const fromHeader = headerCandidates(header, env)
      .map((c) => (c.code === 'date' ? { ...c, code: resolveDate(profile) } : c))
      .filter((c) => compatible(c.code, profile, c.confidence >= 0.95));
    const fromContent = contentCandidate(profile);
    const candidates = [...fromHeader];
    if (fromContent) {
      candidates.push(fromContent.code === 'date' ? { ...fromContent, code: resolveDate(profile) } : fromContent);
    }
    return { column, header, profile, candidates };
  });
  const order = [...work].sort(
    (a, b) => (b.candidates[0]?.confidence ?? 0) - (a.candidates[0]?.confidence ?? 0) || a.column - b.column,
  );
  const taken = new Set<Code>();
  for (const w of order) {
    for (const c of w.candidates) {
      if (c.code === 'row' && !w.profile.rowNumber) continue;
      if (isSingle(c.code) && taken.has(c.code)) {
        if (['phone', 'email', 'date'].includes(codeClass(c.code))) {
          w.chosen = { ...c, code: fallbackCode(c.code, w.profile) };
          break;
        }
        continue;
      }
      w.chosen = c;
      break;
    }
    if (!w.chosen) w.chosen = { code: `extra:${extraKindOf(w.profile)}`, confidence: 0, reason: 'unmapped' };
    if (isSingle(w.chosen.code)) taken.add(w.chosen.code);
  }
  adjustNameParts(work);
  const columns: ColumnMapping[] = work.map((w) => {
    const m: ColumnMapping = {
      column: w.column,
      header: w.header,
      target: targetOf(w.chosen!.code),
      confidence: Math.round(w.chosen!.confidence * 100) / 100,
      reason: w.chosen!.reason,
      samples: samplesOf(table.rows, w.column),
    };
    if (codeClass(w.chosen!.code) === 'date' || w.profile.share.date >= 0.3) m.dateOrder = w.profile.dateOrder;
    return m;
  });
  return finishMapping({ headerRow: table.headerRow, headerRows: table.headerRows }, columns, env);
}

/** 'Имя' beside 'Фамилия' is a first name; 'Имя' alone holds whole names. */
function adjustNameParts(work: Working[]): void {
  const codes = () => work.map((w) => w.chosen!.code);
  const hasPart = (p: string) => codes().includes(`part:${p}`);
  const full = work.find((w) => w.chosen!.code === 'fullName');
  if (full && hasPart('last') && !hasPart('first')) {
    const words = headerTokens(splitHeader(full.header).base);
    if (words.length === 1 && (words[0] === 'имя' || words[0] === 'name')) {
      full.chosen = { ...full.chosen!, code: 'part:first' };
    }
  }
  const first = work.find((w) => w.chosen!.code === 'part:first');
  if (first && !hasPart('last') && !hasPart('middle') && !codes().includes('fullName')) {
    first.chosen = { ...first.chosen!, code: 'fullName' };
  }
}

function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const RESERVED_HEADERS = new Set(CLIENT_FIELDS.flatMap((f) => [headerKey(f.header.ru), headerKey(f.header.en)]));

/** Extra headers made unique and distinct from the Clients tab's own headers; warnings for the whole mapping. */
function finishMapping(
  where: { headerRow: number; headerRows: 1 | 2 },
  columns: ColumnMapping[],
  env: ImportEnv,
): ImportMapping {
  const used = new Set<string>();
  const extraColumns: ExtraColumn[] = [];
  for (const m of columns) {
    delete m.extraHeader;
    if (m.target.kind !== 'extra') continue;
    let base = m.header.trim() || importText(env.lang, 'column.unnamed', { letter: columnLetter(m.column) });
    if (RESERVED_HEADERS.has(headerKey(base))) base = importText(env.lang, 'column.imported', { header: base });
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    used.add(name.toLowerCase());
    m.extraHeader = name;
    extraColumns.push({ header: name, as: m.target.as });
  }
  const keys = columns.map((m) => targetKey(m.target));
  const warnings: string[] = [];
  if (!keys.includes('fullName') && !keys.some((k) => k.startsWith('part:'))) {
    warnings.push(importText(env.lang, 'mapping.noName'));
  }
  if (!keys.includes('phone') && !keys.includes('email')) warnings.push(importText(env.lang, 'mapping.noContact'));
  return { ...where, columns, extraColumns, warnings };
}

// ------------------------------------------------------------------------------------------------ user choices

const HISTORY_EVENTS = ['lastVisit', 'lastContact', 'lastPurchase', 'totalSpent'];
const EXTRA_KINDS = ['text', 'phone', 'email', 'date', 'number'];

function validTarget(t: ImportTarget | undefined): boolean {
  if (!t || typeof t !== 'object') return false;
  switch (t.kind) {
    case 'field': {
      const f = FIELD_BY_KEY.get(t.key);
      return !!f && !f.computed;
    }
    case 'namePart':
      return ['last', 'first', 'middle'].includes(t.part);
    case 'channel':
      return typeof t.channel === 'string' && t.channel.trim() !== '';
    case 'history':
      return HISTORY_EVENTS.includes(t.event);
    case 'extra':
      return EXTRA_KINDS.includes(t.as);
    case 'skip':
      return true;
    default:
      return false;
  }
}

/**
 * The mapping with the user's choices from the sidebar. A field chosen for one column leaves the column that had
 * it (which then keeps its values as an extra column). Unknown fields, missing columns, or one field chosen twice
 * are refused with localized errors and change nothing.
 */
export function applyMappingOverrides(
  mapping: ImportMapping,
  overrides: ReadonlyArray<{ column: number; target: ImportTarget }>,
  env: ImportEnv,
): { ok: true; mapping: ImportMapping } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const byColumn = new Map(mapping.columns.map((m) => [m.column, m]));
  const chosen = new Map<string, number>();
  for (const o of overrides) {
    const m = byColumn.get(o.column);
    if (!m) {
      errors.push(importText(env.lang, 'mapping.badColumn', { column: o.column + 1 }));
      continue;
    }
    if (!validTarget(o.target)) {
      const field = (o.target as { key?: string })?.key ?? (o.target as { kind?: string })?.kind ?? '';
      errors.push(importText(env.lang, 'mapping.unknownField', { header: m.header, field: String(field) }));
      continue;
    }
    const key = targetKey(o.target);
    const earlier = chosen.get(key);
    if (isSingle(key) && earlier !== undefined) {
      errors.push(
        importText(env.lang, 'mapping.twice', {
          field: describeTarget(o.target, env.lang),
          a: byColumn.get(earlier)!.header,
          b: m.header,
        }),
      );
    }
    chosen.set(key, o.column);
  }
  if (errors.length) return { ok: false, errors };
  const columns = mapping.columns.map((m) => {
    const o = overrides.find((x) => x.column === m.column);
    if (o) return { ...m, target: o.target, confidence: 1, reason: 'user' as MappingReason };
    const key = targetKey(m.target);
    if (isSingle(key) && chosen.has(key)) {
      const as: ExtraKind =
        key === 'phone' ? 'phone' : key === 'email' ? 'email' : codeClass(key) === 'date' ? 'date' : 'text';
      return {
        ...m,
        target: { kind: 'extra', as } as ImportTarget,
        confidence: 0,
        reason: 'unmapped' as MappingReason,
      };
    }
    return { ...m };
  });
  return { ok: true, mapping: finishMapping(mapping, columns, env) };
}

/** A target as the mapping sidebar names it: the field's header, a name part, a channel, history, extra, skip. */
export function describeTarget(t: ImportTarget, lang: Lang, header = ''): string {
  switch (t.kind) {
    case 'field':
      return FIELD_BY_KEY.get(t.key)?.header[lang] ?? t.key;
    case 'namePart':
      return importText(lang, `target.part.${t.part}`);
    case 'channel':
      return importText(lang, 'target.channel', { channel: t.channel });
    case 'history':
      return importText(lang, `target.hist.${t.event}`);
    case 'extra':
      return importText(lang, 'target.extra', { header });
    default:
      return importText(lang, 'target.skip');
  }
}

/** Every target the sidebar may offer for a column, with its label. */
export function targetChoices(lang: Lang, header: string): Array<{ target: ImportTarget; label: string }> {
  const targets: ImportTarget[] = [
    ...CLIENT_FIELDS.filter((f) => !f.computed).map((f) => ({ kind: 'field', key: f.key }) as ImportTarget),
    ...(['last', 'first', 'middle'] as const).map((part) => ({ kind: 'namePart', part }) as ImportTarget),
    ...(HISTORY_EVENTS as Array<'lastVisit'>).map((event) => ({ kind: 'history', event }) as ImportTarget),
    { kind: 'extra', as: 'text' },
    { kind: 'skip' },
  ];
  return targets.map((target) => ({ target, label: describeTarget(target, lang, header) }));
}

/** The day/month order of a date column, or the locale's when the mapping does not say. */
export function columnDateOrder(m: ColumnMapping, env: ImportEnv): 'dmy' | 'mdy' {
  return m.dateOrder ?? localeDateOrder(env.locale);
}
