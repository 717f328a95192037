// The nightly run (a trigger at 03:00): totals recomputed from the journal, hand-typed rows included.

import { rollFunnelMonth } from './funnel';
import { handle } from './handle';
import { recomputeUnderLock } from './recompute';

export function nightly(): void {
  const result = handle(recomputeUnderLock);
  if (!result.ok) console.warn(JSON.stringify(result));
  // A new month: the Funnel tab moves on to show it.
  const rolled = handle(rollFunnelMonth);
  if (typeof rolled !== 'boolean') console.warn(JSON.stringify(rolled));
}
