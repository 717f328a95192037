// One source row read with the database's own rules: every cell cleaned into its target or kept as it was and reported.
import { CLIENT_FIELDS, type FieldDef } from '../fields';
import { effectiveMilestone } from '../funnel';
import { parseAmount } from '../normalize/amount';
import { parseDateInput } from '../normalize/date';
import { normalizeEmail } from '../normalize/email';
import { normalizeMessage } from '../normalize/messages';
import { cleanName } from '../normalize/name';
import { type CountryCode, normalizePhone, storedPhone } from '../normalize/phone';
import type { NormalizeCode } from '../normalize/result';
import { cleanText } from '../normalize/text';
import { milestoneFromText, type SimpleListKey } from '../settings';
import { cellText, isBlank, localeFor } from './content';
import { columnDateOrder } from './mapping';
import { importText } from './messages';
import type {
  CellValue,
  ColumnMapping,
  ExtraValue,
  HistoryEvent,
  ImportEnv,
  ImportMapping,
  ReportRow,
  SourceCell,
} from './types';
import { markValue, settingsChannel } from './vocabulary';

const FIELD_BY_KEY = new Map(CLIENT_FIELDS.map((f) => [f.key, f]));
// Fields several columns may feed: their values are joined, each after its column's header when that says more.
const JOINED: Record<string, string> = { notes: '\n', tags: ', ', interests: '; ', familyDates: '; ' };
// Choice fields the funnel and mailings count by: a value outside the Settings list is reported.
const STRICT = new Set(['source', 'lostReason', 'preferredChannel', 'paymentStatus']);
const SPLIT_SEVERAL = /[;\n/|]|,|\s(?:или|or|и|and)\s/i;

/** A source row as card values, extra columns and history, with what could not be read. */
export interface RowResult {
  sourceRow: number;
  /** Nothing but a row number or marks: not a client. */
  empty: boolean;
  values: Record<string, CellValue>;
  extra: Record<string, ExtraValue>;
  flagged: string[];
  /** Lines for the card's notes (values with no place of their own: a second email, an unreadable visit date). */
  notes: string[];
  parts: { last?: string; first?: string; middle?: string };
  /** Channels marked in channel columns, in column order. */
  channels: string[];
  history: Partial<Record<Exclude<HistoryEvent, 'totalSpent'>, string>> & { totalSpent?: number };
  problems: ReportRow[];
  listAdditions: Array<[SimpleListKey, string]>;
}

export type Read<T> = { ok: true; value: T; more?: T[] } | { ok: false; code: NormalizeCode | 'date.yearOnly' };

/** A date cell in a column of the given day/month order; with time 'yyyy-mm-ddTHH:mm' when asked and present. */
export function readDate(cell: SourceCell, order: 'dmy' | 'mdy', env: ImportEnv, withTime: boolean): Read<string> {
  if (typeof cell === 'boolean') return { ok: false, code: 'date.invalid' };
  const text = cellText(cell);
  // A bare year is not a date (and 1985 as a serial would be a day of 1905).
  if (/^\d{4}$/.test(text) && Number(text) >= 1900 && Number(text) <= 2100) return { ok: false, code: 'date.yearOnly' };
  const opts = { timeZone: env.timeZone, locale: localeFor(order), today: env.today };
  const r = parseDateInput(typeof cell === 'number' ? cell : text, opts);
  if (!r.ok) return r;
  if (!withTime) return { ok: true, value: r.value };
  let hh = 0;
  let mm = 0;
  if (typeof cell === 'number') {
    const minutes = Math.min(Math.round((cell - Math.floor(cell)) * 1440), 1439);
    hh = Math.floor(minutes / 60);
    mm = minutes % 60;
  } else {
    const time = /[T\s,](\d{1,2}):(\d{2})(?::\d{2})?$/.exec(text);
    if (time) {
      hh = Number(time[1]);
      mm = Number(time[2]);
      if (hh > 23 || mm > 59) return { ok: false, code: 'date.invalid' };
    }
  }
  return { ok: true, value: `${r.value}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}` };
}

