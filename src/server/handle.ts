// Runs a request with its context; expected failures become `{ ok: false, errors }`, never an exception in a sidebar.
// Every run's writes are noted for the audit log and queued at its end; heavy runs also write the log.
import type { AdminAction } from '../domain/roles';
import { trustText } from '../domain/trustMessages';
import { t } from '../i18n';
import { LockBusyError } from '../services/env';
import type { Failure } from '../shared/api';
import { flushAudit, queueAudit } from '../sheets/audit';
import { DuplicateIdError } from '../sheets/integrity';
import { fieldOf, LayoutBrokenError, NotSetUpError } from '../sheets/records';
import { beginWrites } from '../sheets/writeLog';
import { type ContextOptions, type Ctx, openContext, UserError } from './context';
import { requireRole } from './roles';

export interface HandleOptions extends ContextOptions {
  /** The name the audit log gives this run's writes. */
  action?: string;
  /** Only the owner and the admins may run it. */
  requires?: AdminAction;
  /** Write the queued audit entries at the end (runs that are slow anyway, or run as the owner). */
  flush?: boolean;
}

/** The localized answer for an error a person can act on; undefined for an unexpected one. */
export function failureOf(e: unknown, lang: 'ru' | 'en'): Failure | undefined {
  if (e instanceof LockBusyError) return { ok: false, errors: { _: t(lang, 'error.busy') }, retryable: true };
  if (e instanceof NotSetUpError) return { ok: false, errors: { _: t(lang, 'error.notSetUp') } };
  if (e instanceof UserError) return { ok: false, errors: e.errors, retryable: e.retryable };
  if (e instanceof LayoutBrokenError) {
    const column = e.missing.map((k) => fieldOf(e.def, k).header[lang]).join(', ');
    const key = e.headerMissing ? 'layout.headerMissing' : 'layout.missingColumn';
    return { ok: false, errors: { _: trustText(lang, key, { tab: e.sheetName, column }) } };
  }
  if (e instanceof DuplicateIdError) {
    const text = trustText(lang, 'id.duplicate', { id: e.id, rows: e.rows.join(', '), tab: e.sheetName });
    return { ok: false, errors: { _: text, clientId: text } };
  }
  return undefined;
}

/** A log line for an unexpected error: its kind and where, never its message (it may quote a client's data). */
export function logSafely(e: unknown): void {
  if (!(e instanceof Error)) {
    console.error('unexpected failure');
    return;
  }
  const frames = String(e.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 5)
    .join('\n');
  console.error(`${e.name}\n${frames}`);
}

export function handle<T>(fn: (ctx: Ctx) => T, opts: HandleOptions = {}): T | Failure {
  let lang: 'ru' | 'en' = 'en';
  let ctx: Ctx | undefined;
  try {
    ctx = openContext(opts);
    lang = ctx.lang;
    beginWrites(opts.action ?? '', ctx.user);
    if (opts.requires) requireRole(ctx, opts.requires);
    return fn(ctx);
  } catch (e) {
    const known = failureOf(e, lang);
    if (known) return known;
    logSafely(e);
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: { _: t(lang, 'error.unexpected', { message }) } };
  } finally {
    if (opts.flush && ctx) flushAudit(ctx.ss, ctx.timeZone);
    else queueAudit();
  }
}
