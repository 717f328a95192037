// Letter templates: {{placeholders}} by field key or header, rendered into a plain and an HTML body with every
// value escaped; missing values fall back so the letter still reads well, and are reported with unknown names.
import type { Lang } from '../../i18n';
import { CLIENT_FIELDS, type FieldDef, headerKey } from '../fields';
import { salutationName } from '../normalize/name';
import { formatSheetDate, formatSheetTime, readDay } from './dates';
import {
  DEFAULT_TEMPLATES,
  GREETING_FALLBACK,
  PLACEHOLDER_NAMES,
  type PlaceholderKey,
  reminderMessage,
  SENDER_FALLBACK,
  TEMPLATE_RULE_LABELS,
} from './messages';
import type { ClientRule } from './settings';

export type TemplateRule = ClientRule | 'digest';
export const TEMPLATE_RULES: readonly TemplateRule[] = ['birthday', 'appointment', 'renewal', 'digest'];

export interface Template {
  subject: string;
  body: string;
}

export interface RenderContext {
  lang: Lang;
  /** The number format the Clients tab shows dates with ('dd.mm.yyyy', 'mm/dd/yyyy', 'd mmmm yyyy'). */
  dateFormat: string;
  /** The format of date-and-time cells; `${dateFormat} hh:mm` when not given. */
  dateTimeFormat?: string;
  /** Today in the sheet's zone: {{Дата}}/{{Date}} and the age when no occasion gives it. */
  today?: string;
  senderName?: string;
  /** Headers as they stand in this sheet, by field key: a renamed column still works as a placeholder. */
  headers?: Readonly<Record<string, string>>;
  /** The occasion the letter is for: its age (a birthday) comes from there. */
  age?: number;
  /** Values of further placeholders by name (the digest's own). */
  extra?: Readonly<Record<string, string>>;
}

export interface Rendered {
  /** One line, at most SUBJECT_MAX characters. */
  subject: string;
  /** Plain text alternative. */
  body: string;
  /** The same text as HTML: every character of templates and client data escaped. */
  htmlBody: string;
  /** Placeholders (canonical keys: field keys or 'name', 'age', 'sender', …) that had no value. */
  missing: string[];
  /** Placeholder names nobody knows (rendered as nothing). */
  unknown: string[];
}

export const SUBJECT_MAX = 250;

type Resolver = { kind: 'field'; field: FieldDef } | { kind: 'special'; key: PlaceholderKey };

const FIELD_BY_KEY = new Map(CLIENT_FIELDS.map((f) => [f.key, f]));
// Specials first (so {{Имя}} is the salutation, not the full-name alias), then keys, headers, aliases.
const BASE_NAMES = (() => {
  const map = new Map<string, Resolver>();
  const put = (name: string, r: Resolver) => {
    const k = headerKey(name);
    if (k && !map.has(k)) map.set(k, r);
  };
  for (const [key, names] of Object.entries(PLACEHOLDER_NAMES) as Array<[PlaceholderKey, readonly string[]]>) {
    put(key, { kind: 'special', key });
    for (const n of names) put(n, { kind: 'special', key });
  }
  for (const f of CLIENT_FIELDS) put(f.key, { kind: 'field', field: f });
  for (const f of CLIENT_FIELDS) for (const h of [f.header.ru, f.header.en]) put(h, { kind: 'field', field: f });
  for (const f of CLIENT_FIELDS) for (const a of f.aliases ?? []) put(a, { kind: 'field', field: f });
  return map;
})();

function resolverFor(name: string, ctx: RenderContext): Resolver | undefined {
  const k = headerKey(name);
  const base = BASE_NAMES.get(k);
  if (base) return base;
  for (const [key, header] of Object.entries(ctx.headers ?? {})) {
    const field = FIELD_BY_KEY.get(key);
    if (field && headerKey(header) === k) return { kind: 'field', field };
  }
  return undefined;
}

/** The caller's extra placeholder a name means, compared as headers are. */
function extraKey(name: string, ctx: Pick<RenderContext, 'extra'>): string | undefined {
  const k = headerKey(name);
  return Object.keys(ctx.extra ?? {}).find((x) => headerKey(x) === k);
}

function plain(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

function formatAmount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 2 }).format(n);
}

/** A field's value as the sheet shows it (dates in its format); '' when empty. */
function fieldValue(field: FieldDef, client: Readonly<Record<string, unknown>>, ctx: RenderContext): string {
  const raw = client[field.key];
  if (field.type === 'date' || field.type === 'datetime') {
    const read = readDay(raw, { today: ctx.today ?? '2000-01-01' });
    if (!read.ok || !read.day) return plain(raw);
    const format = field.type === 'datetime' ? (ctx.dateTimeFormat ?? `${ctx.dateFormat} hh:mm`) : ctx.dateFormat;
    return formatSheetDate(read.day, format, ctx.lang, field.type === 'datetime' ? read.time : '');
  }
  if (field.type === 'amount' && typeof raw === 'number') return formatAmount(raw, ctx.lang);
  return plain(raw);
}

