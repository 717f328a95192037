// The Settings as JSON for the sidebars: read validated, changed only after the whole new set validates.
import { defaultSettings, type SettingsData, SIMPLE_LIST_KEYS, VALUE_DEFS, validateSettings } from '../domain/settings';
import { t } from '../i18n';
import { withDocumentLock } from '../services/env';
import { NotSetUpError } from '../sheets/records';
import { findSettingsSheet, forgetSettings, readRawSettings, writeSettings } from '../sheets/settingsTab';
import { type Ctx, problemText } from './context';

export type SettingsPatch = { lists?: Partial<SettingsData['lists']>; values?: Partial<SettingsData['values']> };

export function getSettings(ctx: Ctx) {
  return { ok: true as const, settings: ctx.settings, problems: ctx.problems.map((p) => problemText(ctx, p)) };
}

/** The settings a patch asks for, as the tab would hold them; errors for unknown keys and non-lists. */
function patched(ctx: Ctx, p: SettingsPatch) {
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
  return { raw, errors };
}

/** Validates the whole new settings first; writes only the list columns and value cells that change. */
export function updateSettings(ctx: Ctx, patch: SettingsPatch) {
  return withDocumentLock(10000, () => {
    const sheet = findSettingsSheet(ctx.ss);
    if (!sheet) throw new NotSetUpError();
    const p = patch ?? {};
    const { raw, errors } = patched(ctx, p);
    if (Object.keys(errors).length) return { ok: false as const, errors };
    const { settings, problems } = validateSettings(raw, defaultSettings(ctx.lang, ctx.locale));
    for (const problem of problems) errors[problem.path] = problemText(ctx, problem);
    if (Object.keys(errors).length) return { ok: false as const, errors };
    writeSettings(sheet, readRawSettings(sheet), settings, ctx.lang, Object.keys(p.values ?? {}));
    forgetSettings();
    return { ok: true as const, settings, message: t(ctx.lang, 'settings.saved') };
  });
}
