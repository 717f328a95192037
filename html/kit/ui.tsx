// The shared sidebar UI kit: form state, fields with inline errors, collapsible sections, buttons, banners.
import type { ButtonHTMLAttributes, ComponentChildren, TargetedEvent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Failure } from '../../src/shared/api';
import type { FormValues } from './client-fields';
import { type DateStyle, datePlaceholder, formatDay, parseDay } from './dates';
import { viewOfFailure } from './failure';
import { type Lang, tr } from './i18n';
import { closeSidebar } from './run';
import { changedKeys, timeKey } from './validate';

export type { FormValues };

export interface FormState {
  values: FormValues;
  errors: Record<string, string>;
  set(key: string, value: string): void;
  setErrors(errors: Record<string, string>): void;
  /** Adds errors to those shown (against the newest state, for answers that arrive late). */
  mergeErrors(errors: Record<string, string>): void;
  reset(next?: FormValues): void;
  dirty: boolean;
  /** Bumped on every reset, so a form can put the focus back on its first field. */
  generation: number;
}

export function useForm(initial: FormValues): FormState {
  const start = useRef(initial);
  const [values, setValues] = useState(initial);
  const [errors, setErrorsState] = useState<Record<string, string>>({});
  const [generation, setGeneration] = useState(0);
  return {
    values,
    errors,
    generation,
    dirty: changedKeys(start.current, values).length > 0,
    set(key, value) {
      setValues((prev) => ({ ...prev, [key]: value }));
      const base = key.replace(/__time$/, '');
      setErrorsState((prev) => {
        if (!(base in prev)) return prev;
        const next = { ...prev };
        delete next[base];
        return next;
      });
    },
    setErrors: setErrorsState,
    mergeErrors(more) {
      setErrorsState((prev) => ({ ...prev, ...more }));
    },
    reset(next) {
      if (next) start.current = next;
      setValues(start.current);
      setErrorsState({});
      setGeneration((g) => g + 1);
    },
  };
}

export type BannerState = { kind: 'error' | 'success' | 'info'; text: string; retry?: () => void; undo?: () => void };

export interface Action {
  busy: boolean;
  banner: BannerState | null;
  setBanner(b: BannerState | null): void;
  /** Runs work with the busy state on; a thrown error becomes an error banner offering to try again. */
  act(work: () => Promise<void>): Promise<void>;
}

export function useAction(lang: Lang): Action {
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<BannerState | null>(null);
  const busyRef = useRef(false);
  const act = async (work: () => Promise<void>): Promise<void> => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setBanner(null);
    try {
      await work();
    } catch (e) {
      setBanner({ kind: 'error', text: tr(lang, 'failed', { message: (e as Error).message }), retry: () => act(work) });
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };
  return { busy, banner, setBanner, act };
}

/** Shows a server failure beside the fields and in the banner, offering "Try again" when it is worth it. */
export function showFailure(
  failure: Failure,
  form: FormState | null,
  shownKeys: string[],
  action: Action,
  lang: Lang,
  retry: () => void,
): void {
  const view = viewOfFailure(failure, form ? shownKeys : [], lang);
  if (form) form.setErrors(view.beside);
  if (view.banner)
    action.setBanner({ kind: 'error', text: view.banner.text, retry: view.banner.retry ? retry : undefined });
  focusFirstError();
}

/** Moves the focus to the first field marked invalid, after the render that marks it. */
export function focusFirstError(): void {
  setTimeout(() => {
    const el = document.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  }, 0);
}

interface FieldProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  autoFocus?: boolean;
}