function specialValue(key: PlaceholderKey, client: Readonly<Record<string, unknown>>, ctx: RenderContext): string {
  switch (key) {
    case 'name':
    case 'greeting': {
      const name = salutationName(plain(client.fullName));
      if (key === 'name') return name;
      return name ? reminderMessage(ctx.lang, 'template.greeting', { name }) : '';
    }
    case 'appointmentDate':
    case 'appointmentTime': {
      const read = readDay(client.nextAppointmentOn, { today: ctx.today ?? '2000-01-01' });
      if (!read.ok || !read.day) return '';
      if (key === 'appointmentDate') return formatSheetDate(read.day, ctx.dateFormat, ctx.lang);
      return formatSheetTime(read.time, ctx.dateTimeFormat ?? `${ctx.dateFormat} hh:mm`, ctx.lang);
    }
    case 'age': {
      if (ctx.age !== undefined) return ctx.age > 0 ? String(ctx.age) : '';
      const birth = readDay(client.birthDate, { today: ctx.today ?? '2000-01-01' });
      if (!ctx.today || !birth.ok || !birth.day) return '';
      const years = Number(ctx.today.slice(0, 4)) - Number(birth.day.slice(0, 4));
      const age = ctx.today.slice(5) >= birth.day.slice(5) ? years : years - 1;
      return age > 0 ? String(age) : '';
    }
    case 'sender':
      return plain(ctx.senderName);
    case 'today':
      return ctx.today ? formatSheetDate(ctx.today, ctx.dateFormat, ctx.lang) : '';
  }
}

/** Fallbacks for values a letter cannot do without (a letter is never signed with nothing). */
function specialFallback(key: PlaceholderKey, lang: Lang): string | undefined {
  if (key === 'sender') return SENDER_FALLBACK[lang];
  if (key === 'greeting') return GREETING_FALLBACK[lang];
  return undefined;
}

const PLACEHOLDER = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;
const GREETING_LINE =
  /^(?:здравствуй(?:те)?|добрый (?:день|вечер)|доброе утро|привет(?:ствуем)?|уважаем\p{L}*|дорог\p{L}*|hello|hi|hey|dear|good (?:morning|afternoon|evening))[\s,!.]*$/iu;

interface Piece {
  lit: string;
  /** The value after the literal ('' when missing); undefined after the last literal. */
  value?: string;
  /** True when the value is missing and no fallback stood in for it. */
  empty?: boolean;
}

interface Collector {
  missing: Set<string>;
  unknown: Set<string>;
}

function renderLine(
  line: string,
  client: Readonly<Record<string, unknown>>,
  ctx: RenderContext,
  seen: Collector,
): string | null {
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of line.matchAll(PLACEHOLDER)) {
    const name = m[1];
    const explicit = m[2];
    let value = '';
    const resolver = resolverFor(name, ctx);
    if (resolver) {
      value =
        resolver.kind === 'field' ? fieldValue(resolver.field, client, ctx) : specialValue(resolver.key, client, ctx);
      if (value === '') {
        const key =
          resolver.kind === 'field' ? resolver.field.key : resolver.key === 'greeting' ? 'name' : resolver.key;
        seen.missing.add(key);
        value =
          explicit?.trim() ?? (resolver.kind === 'special' ? (specialFallback(resolver.key, ctx.lang) ?? '') : '');
      }
    } else if (extraKey(name, ctx) !== undefined) {
      const k = extraKey(name, ctx)!;
      value = plain(ctx.extra![k]) || (explicit?.trim() ?? '');
      if (!plain(ctx.extra![k])) seen.missing.add(k);
    } else {
      seen.unknown.add(name);
      value = explicit?.trim() ?? '';
    }
    pieces.push({ lit: line.slice(last, m.index), value, empty: value === '' });
    last = (m.index ?? 0) + m[0].length;
  }
  pieces.push({ lit: line.slice(last) });
  const holders = pieces.filter((p) => p.value !== undefined);
  if (holders.length && holders.every((p) => p.empty)) {
    const words = pieces
      .map((p) => p.lit)
      .join('')
      .trim();
    if (words === '' || /:$/.test(words)) return null;
    if (GREETING_LINE.test(words)) return GREETING_FALLBACK[ctx.lang];
  }
  // Join, tidying the punctuation an empty value leaves behind: "{{Имя}}, с днём…" → "С днём…",
  // "Ждём вас, {{Имя}}!" → "Ждём вас!".
  let out = '';
  let capitalize = false;
  for (let i = 0; i < pieces.length; i++) {
    let lit = pieces[i].lit;
    if (i > 0 && pieces[i - 1].empty) {
      if (out.trim() === '' && /^\s*[,;:—–-]/.test(lit)) {
        lit = lit.replace(/^\s*[,;:—–-]+\s*/, '');
        capitalize = true;
      } else if (/^\s*[!?.,;:)]/.test(lit) || lit.trim() === '') {
        out = out.replace(/[\s,;]+$/, '');
        if (lit.trim() === '') lit = '';
      } else if (/\s$/.test(out) && /^\s/.test(lit)) lit = lit.replace(/^\s+/, '');
    }
    out += lit;
    if (capitalize && out.trim() !== '') {
      out = out.replace(/^(\s*)(\S)/, (_m, s: string, c: string) => s + c.toUpperCase());
      capitalize = false;
    }
    const value = pieces[i].value;
    if (value) out += value;
  }
  return out;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Plain text → HTML paragraphs (blank lines) and line breaks, every character escaped. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p style="margin:0 0 1em">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `<div style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#202124">${paragraphs.join('')}</div>`;
}

