// The reminder rules: client records and today → the occasions of the day (letters to clients, lines of the team
// digest), the clients left out and why, and the rows whose dates or emails cannot be read.
import { type EmailResult, normalizeEmail } from '../normalize/email';
import { birthdaysAround, type DateReading, daysFrom, plusDays, readDay } from './dates';
import { type Eligibility, type Exclusion, emailEligibility } from './eligibility';
import type { ClientRule, ReminderSettings } from './settings';

export type Rule = ClientRule | 'nextStep' | 'gesture';
export type Audience = 'client' | 'digest';

/** A Clients row as the adapter reads it: values by field key, and its sheet row number. */
export type ClientRecord = Readonly<Record<string, unknown>> & { readonly row: number };

export interface RuleContext extends DateReading {
  /** No client letter is due before this day (the day reminders were switched on): no belated catch-up. */
  notBefore?: string;
}

/** What the digest and the preview say about an occasion. */
export interface OccasionFacts {
  /** The client's name as in the sheet (the company when the name is empty). */
  name: string;
  /** Days from today to the occasion date; negative when it has passed (an overdue step, a late greeting). */
  inDays: number;
  /** Birthday: the age turned (when the birth year is known). */
  age?: number;
  /** Appointment: 'HH:mm' when the cell has a time. */
  time?: string;
  /** Appointment: what is planned. */
  work?: string;
  responsible?: string;
  /** Next step or planned gesture: its text. */
  text?: string;
}

interface OccasionBase {
  /** `${clientId}|${rule}|${occasionDate}`: the Sent log's exactly-once key. */
  key: string;
  clientId: string;
  row: number;
  rule: Rule;
  /** The day of the occasion itself: the (observed) birthday, the appointment, the end date, the step's date. */
  occasionDate: string;
  audience: Audience;
  reason: OccasionFacts;
}

/** A letter to a client that may go today: it is due from dueOn and may still go until lastOn. */
export interface ClientOccasion extends OccasionBase {
  audience: 'client';
  rule: ClientRule;
  email: string;
  dueOn: string;
  lastOn: string;
}

/** A line of the team digest (the same key as the client letter of the same occasion, if there is one). */
export interface DigestOccasion extends OccasionBase {
  audience: 'digest';
}

export type Occasion = ClientOccasion | DigestOccasion;

export type ProblemCode = 'unreadableDate' | 'invalidEmail' | 'missingId' | 'duplicateId';

/** A row the morning run could not fully read: shown in the digest with its row number. */
export interface RowProblem {
  row: number;
  clientId: string;
  name: string;
  field: string;
  value: string;
  code: ProblemCode;
}

export interface Collected {
  /** Digest lines and the client letters that may go today, in row order, rules in RULE_ORDER. */
  occasions: Occasion[];
  /** Client letters the rules would send but the client cannot receive (no consent, opted out, no address). */
  excluded: Array<{ occasion: ClientOccasion; reason: Exclusion }>;
  problems: RowProblem[];
}

export const RULE_ORDER: readonly Rule[] = ['appointment', 'renewal', 'birthday', 'nextStep', 'gesture'];

/** Gestures are listed this many days before their day (time to buy a gift) … */
export const GESTURE_LEAD_DAYS = 3;
/** … and, when dated, this many days after it while nobody marked the client congratulated. */
export const GESTURE_GRACE_DAYS = 7;
/** A congratulatedOn date this close before the occasion (or after it) means the gesture was made. */
const GESTURE_DONE_DAYS = 30;

const DATE_FIELDS = [
  'birthDate',
  'nextAppointmentOn',
  'subscriptionEndsOn',
  'nextStepOn',
  'emailConsentOn',
  'unsubscribedOn',
  'congratulatedOn',
] as const;

export function occasionKey(clientId: string, rule: string, occasionDate: string): string {
  return `${clientId}|${rule}|${occasionDate}`;
}

