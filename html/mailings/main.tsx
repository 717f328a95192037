// The "Send to a segment…" sidebar: a segment and a letter (a template, or one written here), who gets it and who is
// left out and why, the letter as any member would get it, a test to yourself, then send now or at a day and hour —
// always after a confirmation with the count — with a progress line, the result, and the scheduled mailings.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatWeekdays } from '../../src/domain/mailings/schedule';
import type { Failure } from '../../src/shared/api';
import type { MailingPreview, MailingRequest, MailingsView, ScheduledMailing } from '../../src/shared/mailings';
import { mountSidebar, type SidebarProps } from '../kit/app';
import { type DateStyle, formatDay } from '../kit/dates';
import type { Lang } from '../kit/i18n';
import { run } from '../kit/run';
import {
  Banner,
  Button,
  ChoiceField,
  DateField,
  focusFirstError,
  formKeys,
  Loading,
  Problems,
  Section,
  showFailure,
  TextField,
  useAction,
  useDateStyle,
  useForm,
  useLoaded,
} from '../kit/ui';
import { EMPTY, excludedGroups, OWN, requestOf, variantOf } from './form';
import { clientsWord, mt } from './texts';
import './mailings.css';

/** Fields whose server errors can sit beside them. */
const SHOWN = ['segment', 'template', 'subject', 'body', 'buttonText', 'buttonUrl', 'day', 'hour'];

/** Server error keys that name the same fields differently. */
function besideKeys(failure: Failure): Failure {
  if (!('errors' in failure) || !failure.errors) return failure;
  const alias: Record<string, string> = { button: 'buttonUrl', at: 'day' };

  const errors: Record<string, string> = {};
  for (const [k, v] of Object.entries(failure.errors)) errors[alias[k] ?? k] = v;
  return { ...failure, errors };
}

/** The letter one member would get: HTML in a frame that runs nothing, or its plain-text version. */
function Letter(props: { preview: MailingPreview; lang: Lang; clientId: string; onClient: (id: string) => void }) {
  const { preview, lang } = props;
  const [plain, setPlain] = useState(false);
  const sample = preview.sample;
  const variant = preview.recipients.find((r) => r.id === sample?.clientId)?.variant ?? '';
  const out = preview.excluded.find((x) => x.id === sample?.clientId);
  const members = [
    ...preview.recipients.map((r) => ({ id: r.id, name: r.name, out: false })),
    ...preview.excluded.map((x) => ({ id: x.id, name: x.name, out: true })),
  ];
  const option = (m: (typeof members)[number]) => (
    <option key={m.id} value={m.id}>
      {m.name || m.id}
    </option>
  );
  return (
    <div class="letter" data-testid="letter">
      {members.length > 1 ? (
        <div class="field">
          <label for="f-client">{mt(lang, 'previewFor')}</label>
          <select
            id="f-client"
            value={props.clientId || sample?.clientId}
            onChange={(e) => props.onClient(e.currentTarget.value)}
          >
            {preview.recipients.length ? (
              <optgroup label={mt(lang, 'recipientsGroup')}>{members.filter((m) => !m.out).map(option)}</optgroup>
            ) : null}
            {preview.excluded.length ? (
              <optgroup label={mt(lang, 'excludedGroup')}>{members.filter((m) => m.out).map(option)}</optgroup>
            ) : null}
          </select>
        </div>
      ) : null}
      {sample ? (
        <div class="mail">
          <div class="subject">{mt(lang, 'subjectLine', { subject: sample.subject })}</div>
          {sample.to ? <div class="small muted">{mt(lang, 'toLine', { to: sample.to })}</div> : null}
          {variant ? <div class="small muted">{mt(lang, 'variantLine', { segment: variant })}</div> : null}
          {out ? (
            <div class="small warn-line" data-testid="not-sent">
              {mt(lang, 'notSent', { reason: out.reasonText })}
            </div>
          ) : null}
          <fieldset class="switch" aria-label={mt(lang, 'letterFrame')}>
            <button type="button" class="btn link" aria-pressed={!plain} onClick={() => setPlain(false)}>
              {mt(lang, 'viewHtml')}
            </button>
            <button type="button" class="btn link" aria-pressed={plain} onClick={() => setPlain(true)}>
              {mt(lang, 'viewText')}
            </button>
          </fieldset>
          {plain ? (
            <pre data-testid="plain">{sample.body}</pre>
          ) : (
            <iframe title={mt(lang, 'letterFrame')} sandbox="" srcdoc={sample.htmlBody} data-testid="html" />
          )}
        </div>
      ) : null}
    </div>
  );
}

