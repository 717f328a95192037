// Find a client as you type: a combobox over searchClients, arrow keys to move, Enter to pick, Esc to close.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchHit } from '../../src/shared/api';
import { type Lang, tr } from './i18n';
import { run } from './run';
import { moveActive, searchable } from './search';
import { useDebounced } from './ui';

export function ClientPicker(props: {
  lang: Lang;
  onPick: (hit: SearchHit) => void;
  autoFocus?: boolean;
  label?: string;
}) {
  const { lang } = props;
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [total, setTotal] = useState(0);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState('');
  const query = useDebounced(searchable(text), 250);
  const ticket = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const mine = ++ticket.current;
    if (!query) {
      setHits([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    run('searchClients', query)
      .then((r) => {
        if (mine !== ticket.current) return;
        setHits(r.ok ? r.hits : []);
        setTotal(r.ok ? r.total : 0);
        setError(r.ok ? '' : Object.values(r.errors ?? {}).join(' '));
        setActive(r.ok && r.hits.length ? 0 : -1);
        setOpen(true);
      })
      .catch((e: Error) => mine === ticket.current && setError(e.message))
      .finally(() => mine === ticket.current && setSearching(false));
  }, [query]);

  const pick = (hit: SearchHit) => {
    setOpen(false);
    setText('');
    setHits([]);
    props.onPick(hit);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      setActive(moveActive(active, hits.length, e.key));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open && hits[active]) pick(hits[active]);
    } else if (e.key === 'Escape' && open && text) {
      // The first Esc closes the list; the next one reaches the sidebar.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  const listId = 'picker-list';
  const showList = open && Boolean(query) && !searching;
  return (
    <div class="field combo">
      <label for="picker">{props.label ?? tr(lang, 'searchLabel')}</label>
      <input
        ref={input}
        id="picker"
        type="search"
        // biome-ignore lint/a11y/noRedundantRoles: a search box is a combobox to screen readers only when it says so
        role="combobox"
        list={undefined}
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `hit-${active}` : undefined}
        placeholder={tr(lang, 'searchPlaceholder')}
        data-first={props.autoFocus ? 'true' : undefined}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setTimeout(() => setOpen(false), 150);
        }}
      />
      {searching ? <div class="hint">{tr(lang, 'searching')}</div> : null}
      {error ? (
        <div class="error" role="alert">
          {error}
        </div>
      ) : null}
      {showList ? (
        <div class="listbox" id={listId} role="listbox" aria-label={tr(lang, 'searchLabel')}>
          {hits.length === 0 ? (
            <div class="empty" role="option" tabIndex={-1} aria-disabled="true" aria-selected="false">
              {tr(lang, 'noMatches')}
            </div>
          ) : (
            hits.map((hit, i) => (
              <div
                key={hit.id}
                id={`hit-${i}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(hit);
                }}
              >
                <div class="name">{hit.fullName}</div>
                <div class="muted small">
                  {[hit.phoneDisplay || hit.phone, hit.email, hit.stage].filter(Boolean).join(' · ')}
                </div>
              </div>
            ))
          )}
          {total > hits.length && hits.length ? (
            <div class="empty small" role="option" tabIndex={-1} aria-disabled="true" aria-selected="false">
              {tr(lang, 'moreMatches', { shown: hits.length, total })}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