/** The parts of a key; undefined for a text that is not one. */
export function parseOccasionKey(key: string): { clientId: string; rule: string; occasionDate: string } | undefined {
  const m = /^(.*)\|([A-Za-z]+)\|(\d{4}-\d{2}-\d{2})$/.exec(String(key ?? ''));
  return m ? { clientId: m[1], rule: m[2], occasionDate: m[3] } : undefined;
}

/**
 * The days a client letter may go for an occasion: a birthday greeting from the day up to maxGreetingDelayDays
 * later; an appointment reminder only the day before (a reminder on the day itself would say "tomorrow" wrongly);
 * a renewal offer from renewalOfferDaysBefore days before the end date up to the end date.
 */
export function clientWindow(
  rule: ClientRule,
  occasionDate: string,
  settings: ReminderSettings,
): { dueOn: string; lastOn: string } {
  switch (rule) {
    case 'birthday':
      return { dueOn: occasionDate, lastOn: plusDays(occasionDate, settings.maxGreetingDelayDays) };
    case 'appointment': {
      const day = plusDays(occasionDate, -1);
      return { dueOn: day, lastOn: day };
    }
    case 'renewal':
      return { dueOn: plusDays(occasionDate, -settings.renewalOfferDaysBefore), lastOn: occasionDate };
  }
}

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

/** Client records with the same ID: the first row keeps it. */
export function clientIndex(clients: readonly ClientRecord[]): Map<string, ClientRecord> {
  const index = new Map<string, ClientRecord>();
  for (const c of clients) {
    const id = text(c.id);
    if (id && !index.has(id)) index.set(id, c);
  }
  return index;
}

const BIRTHDAY_WORDS =
  /(?:^|[^\p{L}])(поздрав|подар|открытк|букет|цвет[ыо]|день рожд|днем рожд|днём рожд|congrat|gift|present|flowers?|bouquet|birthday|card)/iu;
const NUMERIC_DATE = /(?<![\d./-])(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}(?:[./](?:\d{4}|\d{2}))?)(?![\d./-]*\d)/;
const WORD_DATES = [/(\d{1,2})\s+(\p{L}+\.?)(?:\s+(\d{4}))?/gu, /(\p{L}+\.?)\s+(\d{1,2})(?:,?\s+(\d{4}))?/gu];

/**
 * The day a planned gesture is for, when its text names one: '20.03', '20.03.2026', '2026-03-20', '20 марта',
 * 'March 20'. Without a year it is the nearest such day to today (a gesture for 5 January written in late
 * December means the coming one).
 */
export function gestureDate(gesture: string, reading: DateReading): string {
  if (!/\d/.test(gesture)) return '';
  const candidates: Array<{ text: string; hasYear: boolean }> = [];
  const numeric = NUMERIC_DATE.exec(gesture);
  if (numeric) candidates.push({ text: numeric[1], hasYear: /^\d{4}-|^\d+[./]\d+[./]\d+$/.test(numeric[1]) });
  for (const re of WORD_DATES) {
    for (const m of gesture.matchAll(re)) candidates.push({ text: m[0], hasYear: m[3] !== undefined });
  }
  for (const c of candidates) {
    const day = readDay(c.text.replace(/,/g, ' '), reading);
    if (!day.ok || day.day === '') continue;
    if (c.hasYear) return day.day;
    const y = Number(reading.today.slice(0, 4));
    const options = [y - 1, y, y + 1].map((year) => `${year}${day.day.slice(4)}`).filter((d) => readDay(d, reading).ok);
    options.sort((a, b) => Math.abs(daysFrom(reading.today, a)) - Math.abs(daysFrom(reading.today, b)));
    if (options.length) return options[0];
  }
  return '';
}

