// Changes fields of a card: only the cells that differ are written; a new stage stamps its milestone dates.
import { milestonesOf } from '../domain/card';
import { CLIENT_FIELDS } from '../domain/fields';
import { milestoneStamps } from '../domain/funnel';
import { trustText } from '../domain/trustMessages';
import { validateClient } from '../domain/validate';
import { t } from '../i18n';
import { withDocumentLock } from '../services/env';
import { rememberHints, writeClientFields } from '../sheets/clients';
import type { Row } from '../sheets/records';
import { KEY_FIELDS, LOCK_MS } from './addClient';
import { cleanId, loadClient } from './clientLookup';
import { type Ctx, UserError } from './context';
import { type Candidate, findDuplicateClients } from './duplicates';

export function updateClient(ctx: Ctx, rawId: string, patch: unknown) {
  const valid = validateClient(patch, ctx, { partial: true });
  if (!valid.ok) return { ok: false as const, errors: valid.errors };
  return withDocumentLock(LOCK_MS, () => {
    const id = cleanId(rawId);
    const { rec, row, tab } = loadClient(ctx, id);
    if (valid.ifUnchanged) {
      const moved = Object.keys(valid.ifUnchanged).filter(
        (k) => String(rec[k] ?? '') !== String(valid.ifUnchanged?.[k] ?? ''),
      );
      if (moved.length) {
        const fields = moved.map((k) => CLIENT_FIELDS.find((f) => f.key === k)?.header[ctx.lang] ?? k).join(', ');
        throw new UserError({ _: trustText(ctx.lang, 'conflict.changed', { fields }) }, true);
      }
    }
    const changes: Row = {};
    for (const [key, value] of Object.entries(valid.values)) {
      if (String(rec[key] ?? '') !== String(value)) changes[key] = value;
    }
    if (changes.stage) {
      Object.assign(
        changes,
        milestoneStamps(ctx.settings, String(changes.stage), milestonesOf({ ...rec, ...changes }), ctx.today),
      );
    }
    const keyChanged = KEY_FIELDS.some((k) => k in changes && changes[k] !== '');
    if (keyChanged && !valid.allowDuplicate) {
      const candidate: Candidate = {};
      for (const k of KEY_FIELDS) if (k in changes) candidate[k] = String(changes[k]);
      const duplicates = findDuplicateClients(ctx, candidate, id).filter((d) => d.id !== id);
      if (duplicates.length) return { ok: false as const, duplicates };
    }
    const changed = Object.keys(changes);
    if (changed.length) writeClientFields(tab, row, changes, ctx.timeZone);
    if ('fullName' in changes) rememberHints([[id, row, String(changes.fullName)]]);
    return {
      ok: true as const,
      id,
      changed,
      message: changed.length
        ? t(ctx.lang, 'client.updated', { count: changed.length })
        : t(ctx.lang, 'client.unchanged'),
    };
  });
}
