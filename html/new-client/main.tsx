// The "new client" sidebar: the card's fields in three groups, a live duplicate warning, Enter to add, ready for the next.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ClientInput, DuplicateInfo } from '../../src/shared/api';
import { mountSidebar, type SidebarProps } from '../kit/app';
import { clientInputOf, emptyValues, NEW_CLIENT_LAYOUT, specsOf } from '../kit/client-fields';
import { ClientFieldsForm } from '../kit/client-form';
import { DuplicateWarning, focusDuplicateWarning } from '../kit/duplicate-warning';
import { identityQuery } from '../kit/duplicates';
import { tr } from '../kit/i18n';
import { isDuplicateFailure, run } from '../kit/run';
import {
  Banner,
  Button,
  focusFirstError,
  formKeys,
  showFailure,
  useAction,
  useDateStyle,
  useDebounced,
  useFocusFirst,
  useForm,
} from '../kit/ui';
import { checkForm, type Verdicts, verdictErrors } from '../kit/validate';

function NewClient({ ctx }: SidebarProps) {
  const lang = ctx.lang;
  const style = useDateStyle(lang, ctx.locale, ctx.timeZone, ctx.today);
  const checkCtx = useMemo(() => ({ ...style, phoneRegion: ctx.settings.values.phoneRegion }), [style, ctx]);
  const specs = useMemo(() => specsOf(NEW_CLIENT_LAYOUT, ctx), [ctx]);
  const form = useForm(emptyValues(NEW_CLIENT_LAYOUT));
  const action = useAction(lang);
  const [duplicates, setDuplicates] = useState<DuplicateInfo[]>([]);
  // The server's verdicts on what was typed (its full phone check), kept while the field still holds that text.
  const verdicts = useRef<Verdicts>({});
  useFocusFirst(form.generation);

  // Live duplicate check while the person types; only the newest answer counts.
  const typed = {
    fullName: form.values.fullName ?? '',
    phone: form.values.phone ?? '',
    email: form.values.email ?? '',
  };
  const settled = useDebounced(JSON.stringify(identityQuery(typed, checkCtx)), 400);
  const asked = useRef(0);
  useEffect(() => {
    const query = JSON.parse(settled) as Partial<ClientInput> | null;
    const ticket = ++asked.current;
    if (!query) {
      setDuplicates([]);
      return;
    }
    run('checkDuplicates', query)
      .then((r) => {
        if (ticket !== asked.current || !r.ok) {
          if (ticket === asked.current) setDuplicates([]);
          return;
        }
        setDuplicates(r.duplicates);
        const errors = r.fieldErrors ?? {};
        for (const [key, value] of Object.entries(query)) {
          if (errors[key]) verdicts.current[key] = { value: String(value), message: errors[key] };
          else delete verdicts.current[key];
        }
        // Shown beside the field while it still holds what was checked.
        const shown = verdictErrors(verdicts.current, form.values);
        if (Object.keys(shown).length) form.mergeErrors(shown);
      })
      .catch(() => {
        // A failed live check only hides the warning; saving checks again on the server.
        if (ticket === asked.current) setDuplicates([]);
      });
  }, [settled]);

  const submit = (allowDuplicate = false) =>
    action.act(async () => {
      const { values, errors: local } = checkForm(specs, form.values, checkCtx);
      // Every invalid field shows its error: the browser's checks and the server's verdicts that still apply.
      const errors = { ...verdictErrors(verdicts.current, form.values), ...local };
      if (Object.keys(errors).length) {
        form.setErrors(errors);
        action.setBanner({ kind: 'error', text: tr(lang, 'fixErrors') });
        focusFirstError();
        return;
      }
      const input = clientInputOf(values, form.values.consent === 'yes', ctx.today);
      if (allowDuplicate) input.allowDuplicate = true;
      const r = await run('addClient', input);
      if (r.ok) {
        asked.current++;
        verdicts.current = {};
        setDuplicates([]);
        form.reset();
        action.setBanner({ kind: 'success', text: r.message || tr(lang, 'added', { id: r.id }) });
      } else if (isDuplicateFailure(r)) {
        setDuplicates(r.duplicates);
        focusDuplicateWarning();
      } else {
        showFailure(r, form, Object.keys(form.values), action, lang, () => submit(allowDuplicate));
      }
    });

  const openCard = (id: string) =>
    action.act(async () => {
      await run('showClientCard', id);
    });

  return (
    <main class="sidebar">
      <form
        aria-busy={action.busy}
        onInput={() => {
          // "Client added" belongs to the last client: the next one's first keystroke clears it.
          if (action.banner?.kind === 'success') action.setBanner(null);
        }}
        {...formKeys(
          form,
          () => submit(false),
          () => {
            form.reset();
            verdicts.current = {};
            setDuplicates([]);
            action.setBanner(null);
          },
        )}
      >
        <Banner banner={action.banner} lang={lang} />
        <ClientFieldsForm form={form} ctx={ctx} style={style} layout={NEW_CLIENT_LAYOUT} open={['reference']} />
        <div class="footer">
          <DuplicateWarning
            lang={lang}
            duplicates={duplicates}
            busy={action.busy}
            onOpen={openCard}
            onAddAnyway={() => submit(true)}
          />
          <div class="actions">
            <Button kind="primary" type="submit" busy={action.busy}>
              {tr(lang, 'addClient')}
            </Button>
          </div>
        </div>
      </form>
    </main>
  );
}

mountSidebar(NewClient);
