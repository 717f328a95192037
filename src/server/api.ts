// What google.script.run, the menu and triggers call: each request validated, errors turned into localized results.

import { CLIENT_FIELDS, TABS } from '../domain/fields';
import { defaultSettings, type SettingsData, SIMPLE_LIST_KEYS, VALUE_DEFS, validateSettings } from '../domain/settings';
import { CLIENT_ID_PATTERN } from '../domain/validate';
import { t } from '../i18n';
import { LockBusyError, withDocumentLock } from '../services/env';
import { installTriggers } from '../services/triggers';
import type { Failure, FormContext, SetupSummary } from '../shared/api';
import { clientsTab, NotSetUpError } from '../sheets/clients';
import { cachedLayout, forgetLayout, relocate } from '../sheets/layout';
import {
  findSettingsSheet,
  forgetSettings,
  LIST_COLUMNS,
  type ListColumnKey,
  listColumnValues,
  readRawSettings,
  writeListColumn,
} from '../sheets/settingsTab';
import { setupTabs } from '../sheets/setup';
import * as clients from './clients';
import { type Ctx, openContext, problemText, UserError } from './context';

/** Runs a request; expected failures become `{ ok: false, errors }`, never an exception in the sidebar. */
export function handle<T>(fn: (ctx: Ctx) => T, opts: { fresh?: boolean } = {}): T | Failure {
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

export function setupDatabase(progress?: (message: string) => void) {
  return handle(
    (ctx) =>
      withDocumentLock(30000, () => {
        const say = progress ?? ((m: string) => ctx.ss.toast(m, t(ctx.lang, 'app.name'), 5));
        say(t(ctx.lang, 'setup.started'));
        const result = setupTabs({ ss: ctx.ss, lang: ctx.lang, locale: ctx.locale, progress: say });
        forgetSettings();
        const triggers = installTriggers(ctx.lang, ctx.user);
        const summary: SetupSummary = { ...result, triggers };
        const parts = [
          result.created.length ? t(ctx.lang, 'setup.createdTabs', { tabs: result.created.join(', ') }) : '',
          result.columnsAdded.length ? t(ctx.lang, 'setup.addedColumns', { count: result.columnsAdded.length }) : '',
          t(ctx.lang, 'setup.rulesApplied', {
            validations: result.validationsApplied,
            protections: result.protections,
          }),
          triggers,
        ].filter(Boolean);
        const message = `${t(ctx.lang, 'setup.done')} ${parts.join(' ')}`;
        say(message);
        return { ok: true as const, summary, message };
      }),
    { fresh: true },
  );
}

export const addClient = (input: unknown) => handle((ctx) => clients.addClient(ctx, input));
export const updateClient = (id: string, patch: unknown) => handle((ctx) => clients.updateClient(ctx, id, patch));
export const logContact = (input: unknown) => handle((ctx) => clients.logContact(ctx, input));
export const getClientCard = (id: string) => handle((ctx) => clients.getClientCard(ctx, id));
export const searchClients = (query: string) => handle((ctx) => clients.searchClients(ctx, query));
export const checkDuplicates = (input: Record<string, unknown>) => handle((ctx) => clients.checkDuplicates(ctx, input));
export const mergeClients = (keepId: string, dropId: string) =>
  handle((ctx) => clients.mergeClients(ctx, keepId, dropId));

export function recomputeClients() {
  return handle((ctx) =>
    withDocumentLock(30000, () => {
      const summary = clients.recompute(ctx);
      return { ok: true as const, summary, message: t(ctx.lang, 'recompute.done', { ...summary }) };
    }),
  );
}

export function getSettings() {
  return handle(
    (ctx) => ({ ok: true as const, settings: ctx.settings, problems: ctx.problems.map((p) => problemText(ctx, p)) }),
    {
      fresh: true,
    },
  );
}

type SettingsPatch = { lists?: Partial<SettingsData['lists']>; values?: Partial<SettingsData['values']> };

/** Validates the whole new settings first; writes only the list columns and value cells that change. */
export function updateSettings(patch: SettingsPatch) {
  return handle(
    (ctx) =>
      withDocumentLock(10000, () => {
        const sheet = findSettingsSheet(ctx.ss);
        if (!sheet) throw new NotSetUpError();
        const p = patch ?? {};
        const errors: Record<string, string> = {};
        const known = new Set<string>([...SIMPLE_LIST_KEYS, 'stages', 'contactTypes']);
        for (const key of Object.keys(p.lists ?? {}))
          if (!known.has(key)) errors[key] = t(ctx.lang, 'input.unknownField', { field: key });
        for (const key of Object.keys(p.values ?? {})) {
          if (!VALUE_DEFS.some((d) => d.key === key)) errors[key] = t(ctx.lang, 'input.unknownField', { field: key });
        }
        const lists = { ...ctx.settings.lists, ...(p.lists ?? {}) } as SettingsData['lists'];
        const raw: { lists: Record<string, unknown[]>; values: Record<string, unknown> } = { lists: {}, values: {} };
        for (const key of SIMPLE_LIST_KEYS) {
          if (!Array.isArray(lists[key])) errors[key] = t(ctx.lang, 'settings.listExpected', { field: key });
          else raw.lists[key] = lists[key];
        }
        if (!Array.isArray(lists.stages)) errors.stages = t(ctx.lang, 'settings.listExpected', { field: 'stages' });
        else {
          raw.lists.stages = lists.stages.map((s) => s?.label ?? '');
          raw.lists.stageMilestones = lists.stages.map((s) => s?.milestone ?? '');
        }
        if (!Array.isArray(lists.contactTypes))
          errors.contactTypes = t(ctx.lang, 'settings.listExpected', { field: 'contactTypes' });
        else {
          raw.lists.contactTypes = lists.contactTypes.map((c) => c?.label ?? '');
          raw.lists.contactKinds = lists.contactTypes.map((c) => c?.kind ?? '');
        }
        Object.assign(raw.values, ctx.settings.values, p.values ?? {});
        if (Object.keys(errors).length) return { ok: false as const, errors };
        const { settings, problems } = validateSettings(raw, defaultSettings(ctx.lang, ctx.locale));
        for (const problem of problems) errors[problem.path] = problemText(ctx, problem);
        if (Object.keys(errors).length) return { ok: false as const, errors };

        const { raw: before, layout, grid } = readRawSettings(sheet);
        for (const key of LIST_COLUMNS) {
          const column = layout.lists[key];
          if (!column) continue;
          const items = listColumnValues(settings, key as ListColumnKey, ctx.lang);
          const old = (before.lists[key] ?? []).map((x) => String(x));
          if (items.length === old.length && items.every((x, i) => x === old[i])) continue;
          writeListColumn(sheet, column, items, old.length);
        }
        for (const def of VALUE_DEFS) {
          if (!p.values || !(def.key in p.values)) continue;
          const r = grid.findIndex((row, i) => i > 0 && String(row[2]).trim() === def.key);
          if (r > 0 && grid[r][1] !== settings.values[def.key])
            sheet.getRange(r + 1, 2).setValue(settings.values[def.key]);
        }
        forgetSettings();
        return { ok: true as const, settings, message: t(ctx.lang, 'settings.saved') };
      }),
    { fresh: true },
  );
}

/** ID of the client in the selected row of the Clients tab, or ''. */
export function selectedClient(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  try {
    const layout = cachedLayout('clients') ?? clientsTab(ss).layout;
    const active = ss.getActiveSheet();
    const range = ss.getActiveRange();
    if (!active || !range || active.getName() !== layout.sheetName || range.getRow() < 2 || !layout.columns.id)
      return '';
    const id = String(active.getRange(range.getRow(), layout.columns.id).getDisplayValue()).trim();
    return CLIENT_ID_PATTERN.test(id) ? id : '';
  } catch (_e) {
    return '';
  }
}

/** The client a sidebar opens for: a well-formed ID passed by the caller, else the selected row's client. */
export function clientToOpen(clientId: unknown): string {
  const id = typeof clientId === 'string' ? clientId.trim().toUpperCase() : '';
  return CLIENT_ID_PATTERN.test(id) ? id : selectedClient(SpreadsheetApp.getActiveSpreadsheet());
}

/**
 * Everything a sidebar needs to render: language, lists, today, headers and the client of the selected row.
 * Settings come from the cache, which every edit of the Settings tab and every updateSettings drops.
 */
export function getFormContext() {
  return handle((ctx) => {
    let selectedClientId = '';
    const headers: Record<string, string> = {};
    for (const f of CLIENT_FIELDS) headers[f.key] = f.header[ctx.lang];
    try {
      const loc = clientsTab(ctx.ss);
      for (const [key, column] of Object.entries(loc.layout.columns)) {
        const text = loc.layout.headers[String(column)];
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
  });
}

/** Installable onEdit: stamps milestone dates when a person changes Stage, and drops caches the edit made stale. */
export function onEditInstalled(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = e?.range;
  if (!range) return;
  const sheet = range.getSheet();
  const settingsSheet = findSettingsSheet(sheet.getParent());
  if (settingsSheet && settingsSheet.getSheetId() === sheet.getSheetId()) {
    forgetSettings();
    return;
  }
  if (range.getRow() === 1) {
    forgetLayout('clients');
    forgetLayout('journal');
  }
  // Layouts are forgotten after structural changes; the next edit reads the layout again.
  const layout = cachedLayout('clients') ?? relocate(sheet.getParent(), TABS.clients)?.layout;
  if (!layout || layout.sheetName !== sheet.getName()) return;
  const firstCol = range.getColumn();
  const lastCol = firstCol + range.getNumColumns() - 1;
  const firstRow = Math.max(range.getRow(), 2);
  const lastRow = range.getRow() + range.getNumRows() - 1;
  if (lastRow < 2) return;
  const touches = (key: string) => layout.columns[key] >= firstCol && layout.columns[key] <= lastCol;
  if (!touches('stage') && !touches('fullName')) return;
  const ctx = openContext();
  withDocumentLock(20000, () =>
    clients.afterPersonEdit(ctx, { sheet, layout }, firstRow, lastRow, {
      stage: touches('stage'),
      name: touches('fullName'),
    }),
  );
}

/** Installable onChange: a column inserted, removed or moved makes the cached layouts stale. */
export function onChangeInstalled(e: GoogleAppsScript.Events.SheetsOnChange): void {
  const type = String(e?.changeType ?? 'OTHER');
  if (type === 'EDIT' || type === 'FORMAT') return;
  forgetLayout('clients');
  forgetLayout('journal');
}

/** Nightly: recomputes totals from the journal (hand-typed rows included). */
export function nightly(): void {
  const result = recomputeClients();
  if (!result.ok) console.warn(JSON.stringify(result));
}