/** A phone as the database stores it ('+7 912 345-67-89', ' ext. N'); several numbers in one cell give the first and the rest. */
export function readPhone(cell: SourceCell, env: ImportEnv): Read<string> {
  const region = env.settings.values.phoneRegion as CountryCode;
  const one = (input: unknown): Read<string> => {
    const r = normalizePhone(input, region);
    return r.ok ? { ok: true, value: storedPhone(r) } : r;
  };
  const r = one(typeof cell === 'boolean' ? cellText(cell) : cell);
  if (r.ok || r.code !== 'phone.multiple') return r;
  const pieces = cellText(cell)
    .split(SPLIT_SEVERAL)
    .map((p) => p.trim())
    .filter((p) => /\d/.test(p));
  const read = pieces.map(one);
  if (read.length < 2 || !read.every((x) => x.ok)) return r;
  const values = read.map((x) => (x as { value: string }).value);
  return { ok: true, value: values[0], more: values.slice(1) };
}

/** An email cleaned; several addresses in one cell give the first and the rest. */
export function readEmail(cell: SourceCell): Read<string> {
  const text = cellText(cell);
  const r = normalizeEmail(text);
  if (r.ok || r.code !== 'email.multiple') return r;
  const read = text
    .split(/[\s,;]+/)
    .filter((p) => p.includes('@'))
    .map((p) => normalizeEmail(p));
  if (read.length < 2 || !read.every((x) => x.ok)) return r;
  const values = read.map((x) => (x as { value: string }).value);
  return { ok: true, value: values[0], more: values.slice(1) };
}

interface Reader {
  m: ColumnMapping;
  field?: FieldDef;
  order: 'dmy' | 'mdy';
  /** Joined fields: the header to put before the value ('Аллергия: пенициллин'), or '' for the field's own header. */
  label: string;
}

/** Reads source rows of one mapping; build it once per chunk, call it per row. */
export function createRowReader(
  mapping: ImportMapping,
  env: ImportEnv,
): (cells: SourceCell[], sourceRow: number) => RowResult {
  const readers: Reader[] = mapping.columns
    .filter((m) => m.target.kind !== 'skip')
    .map((m) => {
      const field = m.target.kind === 'field' ? FIELD_BY_KEY.get(m.target.key) : undefined;
      const own = field ? [field.header.ru, field.header.en, ...(field.aliases ?? [])].map((h) => h.toLowerCase()) : [];
      const label = field && JOINED[field.key] && !own.includes(m.header.trim().toLowerCase()) ? m.header.trim() : '';
      return { m, field, order: columnDateOrder(m, env), label };
    });
  return (cells, sourceRow) => readRow(readers, cells, sourceRow, env);
}

