// The team's morning digest as data → subject, HTML and plain text: birthdays, appointments, renewals, next steps
// by person, gestures, what went to clients and what waits, unreadable rows, stale sends, and how full the sheet is.
import type { Lang } from '../../i18n';
import { CLIENT_FIELDS } from '../fields';
import { formatSheetDate } from './dates';
import {
  DAYS,
  DIGEST_TEXT,
  DROP_LABELS,
  digestText,
  LETTERS,
  PROBLEM_LABELS,
  plural,
  RULE_LABELS,
  YEARS,
} from './messages';
import type { DropItem, LetterRef, StalePending } from './plan';
import type { DigestOccasion, Occasion, RowProblem } from './rules';
import { escapeHtml, renderTemplate, type Template, textToHtml } from './templates';

/** Google's limit of cells per spreadsheet (all tabs, empty cells of the grid included). */
export const SHEETS_CELL_LIMIT = 10_000_000;
/** From this share of the limit the digest warns and says what to do. */
export const USAGE_WARN_PERCENT = 70;
/** Lines per list; the rest is counted ("…and 12 more"). */
export const DIGEST_LIST_LIMIT = 50;

export interface DigestInput {
  lang: Lang;
  today: string;
  /** The number format the Clients tab shows dates with. */
  dateFormat: string;
  /** Today's occasions from collectOccasions (the digest lines are used). */
  occasions: readonly Occasion[];
  /** How many days ahead the birthdays list reaches (the setting, for the heading). */
  birthdayDaysAhead: number;
  /** Letters sent to clients today, by any run (dayReport gives sent, waiting, failed and dropped). */
  sent?: readonly LetterRef[];
  /** Letters waiting for the next run (quota). */
  waiting?: number;
  /** Letters that failed and will be retried. */
  failed?: number;
  dropped?: readonly DropItem[];
  /** Client letters not sent for lack of consent, an opt-out or an address. */
  excluded?: number;
  stalePending?: readonly StalePending[];
  problems?: readonly RowProblem[];
  /** The nightly integrity check's findings (vanished or blanked clients, duplicate IDs…), as its own section. */
  integrity?: { title: string; notes: readonly string[] };
  /** Cells of the whole spreadsheet (sum over tabs of rows × columns of the grid). */
  cellsUsed?: number;
  /** The spreadsheet's URL and the Clients tab's gid: each client's name links to the row. */
  spreadsheetUrl?: string;
  clientsGid?: number | string;
  /** The digest template (subject and the opening line). */
  template: Template;
  senderName?: string;
}

export interface Digest {
  subject: string;
  htmlBody: string;
  body: string;
}

interface Line {
  before?: string;
  name: string;
  row?: number;
  after?: string;
}
interface Block {
  heading?: string;
  lines: Line[];
}
interface Section {
  title: string;
  notes: string[];
  blocks: Block[];
  warn?: boolean;
}

/** How full the spreadsheet is: percent of Google's limit and whether to warn. */
export function sheetUsage(cellsUsed: number): { used: number; limit: number; percent: number; warn: boolean } {
  const percent = Math.floor((cellsUsed / SHEETS_CELL_LIMIT) * 1000) / 10;
  return { used: cellsUsed, limit: SHEETS_CELL_LIMIT, percent, warn: percent >= USAGE_WARN_PERCENT };
}

/** The link that opens a client's row: `${url}#gid=${gid}&range=A${row}`. */
export function rowLink(spreadsheetUrl: string, gid: number | string, row: number): string {
  return `${spreadsheetUrl.replace(/#.*$/, '')}#gid=${gid}&range=A${row}`;
}

function number(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US').format(n);
}

