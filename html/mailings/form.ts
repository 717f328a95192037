// The "Send to a segment…" form as values: the request it makes, the checks beside its fields, the schedule time
// and the excluded members grouped by reason.

import { isHttpUrl } from '../../src/domain/mailings/links';
import type {
  ExclusionReason,
  MailingExcluded,
  MailingRequest,
  MailingsView,
  TemplateView,
} from '../../src/shared/mailings';
import { type DateStyle, formatDay, parseDay } from '../kit/dates';
import { mt } from './texts';

/** The template select's value for a letter written here. */
export const OWN = '\u0000own';

export type Values = Record<string, string>;

export const EMPTY: Values = {
  segment: '',
  template: '',
  subject: '',
  body: '',
  buttonText: '',
  buttonUrl: '',
  when: 'now',
  day: '',
  hour: '',
};

/** Why a link is refused: not http(s) (javascript:, mailto:, no scheme at all), or no web address after it. */
export function linkProblem(url: string): 'scheme' | 'invalid' | undefined {
  const text = url.trim();
  if (!text) return undefined;
  if (!/^https?:\/\//i.test(text)) return 'scheme';
  // The server's own rule for a letter's links.
  return isHttpUrl(text) ? undefined : 'invalid';
}

/** The request the form stands for, or the errors to show beside its fields (nothing is sent then). */
export function requestOf(
  v: Values,
  style: DateStyle,
  /** The sheet's wall clock, 'yyyy-mm-ddTHH:mm': a time already past cannot be scheduled. */
  now = '',
): { ok: true; request: MailingRequest } | { ok: false; errors: Record<string, string> } {
  const { lang, today } = style;
  const errors: Record<string, string> = {};
  if (!v.segment) errors.segment = mt(lang, 'segmentRequired');
  if (!v.template) errors.template = mt(lang, 'templateRequired');
  let template: MailingRequest['template'] = v.template;
  if (v.template === OWN) {
    const subject = v.subject.trim();
    const body = v.body.trim();
    const text = v.buttonText.trim();
    const url = v.buttonUrl.trim();
    if (!subject) errors.subject = mt(lang, 'subjectRequired');
    if (!body) errors.body = mt(lang, 'bodyRequired');
    const problem = linkProblem(url);
    if (problem === 'scheme') errors.buttonUrl = mt(lang, 'urlScheme');
    else if (problem === 'invalid') errors.buttonUrl = mt(lang, 'urlInvalid');
    else if (text && !url) errors.buttonUrl = mt(lang, 'urlMissing', { text });
    if (url && !text) errors.buttonText = mt(lang, 'buttonTextMissing');
    template = text && url ? { subject, body, button: { text, url } } : { subject, body };
  }
  const request: MailingRequest = { segment: v.segment, template };
  if (v.when === 'schedule') {
    const day = v.day.trim() ? parseDay(v.day, style) : null;
    const at = day?.ok ? scheduleAt(day.value, v.hour) : '';
    const example = formatDay(today, style);
    if (!day) errors.day = mt(lang, 'dayRequired');
    else if (!day.ok || !day.value) errors.day = mt(lang, 'dayInvalid', { example });
    else if (day.value < today) errors.day = mt(lang, 'dayPast', { example });
    if (!/^\d{1,2}$/.test(v.hour)) errors.hour = mt(lang, 'hourRequired');
    else if (at && !errors.day && now && at < now) errors.hour = mt(lang, 'hourPast', { now: now.slice(11, 16) });
    if (at) request.at = at;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, request };
}

/** 'yyyy-mm-dd' and an hour '0'…'23' → 'yyyy-mm-ddTHH:00' in the sheet's zone, or '' when either is missing. */
export function scheduleAt(day: string, hour: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return '';
  const h = Number(hour);
  if (hour === '' || !Number.isInteger(h) || h < 0 || h > 23) return '';
  return `${day}T${String(h).padStart(2, '0')}:00`;
}

/** Members left out, grouped by reason in a fixed order, with the reason as the server words it. */
export function excludedGroups(
  excluded: MailingExcluded[],
): Array<{ reason: ExclusionReason; text: string; members: MailingExcluded[] }> {
  const order: ExclusionReason[] = ['noConsent', 'unsubscribed', 'cap', 'noEmail', 'badEmail', 'alreadySent'];
  const groups = new Map<ExclusionReason, MailingExcluded[]>();
  for (const x of excluded) groups.set(x.reason, [...(groups.get(x.reason) ?? []), x]);
  const rank = (r: ExclusionReason) => (order.includes(r) ? order.indexOf(r) : order.length);
  return [...groups.entries()]
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .map(([reason, members]) => ({ reason, text: members[0].reasonText, members }));
}

/** The template of that name, and whether it has its own variant for the segment. */
export function variantOf(
  view: Pick<MailingsView, 'templates'>,
  template: string,
  segment: string,
): { template: TemplateView; own: boolean } | null {
  const t = view.templates.find((x) => x.name === template);
  if (!t) return null;
  return { template: t, own: Boolean(segment) && t.variants.includes(segment) };
}
