// Runs a request with its context; expected failures become `{ ok: false, errors }`, never an exception in a sidebar.
import { t } from '../i18n';
import { LockBusyError } from '../services/env';
import type { Failure } from '../shared/api';
import { NotSetUpError } from '../sheets/records';
import { type ContextOptions, type Ctx, openContext, UserError } from './context';

export function handle<T>(fn: (ctx: Ctx) => T, opts: ContextOptions = {}): T | Failure {
  let lang: 'ru' | 'en' = 'en';
  try {
    const ctx = openContext(opts);
    lang = ctx.lang;
    return fn(ctx);
  } catch (e) {
    if (e instanceof LockBusyError) return { ok: false, errors: { _: t(lang, 'error.busy') }, retryable: true };
    if (e instanceof NotSetUpError) return { ok: false, errors: { _: t(lang, 'error.notSetUp') } };
    if (e instanceof UserError) return { ok: false, errors: e.errors, retryable: e.retryable };
    const message = e instanceof Error ? e.message : String(e);
    console.error(e);
    return { ok: false, errors: { _: t(lang, 'error.unexpected', { message }) } };
  }
}
