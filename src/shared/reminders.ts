// What the Reminders sidebar and the server exchange (JSON-safe): settings, who sends, previews and run summaries.
import type { ClientRule, ReminderSettings } from '../domain/reminders';

export type { ClientRule, ReminderSettings };

/** A partial settings object (unknown keys are refused); recipients may be one text of addresses. */
export type ReminderPatch = Partial<Omit<ReminderSettings, 'recipients'>> & { recipients?: string[] | string };

export interface ReminderView {
  /** The hour comes from the Settings tab (its "Hour of the morning digest" value). */
  settings: ReminderSettings;
  /** The account the daily run sends from ('' while nobody runs the add-on's automatic actions). */
  sender: string;
  /** Who is asking. */
  me: string;
  /** Turning reminders on now would make `me` the sender in place of someone else (a take-over). */
  takeOver: boolean;
  timeZone: string;
  /** Settings or templates that could not be read (their defaults apply), in the sheet's language. */
  problems: string[];
  /** The last run: when (sheet's wall time) and its summary. */
  lastRun: { at: string; message: string } | null;
}

export interface RunSummary {
  sent: number;
  failed: number;
  /** Already sent by an earlier run. */
  skipped: number;
  /** Waiting for mail quota. */
  waiting: number;
  dropped: number;
  /** Clients left out (no consent, opted out, no address). */
  excluded: number;
  digest: 'sent' | 'already' | 'waiting' | 'none';
  /** A continuation was scheduled (time, quota or a mail service error). */
  continues: boolean;
}

export interface RunProgress {
  phase: 'planning' | 'sending' | 'digest' | 'done';
  sent: number;
  total: number;
  /** Wall time in the sheet's zone, 'yyyy-mm-ddTHH:mm'. */
  at: string;
}

export type LetterStatus = 'send' | 'wait' | 'sent' | 'sending' | 'unconfirmed' | 'retry';

export interface PreviewLetter {
  key: string;
  clientId: string;
  name: string;
  row: number;
  rule: ClientRule;
  to: string;
  /** The occasion's date as the sheet shows it; days from today to it (negative: a late greeting). */
  date: string;
  inDays: number;
  age?: number;
  time?: string;
  status: LetterStatus;
  subject: string;
  body: string;
  /** Placeholders that had no value (a fallback stood in). */
  missing: string[];
}

export interface PreviewView {
  today: string;
  sender: string;
  quota: number;
  letters: PreviewLetter[];
  /** Letters beyond those listed. */
  more: number;
  excluded: Array<{ name: string; row: number; rule: ClientRule; reason: string }>;
  dropped: Array<{ name: string; row?: number; rule: string; reason: string }>;
  /** The digest as it would go now (null without recipients or when it went already today). */
  digest: { to: string; subject: string; body: string } | null;
  /** Rows whose dates or emails cannot be read (listed in the digest). */
  rowProblems: number;
  problems: string[];
}
