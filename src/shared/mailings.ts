// What the "Send to a segment…" sidebar, scripts and the server exchange for mailings (JSON-safe).
// Times cross the wire as 'yyyy-mm-ddTHH:mm' in the spreadsheet's time zone.

/** A letter written in the sidebar instead of a template from the Templates tab. */
export interface InlineTemplate {
  subject: string;
  /** Plain text with {{placeholders}}; the HTML body is made from it (values escaped). */
  body: string;
  /** Call-to-action button; the URL must be http(s). */
  button?: { text: string; url: string };
}

export interface MailingRequest {
  /** A segment's name as in the Segments tab (or its key). */
  segment: string;
  /** A template's name as in the Templates tab, or a letter written inline. */
  template: string | InlineTemplate;
  /** 'yyyy-mm-ddTHH:mm' in the sheet's zone to schedule; absent: now (or the next allowed slot). */
  at?: string;
}

/** Why a segment member gets no letter. */
export type ExclusionReason = 'noConsent' | 'unsubscribed' | 'noEmail' | 'badEmail' | 'cap' | 'alreadySent';

export interface MailingRecipient {
  id: string;
  email: string;
  name: string;
  /** The template variant chosen for this client: the segment's name, or '' for the plain template. */
  variant: string;
  /** When the frequency caps hold this client's letter back: its slot, 'yyyy-mm-ddTHH:mm'. */
  heldUntil?: string;
}

export interface MailingExcluded {
  id: string;
  name: string;
  reason: ExclusionReason;
  /** The reason in the sheet's language. */
  reasonText: string;
}

export interface MailingCounts {
  members: number;
  recipients: number;
  excluded: number;
  /** Excluded by reason. */
  byReason: Partial<Record<ExclusionReason, number>>;
}

export interface MailingSample {
  clientId: string;
  to: string;
  subject: string;
  htmlBody: string;
  /** The plain-text alternative. */
  body: string;
}

export interface MailingPreview {
  recipients: MailingRecipient[];
  excluded: MailingExcluded[];
  sample: MailingSample;
  /** When the window (or a schedule) holds the letters back: the slot they go at, 'yyyy-mm-ddTHH:mm'. */
  heldUntil?: string;
  /** A sentence in the sheet's language saying when it goes (and why not now). */
  when: string;
  counts: MailingCounts;
}

export interface SendResult {
  mailingId: string;
  /** Letters recorded to go (now, at the slot or the scheduled time). */
  queued: number;
  /** Letters that went out during this call. */
  sent: number;
  message: string;
}

export interface TestResult {
  /** The current user's address the [TEST] letter went to. */
  to: string;
  subject: string;
  message: string;
}

export type MailingState = 'scheduled' | 'sending' | 'done' | 'cancelled';

export interface ScheduledMailing {
  mailingId: string;
  segment: string;
  /** Template name, or the inline letter's subject. */
  template: string;
  at: string;
  state: MailingState;
  queued: number;
  sent: number;
  by: string;
}

export interface TemplateView {
  name: string;
  /** Segments with their own variant of this template ('' stands for the plain one). */
  variants: string[];
  subject: string;
  hasButton: boolean;
}

export interface SegmentView {
  key: string;
  name: string;
  /** Members now (by the segment's rules). */
  size: number;
}

export interface CapsView {
  per7: number;
  per30: number;
}

export interface WindowView {
  /** ISO weekdays 1 (Monday) … 7 (Sunday). */
  days: number[];
  /** Hours of the sheet's day, [from, to): letters go from `from`:00 until before `to`:00. */
  from: number;
  to: number;
}

export interface MailingsView {
  lang: 'ru' | 'en';
  timeZone: string;
  /** The sheet's wall clock now, 'yyyy-mm-ddTHH:mm'. */
  now: string;
  segments: SegmentView[];
  templates: TemplateView[];
  caps: CapsView;
  window: WindowView;
  /** Scheduled, running and recent mailings, newest first. */
  mailings: ScheduledMailing[];
  /** The unsubscribe web app's URL ('' until it is deployed: letters then go without a working link). */
  unsubscribeUrl: string;
  problems: string[];
}

export interface HolidayRow {
  /** 'dd.mm' (day and month, every year). */
  date: string;
  /** A segment's name, or the "all with consent" label. */
  segment: string;
  template: string;
  active: boolean;
}
