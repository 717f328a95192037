// The client card sidebar: search, key facts, the contact timeline, quick actions and inline editing of the card.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ClientCard, DuplicateInfo, JournalEntry } from '../../src/shared/api';
import { mountSidebar, type SidebarProps } from '../kit/app';
import {
  birthdayLine,
  birthdayNear,
  congratulatedFor,
  lastContactLine,
  newestFirst,
  stepDue,
  stepDueText,
} from '../kit/card';
import { EDIT_CLIENT_LAYOUT, formValuesOf, labelOf, specsOf } from '../kit/client-fields';
import { ClientFieldsForm } from '../kit/client-form';
import { type DateStyle, formatDay, formatMoney } from '../kit/dates';
import { DuplicateWarning } from '../kit/duplicate-warning';
import { type Lang, tr } from '../kit/i18n';
import { ClientPicker } from '../kit/picker';
import { isDuplicateFailure, run } from '../kit/run';
import { finishStep } from '../kit/step';
import {
  type Action,
  Banner,
  Button,
  CheckboxField,
  DateField,
  focusFirstError,
  formKeys,
  Spinner,
  showFailure,
  TextField,
  useAction,
  useDateStyle,
  useFocusFirst,
  useForm,
} from '../kit/ui';
import { changedKeys, checkForm } from '../kit/validate';

type Mode = 'none' | 'call' | 'step' | 'edit';

function Facts({ card, lang, style }: { card: ClientCard; lang: Lang; style: DateStyle }) {
  const c = card.client;
  const due = stepDue(c.nextStepOn, style.today);
  const birthday = birthdayNear(c.birthDate, style.today);
  const congratulated = birthday ? congratulatedFor(birthday, c.congratulatedOn) : '';
  const rows: Array<[string, string, string?]> = [
    [tr(lang, 'stage'), c.stage || '—'],
    [tr(lang, 'frequency'), c.frequency || '—'],
    [tr(lang, 'totalSpent'), formatMoney(c.totalSpent, card.currency, lang), 'total'],
    [tr(lang, 'purchases'), String(c.purchases), 'purchases'],
    [tr(lang, 'lastContact'), lastContactLine(card, lang, style)],
  ];
  if (c.nextAppointmentOn) {
    rows.push([
      tr(lang, 'nextAppointment'),
      [formatDay(c.nextAppointmentOn, style), c.nextAppointmentWork].filter(Boolean).join(' — '),
    ]);
  }
  return (
    <>
      <dl class="facts">
        {rows.map(([label, value, testId]) => (
          <>
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </>
        ))}
        {c.nextStep || c.nextStepOn ? (
          <>
            <dt>{tr(lang, 'nextStep')}</dt>
            <dd data-testid="next-step" class={due ? `due ${due.state}` : undefined}>
              {[c.nextStep, c.nextStepOn && formatDay(c.nextStepOn, style)].filter(Boolean).join(' — ')}
              {due ? <span class="due-tag">{stepDueText(due, lang)}</span> : null}
            </dd>
          </>
        ) : null}
      </dl>
      <p class="small" style="margin:0 0 4px" data-testid="birthday">
        {birthdayLine(card, lang, style)}
        {congratulated ? ` · ${tr(lang, 'congratulatedOn', { date: formatDay(congratulated, style) })}` : ''}
      </p>
      <p class="small" style="margin:0 0 12px">
        {c.unsubscribedOn
          ? tr(lang, 'unsubscribed', { date: formatDay(c.unsubscribedOn, style) })
          : card.facts.emailConsent
            ? tr(lang, 'consentYes', { date: formatDay(c.emailConsentOn, style) })
            : tr(lang, 'consentNo')}
      </p>
      {c.notes ? (
        <div class="note" role="note" aria-label={tr(lang, 'notes')}>
          {c.notes}
        </div>
      ) : null}
    </>
  );
}