function Audience({ preview, lang }: { preview: MailingPreview; lang: Lang }) {
  const { counts } = preview;
  const groups = excludedGroups(preview.excluded);
  return (
    <div class="audience" data-testid="audience">
      <p class="count">
        <strong>
          {counts.recipients
            ? mt(lang, 'audience', { n: counts.recipients, members: counts.members })
            : mt(lang, 'audienceNone', { members: counts.members })}
        </strong>
      </p>
      {groups.length ? (
        <div class="excluded" data-testid="excluded">
          <p class="small">{mt(lang, 'excluded', { n: counts.excluded })}</p>
          {groups.map((g) => (
            <Section
              key={g.reason}
              id={`x-${g.reason}`}
              title={`${g.text}: ${counts.byReason[g.reason] ?? g.members.length}`}
            >
              <ul class="plain small">
                {g.members.map((m) => (
                  <li key={m.id}>
                    {m.name || m.id} <span class="muted">{m.id}</span>
                  </li>
                ))}
              </ul>
            </Section>
          ))}
        </div>
      ) : null}
      <p class="small when" data-testid="when">
        {preview.when}
      </p>
    </div>
  );
}

/** 'yyyy-mm-ddTHH:mm' as the sheet writes it: '17.03.2026 10:00', '03/17/2026 10:00'. */
const wallTime = (at: string, style: DateStyle) => `${formatDay(at.slice(0, 10), style)} ${at.slice(11, 16)}`.trim();

