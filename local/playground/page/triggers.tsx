// What the triggers did: a notice after the clock moves (or a trigger fails) and the log of recent trigger runs.
import type { TriggerRun } from './api';
import { dateTime, intlLocale, t, time } from './i18n';

function seconds(ms: number): string {
  const digits = ms < 10_000 ? 1 : 0;
  const n = new Intl.NumberFormat(intlLocale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${n.format(ms / 1000)} ${t.seconds}`;
}

function Run({ run, timeZone, withDate }: { run: TriggerRun; timeZone: string; withDate?: boolean }) {
  return (
    <li class={run.error ? 'failed' : 'ok'} data-testid="trigger-run">
      <div>
        <span class="when">{withDate ? dateTime(run.at, timeZone) : time(run.at, timeZone)}</span>{' '}
        <b class="handler">{run.handler}</b> <span class="muted">{t.triggerKind[run.kind] ?? run.kind}</span>
      </div>
      <div class="muted">
        {t.asUser(run.owner)} · {run.error ? t.failed : t.completed} · {seconds(run.ms)}
      </div>
      {run.error ? <div class="error-text">{run.error}</div> : null}
    </li>
  );
}

/** After a clock move: which triggers came due and ran, or that none did; after a failed trigger: which one. */
export function TriggerNotice({
  runs,
  clock,
  timeZone,
  onClose,
}: {
  runs: TriggerRun[];
  clock: boolean;
  timeZone: string;
  onClose: () => void;
}) {
  const failed = runs.some((r) => r.error);
  return (
    <div class={`trigger-notice${failed ? ' has-errors' : ''}`} role="status" aria-label={t.triggersRan}>
      <header>
        <b>{clock || !failed ? t.triggersRan : t.triggerFailed}</b>
        <button type="button" class="close" onClick={onClose} aria-label={t.close}>
          ×
        </button>
      </header>
      {runs.length ? (
        <ul class="trigger-runs">
          {runs.map((r) => (
            <Run run={r} timeZone={timeZone} key={r.id} />
          ))}
        </ul>
      ) : (
        <p class="muted">{t.noTriggersDue}</p>
      )}
    </div>
  );
}

/** The recent trigger runs, newest first, like Apps Script's Executions page. */
export function TriggerLog({ runs, timeZone, onClose }: { runs: TriggerRun[]; timeZone: string; onClose: () => void }) {
  return (
    <div class="side-panel trigger-log" role="dialog" aria-label={t.triggersTitle}>
      <header>
        <b>{t.triggersTitle}</b>
        <button type="button" class="close" onClick={onClose} aria-label={t.closeTriggers}>
          ×
        </button>
      </header>
      {runs.length ? (
        <ul class="trigger-runs">
          {[...runs].reverse().map((r) => (
            <Run run={r} timeZone={timeZone} withDate key={r.id} />
          ))}
        </ul>
      ) : (
        <p class="muted">{t.noTriggerRuns}</p>
      )}
    </div>
  );
}
