// Marketing templates: rows of the Templates tab named by people (not a morning-run rule), each maybe with a
// per-segment variant and a call-to-action button; rendered into a plain and an HTML body with every value escaped,
// the button, and the unsubscribe footer every marketing letter carries.
import type { Lang } from '../../i18n';
import { headerKey } from '../fields';
import { type RenderContext, renderTemplate, templateRuleFromText } from '../reminders';
import { escapeHtml, textToHtml } from '../reminders/templates';
import { isHttpUrl } from './links';
import { mailText } from './messages';

export { isHttpUrl };

export interface Button {
  text: string;
  url: string;
}

export interface MailingTemplate {
  name: string;
  /** The segment whose members get this variant ('' for the plain one). */
  segment: string;
  subject: string;
  body: string;
  button?: Button;
  row?: number;
}

export interface MailingTemplateRow {
  row?: number;
  rule: unknown;
  segment?: unknown;
  subject: unknown;
  body: unknown;
  buttonText?: unknown;
  buttonUrl?: unknown;
}

export interface MailingTemplateProblem {
  row?: number;
  name: string;
  message: string;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** A button as given: both parts or neither; the URL must be http(s). The error is in the sheet's language. */
export function readButton(
  textValue: unknown,
  urlValue: unknown,
  lang: Lang,
): { ok: true; button?: Button } | { ok: false; error: string } {
  const t = text(textValue);
  const url = text(urlValue);
  if (!t && !url) return { ok: true };
  if (!url) return { ok: false, error: mailText(lang, 'button.noUrl', { text: t }) };
  if (!isHttpUrl(url)) return { ok: false, error: mailText(lang, 'button.badUrl', { url }) };
  return { ok: true, button: { text: t || mailText(lang, 'button.default'), url } };
}

/** Default holiday greetings (the Holidays tab's rows name them; a Templates tab row of the same name wins). */
export function defaultMailingTemplates(lang: Lang): MailingTemplate[] {
  const ru = lang === 'ru';
  const sign = ru ? '{{Отправитель}}' : '{{Sender}}';
  const greet = (name: string, subject: string, lines: string[]): MailingTemplate => ({
    name,
    segment: '',
    subject,
    body: [ru ? 'Здравствуйте, {{Имя}}!' : 'Dear {{First name}},', '', ...lines, '', sign].join('\n'),
  });
  if (!ru)
    return [
      greet('New Year', 'Happy New Year, {{First name}}!', [
        'Thank you for being with us this year. We wish you a happy, healthy and bright New Year!',
      ]),
    ];
  return [
    greet('Новый год', '{{Имя}}, с Новым годом!', [
      'Спасибо, что были с нами в этом году. Пусть новый год будет здоровым, спокойным и щедрым на радости!',
    ]),
    greet('23 февраля', '{{Имя}}, с 23 Февраля!', [
      'Поздравляем вас с Днём защитника Отечества! Желаем сил, здоровья и уверенности во всём, что вы делаете.',
    ]),
    greet('8 марта', '{{Имя}}, с 8 Марта!', [
      'Поздравляем вас с Международным женским днём! Пусть весна принесёт тепло, вдохновение и хорошее настроение.',
    ]),
  ];
}

/**
 * Templates tab rows that are not morning-run rules → marketing templates, in tab order, after the default holiday
 * greetings of the sheet's language that no row replaces. A row with a bad button is left out and reported.
 */
export function readMailingTemplates(
  rows: readonly MailingTemplateRow[],
  lang: Lang,
): { templates: MailingTemplate[]; problems: MailingTemplateProblem[] } {
  const templates: MailingTemplate[] = [];
  const problems: MailingTemplateProblem[] = [];
  for (const r of rows) {
    const name = text(r.rule);
    if (!name || templateRuleFromText(name)) continue;
    const subject = text(r.subject);
    const body = text(r.body);
    if (!subject || !body) {
      problems.push({ row: r.row, name, message: mailText(lang, 'template.empty', { name, row: r.row ?? '' }) });
      continue;
    }
    const button = readButton(r.buttonText, r.buttonUrl, lang);
    if (!button.ok) {
      problems.push({
        row: r.row,
        name,
        message: `${mailText(lang, 'template.row', { row: r.row ?? '' })} ${button.error}`,
      });
      continue;
    }
    templates.push({
      name,
      segment: text(r.segment),
      subject,
      body,
      ...(button.button ? { button: button.button } : {}),
      ...(r.row ? { row: r.row } : {}),
    });
  }
  const named = new Set(templates.map((t) => headerKey(t.name)));
  const defaults = defaultMailingTemplates(lang).filter((t) => !named.has(headerKey(t.name)));
  return { templates: [...defaults, ...templates], problems };
}

/** The rows of one template by name (ignoring case and spacing): its plain version and its variants. */
export function variantsOf(templates: readonly MailingTemplate[], name: string): MailingTemplate[] {
  const k = headerKey(name);
  return templates.filter((t) => headerKey(t.name) === k);
}

/** Template names in tab order, each once. */
export function templateNames(templates: readonly MailingTemplate[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of templates) {
    if (seen.has(headerKey(t.name))) continue;
    seen.add(headerKey(t.name));
    out.push(t.name);
  }
  return out;
}

/**
 * The variant a client gets: the first whose segment the client is in (`inSegment` by the segment's name), else the
 * plain one, else the one for the mailing's own segment, else the first row.
 */
export function chooseVariant(
  variants: readonly MailingTemplate[],
  inSegment: (segment: string) => boolean,
  mailingSegment = '',
): MailingTemplate | undefined {
  const own = variants.find((v) => v.segment && inSegment(v.segment));
  if (own) return own;
  const plain = variants.find((v) => !v.segment);
  if (plain) return plain;
  return variants.find((v) => headerKey(v.segment) === headerKey(mailingSegment)) ?? variants[0];
}

export interface MarketingLetter {
  subject: string;
  body: string;
  htmlBody: string;
  missing: string[];
}

/** A button as HTML: a link styled as a button, its text and URL escaped. */
function buttonHtml(b: Button): string {
  return (
    `<p style="margin:1.5em 0"><a href="${escapeHtml(b.url)}" style="background:#1a73e8;color:#ffffff;` +
    `padding:10px 22px;border-radius:4px;text-decoration:none;font-weight:bold;display:inline-block">` +
    `${escapeHtml(b.text)}</a></p>`
  );
}

/** The footer: why the client gets this letter and the one-click unsubscribe link. */
function footer(lang: Lang, link: string): { text: string; html: string } {
  const why = mailText(lang, 'footer.why');
  if (!link) return { text: `\n\n—\n${why} ${mailText(lang, 'footer.replyToStop')}`, html: '' };
  const label = mailText(lang, 'footer.unsubscribe');
  return {
    text: `\n\n—\n${why}\n${label}: ${link}`,
    html:
      `<p style="margin:2em 0 0;font-size:12px;color:#5f6368">${escapeHtml(why)} ` +
      `<a href="${escapeHtml(link)}" style="color:#5f6368">${escapeHtml(label)}</a></p>`,
  };
}

/**
 * A marketing letter for a client: subject and body with the client's values (escaped in the HTML), the button,
 * and the footer with the unsubscribe link (`link` '' while the web app is not deployed: the footer says to reply).
 */
export function renderMarketing(
  template: Pick<MailingTemplate, 'subject' | 'body' | 'button'>,
  client: Readonly<Record<string, unknown>>,
  ctx: RenderContext,
  link: string,
): MarketingLetter {
  const r = renderTemplate({ subject: template.subject, body: template.body }, client, ctx);
  const foot = footer(ctx.lang, link);
  const buttonText = template.button ? `\n\n${template.button.text}: ${template.button.url}` : '';
  const html = textToHtml(r.body);
  const extra =
    (template.button ? buttonHtml(template.button) : '') +
    (foot.html ||
      `<p style="margin:2em 0 0;font-size:12px;color:#5f6368">${escapeHtml(foot.text.replace(/^\s*—\s*/, ''))}</p>`);
  return {
    subject: r.subject,
    body: `${r.body}${buttonText}${foot.text}`,
    htmlBody: html.replace(/<\/div>$/, `${extra}</div>`),
    missing: r.missing,
  };
}
