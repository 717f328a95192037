// How the outbox frames a letter: its HTML body (or its plain text) as a page whose links open in a new tab.
import type { Mail } from './api';

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] as string);

const BASE = '<base target="_blank">';

/** Plain text as a page, its http(s) addresses clickable as a mail client shows them. */
function plainPage(body: string): string {
  const text = esc(body).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
  return `${BASE}<pre style="white-space:pre-wrap;font:14px sans-serif">${text}</pre>`;
}

/** The letter as its own page: the HTML body (or the plain text), its links opening in a new tab. */
export function mailDocument(mail: Pick<Mail, 'htmlBody' | 'body'>, plain = false): string {
  if (!mail.htmlBody || plain) return plainPage(mail.body);
  const head = /<head(\s[^>]*)?>/i.exec(mail.htmlBody);
  if (!head) return `${BASE}${mail.htmlBody}`;
  const at = head.index + head[0].length;
  return `${mail.htmlBody.slice(0, at)}${BASE}${mail.htmlBody.slice(at)}`;
}
