// Set up / repair database: every tab of the registry, then the triggers, with progress toasts; returns the summary.

import { defaultSettings } from '../domain/settings';
import { trustText } from '../domain/trustMessages';
import { t } from '../i18n';
import { withDocumentLock } from '../services/env';
import { recordOwnerIfNone } from '../services/identity';
import { unsubscribeSecret } from '../services/signing';
import { installSetupTriggers } from '../services/triggers';
import { toast } from '../services/ui';
import type { SetupSummary } from '../shared/api';
import { forgetSettings, loadSettings } from '../sheets/settingsTab';
import { setupTabs } from '../sheets/setup';
import type { Ctx } from './context';
import { recoverLostIds } from './integrity';
import { ownerEditors } from './roles';
import { runBuilders, SEGMENT_TABS } from './segmentsRebuild';

export function setupDatabase(ctx: Ctx, progress?: (message: string) => void) {
  return withDocumentLock(30000, () => {
    const say = progress ?? ((m: string) => toast(ctx.lang, m));
    say(t(ctx.lang, 'setup.started'));
    const result = setupTabs({
      ss: ctx.ss,
      lang: ctx.lang,
      locale: ctx.locale,
      timeZone: ctx.timeZone,
      today: ctx.today,
      progress: say,
      editors: ownerEditors(ctx),
    });
    forgetSettings();
    recordOwnerIfNone(ctx.ss, ctx.user);
    // The secret unsubscribe links are signed with (made once, kept in the script's properties).
    unsubscribeSecret();
    // Rows whose ID column was deleted and put back get their IDs again (hints, snapshot, journal).
    const recovered = recoverLostIds(ctx);
    // Trigger hours read from Settings use what the tab holds now (it may have just been created).
    const { settings } = loadSettings(ctx.ss, defaultSettings(ctx.lang, ctx.locale), { fresh: true });
    // Segment tabs the first time (the registry's generated tabs were rendered by setupTabs).
    const built = runBuilders({ ...ctx, settings }, say, [SEGMENT_TABS]);
    const triggers = installSetupTriggers(ctx.lang, {
      user: ctx.user,
      timeZone: ctx.timeZone,
      values: settings.values,
    });
    const summary: SetupSummary = { ...result, triggers };
    const parts = [
      result.created.length ? t(ctx.lang, 'setup.createdTabs', { tabs: result.created.join(', ') }) : '',
      result.columnsAdded.length ? t(ctx.lang, 'setup.addedColumns', { count: result.columnsAdded.length }) : '',
      t(ctx.lang, 'setup.rulesApplied', { validations: result.validationsApplied, protections: result.protections }),
      ...built,
      triggers,
      recovered ? trustText(ctx.lang, 'restore.ids', { count: recovered }) : '',
    ].filter(Boolean);
    // The summary is the caller's to show once (the menu's alert); the toasts were only progress.
    const message = `${t(ctx.lang, 'setup.done')} ${parts.join(' ')}`;
    return { ok: true as const, summary, message };
  });
}