function readRow(readers: Reader[], cells: SourceCell[], sourceRow: number, env: ImportEnv): RowResult {
  const out: RowResult = {
    sourceRow,
    empty: true,
    values: {},
    extra: {},
    flagged: [],
    notes: [],
    parts: {},
    channels: [],
    history: {},
    problems: [],
    listAdditions: [],
  };
  const { lang } = env;
  const report = (m: ColumnMapping, cell: SourceCell, code: string, problem: string, level: ReportRow['level']) =>
    out.problems.push({ sourceRow, column: m.header, value: cellText(cell), problem, code, level });
  const unreadable = (m: ColumnMapping, cell: SourceCell, code: string, key: string) => {
    const sentence =
      code === 'date.yearOnly'
        ? importText(lang, 'date.yearOnly', { field: m.header })
        : normalizeMessage(lang, code as NormalizeCode, m.header);
    report(m, cell, code, importText(lang, 'kept', { problem: sentence }), 'warning');
    out.flagged.push(key);
  };
  const several = (m: ColumnMapping, cell: SourceCell, more: string[] | undefined) => {
    if (!more?.length) return;
    out.notes.push(`${m.header}, ${importText(lang, 'notes.more').toLowerCase()}: ${more.join(', ')}`);
    report(m, cell, 'value.multiple', importText(lang, 'value.multiple', { field: m.header }), 'info');
  };

  for (const r of readers) {
    const { m } = r;
    const cell = cells[m.column];
    if (isBlank(cell)) continue;
    const t = m.target;
    if (t.kind === 'extra' && t.rowNumber) {
      out.extra[m.extraHeader!] = rawValue(cell);
      continue;
    }
    if (t.kind === 'channel') {
      const mark = markValue(cell);
      if (mark === false) continue;
      if (mark === true) out.channels.push(t.channel);
      else {
        const named = settingsChannel(cellText(cell), env.settings);
        out.channels.push(named || t.channel);
        if (!named) out.notes.push(`${m.header}: ${cellText(cell)}`);
      }
      continue;
    }
    out.empty = false;
    switch (t.kind) {
      case 'namePart':
        out.parts[t.part] = cleanName(cellText(cell)) || cellText(cell);
        break;
      case 'history': {
        if (t.event === 'totalSpent') {
          const a = parseAmount(typeof cell === 'number' ? cell : cellText(cell));
          if (a.ok && a.value !== null) out.history.totalSpent = (out.history.totalSpent ?? 0) + a.value;
          else historyUnreadable(out, m, cell, env);
          break;
        }
        const d = readDate(cell, r.order, env, false);
        if (!d.ok) historyUnreadable(out, m, cell, env);
        else if (d.value > env.today) {
          out.notes.push(`${m.header}: ${cellText(cell)}`);
          report(m, cell, 'date.future', importText(lang, 'date.future', { field: m.header }), 'warning');
        } else out.history[t.event] = d.value;
        break;
      }
      case 'extra': {
        const key = m.extraHeader!;
        const read =
          t.as === 'phone'
            ? readPhone(cell, env)
            : t.as === 'email'
              ? readEmail(cell)
              : t.as === 'date'
                ? readDate(cell, r.order, env, false)
                : undefined;
        if (!read) out.extra[key] = rawValue(cell);
        else if (read.ok) {
          out.extra[key] = read.value;
          several(m, cell, read.more);
        } else {
          out.extra[key] = rawValue(cell);
          unreadable(m, cell, read.code, key);
        }
        break;
      }
      case 'field':
        readField(out, r, cell, env, { unreadable, several, report });
        break;
    }
  }
  return out;
}

function historyUnreadable(out: RowResult, m: ColumnMapping, cell: SourceCell, env: ImportEnv): void {
  out.notes.push(`${m.header}: ${cellText(cell)}`);
  out.problems.push({
    sourceRow: out.sourceRow,
    column: m.header,
    value: cellText(cell),
    problem: importText(env.lang, 'history.unreadable', { field: m.header }),
    code: 'history.unreadable',
    level: 'warning',
  });
}

/** What an extra column keeps: numbers and checkboxes as they are, text cleaned of control characters. */
function rawValue(cell: SourceCell): ExtraValue {
  if (typeof cell === 'number' || typeof cell === 'boolean') return cell;
  return cleanText(cell);
}

/** A value kept as it was: the cell's own text (numbers stay numbers). */
function asItWas(cell: SourceCell): CellValue {
  return typeof cell === 'number' ? cell : cleanText(cellText(cell));
}

interface Reporters {
  unreadable: (m: ColumnMapping, cell: SourceCell, code: string, key: string) => void;
  several: (m: ColumnMapping, cell: SourceCell, more: string[] | undefined) => void;
  report: (m: ColumnMapping, cell: SourceCell, code: string, problem: string, level: ReportRow['level']) => void;
}

