// A tiny fake execution layer for spreadsheet tests: a settable clock and actor, recorded toasts.

import type { SpreadsheetHooks } from '../../../local/contract';
import { createSpreadsheetModel } from '../../../local/spreadsheet/index';

export interface FakeHooks extends SpreadsheetHooks {
  clock: { now: Date };
  actor: { user: string; inScript: boolean };
  toasts: Array<{ message: string; title: string; timeout: number }>;
}

export function fakeHooks(now = '2026-03-15T09:00:00Z', user = 'owner@example.com'): FakeHooks {
  const clock = { now: new Date(now) };
  const actor = { user, inScript: true };
  const toasts: FakeHooks['toasts'] = [];
  return {
    clock,
    actor,
    toasts,
    context: { now: () => clock.now, user: () => actor.user, inScript: () => actor.inScript },
    toast: (message, title, timeout) => toasts.push({ message, title, timeout }),
    ui: () => {
      throw new Error('no Ui in spreadsheet tests');
    },
  };
}

export function newModel(opts: { locale?: string; timeZone?: string; now?: string } = {}) {
  const hooks = fakeHooks(opts.now);
  const model = createSpreadsheetModel({
    timeZone: opts.timeZone ?? 'Europe/Moscow',
    locale: opts.locale ?? 'ru_RU',
    owner: 'owner@example.com',
    hooks,
  });
  // Tests talk to the emulator's own classes (same objects scripts get).
  const ss = model.spreadsheet as any;
  const app = model.app as any;
  return { model, hooks, ss, app };
}
