// The Reminders sidebar: on/off and who sends, the settings, "What will be sent today" with each letter's text, and
// "Run now" with a progress line and a short summary.
import { useEffect, useRef, useState } from 'preact/hooks';
import { SETTING_LABELS, TEMPLATE_RULE_LABELS } from '../../src/domain/reminders/messages';
import type { Failure } from '../../src/shared/api';
import type { PreviewView, ReminderView, RunProgress } from '../../src/shared/reminders';
import { mountSidebar, type SidebarProps } from '../kit/app';
import type { Lang } from '../kit/i18n';
import { run } from '../kit/run';
import {
  type Action,
  Banner,
  Button,
  CheckboxField,
  ChoiceField,
  formKeys,
  Loading,
  Problems,
  Section,
  showFailure,
  TextField,
  useAction,
  useForm,
  useLoaded,
} from '../kit/ui';
import { hourText, type NUMBERS, patchOf, RULES, valuesOf } from './form';
import { missingLabel, rt, statusText, why } from './texts';
import './reminders.css';

function Status(props: { view: ReminderView; lang: Lang; action: Action; onView: (v: ReminderView) => void }) {
  const { view, lang, action } = props;
  const s = view.settings;
  const toggle = (fn: 'enableReminders' | 'disableReminders', takeOver = false) =>
    action.act(async () => {
      const r = fn === 'enableReminders' ? await run(fn, takeOver ? { takeOver } : undefined) : await run(fn);
      if (r.ok) {
        props.onView(r.reminders);
        action.setBanner({ kind: 'success', text: r.message });
      } else showFailure(r, null, [], action, lang, () => toggle(fn, takeOver));
    });
  return (
    <div class="status" data-testid="status">
      <p class={s.enabled ? 'state on' : 'state'}>
        {s.enabled ? rt(lang, 'on', { hour: hourText(s.hour), zone: view.timeZone }) : rt(lang, 'off')}
      </p>
      {s.enabled && view.sender ? (
        <p class="muted small">{rt(lang, view.sender === view.me ? 'fromMe' : 'from', { sender: view.sender })}</p>
      ) : null}
      {view.takeOver ? <p class="small">{rt(lang, 'takeOverHint', { sender: view.sender })}</p> : null}
      <div class="actions">
        {s.enabled ? (
          <Button busy={action.busy} onClick={() => toggle('disableReminders')}>
            {rt(lang, 'turnOff')}
          </Button>
        ) : (
          <Button kind="primary" busy={action.busy} onClick={() => toggle('enableReminders')}>
            {rt(lang, 'turnOn')}
          </Button>
        )}
        {view.takeOver ? (
          <Button busy={action.busy} onClick={() => toggle('enableReminders', true)}>
            {rt(lang, 'takeOver')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function SettingsForm(props: { view: ReminderView; lang: Lang; onView: (v: ReminderView) => void }) {
  const { view, lang } = props;
  const form = useForm(valuesOf(view.settings));
  const action = useAction(lang);
  const label = (k: string) => SETTING_LABELS[lang][k] ?? k;
  useEffect(() => form.reset(valuesOf(view.settings)), [view]);
  const save = () =>
    action.act(async () => {
      const patch = patchOf(view.settings, form.values);
      if (!Object.keys(patch).length) {
        action.setBanner({ kind: 'info', text: rt(lang, 'saved') });
        return;
      }
      const r = await run('saveReminderSettings', patch as never);
      if (r.ok) {
        props.onView(r.reminders);
        action.setBanner({ kind: 'success', text: r.message });
      } else showFailure(r, form, Object.keys(patch), action, lang, save);
    });
  const num = (k: (typeof NUMBERS)[number]) => <TextField form={form} name={k} label={label(k)} inputMode="decimal" />;
  return (
    <form aria-busy={action.busy} {...formKeys(form, save)}>
      <Banner banner={action.banner} lang={lang} />
      <ChoiceField
        form={form}
        name="hour"
        label={rt(lang, 'hour')}
        options={Array.from({ length: 24 }, (_, h) => [String(h), hourText(h)])}
      />
      <TextField
        form={form}
        name="recipients"
        label={label('recipients')}
        hint={rt(lang, 'recipientsHint')}
        multiline
      />
      {num('birthdayDaysAhead')}
      {num('renewalDaysAhead')}
      <fieldset class="rules">
        <legend>{rt(lang, 'rules')}</legend>
        {RULES.map((r) => (
          <CheckboxField key={r} form={form} name={`rule_${r}`} label={TEMPLATE_RULE_LABELS[lang][r]} />
        ))}
        {form.errors.clientRules ? <div class="error">{form.errors.clientRules}</div> : null}
      </fieldset>
      <Section id="more" title={rt(lang, 'more')}>
        <ChoiceField
          form={form}
          name="feb29"
          label={label('feb29')}
          options={[
            ['feb28', rt(lang, 'feb28')],
            ['mar1', rt(lang, 'mar1')],
          ]}
        />
        {num('renewalOfferDaysBefore')}
        {num('maxGreetingDelayDays')}
        {num('digestQuotaReserve')}
        <TextField form={form} name="senderName" label={label('senderName')} />
      </Section>
      <div class="actions">
        <Button kind="primary" type="submit" busy={action.busy}>
          {rt(lang, 'save')}
        </Button>
      </div>
    </form>
  );
}

function Preview({ preview, lang }: { preview: PreviewView; lang: Lang }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div class="preview" data-testid="preview">
      <p class="small muted">{rt(lang, 'quota', { n: preview.quota })}</p>
      {preview.letters.length ? (
        <p>
          <strong>{rt(lang, 'letters', { n: preview.letters.length + preview.more })}</strong>
        </p>
      ) : (
        <p>{rt(lang, 'noLetters')}</p>
      )}
      <ul class="letters">
        {preview.letters.map((l) => (
          <li key={l.key} class={`letter ${l.status}`}>
            <button
              type="button"
              class="btn link"
              aria-expanded={open === l.key}
              onClick={() => setOpen(open === l.key ? null : l.key)}
            >
              {l.name}
            </button>{' '}
            <span class="chip">{statusText(lang, l.status)}</span>
            <div class="small muted">
              {why(lang, l)} · {l.to} · {rt(lang, 'row', { row: l.row })}
            </div>
            {open === l.key ? (
              <div class="mail">
                <div class="subject">{l.subject}</div>
                <pre>{l.body}</pre>
                {l.missing.length ? (
                  <div class="hint">
                    {rt(lang, 'missing', { fields: l.missing.map((k) => missingLabel(lang, k)).join(', ') })}
                  </div>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {preview.more ? <p class="small muted">{rt(lang, 'moreLetters', { n: preview.more })}</p> : null}
      {preview.excluded.length ? (
        <Section id="excluded" title={rt(lang, 'excluded', { n: preview.excluded.length })}>
          <ul class="plain small">
            {preview.excluded.map((x) => (
              <li key={`${x.row}-${x.rule}`}>
                {x.name} ({rt(lang, 'row', { row: x.row })}): {x.reason}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {preview.dropped.length ? (
        <Section id="dropped" title={rt(lang, 'dropped', { n: preview.dropped.length })}>
          <ul class="plain small">
            {preview.dropped.map((d, i) => (
              <li key={i}>
                {d.name} — {d.rule}: {d.reason}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {preview.digest ? (
        <Section id="digest" title={rt(lang, 'digestTitle', { to: preview.digest.to })}>
          <div class="mail">
            <div class="subject">{preview.digest.subject}</div>
            <pre>{preview.digest.body}</pre>
          </div>
        </Section>
      ) : (
        <p class="small muted">{rt(lang, 'noDigest')}</p>
      )}
      {preview.rowProblems ? <p class="small">{rt(lang, 'rowProblems', { n: preview.rowProblems })}</p> : null}
    </div>
  );
}

function progressText(lang: Lang, p: RunProgress | null): string {
  if (!p || p.phase === 'done') return rt(lang, 'running');
  if (p.phase === 'planning') return rt(lang, 'planning');
  if (p.phase === 'digest') return rt(lang, 'digest');
  return rt(lang, 'sending', { sent: p.sent, total: p.total });
}

function Today(props: { lang: Lang; onRan: () => void }) {
  const { lang } = props;
  const action = useAction(lang);
  const [preview, setPreview] = useState<PreviewView | null>(null);
  const [line, setLine] = useState('');
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  useEffect(() => () => timer.current && clearInterval(timer.current), []);
  const fail = (r: Failure, retry: () => void) => showFailure(r, null, [], action, lang, retry);
  const look = () =>
    action.act(async () => {
      const r = await run('previewToday');
      if (r.ok) setPreview(r.preview);
      else fail(r, look);
    });
  const runNow = () =>
    action.act(async () => {
      setPreview(null);
      setLine(rt(lang, 'planning'));
      timer.current = setInterval(() => {
        run('reminderProgress')
          .then((p) => p.ok && setLine(progressText(lang, p.progress)))
          .catch(() => {});
      }, 1500);
      try {
        const r = await run('runDailyJob');
        if (r.ok) action.setBanner({ kind: 'success', text: r.message });
        else fail(r, runNow);
      } finally {
        if (timer.current) clearInterval(timer.current);
        timer.current = null;
        setLine('');
        props.onRan();
      }
    });
  return (
    <section class="today">
      <h2 class="plain-title">{rt(lang, 'today')}</h2>
      <Banner banner={action.banner} lang={lang} />
      <div class="actions">
        <Button busy={action.busy} onClick={look}>
          {rt(lang, 'preview')}
        </Button>
        <Button kind="primary" busy={action.busy} onClick={runNow}>
          {rt(lang, 'runNow')}
        </Button>
      </div>
      {line ? (
        <p class="progress" role="status" data-testid="progress">
          {line}
        </p>
      ) : null}
      {preview ? <Preview preview={preview} lang={lang} /> : null}
    </section>
  );
}

function Reminders({ ctx }: SidebarProps) {
  const lang = ctx.lang;
  const loaded = useLoaded(lang, async () => {
    const r = await run('getReminderSettings');
    return r.ok ? { ok: true as const, value: r.reminders } : r;
  });
  const { value: view, setValue: setView, action, load } = loaded;
  if (!view) return <Loading action={action} lang={lang} />;
  return (
    <main class="sidebar reminders">
      <Banner banner={action.banner} lang={lang} />
      <Status view={view} lang={lang} action={action} onView={setView} />
      <Today lang={lang} onRan={load} />
      <Section id="settings" title={rt(lang, 'settings')} open={!view.settings.enabled}>
        <SettingsForm view={view} lang={lang} onView={setView} />
      </Section>
      <Problems title={rt(lang, 'problems')} items={view.problems} />
      {view.lastRun ? (
        <p class="small muted last">
          {rt(lang, 'lastRun', { at: view.lastRun.at.replace('T', ' '), message: view.lastRun.message })}
        </p>
      ) : null}
    </main>
  );
}

mountSidebar(Reminders);
