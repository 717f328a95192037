// MailApp: messages land in the workbook's outbox; the daily quota is counted per recipient and per sender.
import { ERR, type Runtime } from '../execution';

export interface SentAttachment {
  name: string;
  contentType: string;
  size: number;
}

export interface SentMail {
  /** The effective user who sent it (the trigger owner for an installable trigger). */
  from: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply: boolean;
  attachments: SentAttachment[];
  /** Every address the message went to (to + cc + bcc). */
  recipients: string[];
  at: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

function addresses(list: unknown): string[] {
  if (list === undefined || list === null) return [];
  return String(list)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Mail the workbook has sent and the quota windows of each sender. */
export class MailState {
  outbox: SentMail[] = [];
  private windows = new Map<string, { start: number; used: number }>();
  private attempts = 0;
  private failAt = new Set<number>();
  constructor(public dailyQuota: number) {}

  /** The nth next send (1 = the very next) throws a service error and sends nothing. */
  failOnSend(n = 1): void {
    if (!Number.isInteger(n) || n < 1) throw new Error('failOnSend(n) takes n ≥ 1');
    this.failAt.add(this.attempts + n);
  }

  remaining(user: string, now: number): number {
    const w = this.windows.get(user);
    if (!w || now >= w.start + DAY_MS) return this.dailyQuota;
    return Math.max(0, this.dailyQuota - w.used);
  }

  /** Counts the attempt; throws when this one was told to fail or the quota is spent. */
  admit(user: string, recipients: number, now: number): void {
    this.attempts++;
    if (this.failAt.delete(this.attempts)) throw new Error('Service error: Mail');
    if (recipients > this.remaining(user, now)) throw new Error(ERR.mailQuota);
    let w = this.windows.get(user);
    // Google renews the quota 24 hours after the first send of the window.
    if (!w || now >= w.start + DAY_MS) {
      w = { start: now, used: 0 };
      this.windows.set(user, w);
    }
    w.used += recipients;
  }
}

interface MessageFields {
  to?: unknown;
  cc?: unknown;
  bcc?: unknown;
  subject?: unknown;
  body?: unknown;
  htmlBody?: unknown;
  name?: unknown;
  replyTo?: unknown;
  noReply?: unknown;
  attachments?: unknown;
  inlineImages?: unknown;
}

type BlobLike = { getName(): string | null; getContentType(): string | null; getBytes(): number[] };

export class MailApp {
  constructor(
    private readonly _rt: Runtime,
    private readonly _state: MailState,
  ) {}

  getRemainingDailyQuota(): number {
    return this._state.remaining(this._sender(), this._rt.now());
  }

  /**
   * sendEmail(message) | sendEmail(recipient, subject, body) | sendEmail(recipient, subject, body, options)
   * | sendEmail(to, replyTo, subject, body)
   */
  sendEmail(a: unknown, b?: unknown, c?: unknown, d?: unknown): void {
    let m: MessageFields;
    if (typeof a === 'object' && a !== null && b === undefined) m = a as MessageFields;
    else if (d !== undefined && typeof d !== 'object') m = { to: a, replyTo: b, subject: c, body: d };
    else m = { to: a, subject: b, body: c, ...((d as MessageFields | undefined) ?? {}) };

    const to = addresses(m.to);
    const cc = addresses(m.cc);
    const bcc = addresses(m.bcc);
    const recipients = [...to, ...cc, ...bcc];
    if (recipients.length === 0) throw new Error('Failed to send email: no recipient');
    for (const r of recipients) if (!EMAIL.test(r)) throw new Error(`Invalid email: ${r}`);
    if (m.replyTo !== undefined && m.replyTo !== '' && !EMAIL.test(String(m.replyTo))) {
      throw new Error(`Invalid email: ${String(m.replyTo)}`);
    }
    const from = this._sender();
    const now = this._rt.now();
    this._state.admit(from, recipients.length, now);
    const attachments = Array.isArray(m.attachments)
      ? (m.attachments as BlobLike[]).map((blob) => ({
          name: blob.getName() ?? '',
          contentType: blob.getContentType() ?? 'application/octet-stream',
          size: blob.getBytes().length,
        }))
      : [];
    this._state.outbox.push({
      from,
      to: to.join(','),
      cc: cc.join(','),
      bcc: bcc.join(','),
      subject: m.subject === undefined || m.subject === null ? '' : String(m.subject),
      body: m.body === undefined || m.body === null ? '' : String(m.body),
      ...(m.htmlBody !== undefined ? { htmlBody: String(m.htmlBody) } : {}),
      ...(m.name !== undefined ? { name: String(m.name) } : {}),
      ...(m.replyTo !== undefined ? { replyTo: String(m.replyTo) } : {}),
      noReply: Boolean(m.noReply),
      attachments,
      recipients,
      at: new Date(now),
    });
  }

  private _sender(): string {
    return this._rt.effectiveUser();
  }
}
