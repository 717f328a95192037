// The "log a contact" sidebar: pick the client (the selected row's by default), say what happened, see new totals.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { kindOfContactType } from '../../src/domain/settings';
import type { ClientTotals, ContactInput } from '../../src/shared/api';
import { mountSidebar, type SidebarProps } from '../kit/app';
import { stepDue } from '../kit/card';
import { optionsOf } from '../kit/client-fields';
import { formatDay, formatMoney } from '../kit/dates';
import { tr } from '../kit/i18n';
import { ClientPicker } from '../kit/picker';
import { isDuplicateFailure, run } from '../kit/run';
import { finishStep } from '../kit/step';
import {
  Banner,
  Button,
  CheckboxField,
  DateField,
  focusFirstError,
  formKeys,
  SelectField,
  showFailure,
  TextField,
  useAction,
  useDateStyle,
  useFocusFirst,
  useForm,
} from '../kit/ui';
import { type CheckKind, checkForm } from '../kit/validate';

interface Picked {
  id: string;
  fullName: string;
  phone: string;
  /** The card's next step as it stands, once the card is read. */
  nextStep?: string;
  nextStepOn?: string;
}

const FIELDS: Array<{ key: keyof ContactInput; kind: CheckKind; label: Parameters<typeof tr>[1] }> = [
  { key: 'summary', kind: 'text', label: 'summary' },
  { key: 'item', kind: 'text', label: 'item' },
  { key: 'amount', kind: 'amount', label: 'amount' },
  { key: 'source', kind: 'text', label: 'source' },
  { key: 'nextStep', kind: 'text', label: 'nextStep' },
  { key: 'nextStepOn', kind: 'date', label: 'nextStepOn' },
  { key: 'at', kind: 'datetime', label: 'backdate' },
];

function Totals(props: { client: ClientTotals; currency: string; lang: 'ru' | 'en'; locale: string }) {
  const { client, lang } = props;
  return (
    <div class="banner info" role="status">
      <div>
        <div>{tr(lang, 'totalsNow')}</div>
        <dl class="facts" style="margin:4px 0 0">
          <dt>{tr(lang, 'purchases')}</dt>
          <dd data-testid="purchases">{client.purchases}</dd>
          <dt>{tr(lang, 'totalSpent')}</dt>
          <dd data-testid="total">{formatMoney(client.totalSpent, props.currency, lang)}</dd>
          {client.frequency ? (
            <>
              <dt>{tr(lang, 'frequency')}</dt>
              <dd>{client.frequency}</dd>
            </>
          ) : null}
          {client.lastPurchaseOn ? (
            <>
              <dt>{tr(lang, 'lastPurchase')}</dt>
              <dd>{formatDay(client.lastPurchaseOn, { lang, locale: props.locale })}</dd>
            </>
          ) : null}
          <dt>{tr(lang, 'loyaltyPoints')}</dt>
          <dd>{client.loyaltyPoints}</dd>
        </dl>
      </div>
    </div>
  );
}

