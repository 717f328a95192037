// When a run must stop: from the time used so far and what each send has cost, decide whether the next send (or
// the digest) still fits well before Apps Script's 6-minute limit, or the run hands the rest to a continuation.

export interface RunLimits {
  /** The run stops starting new work at this elapsed time (Apps Script kills it at 6 minutes). */
  stopAtMs: number;
  /** Assumed cost of one send before any was measured (a MailApp call and two Sent-log writes). */
  firstSendMs: number;
  /** Estimates are the measured mean times this factor (sends vary; the slowest one seen counts too). */
  safety: number;
  /** Building and sending the digest, in sends. */
  digestSends: number;
  /** A continuation starts this long after the run stops (the shortest one-off time trigger). */
  continueAfterMs: number;
}

export const DEFAULT_RUN_LIMITS: Readonly<RunLimits> = Object.freeze({
  stopAtMs: 270_000,
  firstSendMs: 2_000,
  safety: 1.5,
  digestSends: 3,
  continueAfterMs: 60_000,
});

export interface RunProgress {
  /** Time since the run started. */
  elapsedMs: number;
  /** Sends finished in this run and the time they took in all. */
  sendsDone: number;
  sendMsTotal: number;
  /** The slowest single send of this run (0 when none). */
  slowestSendMs?: number;
  /** Client letters of the plan not sent yet. */
  remaining: number;
  /** The digest has not gone yet today. */
  digestPending: boolean;
}

export type RunDecision =
  | { action: 'send'; estimateMs: number /** How many more sends fit after this estimate. */; fits: number }
  | { action: 'digest'; estimateMs: number }
  | { action: 'continueLater'; remaining: number; digestPending: boolean; afterMs: number }
  | { action: 'done' };

/** Expected cost of the next send. */
export function sendEstimate(progress: RunProgress, limits: RunLimits = DEFAULT_RUN_LIMITS): number {
  if (progress.sendsDone <= 0) return limits.firstSendMs;
  const mean = progress.sendMsTotal / progress.sendsDone;
  return Math.max(mean * limits.safety, progress.slowestSendMs ?? 0);
}

/**
 * The next step of a run: send one more letter while it and the digest still fit before stopAtMs; then the
 * digest; otherwise stop and leave the rest (and the digest, if it has not gone) to a continuation.
 */
export function nextRunStep(progress: RunProgress, limits: RunLimits = DEFAULT_RUN_LIMITS): RunDecision {
  const estimate = sendEstimate(progress, limits);
  const digestMs = progress.digestPending ? estimate * limits.digestSends : 0;
  const left = limits.stopAtMs - progress.elapsedMs;
  if (progress.remaining > 0) {
    if (estimate + digestMs <= left) {
      const fits = Math.min(progress.remaining, Math.floor((left - digestMs) / estimate));
      return { action: 'send', estimateMs: estimate, fits };
    }
  } else if (progress.digestPending) {
    if (digestMs <= left) return { action: 'digest', estimateMs: digestMs };
  } else return { action: 'done' };
  return {
    action: 'continueLater',
    remaining: progress.remaining,
    digestPending: progress.digestPending,
    afterMs: limits.continueAfterMs,
  };
}

/** The send list split into what this run can still do and what a continuation gets (for the run summary). */
export function splitForTime<T>(
  items: readonly T[],
  progress: Omit<RunProgress, 'remaining'>,
  limits: RunLimits = DEFAULT_RUN_LIMITS,
): { now: T[]; later: T[] } {
  const step = nextRunStep({ ...progress, remaining: items.length }, limits);
  const n = step.action === 'send' ? step.fits : 0;
  return { now: items.slice(0, n), later: items.slice(n) };
}
