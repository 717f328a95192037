// The client card's fields as form data: which fields each group shows, their labels, options and starting values.
import { CLIENT_FIELDS, type FieldDef, type ListKey } from '../../src/domain/fields';
import type { ClientFields, ClientInput, FormContext, SettingsData } from '../../src/shared/api';
import type { DateStyle } from './dates';
import { formatDay } from './dates';
import type { KitKey } from './i18n';
import { type FieldSpec, kindOfField, timeKey } from './validate';

export type FormValues = Record<string, string>;

export interface GroupLayout {
  id: 'reference' | 'interaction' | 'relationship';
  title: KitKey;
  keys: Array<keyof ClientFields | 'consent'>;
}

/** The groups of the add-client form; 'consent' is the checkbox that stamps today's date. */
export const NEW_CLIENT_LAYOUT: GroupLayout[] = [
  {
    id: 'reference',
    title: 'groupReference',
    keys: ['fullName', 'phone', 'email', 'birthDate', 'address', 'company', 'preferredChannel', 'callHours'],
  },
  {
    id: 'interaction',
    title: 'groupInteraction',
    keys: [
      'source',
      'interest',
      'responsible',
      'stage',
      'nextAppointmentOn',
      'nextAppointmentWork',
      'nextStep',
      'nextStepOn',
      'subscriptionEndsOn',
      'paymentStatus',
    ],
  },
  {
    id: 'relationship',
    title: 'groupRelationship',
    keys: ['interests', 'familyDates', 'plannedGesture', 'notes', 'tags', 'consent'],
  },
];

/** The card's edit form: the same groups, plus the dates a person may correct by hand. */
export const EDIT_CLIENT_LAYOUT: GroupLayout[] = [
  NEW_CLIENT_LAYOUT[0],
  {
    id: 'interaction',
    title: 'groupInteraction',
    keys: [...NEW_CLIENT_LAYOUT[1].keys, 'lostReason', 'firstContactOn', 'visitOn', 'firstPurchaseOn'],
  },
  {
    id: 'relationship',
    title: 'groupRelationship',
    keys: [
      'interests',
      'familyDates',
      'plannedGesture',
      'notes',
      'tags',
      'congratulatedOn',
      'emailConsentOn',
      'unsubscribedOn',
    ],
  },
];

const FIELD_BY_KEY = new Map(CLIENT_FIELDS.map((f) => [f.key, f]));

export function fieldDef(key: string): FieldDef {
  const def = FIELD_BY_KEY.get(key);
  if (!def) throw new Error(`unknown client field ${key}`);
  return def;
}

/** The label a person knows: the sheet's own column header when there is one. */
export function labelOf(key: string, ctx: Pick<FormContext, 'lang' | 'headers'>): string {
  return ctx.headers?.[key] || fieldDef(key).header[ctx.lang];
}

/** Dropdown options from the Settings lists. */
export function optionsOf(list: ListKey | undefined, settings: SettingsData): string[] {
  if (!list) return [];
  if (list === 'stages') return settings.lists.stages.map((s) => s.label);
  if (list === 'contactTypes') return settings.lists.contactTypes.map((c) => c.label);
  if (list === 'frequencies') return [];
  return settings.lists[list] ?? [];
}

/** Dates that record what already happened: none of them can be after today (the server refuses them too). */
export const PAST_DATE_KEYS: ReadonlySet<string> = new Set([
  'birthDate',
  'firstContactOn',
  'visitOn',
  'firstPurchaseOn',
  'congratulatedOn',
  'emailConsentOn',
  'unsubscribedOn',
  'createdOn',
]);

export function specsOf(layout: GroupLayout[], ctx: Pick<FormContext, 'lang' | 'headers'>): FieldSpec[] {
  return layout
    .flatMap((g) => g.keys)
    .filter((k): k is keyof ClientFields => k !== 'consent')
    .map((key) => {
      const def = fieldDef(key);
      const spec: FieldSpec = {
        key,
        kind: kindOfField(key, def.type),
        label: labelOf(key, ctx),
        required: def.required,
      };
      if (PAST_DATE_KEYS.has(key)) spec.past = true;
      return spec;
    });
}

/** A client's stored values as form text: dates the locale's way, a time part in its own box. */
export function formValuesOf(
  layout: GroupLayout[],
  client: object,
  style: Pick<DateStyle, 'lang' | 'locale'>,
): FormValues {
  const values: FormValues = {};
  for (const key of layout.flatMap((g) => g.keys)) {
    if (key === 'consent') continue;
    const raw = (client as Record<string, unknown>)[key];
    const text = raw === null || raw === undefined ? '' : String(raw);
    const type = fieldDef(key).type;
    if (type === 'date' || type === 'datetime') {
      const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/.exec(text);
      values[key] = m ? formatDay(m[1], style) : text;
      if (type === 'datetime') values[timeKey(key)] = m?.[2] && m[2] !== '00:00' ? m[2] : '';
    } else values[key] = text;
  }
  return values;
}

export function emptyValues(layout: GroupLayout[]): FormValues {
  return formValuesOf(layout, {}, { lang: 'en', locale: 'en_US' });
}

/** What addClient receives for the checked form values (consent stamps today). */
export function clientInputOf(values: Record<string, string | number>, consent: boolean, today: string): ClientInput {
  const input: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) input[k] = String(v);
  if (consent) input.emailConsentOn = today;
  return input as unknown as ClientInput;
}