function readField(out: RowResult, r: Reader, cell: SourceCell, env: ImportEnv, rep: Reporters): void {
  const { m } = r;
  const field = r.field!;
  const key = field.key;
  const { lang } = env;
  const set = (value: CellValue) => {
    const joiner = JOINED[key];
    const text = joiner && r.label ? `${r.label}: ${value}` : value;
    const before = out.values[key];
    out.values[key] = joiner && before !== undefined && before !== '' ? `${before}${joiner}${text}` : text;
  };
  switch (field.type) {
    case 'phone':
    case 'email': {
      const read = field.type === 'phone' ? readPhone(cell, env) : readEmail(cell);
      if (read.ok) {
        set(read.value);
        rep.several(m, cell, read.more);
      } else {
        set(asItWas(cell));
        rep.unreadable(m, cell, read.code, key);
      }
      return;
    }
    case 'date':
    case 'datetime': {
      if ((key === 'emailConsentOn' || key === 'unsubscribedOn') && markValue(cell) !== undefined) {
        // 'да' in a consent column: agreed (as of the import); 'нет' leaves the date empty.
        if (markValue(cell)) set(env.today);
        return;
      }
      const read = readDate(cell, r.order, env, field.type === 'datetime');
      if (!read.ok) {
        set(asItWas(cell));
        rep.unreadable(m, cell, read.code, key);
        return;
      }
      set(read.value);
      if (key === 'birthDate' && read.value > env.today) {
        rep.report(m, cell, 'date.birthFuture', importText(lang, 'date.birthFuture', { field: m.header }), 'warning');
      }
      return;
    }
    case 'choice':
      readChoice(out, r, cell, env, set, rep);
      return;
    default: {
      if (key === 'fullName') {
        const name = cleanName(cellText(cell));
        if (name && /\p{L}/u.test(name)) set(name);
        else {
          set(asItWas(cell));
          rep.unreadable(m, cell, 'name.noLetters', key);
        }
        return;
      }
      const text = cleanText(cellText(cell), field.type === 'longtext' ? 50000 : 2000);
      if (text) set(text);
    }
  }
}

function readChoice(
  out: RowResult,
  r: Reader,
  cell: SourceCell,
  env: ImportEnv,
  set: (v: CellValue) => void,
  rep: Reporters,
): void {
  const { m } = r;
  const field = r.field!;
  const { lang, settings } = env;
  const text = cleanText(cellText(cell), 500);
  if (!text) return;
  if (field.key === 'stage') {
    const wanted = text.toLowerCase();
    const stage =
      settings.lists.stages.find((s) => s.label.toLowerCase() === wanted)?.label ??
      settings.lists.stages.find((s) => s.milestone && s.milestone === milestoneFromText(text))?.label;
    if (stage && effectiveMilestone(settings, stage)) set(stage);
    else {
      out.notes.push(`${m.header}: ${text}`);
      rep.report(
        m,
        cell,
        'stage.unknown',
        importText(lang, 'stage.unknown', { field: m.header, value: text }),
        'warning',
      );
    }
    return;
  }
  const list = listOf(field);
  if (!list) {
    set(text);
    return;
  }
  const items = settings.lists[list];
  const match =
    items.find((i) => i.toLowerCase() === text.toLowerCase()) ??
    (list === 'channels' ? settingsChannel(text, settings) : '');
  if (match) {
    set(match);
    return;
  }
  set(text);
  out.listAdditions.push([list, text]);
  if (STRICT.has(field.key)) {
    rep.report(m, cell, 'list.new', importText(lang, 'list.new', { field: m.header, value: text }), 'info');
  }
}

function listOf(field: FieldDef): SimpleListKey | undefined {
  switch (field.list) {
    case 'services':
    case 'channels':
    case 'staff':
    case 'lostReasons':
    case 'preferredChannels':
    case 'paymentStatuses':
      return field.list;
    default:
      return undefined;
  }
}
