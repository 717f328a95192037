// The reminder rules: client records and today → the occasions of the day (letters to clients, lines of the team
// digest), the clients left out and why, and the rows whose dates or emails cannot be read.
import { addDays, daysBetween } from '../normalize/date';
import { normalizeEmail } from '../normalize/email';
import { birthdaysAround, type DateReading, readDay } from './dates';
import { type Exclusion, emailEligibility } from './eligibility';
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
      return { dueOn: occasionDate, lastOn: addDays(occasionDate, settings.maxGreetingDelayDays) };
    case 'appointment': {
      const day = addDays(occasionDate, -1);
      return { dueOn: day, lastOn: day };
    }
    case 'renewal':
      return { dueOn: addDays(occasionDate, -settings.renewalOfferDaysBefore), lastOn: occasionDate };
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
    options.sort((a, b) => Math.abs(daysBetween(reading.today, a)) - Math.abs(daysBetween(reading.today, b)));
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
    day = birthdays.find((b) => b >= today && daysBetween(today, b) <= GESTURE_LEAD_DAYS) ?? '';
    until = 0;
  }
  if (!day) return '';
  const offset = daysBetween(today, day);
  if (offset > GESTURE_LEAD_DAYS || offset < -until) return '';
  if (congratulatedOn && congratulatedOn >= addDays(day, -GESTURE_DONE_DAYS)) return '';
  return day;
}

/** Today's occasions of every rule for every client, the clients left out of letters, and unreadable rows. */
export function collectOccasions(
  clients: readonly ClientRecord[],
  ctx: RuleContext,
  settings: ReminderSettings,
): Collected {
  const today = ctx.today;
  const tomorrow = addDays(today, 1);
  const byRule = new Map<Rule, Occasion[]>(RULE_ORDER.map((r) => [r, []]));
  const excluded: Collected['excluded'] = [];
  const problems: RowProblem[] = [];
  const seenIds = new Set<string>();
  const sends = new Set(settings.clientRules);

  for (const client of clients) {
    const row = client.row;
    const name = text(client.fullName) || text(client.company);
    const rawId = text(client.id);
    if (!name && !rawId && !text(client.email)) continue;
    const problem = (field: string, value: string, code: ProblemCode) =>
      problems.push({ row, clientId: rawId, name, field, value, code });

    // Without an ID of its own a row has no exactly-once key: it gets digest lines only.
    let keyed = true;
    if (!rawId) {
      problem('id', '', 'missingId');
      keyed = false;
    } else if (seenIds.has(rawId)) {
      problem('id', rawId, 'duplicateId');
      keyed = false;
    } else seenIds.add(rawId);
    const clientId = keyed ? rawId : rawId || `#${row}`;

    const days: Partial<Record<(typeof DATE_FIELDS)[number], { day: string; time: string }>> = {};
    for (const field of DATE_FIELDS) {
      if (!(field in client)) continue;
      const read = readDay(client[field], ctx);
      if (read.ok) days[field] = read;
      else problem(field, text(client[field]), 'unreadableDate');
    }
    const rawEmail = text(client.email);
    if (rawEmail && !normalizeEmail(rawEmail).ok) problem('email', rawEmail, 'invalidEmail');

    let eligibility: ReturnType<typeof emailEligibility> | undefined;
    const add = (rule: Rule, occasionDate: string, facts: Omit<OccasionFacts, 'name' | 'inDays'>, digest: boolean) => {
      const reason: OccasionFacts = { name, inDays: daysBetween(today, occasionDate), ...facts };
      const key = occasionKey(clientId, rule, occasionDate);
      if (digest) byRule.get(rule)!.push({ key, clientId, row, rule, occasionDate, audience: 'digest', reason });
      if (!keyed || !sends.has(rule as ClientRule)) return;
      const window = clientWindow(rule as ClientRule, occasionDate, settings);
      if (today < window.dueOn || today > window.lastOn) return;
      if (ctx.notBefore && window.dueOn < ctx.notBefore) return;
      eligibility ??= emailEligibility(client, ctx);
      const occasion: ClientOccasion = {
        key,
        clientId,
        row,
        rule: rule as ClientRule,
        occasionDate,
        audience: 'client',
        reason,
        email: eligibility.ok ? eligibility.email : '',
        ...window,
      };
      if (eligibility.ok) byRule.get(rule)!.push(occasion);
      else excluded.push({ occasion, reason: eligibility.reason });
    };

    const responsible = text(client.responsible);
    const who = responsible ? { responsible } : {};
    const birth = days.birthDate?.day;
    const birthdays = birth ? birthdaysAround(birth, today, settings.feb29) : [];
    for (const b of birthdays) {
      const offset = daysBetween(today, b);
      const inDigest = offset >= 0 && offset <= settings.birthdayDaysAhead;
      const greeting = offset <= 0 && -offset <= settings.maxGreetingDelayDays;
      if (!inDigest && !greeting) continue;
      const age = Number(b.slice(0, 4)) - Number(birth!.slice(0, 4));
      add('birthday', b, age > 0 ? { age } : {}, inDigest);
    }

    const appointment = days.nextAppointmentOn;
    if (appointment?.day === tomorrow) {
      const work = text(client.nextAppointmentWork);
      add(
        'appointment',
        appointment.day,
        { ...(appointment.time ? { time: appointment.time } : {}), ...(work ? { work } : {}), ...who },
        true,
      );
    }

    const ends = days.subscriptionEndsOn?.day;
    if (ends) {
      const offset = daysBetween(today, ends);
      const inDigest = offset >= 0 && offset <= settings.renewalDaysAhead;
      if (inDigest || (offset >= 0 && offset <= settings.renewalOfferDaysBefore)) add('renewal', ends, {}, inDigest);
    }

    const stepOn = days.nextStepOn?.day;
    if (stepOn && stepOn <= today) add('nextStep', stepOn, { text: text(client.nextStep), ...who }, true);

    const gesture = text(client.plannedGesture);
    if (gesture) {
      const day = gestureDueOn(gesture, birthdays, days.congratulatedOn?.day ?? '', ctx);
      if (day) add('gesture', day, { text: gesture, ...who }, true);
    }
  }
  return { occasions: RULE_ORDER.flatMap((r) => byRule.get(r)!), excluded, problems };
}

/** The client letters among occasions (what the sending plan takes as due). */
export function clientOccasions(occasions: readonly Occasion[]): ClientOccasion[] {
  return occasions.filter((o): o is ClientOccasion => o.audience === 'client');
}