/** A template filled with a client's values (see RenderContext and Rendered). */
export function renderTemplate(
  template: Template,
  client: Readonly<Record<string, unknown>>,
  ctx: RenderContext,
): Rendered {
  const seen: Collector = { missing: new Set(), unknown: new Set() };
  const subject = (renderLine(template.subject.replace(/[\r\n]+/g, ' '), client, ctx, seen) ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, SUBJECT_MAX);
  const lines: string[] = [];
  for (const line of template.body.replace(/\r\n?/g, '\n').split('\n')) {
    const rendered = renderLine(line, client, ctx, seen);
    if (rendered !== null) lines.push(rendered.replace(/\s+$/, ''));
  }
  const body = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { subject, body, htmlBody: textToHtml(body), missing: [...seen.missing], unknown: [...seen.unknown] };
}

/** The placeholder names in a template that nobody knows (for the Templates tab's checks). */
export function unknownPlaceholders(template: Template, ctx: Pick<RenderContext, 'headers' | 'extra'>): string[] {
  const out: string[] = [];
  for (const text of [template.subject, template.body]) {
    for (const m of text.matchAll(PLACEHOLDER)) {
      const name = m[1];
      const known = resolverFor(name, ctx as RenderContext) || extraKey(name, ctx) !== undefined;
      if (!known && !out.includes(name)) out.push(name);
    }
  }
  return out;
}

/** The default templates of a language (what the Templates tab is seeded with). */
export function defaultTemplates(lang: Lang): Record<TemplateRule, Template> {
  const d = DEFAULT_TEMPLATES[lang];
  return {
    birthday: { ...d.birthday },
    appointment: { ...d.appointment },
    renewal: { ...d.renewal },
    digest: { ...d.digest },
  };
}

/** The rule a Templates tab label names ('День рождения', 'Birthday', 'birthday'), in either language. */
export function templateRuleFromText(text: unknown): TemplateRule | undefined {
  const k = headerKey(text);
  if (!k) return undefined;
  return TEMPLATE_RULES.find(
    (r) =>
      headerKey(r) === k || headerKey(TEMPLATE_RULE_LABELS.ru[r]) === k || headerKey(TEMPLATE_RULE_LABELS.en[r]) === k,
  );
}

export interface TemplateRow {
  row?: number;
  rule: unknown;
  subject: unknown;
  body: unknown;
}

export interface TemplateProblem {
  row?: number;
  rule?: TemplateRule;
  code: 'template.unknownRule' | 'template.duplicateRule' | 'template.empty' | 'template.unknownPlaceholder';
  value?: string;
  message: string;
}

/**
 * The Templates tab's rows → one template per rule. A rule with no row, an empty subject or body keeps its
 * default; an unknown rule label, a second row for a rule and unknown placeholders are reported (the template
 * is still used: an unknown placeholder renders as nothing).
 */
export function readTemplates(
  rows: readonly TemplateRow[],
  lang: Lang,
  headers?: Readonly<Record<string, string>>,
  /** Rows named otherwise are marketing templates (mailings, holidays): not reported as unknown rules. */
  othersAreMailings = false,
): { templates: Record<TemplateRule, Template>; problems: TemplateProblem[] } {
  const templates = defaultTemplates(lang);
  const problems: TemplateProblem[] = [];
  const taken = new Set<TemplateRule>();
  const problem = (p: Omit<TemplateProblem, 'message'>) =>
    problems.push({ ...p, message: reminderMessage(lang, p.code, { value: p.value ?? '', row: p.row ?? '' }) });
  for (const r of rows) {
    const subject = plain(r.subject);
    const body = plain(r.body);
    const label = plain(r.rule);
    if (!label && !subject && !body) continue;
    const rule = templateRuleFromText(label);
    if (!rule) {
      if (!othersAreMailings) problem({ row: r.row, code: 'template.unknownRule', value: label });
      continue;
    }
    if (taken.has(rule)) {
      problem({ row: r.row, rule, code: 'template.duplicateRule', value: label });
      continue;
    }
    taken.add(rule);
    if (!subject || !body) {
      problem({ row: r.row, rule, code: 'template.empty', value: label });
      continue;
    }
    const template = { subject, body };
    for (const name of unknownPlaceholders(template, { headers })) {
      problem({ row: r.row, rule, code: 'template.unknownPlaceholder', value: name });
    }
    templates[rule] = template;
  }
  return { templates, problems };
}
