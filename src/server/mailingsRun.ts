// Mailings to a segment: preview, test letter, send now or at a time, cancel. (Being built: answers "not ready".)
import type { MailingPreview, MailingRequest, MailingsView, SendResult, TestResult } from '../shared/mailings';
import { type Ctx, UserError } from './context';

const notReady = (ctx: Ctx): never => {
  throw new UserError({ _: ctx.lang === 'ru' ? 'Рассылки ещё не готовы.' : 'Mailings are not ready yet.' });
};

export function mailingsView(ctx: Ctx): { ok: true; view: MailingsView } {
  return notReady(ctx);
}
export function previewMailing(ctx: Ctx, _r: MailingRequest, _c?: string): { ok: true } & MailingPreview {
  return notReady(ctx);
}
export function testMailing(ctx: Ctx, _r: MailingRequest, _c?: string): { ok: true } & TestResult {
  return notReady(ctx);
}
export function sendMailing(ctx: Ctx, _r: MailingRequest, _started: number): { ok: true } & SendResult {
  return notReady(ctx);
}
export function cancelMailing(ctx: Ctx, _id: string): { ok: true; message: string } {
  return notReady(ctx);
}