function FieldShell(props: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>
        {props.label}
        {props.required ? (
          <span class="req" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </label>
      {props.children}
      {props.error ? (
        <div class="error" id={`${props.id}-error`} role="alert">
          {props.error}
        </div>
      ) : props.hint ? (
        <div class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      ) : null}
    </div>
  );
}

function describe(id: string, error?: string, hint?: string) {
  return {
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}

const fieldId = (name: string) => `f-${name}`;

export function TextField(
  props: FieldProps & {
    type?: 'text' | 'email' | 'tel';
    multiline?: boolean;
    placeholder?: string;
    inputMode?: 'text' | 'tel' | 'email' | 'decimal';
    onInput?: (value: string) => void;
    onBlur?: () => void;
    autoComplete?: string;
  },
) {
  const id = fieldId(props.name);
  const error = props.form.errors[props.name];
  const common = {
    id,
    name: props.name,
    value: props.form.values[props.name] ?? '',
    placeholder: props.placeholder,
    required: props.required,
    'data-first': props.autoFocus ? 'true' : undefined,
    onBlur: props.onBlur,
    onInput: (e: TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      props.form.set(props.name, e.currentTarget.value);
      props.onInput?.(e.currentTarget.value);
    },
    ...describe(id, error, props.hint),
  };
  return (
    <FieldShell id={id} label={props.label} error={error} hint={props.hint} required={props.required}>
      {props.multiline ? (
        <textarea {...common} rows={3} />
      ) : (
        // Preact's input typings reject a spread with a variable type; the attributes are plain DOM ones.
        <input
          {...({
            ...common,
            type: props.type ?? 'text',
            inputMode: props.inputMode,
            autoComplete: props.autoComplete ?? 'off',
          } as any)}
        />
      )}
    </FieldShell>
  );
}

export function SelectField(props: FieldProps & { options: string[]; lang: Lang; onChange?: (value: string) => void }) {
  const id = fieldId(props.name);
  const error = props.form.errors[props.name];
  const value = props.form.values[props.name] ?? '';
  // A value typed in the sheet by hand stays selectable even when Settings no longer lists it.
  const options = value && !props.options.includes(value) ? [value, ...props.options] : props.options;
  return (
    <FieldShell id={id} label={props.label} error={error} hint={props.hint} required={props.required}>
      <select
        id={id}
        name={props.name}
        value={value}
        required={props.required}
        data-first={props.autoFocus ? 'true' : undefined}
        onChange={(e) => {
          props.form.set(props.name, e.currentTarget.value);
          props.onChange?.(e.currentTarget.value);
        }}
        {...describe(id, error, props.hint)}
      >
        {props.required ? null : <option value="">{tr(props.lang, 'choose')}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A select whose options show labels for stored values ([value, label] pairs). */
export function ChoiceField(
  props: FieldProps & { options: Array<[string, string]>; onChange?: (value: string) => void },
) {
  const id = fieldId(props.name);
  const error = props.form.errors[props.name];
  return (
    <FieldShell id={id} label={props.label} error={error} hint={props.hint} required={props.required}>
      <select
        id={id}
        name={props.name}
        value={props.form.values[props.name] ?? ''}
        data-first={props.autoFocus ? 'true' : undefined}
        onChange={(e) => {
          props.form.set(props.name, e.currentTarget.value);
          props.onChange?.(e.currentTarget.value);
        }}
        {...describe(id, error, props.hint)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A date typed the locale's way (or picked from the calendar), with an optional time beside it. */
export function DateField(props: FieldProps & { style: DateStyle; withTime?: boolean }) {
  const id = fieldId(props.name);
  const error = props.form.errors[props.name];
  const picker = useRef<HTMLInputElement>(null);
  const text = props.form.values[props.name] ?? '';
  const parsed = text.trim() ? parseDay(text, props.style) : null;
  const lang = props.style.lang;
  const open = () => {
    const el = picker.current;
    if (!el) return;
    el.value = parsed?.ok ? parsed.value : '';
    try {
      el.showPicker();
    } catch (_e) {
      el.click();
    }
  };
  return (
    <FieldShell id={id} label={props.label} error={error} hint={props.hint} required={props.required}>
      <div class="date-row">
        <div class="date-box">
          <input
            id={id}
            name={props.name}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={text}
            data-first={props.autoFocus ? 'true' : undefined}
            placeholder={datePlaceholder(props.style)}
            onInput={(e) => props.form.set(props.name, e.currentTarget.value)}
            onBlur={() => {
              // Show what the sheet will store: '15.3.26' becomes '15.03.2026'.
              if (parsed?.ok && parsed.value) props.form.set(props.name, formatDay(parsed.value, props.style));
            }}
            {...describe(id, error, props.hint)}
          />
          <button
            type="button"
            class="icon"
            tabIndex={-1}
            title={tr(lang, 'pickDate')}
            aria-label={tr(lang, 'pickDate')}
            onClick={open}
          >
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
              <path d="M19 4h-1V2h-2v2H8V2H6v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 16H5V9h14v11z" />
            </svg>
          </button>
          <input
            ref={picker}
            type="date"
            class="picker"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              const iso = e.currentTarget.value;
              props.form.set(props.name, iso ? formatDay(iso, props.style) : '');
            }}
          />
        </div>
        {props.withTime ? (
          <input
            type="time"
            class="time"
            aria-label={`${props.label}: ${tr(lang, 'time')}`}
            value={props.form.values[timeKey(props.name)] ?? ''}
            onInput={(e) => props.form.set(timeKey(props.name), e.currentTarget.value)}
          />
        ) : null}
      </div>
    </FieldShell>
  );
}

export function CheckboxField(props: FieldProps & { onChange?: (checked: boolean) => void }) {
  const id = fieldId(props.name);
  const checked = props.form.values[props.name] === 'yes';
  return (
    <div class="field check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          props.form.set(props.name, e.currentTarget.checked ? 'yes' : '');
          props.onChange?.(e.currentTarget.checked);
        }}
      />
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <div class="hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      ) : null}
    </div>
  );
}

/** A titled group of fields; collapsible ones open by themselves when they hold an error. */
export function Section(props: {
  id: string;
  title: string;
  open?: boolean;
  hasError?: boolean;
  children: ComponentChildren;
}) {
  const [open, setOpen] = useState(props.open ?? false);
  useEffect(() => {
    if (props.hasError) setOpen(true);
  }, [props.hasError]);
  const bodyId = `${props.id}-body`;
  return (
    <section class="group">
      <h2>
        <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          <span class={open ? 'chevron open' : 'chevron'} aria-hidden="true" />
          {props.title}
        </button>
      </h2>
      <div id={bodyId} hidden={!open}>
        {props.children}
      </div>
    </section>
  );
}

/**
 * What a sidebar loads before it shows anything: fetched once on mount; a failure shows in the action's banner with
 * "Try again". `fetch` answers the value, or the server's refusal.
 */
export function useLoaded<T>(lang: Lang, fetch: () => Promise<{ ok: true; value: T } | Failure>) {
  const [value, setValue] = useState<T | null>(null);
  const action = useAction(lang);
  const load = () =>
    action.act(async () => {
      const r = await fetch();
      if (r.ok) setValue(r.value);
      else showFailure(r, null, [], action, lang, load);
    });
  useEffect(() => {
    load();
  }, []);
  return { value, setValue, action, load };
}

/** The sidebar while its first load runs, or its failure with "Try again". */
export function Loading(props: { action: Action; lang: Lang }) {
  return (
    <main class="sidebar">
      <Banner banner={props.action.banner} lang={props.lang} />
      {props.action.banner ? null : <p class="muted">{tr(props.lang, 'loading')}</p>}
    </main>
  );
}

/** Lines the server says are worth fixing (settings it could not read), open under their title; nothing if none. */
export function Problems(props: { title: string; items: string[] }) {
  if (!props.items.length) return null;
  return (
    <Section id="problems" title={props.title} open>
      <ul class="plain small">
        {props.items.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </Section>
  );
}

export function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
}

export function Button(
  props: ButtonHTMLAttributes<HTMLButtonElement> & {
    kind?: 'primary' | 'secondary' | 'link';
    busy?: boolean;
    type?: 'button' | 'submit';
  },
) {
  const { kind = 'secondary', busy, children, type = 'button', disabled, ...rest } = props;
  return (
    <button {...rest} type={type} class={`btn ${kind}`} disabled={Boolean(disabled) || busy} aria-disabled={busy}>
      {busy ? <Spinner /> : null}
      {children}
    </button>
  );
}

export function Banner(props: { banner: BannerState | null; lang: Lang; onDismiss?: () => void }) {
  const b = props.banner;
  if (!b) return null;
  return (
    <div class={`banner ${b.kind}`} role={b.kind === 'error' ? 'alert' : 'status'}>
      <span class="banner-text">{b.text}</span>
      {b.retry ? (
        <button type="button" class="btn link" onClick={b.retry}>
          {tr(props.lang, 'tryAgain')}
        </button>
      ) : null}
      {b.undo ? (
        <button type="button" class="btn link" onClick={b.undo}>
          {tr(props.lang, 'undo')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * Enter submits (Ctrl+Enter inside a note), Esc clears a started form or closes an untouched one.
 * Returns the props for the <form> element.
 */
export function formKeys(form: FormState, onSubmit: () => void, onClear?: () => void) {
  return {
    noValidate: true,
    onSubmit: (e: Event) => {
      e.preventDefault();
      onSubmit();
    },
    onKeyDown: (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && target.tagName === 'TEXTAREA') {
        e.preventDefault();
        onSubmit();
      } else if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        if (form.dirty) (onClear ?? (() => form.reset()))();
        else closeSidebar();
      }
    },
  };
}

/**
 * On mount and after every reset the first field (marked data-first) takes the focus, ready for the next entry.
 * scope narrows the search to one part of the page, e.g. an inline form.
 */
export function useFocusFirst(generation: number, scope = ''): void {
  useEffect(() => {
    document.querySelector<HTMLElement>(`${scope} [data-first="true"]`.trim())?.focus();
  }, [generation, scope]);
}

/** A value that settles delay ms after the last change (for live checks while typing). */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** Stable memo of a DateStyle from the form context. */
export function useDateStyle(lang: Lang, locale: string, timeZone: string, today: string): DateStyle {
  return useMemo(() => ({ lang, locale, timeZone, today }), [lang, locale, timeZone, today]);
}
