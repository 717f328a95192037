// The "new client" sidebar: the card's fields in three groups, a live duplicate warning, Enter to add, ready for the next.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ClientInput, DuplicateInfo } from '../../src/shared/api';
import { mountSidebar, type SidebarProps } from '../kit/app';
import { clientInputOf, emptyValues, NEW_CLIENT_LAYOUT, specsOf } from '../kit/client-fields';
import { ClientFieldsForm } from '../kit/client-form';
import { DuplicateWarning } from '../kit/duplicate-warning';
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
import { checkForm } from '../kit/validate';

function NewClient({ ctx }: SidebarProps) {
  const lang = ctx.lang;
  const style = useDateStyle(lang, ctx.locale, ctx.timeZone, ctx.today);
  const checkCtx = useMemo(() => ({ ...style, phoneRegion: ctx.settings.values.phoneRegion }), [style, ctx]);
  const specs = useMemo(() => specsOf(NEW_CLIENT_LAYOUT, ctx), [ctx]);
  const form = useForm(emptyValues(NEW_CLIENT_LAYOUT));
  const action = useAction(lang);
  const [duplicates, setDuplicates] = useState<DuplicateInfo[]>([]);
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
        if (ticket !== asked.current) return;
        setDuplicates(r.ok ? r.duplicates : []);
        // The server's full phone and email check, shown while typing (the sidebar only checks the shape).
        if (r.ok && Object.keys(r.fieldErrors ?? {}).length) form.setErrors({ ...form.errors, ...r.fieldErrors });
      })
      .catch(() => {
        // A failed live check only hides the warning; saving checks again on the server.
        if (ticket === asked.current) setDuplicates([]);
      });
  }, [settled]);

  const submit = (allowDuplicate = false) =>
    action.act(async () => {
      const { values, errors } = checkForm(specs, form.values, checkCtx);
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
        setDuplicates([]);
        form.reset();
        action.setBanner({ kind: 'success', text: r.message || tr(lang, 'added', { id: r.id }) });
      } else if (isDuplicateFailure(r)) {
        setDuplicates(r.duplicates);
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
        {...formKeys(
          form,
          () => submit(false),
          () => {
            form.reset();
            setDuplicates([]);
            action.setBanner(null);
          },
        )}
      >
        <Banner banner={action.banner} lang={lang} />
        <ClientFieldsForm form={form} ctx={ctx} style={style} layout={NEW_CLIENT_LAYOUT} open={['reference']} />
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
      </form>
    </main>
  );
}

mountSidebar(NewClient);
