// What a sidebar needs to render, and which client a sidebar opens for (the selected row's, unless one is passed).
import { CLIENT_FIELDS } from '../domain/fields';
import { CLIENT_ID_PATTERN } from '../domain/validate';
import type { FormContext } from '../shared/api';
import { clientsTab, selectedClientId } from '../sheets/clients';
import { NotSetUpError } from '../sheets/records';
import { activeSpreadsheet } from '../sheets/spreadsheet';
import type { Ctx } from './context';

/** ID of the client in the selected row of the Clients tab, or ''. */
export function selectedClient(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  try {
    const id = selectedClientId(ss);
    return CLIENT_ID_PATTERN.test(id) ? id : '';
  } catch (_e) {
    return '';
  }
}

/** The client a sidebar opens for: a well-formed ID passed by the caller, else the selected row's client. */
export function clientToOpen(clientId: unknown): string {
  const id = typeof clientId === 'string' ? clientId.trim().toUpperCase() : '';
  return CLIENT_ID_PATTERN.test(id) ? id : selectedClient(activeSpreadsheet());
}

/**
 * Everything a sidebar needs to render: language, lists, today, headers and the client of the selected row.
 * Settings come from the cache, which every edit of the Settings tab and every updateSettings drops.
 */
export function getFormContext(ctx: Ctx) {
  let selectedClientId = '';
  const headers: Record<string, string> = {};
  for (const f of CLIENT_FIELDS) headers[f.key] = f.header[ctx.lang];
  try {
    const tab = clientsTab(ctx.ss);
    for (const [key, column] of Object.entries(tab.layout.columns)) {
      const text = tab.layout.headers[String(column)];
      if (text) headers[key] = text;
    }
    selectedClientId = selectedClient(ctx.ss);
  } catch (e) {
    if (!(e instanceof NotSetUpError)) throw e;
  }
  const context: FormContext = {
    lang: ctx.lang,
    settings: ctx.settings,
    today: ctx.today,
    timeZone: ctx.timeZone,
    locale: ctx.locale,
    user: ctx.user,
    selectedClientId,
    headers,
  };
  return { ok: true as const, context };
}