function Scheduled(props: { view: MailingsView; lang: Lang; style: DateStyle; onView: (v: MailingsView) => void }) {
  const { view, lang, style } = props;
  const action = useAction(lang);
  const [asking, setAsking] = useState<string | null>(null);
  if (!view.mailings.length) return null;
  const cancel = (m: ScheduledMailing) =>
    action.act(async () => {
      const r = await run('cancelMailing', m.mailingId);
      setAsking(null);
      if (!r.ok) return showFailure(r, null, [], action, lang, () => cancel(m));
      action.setBanner({ kind: 'success', text: r.message });
      const v = await run('mailingsView');
      if (v.ok) props.onView(v.view);
    });
  return (
    <Section id="scheduled" title={mt(lang, 'scheduled')} open={view.mailings.some((m) => m.state === 'scheduled')}>
      <Banner banner={action.banner} lang={lang} />
      <ul class="plain small mailings-list" data-testid="mailings">
        {view.mailings.map((m) => (
          <li key={m.mailingId}>
            <div>
              {mt(lang, 'mailingLine', { at: wallTime(m.at, style), segment: m.segment, template: m.template })}
            </div>
            <div class="muted">
              <span class={`chip ${m.state}`}>{mt(lang, `state.${m.state}`)}</span>{' '}
              {mt(lang, 'mailingCounts', { sent: m.sent, queued: m.queued })}
              {m.by ? ` · ${mt(lang, 'by', { by: m.by })}` : ''}
            </div>
            {m.state === 'scheduled' ? (
              asking === m.mailingId ? (
                <div
                  class="confirm"
                  role="alertdialog"
                  aria-label={mt(lang, 'cancelConfirm', { template: m.template })}
                >
                  <p>{mt(lang, 'cancelConfirm', { template: m.template })}</p>
                  <div class="actions">
                    <Button kind="primary" busy={action.busy} onClick={() => cancel(m)}>
                      {mt(lang, 'cancelYes')}
                    </Button>
                    <Button onClick={() => setAsking(null)}>{mt(lang, 'cancel')}</Button>
                  </div>
                </div>
              ) : (
                <Button kind="link" onClick={() => setAsking(m.mailingId)}>
                  {mt(lang, 'cancelMailing')}
                </Button>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The running mailing's count as the server last recorded it. */
function progressLine(lang: Lang, view: MailingsView): string {
  const m = view.mailings.find((x) => x.state === 'sending');
  if (!m?.queued) return mt(lang, 'sending');
  return mt(lang, 'sendingN', { sent: m.sent, total: m.queued });
}

function Composer(props: SidebarProps & { view: MailingsView; onView: (v: MailingsView) => void }) {
  const { view, ctx } = props;
  const lang = ctx.lang;
  const style = useDateStyle(lang, ctx.locale, view.timeZone || ctx.timeZone, view.now.slice(0, 10) || ctx.today);
  const form = useForm({ ...EMPTY, hour: String(Math.min(23, Number(view.now.slice(11, 13)) + 1 || 10)) });
  const action = useAction(lang);
  const sendAction = useAction(lang);
  const [preview, setPreview] = useState<MailingPreview | null>(null);
  const [clientId, setClientId] = useState('');
  const [confirm, setConfirm] = useState<{ request: MailingRequest; count: number } | null>(null);
  const [line, setLine] = useState('');
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  useEffect(() => () => timer.current && clearInterval(timer.current), []);
  const v = form.values;
  const own = v.template === OWN;
  // A question asked about other values no longer stands: what is confirmed is what the form says now.
  useEffect(() => setConfirm(null), [v]);

  /** The request, or the errors shown beside the fields. */
  const request = (): MailingRequest | null => {
    const r = requestOf(form.values, style, view.now);
    if (r.ok) return r.request;
    form.setErrors(r.errors);
    focusFirstError();
    return null;
  };

  const check = (who = clientId, values = form.values) =>
    action.act(async () => {
      const r = requestOf(values, style, view.now);
      if (!r.ok) {
        form.setErrors(r.errors);
        focusFirstError();
        return;
      }
      const answer = await run('previewMailing', r.request, who || undefined);
      if (answer.ok) {
        setPreview(answer);
        setClientId(answer.sample?.clientId ?? '');
      } else {
        setPreview(null);
        showFailure(besideKeys(answer), form, SHOWN, action, lang, () => check(who, values));
      }
    });

  // A segment and a saved template are enough to look: the audience shows as soon as both are picked.
  const picked = (key: string, value: string) => {
    setPreview(null);
    setClientId('');
    const next = { ...form.values, [key]: value };
    if (next.segment && next.template && next.template !== OWN) void check('', next);
  };

  const test = () =>
    action.act(async () => {
      const r = request();
      if (!r) return;
      const answer = await run('testMailing', r, clientId || undefined);
      if (answer.ok) action.setBanner({ kind: 'success', text: answer.message });
      else showFailure(besideKeys(answer), form, SHOWN, action, lang, test);
    });

  // The count in the question is the one the server gives for this exact request, just now.
  const ask = () =>
    sendAction.act(async () => {
      const r = request();
      if (!r) return;
      const answer = await run('previewMailing', r, clientId || undefined);
      if (!answer.ok) return showFailure(besideKeys(answer), form, SHOWN, sendAction, lang, ask);
      setPreview(answer);
      if (!answer.counts.recipients) {
        sendAction.setBanner({ kind: 'info', text: mt(lang, 'nobody') });
        return;
      }
      setConfirm({ request: r, count: answer.counts.recipients });
    });

  const send = (c: { request: MailingRequest; count: number }) =>
    sendAction.act(async () => {
      setConfirm(null);
      setLine(mt(lang, 'sending'));
      timer.current = setInterval(() => {
        run('mailingsView')
          .then((x) => x.ok && setLine(progressLine(lang, x.view)))
          .catch(() => {});
      }, 2000);
      try {
        const answer = await run('sendMailing', c.request);
        if (answer.ok) {
          sendAction.setBanner({ kind: 'success', text: answer.message });
          setPreview(null);
        } else showFailure(besideKeys(answer), form, SHOWN, sendAction, lang, () => send(c));
      } finally {
        if (timer.current) clearInterval(timer.current);
        timer.current = null;
        setLine('');
        const fresh = await run('mailingsView').catch(() => null);
        if (fresh?.ok) props.onView(fresh.view);
      }
    });

  const variant = own ? null : variantOf(view, v.template, v.segment);
  const segmentOptions: Array<[string, string]> = [
    ['', mt(lang, 'chooseSegment')],
    ...view.segments.map((s): [string, string] => [s.name, mt(lang, 'segmentOption', { name: s.name, n: s.size })]),
  ];
  const templateOptions: Array<[string, string]> = [
    ['', mt(lang, 'chooseTemplate')],
    ...view.templates.map((t): [string, string] => [t.name, t.name]),
    [OWN, mt(lang, 'writeOwn')],
  ];
  const scheduling = v.when === 'schedule';
  const question = (c: { request: MailingRequest; count: number }) => {
    const params = { n: c.count, clients: clientsWord(lang, c.count) };
    if (!c.request.at) return mt(lang, 'confirmSend', params);
    return mt(lang, 'confirmSchedule', { ...params, at: wallTime(c.request.at, style) });
  };
  const busy = action.busy || sendAction.busy;
  return (
    <>
      <form aria-busy={busy} {...formKeys(form, () => check())}>
        <Banner banner={action.banner} lang={lang} />
        <ChoiceField
          form={form}
          name="segment"
          label={mt(lang, 'segment')}
          options={segmentOptions}
          onChange={(x) => picked('segment', x)}
          autoFocus
        />
        {view.segments.length ? null : <p class="small muted">{mt(lang, 'noSegments')}</p>}
        <ChoiceField
          form={form}
          name="template"
          label={mt(lang, 'template')}
          options={templateOptions}
          onChange={(x) => picked('template', x)}
          hint={
            variant
              ? `${mt(lang, variant.own ? 'variantOwn' : 'variantPlain', { segment: v.segment })}${variant.template.hasButton ? ` ${mt(lang, 'withButton')}` : ''}`
              : undefined
          }
        />
        {own ? (
          <div class="own" data-testid="own">
            <TextField form={form} name="subject" label={mt(lang, 'subject')} required />
            <TextField
              form={form}
              name="body"
              label={mt(lang, 'body')}
              hint={mt(lang, 'bodyHint')}
              multiline
              required
            />
            <fieldset class="button-fields">
              <legend>{mt(lang, 'button')}</legend>
              <TextField
                form={form}
                name="buttonText"
                label={mt(lang, 'buttonText')}
                hint={mt(lang, 'buttonTextHint')}
              />
              <TextField
                form={form}
                name="buttonUrl"
                label={mt(lang, 'buttonUrl')}
                hint={mt(lang, 'buttonUrlHint')}
                inputMode="text"
                placeholder="https://"
              />
            </fieldset>
          </div>
        ) : null}
        <fieldset class="when">
          <legend>{mt(lang, 'when')}</legend>
          <div class="radios">
            {(['now', 'schedule'] as const).map((w) => (
              <label key={w}>
                <input type="radio" name="when" value={w} checked={v.when === w} onChange={() => form.set('when', w)} />{' '}
                {mt(lang, w)}
              </label>
            ))}
          </div>
          {scheduling ? (
            <div class="at">
              <DateField form={form} name="day" label={mt(lang, 'day')} style={style} />
              <ChoiceField
                form={form}
                name="hour"
                label={mt(lang, 'hour')}
                hint={mt(lang, 'zoneHint', { zone: view.timeZone })}
                options={Array.from({ length: 24 }, (_, h): [string, string] => [
                  String(h),
                  `${String(h).padStart(2, '0')}:00`,
                ])}
              />
            </div>
          ) : null}
        </fieldset>
        <div class="actions">
          <Button type="submit" busy={action.busy} disabled={sendAction.busy}>
            {mt(lang, 'check')}
          </Button>
          <Button busy={action.busy} disabled={sendAction.busy} onClick={test}>
            {mt(lang, 'test')}
          </Button>
        </div>
      </form>
      {preview ? <Audience preview={preview} lang={lang} /> : null}
      {preview ? (
        <Letter
          preview={preview}
          lang={lang}
          clientId={clientId}
          onClient={(id) => {
            setClientId(id);
            void check(id);
          }}
        />
      ) : null}
      <section class="send">
        <Banner banner={sendAction.banner} lang={lang} />
        {confirm ? (
          <div class="confirm" role="alertdialog" aria-labelledby="confirm-question" data-testid="confirm">
            <p id="confirm-question">{question(confirm)}</p>
            {preview?.when ? <p class="small">{preview.when}</p> : null}
            <div class="actions">
              <Button kind="primary" busy={sendAction.busy} onClick={() => send(confirm)} autoFocus>
                {mt(lang, confirm.request.at ? 'confirmYesSchedule' : 'confirmYes', { n: confirm.count })}
              </Button>
              <Button onClick={() => setConfirm(null)}>{mt(lang, 'cancel')}</Button>
            </div>
          </div>
        ) : (
          <div class="actions">
            <Button kind="primary" busy={sendAction.busy} disabled={action.busy || busy} onClick={ask}>
              {mt(lang, scheduling ? 'scheduleSend' : 'send')}
            </Button>
          </div>
        )}
        {line ? (
          <p class="progress" role="status" data-testid="progress">
            {line}
          </p>
        ) : null}
      </section>
    </>
  );
}

function Mailings(props: SidebarProps) {
  const lang = props.ctx.lang;
  const loaded = useLoaded(lang, async () => {
    const r = await run('mailingsView');
    return r.ok ? { ok: true as const, value: r.view } : r;
  });
  const { value: view, setValue: setView, action } = loaded;
  if (!view) return <Loading action={action} lang={lang} />;
  return (
    <main class="sidebar mailings">
      <Composer {...props} view={view} onView={setView} />
      <Scheduled
        view={view}
        lang={lang}
        style={{ lang, locale: props.ctx.locale, timeZone: view.timeZone, today: view.now.slice(0, 10) }}
        onView={setView}
      />
      {view.unsubscribeUrl ? (
        <p class="small muted unsubscribe-line">{mt(lang, 'unsubscribeAt', { url: view.unsubscribeUrl })}</p>
      ) : (
        <p class="small warn-line">{mt(lang, 'noUnsubscribe')}</p>
      )}
      <p class="small muted rules-line" data-testid="rules">
        {mt(lang, 'rules', {
          days: formatWeekdays(view.window.days, lang),
          from: String(view.window.from).padStart(2, '0'),
          to: String(view.window.to).padStart(2, '0'),
          zone: view.timeZone,
          per7: view.caps.per7,
          per30: view.caps.per30,
        })}
      </p>
      <Problems title={mt(lang, 'problems')} items={view.problems} />
    </main>
  );
}

mountSidebar(Mailings);
