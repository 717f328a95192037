// The unsubscribe web app: a letter's footer link ?u=<client ID>&t=<token>. A valid token marks the client
// unsubscribed (the date the morning run and mailings already honour) and notes it on the card; a forged, altered
// or expired one changes nothing. The page is short, in the sheet's language, and never echoes what the link held.
import { journalEntry } from '../domain/journal';
import { mailText, verifyToken } from '../domain/mailings';
import { emailEligibility } from '../domain/reminders';
import { withDocumentLock } from '../services/env';
import { signWith, unsubscribeSecret } from '../services/signing';
import { writeClientFields } from '../sheets/clients';
import { appendEntry } from '../sheets/journal';
import { loadClient } from './clientLookup';
import type { Ctx } from './context';
import { handle, logSafely } from './handle';

type Outcome = 'done' | 'already' | 'invalid';

function page(lang: 'ru' | 'en', outcome: Outcome): GoogleAppsScript.HTML.HtmlOutput {
  const text = mailText(lang, `page.${outcome}`);
  const title = mailText(lang, 'page.title');
  const html =
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head>' +
    '<body style="font-family:Arial,Helvetica,sans-serif;max-width:32em;margin:3em auto;padding:0 1em;color:#202124">' +
    `<h1 style="font-size:20px">${title}</h1><p id="result" data-outcome="${outcome}">${text}</p></body></html>`;
  return HtmlService.createHtmlOutput(html).setTitle(title);
}

function unsubscribe(ctx: Ctx, clientId: string, token: unknown): Outcome {
  const secret = unsubscribeSecret(false);
  if (!secret) return 'invalid';
  const check = verifyToken(clientId, token, ctx.today, signWith(secret));
  if (!check.ok) return 'invalid';
  return withDocumentLock(10_000, () => {
    let found: ReturnType<typeof loadClient>;
    try {
      found = loadClient(ctx, clientId);
    } catch (_e) {
      return 'invalid';
    }
    const reading = { today: ctx.today, locale: ctx.locale, timeZone: ctx.timeZone };
    const now = emailEligibility(found.rec, reading);
    if (!now.ok && now.reason === 'unsubscribed') return 'already';
    writeClientFields(found.tab, found.row, { unsubscribedOn: ctx.today }, ctx.timeZone);
    appendEntry(
      ctx.ss,
      journalEntry({
        at: ctx.now,
        clientId,
        clientName: String(found.rec.fullName ?? ''),
        type: ctx.settings.lists.contactTypes.find((t) => t.kind === 'email')?.label ?? 'Email',
        summary: mailText(ctx.lang, 'journal.unsubscribed'),
        by: 'web',
      }),
      ctx.timeZone,
    );
    return 'done';
  });
}

export function doGet(e?: { parameter?: Record<string, string> }): GoogleAppsScript.HTML.HtmlOutput {
  const p = e?.parameter ?? {};
  const clientId = String(p.u ?? '').trim();
  let lang: 'ru' | 'en' = 'en';
  const result = handle(
    (ctx) => {
      lang = ctx.lang;
      return { ok: true as const, outcome: clientId ? unsubscribe(ctx, clientId, p.t) : ('invalid' as Outcome) };
    },
    { action: 'unsubscribe', flush: true },
  );
  if (!result.ok) logSafely(new Error('unsubscribe failed'));
  return page(lang, result.ok ? result.outcome : 'invalid');
}
