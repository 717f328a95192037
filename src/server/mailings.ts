// What the "Send to a segment…" sidebar, scripts and the mailing triggers reach (through src/main.ts), run by `handle`.
import type { MailingRequest } from '../shared/mailings';
import { handle } from './handle';
import * as run from './mailingsRun';

export const mailingsView = () => handle(run.mailingsView, { lazySettings: true });
export const previewMailing = (request: MailingRequest, clientId?: string) =>
  handle((ctx) => run.previewMailing(ctx, request, clientId), { lazySettings: true });
export const testMailing = (request: MailingRequest, clientId?: string) =>
  handle((ctx) => run.testMailing(ctx, request, clientId), { lazySettings: true });
export const cancelMailing = (mailingId: string) =>
  handle((ctx) => run.cancelMailing(ctx, mailingId), { action: 'cancelMailing' });

export function sendMailing(request: MailingRequest) {
  const started = Date.now();
  return handle((ctx) => run.sendMailing(ctx, request, started), { lazySettings: true, action: 'sendMailing' });
}

/** The one-off trigger: letters whose slot has come, and the rest of a long mailing. */
export function continueMailings() {
  const started = Date.now();
  const result = handle((ctx) => run.continueMailings(ctx, started), { lazySettings: true, action: 'sendMailing' });
  if (!result.ok) console.error(JSON.stringify(result));
  return result;
}
