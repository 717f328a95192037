// Sheets-style message boxes inside the page (never window.alert/confirm): a title, a message, right-aligned buttons.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from './i18n';

interface Props {
  title: string;
  children: ComponentChildren;
  /** OK; with onCancel too it is a question (Cancel / OK). */
  onOk: () => void;
  onCancel?: () => void;
  okLabel?: string;
  testId?: string;
}

export function MessageBox({ title, children, onOk, onCancel, okLabel, testId }: Props) {
  const ok = useRef<HTMLButtonElement>(null);
  useEffect(() => ok.current?.focus(), []);
  return (
    <div class="overlay">
      <div
        class="message-box"
        role="alertdialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onKeyDown={(e) => {
          // The page behind must not see the keys (the grid would start typing).
          e.stopPropagation();
          if (e.key === 'Escape') {
            e.preventDefault();
            (onCancel ?? onOk)();
          }
        }}
      >
        <h2>{title}</h2>
        <div class="message">{children}</div>
        <div class="buttons">
          {onCancel ? (
            <button type="button" class="text-button" onClick={onCancel}>
              {t.cancel}
            </button>
          ) : null}
          <button type="button" class="primary" ref={ok} onClick={onOk}>
            {okLabel ?? t.ok}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Gives the keyboard back to the grid, as closing a Sheets dialog does. */
export function focusGrid(): void {
  (document.querySelector('.grid-scroller') as HTMLElement | null)?.focus();
}
