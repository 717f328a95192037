// A menu as Sheets draws one: a vertical list of full-width items, separators, submenus; arrows, Enter and Esc work.
import { useEffect, useRef } from 'preact/hooks';

export type MenuItem =
  | { kind: 'item'; label: string; onPick: () => void }
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; items: MenuItem[] };

interface Props {
  items: MenuItem[];
  /** Position for a context menu (fixed, at the pointer); without it the list hangs under its parent. */
  at?: { x: number; y: number };
  class?: string;
  /** Esc or a pick: the owner closes the menu. */
  onClose: () => void;
  /** Focus the first item when the menu opens (keyboard users). */
  autoFocus?: boolean;
}

const ITEMS = ':scope > .menu-item';

/** Moves focus between the items of one list with the arrow keys. */
function onListKey(e: KeyboardEvent, onClose: () => void): void {
  const list = e.currentTarget as HTMLElement;
  const items = [...list.querySelectorAll<HTMLElement>(ITEMS)];
  const at = items.indexOf(document.activeElement as HTMLElement);
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    e.stopPropagation();
    const step = e.key === 'ArrowDown' ? 1 : -1;
    items[(at + step + items.length) % items.length]?.focus();
  } else if (e.key === 'ArrowRight' && items[at]?.classList.contains('has-sub')) {
    e.preventDefault();
    e.stopPropagation();
    items[at].classList.add('open');
    items[at].querySelector<HTMLElement>('.submenu .menu-item')?.focus();
  } else if (e.key === 'ArrowLeft' && list.parentElement?.classList.contains('submenu')) {
    e.preventDefault();
    e.stopPropagation();
    const parent = list.parentElement.parentElement as HTMLElement;
    parent.classList.remove('open');
    parent.focus();
  } else if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    onClose();
  }
}

export function Menu({ items, at, class: extra, onClose, autoFocus }: Props) {
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (autoFocus) list.current?.querySelector<HTMLElement>(ITEMS)?.focus();
    // Keys pressed while the focus is still on whatever opened the menu: Esc closes it, arrows enter it.
    const onKey = (e: KeyboardEvent) => {
      if (list.current?.contains(document.activeElement)) return;
      const items = [...(list.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && items.length) {
        e.preventDefault();
        e.stopPropagation();
        (e.key === 'ArrowDown' ? items[0] : items[items.length - 1]).focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);
  // A context menu near the window's edge opens inward, as Sheets' does.
  useEffect(() => {
    const el = list.current;
    if (!el || !at) return;
    const box = el.getBoundingClientRect();
    if (box.bottom > window.innerHeight) el.style.top = `${Math.max(4, at.y - box.height)}px`;
    if (box.right > window.innerWidth) el.style.left = `${Math.max(4, at.x - box.width)}px`;
  }, [at?.x, at?.y]);
  return (
    <div
      ref={list}
      class={`menu-list${at ? ' context' : ''}${extra ? ` ${extra}` : ''}`}
      role="menu"
      tabIndex={-1}
      style={at ? { left: `${at.x}px`, top: `${at.y}px` } : undefined}
      onKeyDown={(e) => onListKey(e, onClose)}
      onClick={(e) => e.stopPropagation()}
    >
      <Entries items={items} onClose={onClose} />
    </div>
  );
}

function Entries({ items, onClose }: { items: MenuItem[]; onClose: () => void }) {
  return (
    <>
      {items.map((item, i) =>
        item.kind === 'separator' ? (
          <hr class="menu-sep" key={i} />
        ) : item.kind === 'submenu' ? (
          <div class="menu-item has-sub" key={i} role="menuitem" tabIndex={-1} aria-haspopup="menu">
            <span class="label">{item.label}</span>
            <span class="arrow">▸</span>
            <div class="submenu">
              <div class="menu-list" role="menu" tabIndex={-1} onKeyDown={(e) => onListKey(e, onClose)}>
                <Entries items={item.items} onClose={onClose} />
              </div>
            </div>
          </div>
        ) : (
          <button
            type="button"
            class="menu-item"
            key={i}
            role="menuitem"
            tabIndex={-1}
            onClick={() => {
              onClose();
              item.onPick();
            }}
          >
            <span class="label">{item.label}</span>
          </button>
        ),
      )}
    </>
  );
}