/**
 * When a planned gesture is due — the data model has only its text, so the text decides:
 * - a text naming a day ('подарок 20.03', 'call March 20') is listed from GESTURE_LEAD_DAYS before that day
 *   until GESTURE_GRACE_DAYS after it;
 * - an undated text about the birthday ('поздравить', 'подарок', 'цветы', 'congratulate', 'gift') is listed
 *   from GESTURE_LEAD_DAYS before the (observed) birthday through the birthday;
 * - any other undated text ('позвонить') has no day to be reminded of and is not listed;
 * - either way it is done (not listed) once congratulatedOn is at most GESTURE_DONE_DAYS before its day or later.
 * Returns the gesture's day, or '' when it is not due today.
 */
export function gestureDueOn(
  gesture: string,
  birthdays: readonly string[],
  congratulatedOn: string,
  reading: DateReading,
): string {
  const today = reading.today;
  let day = gestureDate(gesture, reading);
  let until = GESTURE_GRACE_DAYS;
  if (!day) {
    if (!BIRTHDAY_WORDS.test(gesture)) return '';
    day = birthdays.find((b) => b >= today && daysFrom(today, b) <= GESTURE_LEAD_DAYS) ?? '';
    until = 0;
  }
  if (!day) return '';
  const offset = daysFrom(today, day);
  if (offset > GESTURE_LEAD_DAYS || offset < -until) return '';
  if (congratulatedOn && congratulatedOn >= plusDays(day, -GESTURE_DONE_DAYS)) return '';
  return day;
}

interface RowContext {
  client: ClientRecord;
  row: number;
  name: string;
  clientId: string;
  /** The row has an ID of its own (not missing, not repeated): only such rows get letters. */
  keyed: boolean;
  email: EmailResult | undefined;
  eligibility?: Eligibility;
}

interface Run {
  ctx: RuleContext;
  settings: ReminderSettings;
  sends: ReadonlySet<string>;
  byRule: Map<Rule, Occasion[]>;
  excluded: Collected['excluded'];
}

// Most addresses are plain lower-case ASCII: those are valid as they stand (the normaliser checks the rest).
const PLAIN_EMAIL =
  /^[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,63}$/;

function readEmail(raw: string): EmailResult {
  return raw.length <= 64 && PLAIN_EMAIL.test(raw) ? { ok: true, value: raw } : normalizeEmail(raw);
}

function addOccasion(
  run: Run,
  r: RowContext,
  rule: Rule,
  occasionDate: string,
  facts: Omit<OccasionFacts, 'name' | 'inDays'>,
  digest: boolean,
): void {
  const today = run.ctx.today;
  const reason: OccasionFacts = { name: r.name, inDays: daysFrom(today, occasionDate), ...facts };
  const key = occasionKey(r.clientId, rule, occasionDate);
  const { clientId, row } = r;
  if (digest) run.byRule.get(rule)!.push({ key, clientId, row, rule, occasionDate, audience: 'digest', reason });
  if (!r.keyed || !run.sends.has(rule)) return;
  const window = clientWindow(rule as ClientRule, occasionDate, run.settings);
  if (today < window.dueOn || today > window.lastOn) return;
  if (run.ctx.notBefore && window.dueOn < run.ctx.notBefore) return;
  r.eligibility ??= emailEligibility(r.client, run.ctx, r.email);
  const eligible = r.eligibility;
  const occasion: ClientOccasion = {
    key,
    clientId,
    row,
    rule: rule as ClientRule,
    occasionDate,
    audience: 'client',
    reason,
    email: eligible.ok ? eligible.email : '',
    ...window,
  };
  if (eligible.ok) run.byRule.get(rule)!.push(occasion);
  else run.excluded.push({ occasion, reason: eligible.reason });
}

