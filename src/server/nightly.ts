// The nightly run (a trigger at 03:00): totals recomputed from the journal, hand-typed rows included.

import { rollFunnelMonth } from './funnel';
import { handle } from './handle';
import { dailyIntegrity } from './integrity';
import { recomputeUnderLock } from './recompute';

export function nightly(): void {
  // The daily integrity check first: what vanished overnight is compared before anything is recomputed.
  const checked = handle((ctx) => dailyIntegrity(ctx), { action: 'dailyCheck', flush: true });
  if ('ok' in checked && checked.ok === false) console.warn(JSON.stringify(checked));
  const result = handle(recomputeUnderLock, { action: 'nightly', flush: true });
  if (!result.ok) console.warn(JSON.stringify(result));
  // A new month: the Funnel tab moves on to show it.
  const rolled = handle(rollFunnelMonth);
  if (typeof rolled !== 'boolean') console.warn(JSON.stringify(rolled));
}
