// The client card's fields as a form: the widget each field gets, grouped in collapsible sections.
import type { FormContext } from '../../src/shared/api';
import { fieldDef, type GroupLayout, labelOf, optionsOf } from './client-fields';
import type { DateStyle } from './dates';
import { tr } from './i18n';
import { CheckboxField, DateField, type FormState, Section, SelectField, TextField } from './ui';

export function ClientFieldsForm(props: {
  form: FormState;
  ctx: FormContext;
  style: DateStyle;
  layout: GroupLayout[];
  /** Groups shown open at first (the others fold). */
  open: Array<GroupLayout['id']>;
  onIdentityInput?: () => void;
}) {
  const { form, ctx, style } = props;
  const lang = ctx.lang;
  const widget = (key: GroupLayout['keys'][number], first: boolean) => {
    if (key === 'consent') {
      return (
        <CheckboxField
          key={key}
          form={form}
          name="consent"
          label={tr(lang, 'consent')}
          hint={tr(lang, 'consentHint')}
        />
      );
    }
    const def = fieldDef(key);
    const common = { key, form, name: key, label: labelOf(key, ctx), required: def.required, autoFocus: first };
    switch (def.type) {
      case 'date':
      case 'datetime':
        return <DateField {...common} style={style} withTime={def.type === 'datetime'} />;
      case 'choice':
        return <SelectField {...common} lang={lang} options={optionsOf(def.list, ctx.settings)} />;
      case 'phone':
        return (
          <TextField
            {...common}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder={lang === 'ru' ? '+7 912 345-67-89' : '+1 415 555 2671'}
            onInput={props.onIdentityInput}
          />
        );
      case 'email':
        return <TextField {...common} type="email" inputMode="email" onInput={props.onIdentityInput} />;
      case 'longtext':
        return <TextField {...common} multiline />;
      default:
        return <TextField {...common} onInput={key === 'fullName' ? props.onIdentityInput : undefined} />;
    }
  };
  return (
    <>
      {props.layout.map((group, gi) => (
        <Section
          key={group.id}
          id={`g-${group.id}`}
          title={tr(lang, group.title)}
          open={props.open.includes(group.id)}
          hasError={group.keys.some((k) => Boolean(form.errors[k]))}
        >
          {group.keys.map((key, ki) => widget(key, gi === 0 && ki === 0))}
        </Section>
      ))}
    </>
  );
}
