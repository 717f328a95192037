// What the server's template tells a sidebar: its language and the client it opens for.
import type { Lang } from './i18n';

export interface PageInfo {
  lang: Lang;
  clientId: string;
}

// The same shape the server accepts before it puts an id into the template.
const CLIENT_ID = /^C-\d{6,}$/;

/** The template puts lang and clientId into attributes of <html>; anything unexpected falls back safely. */
export function readPage(root: { getAttribute(name: string): string | null }): PageInfo {
  const lang = root.getAttribute('lang') === 'ru' ? 'ru' : 'en';
  const id = (root.getAttribute('data-client-id') ?? '').trim();
  return { lang, clientId: CLIENT_ID.test(id) ? id : '' };
}
