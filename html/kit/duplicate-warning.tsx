// The live "this client is already in your client list" warning with "open card" and "add anyway".
import type { DuplicateInfo } from '../../src/shared/api';
import { reasonText } from './duplicates';
import { type Lang, tr } from './i18n';
import { Button } from './ui';

/** The warning's element id: a refused save moves the focus here, so the person sees why nothing was added. */
export const DUPLICATE_WARNING_ID = 'dup-warning';

export function DuplicateWarning(props: {
  lang: Lang;
  duplicates: DuplicateInfo[];
  busy: boolean;
  onOpen: (id: string) => void;
  onAddAnyway?: () => void;
}) {
  const { lang, duplicates } = props;
  if (!duplicates.length) return null;
  return (
    <div class="warn" id={DUPLICATE_WARNING_ID} tabIndex={-1} role="status" aria-live="polite">
      <div>{tr(lang, duplicates.length === 1 ? 'duplicateOne' : 'duplicateMany')}</div>
      <ul>
        {duplicates.slice(0, 3).map((d) => (
          <li key={d.id}>
            <span class="who">{d.fullName}</span>
            {[d.phone, d.email].filter(Boolean).map((x) => `, ${x}`)}
            <span class="muted small"> ({reasonText(lang, d.reasons)})</span>
            <div>
              <Button kind="link" onClick={() => props.onOpen(d.id)}>
                {tr(lang, 'openCard')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {props.onAddAnyway ? (
        <>
          <div class="small">{tr(lang, 'duplicateChoose')}</div>
          <Button kind="secondary" busy={props.busy} onClick={props.onAddAnyway}>
            {tr(lang, 'addAnyway')}
          </Button>
        </>
      ) : null}
    </div>
  );
}

/** After a refused save: the warning comes into view with the focus, so Enter visibly led somewhere. */
export function focusDuplicateWarning(): void {
  setTimeout(() => {
    const el = document.getElementById(DUPLICATE_WARNING_ID);
    if (!el) return;
    el.scrollIntoView({ block: 'nearest' });
    el.focus({ preventScroll: true });
  }, 0);
}