/** Today's occasions of every rule for every client, the clients left out of letters, and unreadable rows. */
export function collectOccasions(
  clients: readonly ClientRecord[],
  ctx: RuleContext,
  settings: ReminderSettings,
): Collected {
  const today = ctx.today;
  const tomorrow = plusDays(today, 1);
  const run: Run = {
    ctx,
    settings,
    sends: new Set<string>(settings.clientRules),
    byRule: new Map<Rule, Occasion[]>(RULE_ORDER.map((r) => [r, []])),
    excluded: [],
  };
  const problems: RowProblem[] = [];
  const seenIds = new Set<string>();

  for (const client of clients) {
    const row = client.row;
    const name = text(client.fullName) || text(client.company);
    const rawId = text(client.id);
    const rawEmail = text(client.email);
    if (!name && !rawId && !rawEmail) continue;

    // Without an ID of its own a row has no exactly-once key: it gets digest lines only.
    let keyed = true;
    if (!rawId || seenIds.has(rawId)) {
      problems.push({
        row,
        clientId: rawId,
        name,
        field: 'id',
        value: rawId,
        code: rawId ? 'duplicateId' : 'missingId',
      });
      keyed = false;
    } else seenIds.add(rawId);

    let birth = '';
    let appointment: { day: string; time: string } | undefined;
    let ends = '';
    let stepOn = '';
    let congratulatedOn = '';
    for (const field of DATE_FIELDS) {
      const value = client[field];
      if (value === undefined || value === null || value === '') continue;
      const read = readDay(value, ctx);
      if (!read.ok) {
        problems.push({ row, clientId: rawId, name, field, value: text(value), code: 'unreadableDate' });
        continue;
      }
      if (field === 'birthDate') birth = read.day;
      else if (field === 'nextAppointmentOn') appointment = read;
      else if (field === 'subscriptionEndsOn') ends = read.day;
      else if (field === 'nextStepOn') stepOn = read.day;
      else if (field === 'congratulatedOn') congratulatedOn = read.day;
    }
    const email = rawEmail ? readEmail(rawEmail) : undefined;
    if (email && !email.ok)
      problems.push({ row, clientId: rawId, name, field: 'email', value: rawEmail, code: 'invalidEmail' });

    const r: RowContext = { client, row, name, clientId: keyed ? rawId : rawId || `#${row}`, keyed, email };
    const responsible = text(client.responsible);
    const who = responsible ? { responsible } : {};

    const birthdays = birth ? birthdaysAround(birth, today, settings.feb29) : [];
    for (const b of birthdays) {
      const offset = daysFrom(today, b);
      const inDigest = offset >= 0 && offset <= settings.birthdayDaysAhead;
      const greeting = offset <= 0 && -offset <= settings.maxGreetingDelayDays;
      if (!inDigest && !greeting) continue;
      const age = Number(b.slice(0, 4)) - Number(birth.slice(0, 4));
      addOccasion(run, r, 'birthday', b, age > 0 ? { age } : {}, inDigest);
    }

    if (appointment?.day === tomorrow) {
      const work = text(client.nextAppointmentWork);
      const facts = { ...(appointment.time ? { time: appointment.time } : {}), ...(work ? { work } : {}), ...who };
      addOccasion(run, r, 'appointment', appointment.day, facts, true);
    }

    if (ends) {
      const offset = daysFrom(today, ends);
      const inDigest = offset >= 0 && offset <= settings.renewalDaysAhead;
      if (inDigest || (offset >= 0 && offset <= settings.renewalOfferDaysBefore))
        addOccasion(run, r, 'renewal', ends, {}, inDigest);
    }

    if (stepOn && stepOn <= today)
      addOccasion(run, r, 'nextStep', stepOn, { text: text(client.nextStep), ...who }, true);

    const gesture = text(client.plannedGesture);
    if (gesture) {
      const day = gestureDueOn(gesture, birthdays, congratulatedOn, ctx);
      if (day) addOccasion(run, r, 'gesture', day, { text: gesture, ...who }, true);
    }
  }
  return { occasions: RULE_ORDER.flatMap((r) => run.byRule.get(r)!), excluded: run.excluded, problems };
}

/** The client letters among occasions (what the sending plan takes as due). */
export function clientOccasions(occasions: readonly Occasion[]): ClientOccasion[] {
  return occasions.filter((o): o is ClientOccasion => o.audience === 'client');
}