function Timeline({
  journal,
  lang,
  style,
  currency,
}: {
  journal: JournalEntry[];
  lang: Lang;
  style: DateStyle;
  currency: string;
}) {
  if (!journal.length) return <p class="muted">{tr(lang, 'noJournal')}</p>;
  return (
    <ol class="timeline" aria-label={tr(lang, 'timeline')}>
      {newestFirst(journal).map((e) => (
        <li key={e.row}>
          <div class="when">
            {formatDay(e.at, style)}
            {e.by ? ` · ${tr(lang, 'loggedBy', { by: e.by })}` : ''}
          </div>
          <div>
            <span class="what">{e.type}</span>
            {e.item ? ` · ${e.item}` : ''}
            {e.amount !== '' && e.amount ? (
              <span class="amount"> · {formatMoney(Number(e.amount), currency, lang)}</span>
            ) : null}
          </div>
          {e.summary ? <div>{e.summary}</div> : null}
          {e.nextStep ? (
            <div class="muted small">
              → {e.nextStep}
              {e.nextStepOn ? ` (${formatDay(e.nextStepOn, style)})` : ''}
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** What every inline form of the card gets: the card, context, date style, the shared action and how to close. */
interface InlineFormProps {
  card: ClientCard;
  ctx: SidebarProps['ctx'];
  style: DateStyle;
  action: Action;
  done: (message: string) => void;
  cancel: () => void;
}

/** The small inline forms of the quick actions: log a call, plan the next step. */
function QuickForm(props: InlineFormProps & { mode: 'call' | 'step' }) {
  const { ctx, style, action, card } = props;
  const lang = ctx.lang;
  const open = card.client.nextStep || card.client.nextStepOn;
  // Logging a call usually finishes the step that was due; a step still ahead stays unless the person says so.
  const form = useForm({
    summary: '',
    nextStep: '',
    nextStepOn: '',
    stepDone: open && stepDue(card.client.nextStepOn, ctx.today) ? 'yes' : '',
  });
  useFocusFirst(0, '.inline-form');
  const callType = ctx.settings.lists.contactTypes.find((t) => t.kind === 'call')?.label ?? 'call';
  const checkCtx = { ...style, phoneRegion: ctx.settings.values.phoneRegion };
  const submit = () =>
    action.act(async () => {
      const specs = [
        ...(props.mode === 'call' ? [{ key: 'summary', kind: 'text' as const, label: tr(lang, 'summary') }] : []),
        { key: 'nextStep', kind: 'text' as const, label: tr(lang, 'nextStep'), required: props.mode === 'step' },
        { key: 'nextStepOn', kind: 'date' as const, label: tr(lang, 'nextStepOn') },
      ];
      const { values, errors } = checkForm(specs, form.values, checkCtx, { keepEmpty: props.mode === 'step' });
      if (Object.keys(errors).length) {
        form.setErrors(errors);
        focusFirstError();
        return;
      }
      const id = card.client.id;
      const r =
        props.mode === 'call'
          ? await run('logContact', { clientId: id, type: callType, ...values })
          : await run('updateClient', id, values as Record<string, string>);
      if (!r.ok) {
        showFailure(r, form, ['summary', 'nextStep', 'nextStepOn'], action, lang, submit);
        return;
      }
      const message = r.message || tr(lang, props.mode === 'call' ? 'logged' : 'saved');
      if (props.mode === 'call' && open && form.values.stepDone === 'yes' && !values.nextStep && !values.nextStepOn) {
        props.done(await finishStep(id, lang, message));
      } else props.done(message);
    });
  return (
    <form class="inline-form" aria-busy={action.busy} {...formKeys(form, submit, props.cancel)}>
      <h2 style="margin:0 0 8px">{tr(lang, props.mode === 'call' ? 'logCall' : 'planStep')}</h2>
      {props.mode === 'call' ? (
        <TextField form={form} name="summary" label={tr(lang, 'summary')} multiline autoFocus />
      ) : null}
      {props.mode === 'call' && open ? (
        <CheckboxField
          form={form}
          name="stepDone"
          label={tr(lang, 'stepDone', { step: card.client.nextStep || formatDay(card.client.nextStepOn, style) })}
          hint={tr(lang, 'stepDoneHint')}
        />
      ) : null}
      <TextField form={form} name="nextStep" label={tr(lang, 'nextStep')} autoFocus={props.mode === 'step'} />
      <DateField form={form} name="nextStepOn" label={tr(lang, 'nextStepOn')} style={style} />
      <div class="actions" style="margin-top:4px">
        <Button kind="primary" type="submit" busy={action.busy}>
          {tr(lang, 'save')}
        </Button>
        <Button onClick={props.cancel}>{tr(lang, 'cancel')}</Button>
      </div>
    </form>
  );
}

/** Inline editing of the card: only the fields the person changed are sent. */
function EditForm(props: InlineFormProps) {
  const { ctx, style, action, card } = props;
  const lang = ctx.lang;
  const initial = useMemo(() => formValuesOf(EDIT_CLIENT_LAYOUT, card.client, style), [card, style]);
  const form = useForm(initial);
  useFocusFirst(0, '.inline-form');
  const [duplicates, setDuplicates] = useState<DuplicateInfo[]>([]);
  const checkCtx = { ...style, phoneRegion: ctx.settings.values.phoneRegion };
  const specs = specsOf(EDIT_CLIENT_LAYOUT, ctx);
  const submit = (allowDuplicate = false) =>
    action.act(async () => {
      const changed = changedKeys(initial, form.values);
      if (!changed.length) {
        action.setBanner({ kind: 'info', text: tr(lang, 'nothingChanged') });
        return;
      }
      const { values, errors } = checkForm(
        specs.filter((s) => changed.includes(s.key)),
        form.values,
        checkCtx,
        { keepEmpty: true },
      );
      if (Object.keys(errors).length) {
        form.setErrors(errors);
        action.setBanner({ kind: 'error', text: tr(lang, 'fixErrors') });
        focusFirstError();
        return;
      }
      const patch: Record<string, string | boolean> = {};
      for (const [k, v] of Object.entries(values)) patch[k] = String(v);
      if (allowDuplicate) patch.allowDuplicate = true;
      const r = await run('updateClient', card.client.id, patch);
      if (r.ok) props.done(r.message || tr(lang, 'saved'));
      else if (isDuplicateFailure(r)) setDuplicates(r.duplicates);
      else showFailure(r, form, Object.keys(initial), action, lang, () => submit(allowDuplicate));
    });
  return (
    <form class="inline-form" aria-busy={action.busy} {...formKeys(form, () => submit(false), props.cancel)}>
      <h2 style="margin:0 0 8px">{tr(lang, 'editTitle')}</h2>
      <ClientFieldsForm form={form} ctx={ctx} style={style} layout={EDIT_CLIENT_LAYOUT} open={['reference']} />
      <DuplicateWarning
        lang={lang}
        duplicates={duplicates}
        busy={action.busy}
        onOpen={(id) => action.act(async () => void (await run('showClientCard', id)))}
        onAddAnyway={() => submit(true)}
      />
      <div class="actions">
        <Button kind="primary" type="submit" busy={action.busy}>
          {tr(lang, 'save')}
        </Button>
        <Button onClick={props.cancel}>{tr(lang, 'cancel')}</Button>
      </div>
    </form>
  );
}

function CardView({ ctx, page }: SidebarProps) {
  const lang = ctx.lang;
  const style = useDateStyle(lang, ctx.locale, ctx.timeZone, ctx.today);
  const [id, setId] = useState(page.clientId || ctx.selectedClientId || '');
  const [card, setCard] = useState<ClientCard | null>(null);
  const [loading, setLoading] = useState(false);
  const [mode, setMode] = useState<Mode>('none');
  const action = useAction(lang);
  const [generation, setGeneration] = useState(0);
  useFocusFirst(generation);

  const load = (clientId: string) =>
    action.act(async () => {
      setLoading(true);
      try {
        const r = await run('getClientCard', clientId);
        if (r.ok) setCard(r.card);
        else {
          setCard(null);
          showFailure(r, null, [], action, lang, () => load(clientId));
        }
      } finally {
        setLoading(false);
      }
    });

  useEffect(() => {
    setMode('none');
    if (id) load(id);
    else setCard(null);
  }, [id]);

  const done = async (message: string, undo?: () => void) => {
    setMode('none');
    const r = await run('getClientCard', id);
    if (r.ok) setCard(r.card);
    action.setBanner({ kind: 'success', text: message, undo });
    setGeneration((g) => g + 1);
  };

  // Marking a congratulation saves at once; the banner offers to undo it (the previous date comes back).
  const setCongratulated = (clientId: string, date: string, previous: string | null) =>
    action.act(async () => {
      const r = await run('updateClient', clientId, { congratulatedOn: date });
      if (!r.ok) {
        if (!isDuplicateFailure(r))
          showFailure(r, null, [], action, lang, () => setCongratulated(clientId, date, previous));
        return;
      }
      await done(
        previous === null ? tr(lang, 'undone') : tr(lang, 'congratulated', { date: formatDay(date, style) }),
        previous === null ? undefined : () => setCongratulated(clientId, previous, null),
      );
    });

  const c = card?.client;
  const birthday = c ? birthdayNear(c.birthDate, ctx.today) : null;
  const congratulatedOn = c && birthday ? congratulatedFor(birthday, c.congratulatedOn) : '';
  return (
    <main class="sidebar" aria-busy={action.busy}>
      <ClientPicker lang={lang} onPick={(hit) => (hit.id === id ? load(id) : setId(hit.id))} autoFocus={!id} />
      <Banner banner={action.banner} lang={lang} />
      {loading && !card ? (
        <p class="loading">
          <Spinner /> {tr(lang, 'loading')}
        </p>
      ) : null}
      {!id && !card ? <p class="muted">{tr(lang, 'noClient')}</p> : null}
      {card && c ? (
        <article aria-label={tr(lang, 'cardOf')}>
          <header class="card-head">
            <h1 data-testid="card-name">{c.fullName}</h1>
            <div class="sub">{[card.facts.phoneDisplay || c.phone, c.email].filter(Boolean).join(' · ')}</div>
            <div class="sub small">
              <span class="chip">{c.id}</span> {tr(lang, 'row', { row: c.row })}
              {c.responsible ? ` · ${labelOf('responsible', ctx)}: ${c.responsible}` : ''}
            </div>
          </header>
          <Facts card={card} lang={lang} style={style} />
          {mode === 'none' ? (
            <div class="quick">
              <Button kind="primary" onClick={() => setMode('call')}>
                {tr(lang, 'logCall')}
              </Button>
              <Button onClick={() => setMode('step')}>{tr(lang, 'planStep')}</Button>
              {birthday && !congratulatedOn ? (
                <Button onClick={() => setCongratulated(c.id, ctx.today, c.congratulatedOn)} busy={action.busy}>
                  {tr(lang, 'markCongratulated')}
                </Button>
              ) : null}
              <Button onClick={() => setMode('edit')}>{tr(lang, 'edit')}</Button>
            </div>
          ) : mode === 'edit' ? (
            <EditForm card={card} ctx={ctx} style={style} action={action} done={done} cancel={() => setMode('none')} />
          ) : (
            <QuickForm
              key={mode}
              mode={mode}
              card={card}
              ctx={ctx}
              style={style}
              action={action}
              done={done}
              cancel={() => setMode('none')}
            />
          )}
          <h2 style="margin:0 0 8px">{tr(lang, 'timeline')}</h2>
          <Timeline journal={card.journal} lang={lang} style={style} currency={card.currency} />
        </article>
      ) : null}
    </main>
  );
}

mountSidebar(CardView);