/** Builds the digest (see DigestInput); every piece of client text is escaped in the HTML. */
export function buildDigest(input: DigestInput): Digest {
  const { lang, today } = input;
  const date = (d: string) => formatSheetDate(d, input.dateFormat, lang);
  const days = (n: number) => plural(lang, n, DAYS);
  const when = (inDays: number) =>
    inDays === 0
      ? digestText(lang, 'today')
      : inDays === 1
        ? digestText(lang, 'tomorrow')
        : inDays > 0
          ? digestText(lang, 'inDays', { n: inDays, days: days(inDays) })
          : digestText(lang, 'overdue', { n: -inDays, days: days(-inDays) });
  const digestLines = input.occasions.filter((o): o is DigestOccasion => o.audience === 'digest');
  const of = (rule: string) => digestLines.filter((o) => o.rule === rule);
  const age = (o: Occasion) =>
    o.reason.age
      ? lang === 'ru'
        ? `${o.reason.age} ${plural(lang, o.reason.age, YEARS)}`
        : `turns ${o.reason.age}`
      : '';
  const sections: Section[] = [];
  const add = (title: string, blocks: Block[], notes: string[] = [], warn = false) => {
    if (blocks.some((b) => b.lines.length) || notes.length) sections.push({ title, notes, blocks, warn });
  };

  const birthdays = of('birthday').sort((a, b) => a.reason.inDays - b.reason.inDays || a.row - b.row);
  add(DIGEST_TEXT[lang].birthdaysToday, [
    {
      lines: birthdays
        .filter((o) => o.reason.inDays === 0)
        .map((o) => ({ name: o.reason.name, row: o.row, after: age(o) ? `, ${age(o)}` : '' })),
    },
  ]);
  add(digestText(lang, 'birthdaysSoon', { n: input.birthdayDaysAhead, days: days(input.birthdayDaysAhead) }), [
    {
      lines: birthdays
        .filter((o) => o.reason.inDays > 0)
        .map((o) => ({
          before: `${date(o.occasionDate)} (${when(o.reason.inDays)}): `,
          name: o.reason.name,
          row: o.row,
          after: age(o) ? `, ${age(o)}` : '',
        })),
    },
  ]);

  const appointments = of('appointment').sort(
    (a, b) => (a.reason.time ?? '99').localeCompare(b.reason.time ?? '99') || a.row - b.row,
  );
  add(DIGEST_TEXT[lang].appointments, [
    {
      lines: appointments.map((o) => ({
        before: o.reason.time ? `${o.reason.time} ` : '',
        name: o.reason.name,
        row: o.row,
        after: dash(o.reason.work) + (o.reason.responsible ? ` (${o.reason.responsible})` : ''),
      })),
    },
  ]);

  const renewals = of('renewal').sort((a, b) => a.reason.inDays - b.reason.inDays || a.row - b.row);
  add(DIGEST_TEXT[lang].renewals, [
    {
      lines: renewals.map((o) => ({
        before: `${date(o.occasionDate)} (${when(o.reason.inDays)}): `,
        name: o.reason.name,
        row: o.row,
      })),
    },
  ]);

  add(
    DIGEST_TEXT[lang].nextSteps,
    byPerson(of('nextStep'), lang, (o) => ({
      before: `${date(o.occasionDate)}${o.reason.inDays < 0 ? ` (${when(o.reason.inDays)})` : ''}: `,
      name: o.reason.name,
      row: o.row,
      after: dash(o.reason.text),
    })),
  );

  add(
    DIGEST_TEXT[lang].gestures,
    byPerson(of('gesture'), lang, (o) => ({
      before: `${date(o.occasionDate)} (${when(o.reason.inDays)}): `,
      name: o.reason.name,
      row: o.row,
      after: dash(o.reason.text),
    })),
  );

  const sent = [...(input.sent ?? [])].sort(
    (a, b) => ruleIndex(a.rule) - ruleIndex(b.rule) || (a.row ?? 0) - (b.row ?? 0),
  );
  const mailNotes: string[] = [];
  if (sent.length)
    mailNotes.push(digestText(lang, 'sent', { n: sent.length, letters: plural(lang, sent.length, LETTERS) }));
  if (input.waiting) mailNotes.push(digestText(lang, 'waiting', { n: input.waiting }));
  if (input.failed) mailNotes.push(digestText(lang, 'failed', { n: input.failed }));
  if (input.excluded) mailNotes.push(digestText(lang, 'excluded', { n: input.excluded }));
  const dropped = input.dropped ?? [];
  add(
    DIGEST_TEXT[lang].mail,
    [
      {
        lines: sent.map((o) => {
          const late = o.rule === 'birthday' ? -(o.facts?.inDays ?? 0) : 0;
          const lateText = late > 0 ? ` (${digestText(lang, 'late', { n: late, days: days(late) })})` : '';
          return { name: o.facts?.name || o.clientId, row: o.row, after: dash(ruleLabel(o.rule, lang)) + lateText };
        }),
      },
      {
        heading: DIGEST_TEXT[lang].dropped,
        lines: dropped.map((d) => ({
          name: d.facts?.name || d.clientId,
          row: d.row,
          after: `${dash(ruleLabel(d.rule, lang))} ${date(d.occasionDate)}: ${DROP_LABELS[lang][d.reason]}`,
        })),
      },
    ],
    mailNotes,
  );

  add(DIGEST_TEXT[lang].problems, [
    {
      lines: [...(input.problems ?? [])]
        .sort((a, b) => a.row - b.row)
        .map((p) => ({
          before: `${digestText(lang, 'row', { row: p.row })}: `,
          name: p.name || p.clientId || '—',
          row: p.row,
          after: dash(
            digestText(lang, 'problemLine', {
              field: fieldLabel(p.field, lang),
              problem: PROBLEM_LABELS[lang][p.code],
            }) + (p.value ? ` «${p.value}»` : ''),
          ),
        })),
    },
  ]);

  const stale = input.stalePending ?? [];
  add(
    DIGEST_TEXT[lang].stale,
    [
      {
        lines: stale.map((x) => ({
          name: x.facts?.name || x.clientId,
          row: x.row,
          after: dash(
            digestText(lang, 'staleLine', {
              rule: ruleLabel(x.rule, lang),
              date: date(x.occasionDate),
              at: x.updatedAt.replace('T', ' '),
            }),
          ),
        })),
      },
    ],
    stale.length ? [DIGEST_TEXT[lang].staleHint] : [],
  );

  if (input.integrity?.notes.length) add(input.integrity.title, [], [...input.integrity.notes], true);

  if (input.cellsUsed !== undefined) {
    const usage = sheetUsage(input.cellsUsed);
    const notes = [
      digestText(lang, 'usageLine', {
        used: number(usage.used, lang),
        limit: number(usage.limit, lang),
        percent: String(usage.percent).replace('.', lang === 'ru' ? ',' : '.'),
      }),
    ];
    if (usage.warn) notes.push(DIGEST_TEXT[lang].usageWarn);
    add(DIGEST_TEXT[lang].usage, [], notes, usage.warn);
  }

  const intro = renderTemplate(
    input.template,
    {},
    {
      lang,
      dateFormat: input.dateFormat,
      today,
      senderName: input.senderName,
    },
  );
  const nothingUrgent = !sections.some((s) => s.title !== DIGEST_TEXT[lang].usage);
  const link = (row?: number) =>
    row && input.spreadsheetUrl && input.clientsGid !== undefined
      ? rowLink(input.spreadsheetUrl, input.clientsGid, row)
      : '';
  return {
    subject: intro.subject,
    body: renderPlain(intro.body, sections, nothingUrgent, lang),
    htmlBody: renderHtml(intro.body, sections, nothingUrgent, lang, link),
  };
}

