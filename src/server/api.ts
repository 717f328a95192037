// What google.script.run, the menu and triggers reach (through src/main.ts): each use case run by `handle`, which
// opens the execution's context and turns expected failures into localized results.

import { readRenderEnv } from '../sheets/renderEnv';
import { addClient as add } from './addClient';
import { getClientCard as card } from './clientCard';
import { checkDuplicates as duplicates } from './duplicates';
import { withChangeAudit, withEditAudit } from './editAudit';
import { onChangeInstalled as changed, onEditInstalled as edited } from './editTriggers';
import { getFormContext as formContext, clientToOpen as toOpen } from './formContext';
import { handle } from './handle';
import * as integrity from './integrity';
import { logContact as log } from './logContact';
import { mergeClients as merge } from './merge';
import { recomputeUnderLock } from './recompute';
import { searchClients as search } from './search';
import { segmentMembers as members } from './segments';
import { rebuildSegments as rebuild } from './segmentsRebuild';
import { type SettingsPatch, updateSettings as saveSettings, getSettings as settings } from './settings';
import { setupDatabase as setup } from './setup';
import { updateClient as update } from './updateClient';

/** Installable onEdit: the edit noted in the audit log and checked, then stamps and IDs (a made-up event: nothing). */
export const onEditInstalled = (e: GoogleAppsScript.Events.SheetsOnEdit) => withEditAudit(e, () => edited(e));
/** Installable onChange: removed rows and columns noted in the audit log, then stale layouts dropped. */
export const onChangeInstalled = (e: GoogleAppsScript.Events.SheetsOnChange) => withChangeAudit(e, () => changed(e));
export { handle } from './handle';
export { nightly } from './nightly';

export const setupDatabase = (progress?: (message: string) => void) =>
  handle((ctx) => setup(ctx, progress), { fresh: true, action: 'setupDatabase', requires: 'setup', flush: true });
export const addClient = (input: unknown) => handle((ctx) => add(ctx, input), { action: 'addClient' });
export const updateClient = (id: string, patch: unknown) =>
  handle((ctx) => update(ctx, id, patch), { action: 'updateClient' });
export const logContact = (input: unknown) => handle((ctx) => log(ctx, input), { action: 'logContact' });
export const getClientCard = (id: string) => handle((ctx) => card(ctx, id));
export const searchClients = (query: string) => handle((ctx) => search(ctx, query));
export const checkDuplicates = (input: Record<string, unknown>) => handle((ctx) => duplicates(ctx, input));
export const mergeClients = (keepId: string, dropId: string) =>
  handle((ctx) => merge(ctx, keepId, dropId), { action: 'mergeClients', requires: 'merge', flush: true });
export const recomputeClients = () => handle(recomputeUnderLock, { action: 'recomputeClients' });
export const rebuildSegments = (progress?: (message: string) => void) =>
  handle((ctx) => rebuild(ctx, progress), { fresh: true });
/** A segment's members by its name, selected in TypeScript by the rules of its tab (for mailings). */
export const segmentMembers = (name: string) =>
  handle((ctx) => members(ctx, () => readRenderEnv(ctx.ss, ctx), name), { fresh: true });
export const getSettings = () => handle(settings, { fresh: true });
export const updateSettings = (patch: SettingsPatch) =>
  handle((ctx) => saveSettings(ctx, patch), { fresh: true, action: 'updateSettings', flush: true });
/** The daily integrity check on demand: clients against the last snapshot, duplicate IDs, the audit chain. */
export const checkIntegrity = () =>
  handle((ctx) => integrity.checkIntegrity(ctx), {
    fresh: true,
    action: 'checkIntegrity',
    requires: 'audit',
    flush: true,
  });
/** Vanished clients back from the snapshot (and IDs back to rows that lost them). */
export const restoreClients = () =>
  handle((ctx) => integrity.restoreClients(ctx), {
    fresh: true,
    action: 'restoreClients',
    requires: 'restore',
    flush: true,
  });
/** The audit log checked against its hash chain. */
export const verifyAudit = () =>
  handle((ctx) => integrity.verifyAudit(ctx), { action: 'verifyAudit', requires: 'audit', flush: true });
export const getFormContext = () => handle(formContext);
export const clientToOpen = (clientId: unknown) => toOpen(clientId);
