// The nightly run (a trigger at 03:00): totals recomputed from the journal, hand-typed rows included.

import { handle } from './handle';
import { recomputeUnderLock } from './recompute';

export function nightly(): void {
  const result = handle(recomputeUnderLock);
  if (!result.ok) console.warn(JSON.stringify(result));
}
