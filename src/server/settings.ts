// The Settings as JSON for the sidebars: read validated, changed only after the whole new set validates.
import { defaultSettings, type SettingsData, SIMPLE_LIST_KEYS, VALUE_DEFS, validateSettings } from '../domain/settings';
import { trustText } from '../domain/trustMessages';
import { setError, validateSettingsLists } from '../domain/validate';
import { t } from '../i18n';
import { withDocumentLock } from '../services/env';
import { NotSetUpError } from '../sheets/records';
import { reprotectOwnerTabs } from '../sheets/repair';
import {
  findSettingsSheet,
  forgetSettings,
  LIST_COLUMNS,
  type ListColumnKey,
  listColumnValues,
  readRawSettings,
  type SettingsRead,
  writeSettings,
} from '../sheets/settingsTab';
import { ensureSize } from '../sheets/tabs';
import { type Ctx, problemText, UserError } from './context';
import { ownerEditors, requireRole } from './roles';

export type SettingsPatch = { lists?: Partial<SettingsData['lists']>; values?: Partial<SettingsData['values']> };

export function getSettings(ctx: Ctx) {
  return { ok: true as const, settings: ctx.settings, problems: ctx.problems.map((p) => problemText(ctx, p)) };
}

/** The settings a patch asks for, as the tab would hold them; errors for unknown keys and non-lists. */
function patched(ctx: Ctx, p: SettingsPatch) {
  const errors: Record<string, string> = {};
  const known = new Set<string>([...SIMPLE_LIST_KEYS, 'stages', 'contactTypes']);
  // A payload is { lists?, values? }: any other key (an own "__proto__" too) is refused, not ignored.
  for (const key of typeof p === 'object' ? Object.keys(p) : [])
    if (key !== 'lists' && key !== 'values') setError(errors, key, t(ctx.lang, 'input.unknownField', { field: key }));
  for (const part of ['lists', 'values'] as const) {
    const v = p[part];
    if (v !== undefined && (v === null || typeof v !== 'object' || Array.isArray(v)))
      setError(errors, part, t(ctx.lang, 'input.wrongType', { field: part }));
  }
  if (Object.keys(errors).length) return { raw: { lists: {}, values: {} }, errors };
  for (const key of Object.keys(p.lists ?? {}))
    if (!known.has(key)) setError(errors, key, t(ctx.lang, 'input.unknownField', { field: key }));
  for (const key of Object.keys(p.values ?? {})) {
    if (!VALUE_DEFS.some((d) => d.key === key))
      setError(errors, key, t(ctx.lang, 'input.unknownField', { field: key }));
    else {
      const v = (p.values as Record<string, unknown>)[key];
      if (v !== null && typeof v === 'object') setError(errors, key, t(ctx.lang, 'input.wrongType', { field: key }));
    }
  }
  Object.assign(errors, validateSettingsLists((p.lists ?? {}) as Record<string, unknown>, ctx.lang));
  if (Object.keys(errors).length) return { raw: { lists: {}, values: {} }, errors };
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
  return { raw, errors };
}

const LIST_PARTS: Record<string, ListColumnKey[]> = {
  stages: ['stages', 'stageMilestones'],
  contactTypes: ['contactTypes', 'contactKinds'],
};

/** True when a list or value the patch changes has no column or row left in the tab. */
function layoutLost(read: SettingsRead, p: SettingsPatch): boolean {
  for (const key of Object.keys(p.lists ?? {}))
    if ((LIST_PARTS[key] ?? [key as ListColumnKey]).some((k) => !read.layout.lists[k])) return true;
  return Object.keys(p.values ?? {}).some((k) => !read.valueRows[k]);
}

/** Validates the whole new settings first; writes only the list columns and value cells that change. */
export function updateSettings(ctx: Ctx, patch: SettingsPatch) {
  requireRole(ctx, 'settings');
  return withDocumentLock(10000, () => {
    const sheet = findSettingsSheet(ctx.ss);
    if (!sheet) throw new NotSetUpError();
    const p = patch ?? {};
    const { raw, errors } = patched(ctx, p);
    if (Object.keys(errors).length) return { ok: false as const, errors };
    const { settings, problems } = validateSettings(raw, defaultSettings(ctx.lang, ctx.locale));
    for (const problem of problems) errors[problem.path] = problemText(ctx, problem);
    if (Object.keys(errors).length) return { ok: false as const, errors };
    const before = readRawSettings(sheet);
    // A Settings tab cleared or reshaped by hand has no place for the change: say so rather than "saved".
    if (layoutLost(before, p)) throw new UserError({ _: trustText(ctx.lang, 'layout.settingsBroken') });
    const longest = Math.max(0, ...LIST_COLUMNS.map((k) => listColumnValues(settings, k, ctx.lang).length));
    ensureSize(sheet, longest + 1, 1);
    writeSettings(sheet, before, settings, ctx.lang, Object.keys(p.values ?? {}));
    forgetSettings();
    if (p.lists && Object.hasOwn(p.lists, 'admins'))
      reprotectOwnerTabs(ctx.ss, ownerEditors(ctx, settings.lists.admins), trustText(ctx.lang, 'protect.ownerOnly'));
    return { ok: true as const, settings, message: t(ctx.lang, 'settings.saved') };
  });
}