function LogContact({ ctx, page }: SidebarProps) {
  const lang = ctx.lang;
  const style = useDateStyle(lang, ctx.locale, ctx.timeZone, ctx.today);
  const checkCtx = useMemo(() => ({ ...style, phoneRegion: ctx.settings.values.phoneRegion }), [style, ctx]);
  const types = optionsOf('contactTypes', ctx.settings);
  const blank = {
    type: types[0] ?? '',
    summary: '',
    item: '',
    amount: '',
    source: '',
    nextStep: '',
    nextStepOn: '',
    at: '',
    at__time: '',
    stepDone: '',
  };
  const form = useForm(blank);
  const action = useAction(lang);
  const [client, setClient] = useState<Picked | null>(null);
  const [totals, setTotals] = useState<ClientTotals | null>(null);
  const [pickError, setPickError] = useState('');
  useFocusFirst(form.generation);

  // The card is read for its next step: a contact often finishes it (then the step leaves the card).
  const readCard = (id: string, pick: boolean) =>
    run('getClientCard', id)
      .then((r) => {
        if (!r.ok) return;
        const c = r.card.client;
        setClient((prev) =>
          pick || prev?.id === id
            ? {
                id: c.id,
                fullName: c.fullName,
                phone: r.card.facts.phoneDisplay,
                nextStep: c.nextStep,
                nextStepOn: c.nextStepOn,
              }
            : prev,
        );
        if (c.nextStep || c.nextStepOn) form.set('stepDone', stepDue(c.nextStepOn, ctx.today) ? 'yes' : '');
      })
      .catch(() => undefined);
  const preselected = page.clientId || ctx.selectedClientId;
  useEffect(() => {
    if (preselected) void readCard(preselected, true);
  }, [preselected]);
  const openStep = client && (client.nextStep || client.nextStepOn);

  const kind = kindOfContactType(ctx.settings, form.values.type ?? '');
  const isPurchase = kind === 'purchase';
  const shown = ['type', ...FIELDS.map((f) => f.key as string)];

  const submit = () =>
    action.act(async () => {
      if (!client) {
        setPickError(tr(lang, 'pickClient'));
        document.getElementById('picker')?.focus();
        return;
      }
      // A purchase needs its amount (above zero); another contact may carry one typed before the type changed.
      const specs = FIELDS.filter((f) => f.key !== 'amount' || isPurchase || form.values.amount).map((f) => ({
        key: f.key,
        kind: f.kind,
        label: tr(lang, f.label),
        positive: f.key === 'amount' && isPurchase,
      }));
      const { values, errors } = checkForm(specs, form.values, checkCtx);
      if (Object.keys(errors).length) {
        form.setErrors(errors);
        action.setBanner({ kind: 'error', text: tr(lang, 'fixErrors') });
        focusFirstError();
        return;
      }
      const input: ContactInput = { clientId: client.id, type: form.values.type, ...values };
      const r = await run('logContact', input);
      if (r.ok) {
        let message = r.message || tr(lang, 'logged');
        const finished = openStep && form.values.stepDone === 'yes' && !values.nextStep && !values.nextStepOn;
        if (finished) message = await finishStep(client.id, lang, message);
        setTotals(isPurchase || Number(values.amount) > 0 ? r.totals : null);
        setClient({
          ...client,
          nextStep: finished ? '' : r.totals.nextStep,
          nextStepOn: finished ? '' : r.totals.nextStepOn,
        });
        form.reset();
        action.setBanner({ kind: 'success', text: message });
      } else if (!isDuplicateFailure(r)) {
        showFailure(r, form, shown, action, lang, submit);
      }
    });

  return (
    <main class="sidebar">
      <Banner banner={action.banner} lang={lang} />
      {totals ? (
        <Totals client={totals} currency={ctx.settings.values.currency} lang={lang} locale={ctx.locale} />
      ) : null}
      {client ? (
        <div class="picked">
          <div>
            <div class="muted small">{tr(lang, 'client')}</div>
            <div class="name" data-testid="picked-name">
              {client.fullName}
            </div>
            <div class="muted small">{[client.phone, client.id].filter(Boolean).join(' · ')}</div>
          </div>
          <Button
            kind="link"
            onClick={() => {
              setClient(null);
              setTotals(null);
              setTimeout(() => document.getElementById('picker')?.focus(), 0);
            }}
          >
            {tr(lang, 'change')}
          </Button>
        </div>
      ) : (
        <>
          <ClientPicker
            lang={lang}
            label={tr(lang, 'client')}
            autoFocus
            onPick={(hit) => {
              setPickError('');
              setTotals(null);
              setClient({ id: hit.id, fullName: hit.fullName, phone: hit.phoneDisplay || hit.phone });
              void readCard(hit.id, false);
              setTimeout(() => document.getElementById('f-type')?.focus(), 0);
            }}
          />
          {pickError ? (
            <div class="error" role="alert" style="margin:-8px 0 12px">
              {pickError}
            </div>
          ) : null}
        </>
      )}
      <form aria-busy={action.busy} {...formKeys(form, submit)}>
        <SelectField
          form={form}
          name="type"
          label={tr(lang, 'contactType')}
          lang={lang}
          options={types}
          required
          autoFocus={Boolean(client)}
        />
        {isPurchase ? (
          <div class="emph">
            <TextField form={form} name="amount" label={tr(lang, 'amount')} inputMode="decimal" required />
          </div>
        ) : null}
        <SelectField
          form={form}
          name="item"
          label={tr(lang, 'item')}
          lang={lang}
          options={optionsOf('services', ctx.settings)}
        />
        <TextField form={form} name="summary" label={tr(lang, 'summary')} multiline />
        <SelectField
          form={form}
          name="source"
          label={tr(lang, 'source')}
          lang={lang}
          options={optionsOf('channels', ctx.settings)}
        />
        {openStep ? (
          <CheckboxField
            form={form}
            name="stepDone"
            label={tr(lang, 'stepDone', { step: client.nextStep || formatDay(client.nextStepOn ?? '', style) })}
            hint={tr(lang, 'stepDoneHint')}
          />
        ) : null}
        <TextField form={form} name="nextStep" label={tr(lang, 'nextStep')} />
        <DateField form={form} name="nextStepOn" label={tr(lang, 'nextStepOn')} style={style} />
        <DateField
          form={form}
          name="at"
          label={tr(lang, 'backdate')}
          hint={tr(lang, 'backdateHint')}
          style={style}
          withTime
        />
        <div class="actions">
          <Button kind="primary" type="submit" busy={action.busy}>
            {tr(lang, 'logContact')}
          </Button>
        </div>
      </form>
    </main>
  );
}

mountSidebar(LogContact);
