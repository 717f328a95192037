// What every mailing use case reads: the clients (one bulk read), the segments and their members, the marketing
// templates, the caps and the sending window from Settings, and how letters are rendered and signed.

import {
  ALL_WITH_CONSENT,
  type Caps,
  DEFAULT_CAPS,
  DEFAULT_WINDOW,
  isAllSegment,
  type MailingTemplate,
  mailText,
  makeToken,
  parseWeekdays,
  readMailingTemplates,
  type SendWindow,
  unsubscribeLink,
} from '../domain/mailings';
import type { RenderContext } from '../domain/reminders';
import { type Card, type Segment, selectMembers } from '../domain/segments';
import { signWith, unsubscribeSecret, webAppUrl } from '../services/signing';
import { clientsTab } from '../sheets/clients';
import { type RowAt, readRecords } from '../sheets/records';
import { readRenderEnv } from '../sheets/renderEnv';
import { readTemplateRows } from '../sheets/templates';
import type { Ctx } from './context';
import { letterRender, readReminderSettings } from './remindersData';
import { loadSegments } from './segments';

export interface MailingData {
  clients: RowAt[];
  byId: Map<string, RowAt>;
  templates: MailingTemplate[];
  problems: string[];
  window: SendWindow;
  caps: Caps;
  render: RenderContext;
  senderName: string;
  /** Mail quota kept for the morning digest (its recipients, while reminders are on). */
  quotaReserve: number;
  /** Segments by name (lower case); read on first use. */
  segments(): Map<string, Segment>;
  /** IDs of a segment's members ('' or "all with consent": every client); undefined for an unknown segment. */
  members(segment: string): Set<string> | undefined;
  /** The unsubscribe link for a client's letter going today ('' while the web app is not deployed). */
  link(clientId: string): string;
  unsubscribeUrl: string;
}

/** The sending window and caps from Settings; an empty window (from ≥ to) falls back to the default, reported. */
export function windowAndCaps(ctx: Ctx): { window: SendWindow; caps: Caps; problems: string[] } {
  const v = ctx.settings.values;
  const problems: string[] = [];
  const days = parseWeekdays(v.mailDays) ?? DEFAULT_WINDOW.days;
  let window: SendWindow = { days, from: Number(v.mailFrom), to: Number(v.mailTo) };
  if (!(window.from < window.to)) {
    problems.push(
      ctx.lang === 'ru'
        ? `Окно рассылки: час «до» (${window.to}) должен быть позже часа «с» (${window.from}) — действует ${DEFAULT_WINDOW.from}–${DEFAULT_WINDOW.to}.`
        : `Sending window: the "until" hour (${window.to}) must be after the "from" hour (${window.from}); ${DEFAULT_WINDOW.from}–${DEFAULT_WINDOW.to} applies.`,
    );
    window = { ...DEFAULT_WINDOW, days };
  }
  const caps: Caps = {
    per7: Number(v.mailPerWeek) || DEFAULT_CAPS.per7,
    per30: Number(v.mailPerMonth) || DEFAULT_CAPS.per30,
  };
  return { window, caps, problems };
}

const lower = (s: string) => s.trim().toLowerCase();

export function readMailingData(ctx: Ctx): MailingData {
  const tab = clientsTab(ctx.ss);
  const { rows } = readRecords(tab, ctx.timeZone, undefined, ctx.ss);
  const clients = rows.filter((r) => String(r.id ?? '').trim() !== '');
  const byId = new Map(clients.map((c) => [String(c.id).trim(), c]));
  const { settings: reminder } = readReminderSettings(ctx, { hour: false });
  const render = letterRender(ctx, tab.layout, reminder.senderName);
  const read = readMailingTemplates(readTemplateRows(ctx.ss, ctx.timeZone) ?? [], ctx.lang);
  const { window, caps, problems } = windowAndCaps(ctx);
  let segments: Map<string, Segment> | undefined;
  const memberSets = new Map<string, Set<string>>();
  const env = { settings: ctx.settings, today: ctx.today, locale: ctx.locale };
  const url = webAppUrl();
  let sign: ((payload: string) => string) | undefined;
  const data: MailingData = {
    clients,
    byId,
    templates: read.templates,
    problems: [...problems, ...read.problems.map((p) => p.message)],
    window,
    caps,
    render,
    senderName: reminder.senderName,
    quotaReserve: reminder.enabled ? reminder.recipients.length : 0,
    segments() {
      if (!segments) {
        const { readings } = loadSegments(ctx, () => readRenderEnv(ctx.ss, ctx));
        segments = new Map();
        for (const r of readings) if (r.ok) segments.set(lower(r.segment.name), r.segment);
      }
      return segments;
    },
    members(segment) {
      const key = isAllSegment(segment) ? '' : lower(segment);
      const known = memberSets.get(key);
      if (known) return known;
      let ids: Set<string>;
      if (key === '') ids = new Set(byId.keys());
      else {
        const s = data.segments().get(key);
        if (!s) return undefined;
        const members = selectMembers(clients as Card[], s.conditions, s.plan, env);
        ids = new Set(members.map((m) => String(m.id ?? '').trim()).filter(Boolean));
      }
      memberSets.set(key, ids);
      return ids;
    },
    link(clientId) {
      if (!url) return '';
      sign ??= signWith(unsubscribeSecret());
      return unsubscribeLink(url, clientId, makeToken(clientId, ctx.today, sign));
    },
    unsubscribeUrl: url,
  };
  return data;
}

/** A segment's name as the request gave it, or the "all with consent" label of the sheet's language. */
export function segmentLabel(ctx: Ctx, segment: string): string {
  return isAllSegment(segment) ? ALL_WITH_CONSENT[ctx.lang] : segment.trim();
}

export { mailText };