const ruleIndex = (rule: string) => ['appointment', 'renewal', 'birthday'].indexOf(rule);

function ruleLabel(rule: string, lang: Lang): string {
  return (RULE_LABELS[lang] as Record<string, string>)[rule] ?? rule;
}

function fieldLabel(key: string, lang: Lang): string {
  return CLIENT_FIELDS.find((f) => f.key === key)?.header[lang] ?? key;
}

/** ' — text', or '' for no text. */
function dash(text: string | undefined): string {
  return text && text.trim() !== '' ? ` — ${text}` : '';
}

function byPerson(items: DigestOccasion[], lang: Lang, line: (o: DigestOccasion) => Line): Block[] {
  const groups = new Map<string, DigestOccasion[]>();
  for (const o of items) {
    const person = o.reason.responsible ?? '';
    groups.set(person, [...(groups.get(person) ?? []), o]);
  }
  const people = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, lang)));
  return people.map((person) => ({
    heading: person || DIGEST_TEXT[lang].noOne,
    lines: groups
      .get(person)!
      .sort((a, b) => a.occasionDate.localeCompare(b.occasionDate) || a.row - b.row)
      .map(line),
  }));
}

function limited(lines: Line[]): { shown: Line[]; more: number } {
  return { shown: lines.slice(0, DIGEST_LIST_LIMIT), more: Math.max(0, lines.length - DIGEST_LIST_LIMIT) };
}

function renderPlain(intro: string, sections: Section[], nothingUrgent: boolean, lang: Lang): string {
  const out: string[] = [intro];
  if (nothingUrgent) out.push(DIGEST_TEXT[lang].nothing);
  for (const s of sections) {
    const part: string[] = [s.title.toUpperCase(), ...s.notes];
    for (const b of s.blocks) {
      if (!b.lines.length) continue;
      if (b.heading) part.push(`${b.heading}:`);
      const { shown, more } = limited(b.lines);
      for (const l of shown) part.push(`• ${l.before ?? ''}${l.name}${l.after ?? ''}`);
      if (more) part.push(digestText(lang, 'more', { n: more }));
    }
    out.push(part.join('\n'));
  }
  return out.join('\n\n');
}

function renderHtml(
  intro: string,
  sections: Section[],
  nothingUrgent: boolean,
  lang: Lang,
  link: (row?: number) => string,
): string {
  const h = escapeHtml;
  const parts: string[] = [textToHtml(intro)];
  if (nothingUrgent) parts.push(`<p>${h(DIGEST_TEXT[lang].nothing)}</p>`);
  for (const s of sections) {
    const color = s.warn ? '#c5221f' : '#202124';
    parts.push(`<h3 style="margin:1.2em 0 0.4em;font-size:16px;color:${color}">${h(s.title)}</h3>`);
    for (const note of s.notes) parts.push(`<p style="margin:0 0 0.5em">${h(note)}</p>`);
    for (const b of s.blocks) {
      if (!b.lines.length) continue;
      if (b.heading) parts.push(`<p style="margin:0.6em 0 0.2em;font-weight:bold">${h(b.heading)}</p>`);
      const { shown, more } = limited(b.lines);
      const items = shown.map((l) => {
        const href = link(l.row);
        const name = href ? `<a href="${h(href)}">${h(l.name)}</a>` : h(l.name);
        return `<li>${h(l.before ?? '')}${name}${h(l.after ?? '')}</li>`;
      });
      if (more) items.push(`<li>${h(digestText(lang, 'more', { n: more }))}</li>`);
      parts.push(`<ul style="margin:0 0 0.5em;padding-left:1.2em">${items.join('')}</ul>`);
    }
  }
  return `<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#202124">${parts.join('')}</div>`;
}
