// The spreadsheet grid: virtual rows fetched in windows, frozen header rows and columns, selection and cell editing.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api, type CellView, columnName, type SheetView, type StructureAction } from './api';

const ROW_H = 21;
const HEAD_H = 24;
const NUM_W = 46;
const DEF_W = 100;
const BLOCK = 100;
const OVERSCAN = 10;

interface Props {
  tab: string;
  version: number;
  /** A person's change went through (or was refused): the app refreshes its state. */
  onChanged: () => void;
  onError: (message: string) => void;
}

interface HeaderMenu {
  x: number;
  y: number;
  kind: 'row' | 'column';
  index: number;
}

interface Editing {
  row: number;
  col: number;
  text: string;
  options?: string[];
}

/** The question Sheets asks before editing a warning-only protected range, in the page's language. */
function warningText(): string {
  return document.documentElement.lang.startsWith('ru')
    ? 'Вы пытаетесь изменить часть листа, которую не следует менять случайно. Всё равно изменить?'
    : "You're trying to edit part of this sheet that shouldn't be changed accidentally. Edit anyway?";
}

/** Preact 11 takes style lengths as strings: numbers get no unit. */
const px = (n: number): string => `${n}px`;

/** Puts the caret in a cell editor as it appears. */
function focusOnMount(el: HTMLInputElement | HTMLSelectElement | null): void {
  if (el && document.activeElement !== el) el.focus();
}

function isNumeric(cell: CellView | undefined): boolean {
  if (!cell) return false;
  const v = cell.value as unknown;
  return typeof v === 'number' || (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && cell.display !== v);
}

export function Grid({ tab, version, onChanged, onError }: Props) {
  const [meta, setMeta] = useState<SheetView | null>(null);
  const blocks = useRef(new Map<number, { version: number; cells: CellView[][] }>());
  const [retry, setRetry] = useState(0);
  const inflight = useRef(new Set<string>());
  const [, setTick] = useState(0);
  const [viewport, setViewport] = useState({ top: 0, left: 0, height: 600 });
  const [sel, setSel] = useState({ row: 1, col: 1 });
  const [editing, setEditingState] = useState<Editing | null>(null);
  // The editor being committed right now: Enter and the blur that follows it must not commit twice.
  const live = useRef<Editing | null>(null);
  const setEditing = (e: Editing | null) => {
    live.current = e;
    setEditingState(e);
  };
  const scroller = useRef<HTMLDivElement>(null);
  // The tab on screen now, for fetches that come back after the person switched tabs.
  const tabRef = useRef(tab);
  tabRef.current = tab;

  // A new tab starts from the top with no cached rows.
  useLayoutEffect(() => {
    blocks.current.clear();
    inflight.current.clear();
    setMeta(null);
    setSel({ row: 1, col: 1 });
    setEditing(null);
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [tab]);

  useEffect(() => {
    let live = true;
    api
      .view(tab, 1, 1, 1)
      .then((m) => live && setMeta(m))
      .catch((e) => onError(String(e.message ?? e)));
    return () => {
      live = false;
    };
  }, [tab, version]);

  const cols = meta ? Math.min(meta.maxColumns, Math.max(meta.lastColumn + 2, 26)) : 0;
  const rows = meta ? Math.max(meta.maxRows, meta.lastRow) : 0;
  const frozenRows = meta ? Math.min(meta.frozenRows, rows) : 0;
  const frozenCols = meta ? Math.min(meta.frozenColumns, cols) : 0;

  const widths = useMemo(() => {
    const w: number[] = [0];
    for (let c = 1; c <= cols; c++) w.push(meta?.columnWidths[c] ?? DEF_W);
    return w;
  }, [meta, cols]);
  const lefts = useMemo(() => {
    const l: number[] = [0, NUM_W];
    for (let c = 1; c <= cols; c++) l.push(l[c] + widths[c]);
    return l;
  }, [widths, cols]);
  const totalW = lefts[cols + 1] ?? NUM_W;

  const frozenH = frozenRows * ROW_H;
  const first = Math.max(frozenRows + 1, Math.floor((viewport.top + frozenH) / ROW_H) + 1 - OVERSCAN);
  const last = Math.min(rows, Math.ceil((viewport.top + viewport.height - HEAD_H) / ROW_H) + OVERSCAN);

  // Fetch every block the visible rows (and frozen rows) need; stale blocks stay on screen until replaced.
  useEffect(() => {
    if (!meta || cols === 0) return;
    const wanted = new Set<number>();
    if (frozenRows > 0) for (let r = 1; r <= frozenRows; r += BLOCK) wanted.add(Math.floor((r - 1) / BLOCK));
    for (let r = first; r <= last; r += BLOCK) wanted.add(Math.floor((r - 1) / BLOCK));
    if (last >= first) wanted.add(Math.floor((last - 1) / BLOCK));
    for (const b of [...blocks.current.keys()]) if (!wanted.has(b)) blocks.current.delete(b);
    for (const b of wanted) {
      const have = blocks.current.get(b);
      const key = `${tab}:${version}:${b}`;
      if ((have && have.version === version) || inflight.current.has(key)) continue;
      inflight.current.add(key);
      api
        .view(tab, b * BLOCK + 1, BLOCK, cols)
        .then((v) => {
          inflight.current.delete(key);
          if (v.name !== tabRef.current || version < (blocks.current.get(b)?.version ?? 0)) return;
          blocks.current.set(b, { version, cells: v.cells });
          setTick((t) => t + 1);
        })
        .catch((e) => {
          inflight.current.delete(key);
          onError(String(e.message ?? e));
          // A block that failed to load is asked for again instead of staying stale until the next change.
          setTimeout(() => setRetry((n) => n + 1), 1000);
        });
    }
  }, [meta, tab, version, first, last, cols, frozenRows, retry]);

  const cellAt = (r: number, c: number): CellView | undefined =>
    blocks.current.get(Math.floor((r - 1) / BLOCK))?.cells[(r - 1) % BLOCK]?.[c - 1];

  const onScroll = () => {
    const el = scroller.current;
    if (el) setViewport({ top: el.scrollTop, left: el.scrollLeft, height: el.clientHeight });
  };
  useEffect(() => {
    onScroll();
    const ro = new ResizeObserver(onScroll);
    if (scroller.current) ro.observe(scroller.current);
    return () => ro.disconnect();
  }, []);

  const selectTimer = useRef<number | undefined>(undefined);
  const select = useCallback(
    (row: number, col: number) => {
      setSel({ row, col });
      // The add-on reads the selection through getActiveRange; tell the server once the cursor rests.
      window.clearTimeout(selectTimer.current);
      selectTimer.current = window.setTimeout(() => {
        api.select(tab, row, col).catch((e) => onError(String(e.message ?? e)));
      }, 120);
    },
    [tab],
  );

  const scrollIntoView = (row: number, col: number) => {
    const el = scroller.current;
    if (!el) return;
    if (row > frozenRows) {
      const top = HEAD_H + (row - 1) * ROW_H;
      if (top - frozenH - HEAD_H < el.scrollTop) el.scrollTop = top - frozenH - HEAD_H;
      else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight;
    }
    if (col > frozenCols) {
      const frozenW = lefts[frozenCols + 1] ?? NUM_W;
      const left = lefts[col];
      if (left - frozenW < el.scrollLeft) el.scrollLeft = left - frozenW;
      else if (left + widths[col] > el.scrollLeft + el.clientWidth) el.scrollLeft = left + widths[col] - el.clientWidth;
    }
  };

  const move = (row: number, col: number) => {
    const r = Math.min(Math.max(row, 1), rows);
    const c = Math.min(Math.max(col, 1), cols);
    select(r, c);
    scrollIntoView(r, c);
  };

  /** Typing starts a text editor (even over a dropdown, as in Sheets); double-click or ▾ opens the list. */
  const startEdit = (row: number, col: number, typed?: string) => {
    const cell = cellAt(row, col);
    const current = cell ? cell.formula || cell.display : '';
    setEditing({ row, col, text: typed ?? current, options: typed === undefined ? cell?.options : undefined });
  };

  const [headerMenu, setHeaderMenu] = useState<HeaderMenu | null>(null);
  useEffect(() => {
    if (!headerMenu) return;
    const close = () => setHeaderMenu(null);
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, [headerMenu]);

  /** A person's action that is not a cell edit (paste, insert, delete, sort): the server runs it as Sheets would. */
  const personAct = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      onError(err instanceof ApiError ? err.message : String(err));
    }
    onChanged();
  };

  const structure = (action: StructureAction, index: number) => {
    setHeaderMenu(null);
    void personAct(() => api.structure(tab, action, index));
  };

  // Text copied from Excel or Sheets arrives as tab-separated lines.
  const onPaste = (ev: ClipboardEvent) => {
    if (editing) return;
    const text = ev.clipboardData?.getData('text/plain') ?? '';
    if (!text) return;
    ev.preventDefault();
    const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
    const rows = lines.map((line) => line.split('\t'));
    void personAct(() => api.paste(tab, sel.row, sel.col, rows));
  };

  const onCopy = (ev: ClipboardEvent) => {
    if (editing) return;
    const cell = cellAt(sel.row, sel.col);
    ev.clipboardData?.setData('text/plain', cell?.display ?? '');
    ev.preventDefault();
  };

  const commit = async (e: Editing, value: string, next?: { row: number; col: number }) => {
    if (live.current !== e) return;
    setEditing(null);
    const before = cellAt(e.row, e.col);
    if (before && value === (before.formula || before.display)) {
      if (next) move(next.row, next.col);
      scroller.current?.focus();
      return;
    }
    // Warning-only protection: Sheets asks before the edit goes through.
    if (before?.warningOnly && !before.locked && !window.confirm(warningText())) {
      scroller.current?.focus();
      return;
    }
    try {
      await api.edit(tab, e.row, e.col, value);
    } catch (err) {
      onError(err instanceof ApiError ? err.message : String(err));
    }
    onChanged();
    if (next) move(next.row, next.col);
    scroller.current?.focus();
  };

  const onKeyDown = (ev: KeyboardEvent) => {
    if (editing) return;
    const { row, col } = sel;
    const keys: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Tab: [0, ev.shiftKey ? -1 : 1],
    };
    if (keys[ev.key]) {
      ev.preventDefault();
      move(row + keys[ev.key][0], col + keys[ev.key][1]);
    } else if (ev.key === 'Enter' || ev.key === 'F2') {
      ev.preventDefault();
      startEdit(row, col);
    } else if (ev.key === 'Delete' || ev.key === 'Backspace') {
      ev.preventDefault();
      const cell = cellAt(row, col);
      if (cell && (cell.display !== '' || cell.formula)) void commit({ row, col, text: '' }, '');
    } else if (ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      startEdit(row, col, ev.key);
    }
  };

  const renderCell = (r: number, c: number) => {
    const cell = cellAt(r, c);
    const a1 = `${columnName(c)}${r}`;
    const selected = sel.row === r && sel.col === c;
    const style: Record<string, string> = { width: px(widths[c]) };
    if (c <= frozenCols) style.left = px(lefts[c]);
    if (cell?.background && cell.background !== '#ffffff') style.background = cell.background;
    if (cell?.fontWeight === 'bold') style.fontWeight = 'bold';
    if (cell?.fontColor && cell.fontColor !== '#000000') style.color = cell.fontColor;
    const cls = [
      'cell',
      c <= frozenCols ? 'frozen-col' : '',
      c === frozenCols ? 'freeze-edge-col' : '',
      r === frozenRows ? 'freeze-edge-row' : '',
      selected ? 'selected' : '',
      isNumeric(cell) ? 'num' : '',
      cell?.note ? 'has-note' : '',
      cell?.protected ? 'protected' : '',
    ].join(' ');
    if (editing && editing.row === r && editing.col === c) {
      return (
        // biome-ignore lint/a11y/useSemanticElements: a virtual grid positions div rows; a <table> cannot.
        <div class={`${cls} editing`} role="gridcell" tabIndex={-1} style={style} key={c} data-cell={a1}>
          {editing.options ? (
            <select
              class="editor"
              ref={focusOnMount}
              value={editing.text}
              onChange={(e) => void commit(editing, (e.target as HTMLSelectElement).value)}
              onBlur={() => setEditing(null)}
              onKeyDown={(e) => {
                if (e.key !== 'Escape') return;
                e.stopPropagation();
                setEditing(null);
              }}
            >
              <option value="" />
              {editing.options.map((o) => (
                <option value={o} key={o}>
                  {o}
                </option>
              ))}
              {editing.text && !editing.options.includes(editing.text) ? (
                <option value={editing.text}>{editing.text}</option>
              ) : null}
            </select>
          ) : (
            <input
              class="editor"
              ref={focusOnMount}
              value={editing.text}
              onInput={(e) => setEditing({ ...editing, text: (e.target as HTMLInputElement).value })}
              onKeyDown={(e) => {
                // The editor's own keys must not reach the grid, which would open a new editor on Enter.
                if (e.key === 'Enter' || e.key === 'Tab' || e.key === 'Escape') e.stopPropagation();
                if (e.key === 'Enter') void commit(editing, editing.text, { row: r + 1, col: c });
                else if (e.key === 'Tab') {
                  e.preventDefault();
                  void commit(editing, editing.text, { row: r, col: c + 1 });
                } else if (e.key === 'Escape') {
                  setEditing(null);
                  scroller.current?.focus();
                }
              }}
              onBlur={() => editing && void commit(editing, editing.text)}
            />
          )}
        </div>
      );
    }
    return (
      // biome-ignore lint/a11y/useSemanticElements: a virtual grid positions div rows; a <table> cannot.
      <div
        class={cls}
        role="gridcell"
        tabIndex={-1}
        aria-selected={selected}
        style={style}
        key={c}
        data-cell={a1}
        title={cell?.note || cell?.validationHelp || undefined}
        onMouseDown={() => select(r, c)}
        onDblClick={() => startEdit(r, c)}
      >
        <span class="text">{cell?.display ?? ''}</span>
        {cell?.options ? (
          <button
            type="button"
            class="dropdown"
            tabIndex={-1}
            aria-label="Choose a value"
            onMouseDown={(e) => {
              e.stopPropagation();
              select(r, c);
              startEdit(r, c);
            }}
          >
            ▾
          </button>
        ) : null}
      </div>
    );
  };

  const renderRow = (r: number, absolute: boolean) => {
    const cells = [];
    for (let c = 1; c <= cols; c++) cells.push(renderCell(r, c));
    return (
      // biome-ignore lint/a11y/useSemanticElements: rows are absolutely positioned divs in the virtual grid.
      <div
        role="row"
        tabIndex={-1}
        class={`row${sel.row === r ? ' current' : ''}`}
        key={r}
        data-row={r}
        style={absolute ? { top: px(HEAD_H + (r - 1) * ROW_H), width: px(totalW) } : { width: px(totalW) }}
      >
        {/* biome-ignore lint/a11y/useSemanticElements: header cells of the virtual div grid. */}
        <div
          role="rowheader"
          tabIndex={-1}
          class={`rownum${sel.row === r ? ' active' : ''}`}
          onContextMenu={(e) => {
            e.preventDefault();
            setHeaderMenu({ x: e.clientX, y: e.clientY, kind: 'row', index: r });
          }}
        >
          {r}
        </div>
        {cells}
      </div>
    );
  };

  if (!meta) return <div class="grid-scroller loading">…</div>;

  const header = [];
  for (let c = 1; c <= cols; c++) {
    header.push(
      // biome-ignore lint/a11y/useSemanticElements: header cells of the virtual div grid.
      <div
        role="columnheader"
        tabIndex={-1}
        class={`colhead${c <= frozenCols ? ' frozen-col' : ''}${sel.col === c ? ' active' : ''}`}
        key={c}
        style={c <= frozenCols ? { width: px(widths[c]), left: px(lefts[c]) } : { width: px(widths[c]) }}
        onContextMenu={(e) => {
          e.preventDefault();
          setHeaderMenu({ x: e.clientX, y: e.clientY, kind: 'column', index: c });
        }}
      >
        {columnName(c)}
      </div>,
    );
  }
  const frozen = [];
  for (let r = 1; r <= frozenRows; r++) frozen.push(renderRow(r, false));
  const body = [];
  for (let r = first; r <= last; r++) body.push(renderRow(r, true));

  const menuItems: Array<[string, StructureAction]> = !headerMenu
    ? []
    : headerMenu.kind === 'row'
      ? [
          ['Insert 1 row above', 'insertRowsBefore'],
          ['Insert 1 row below', 'insertRowsAfter'],
          [`Delete row ${headerMenu.index}`, 'deleteRows'],
        ]
      : [
          ['Insert 1 column left', 'insertColumnsBefore'],
          ['Insert 1 column right', 'insertColumnsAfter'],
          [`Delete column ${columnName(headerMenu.index)}`, 'deleteColumns'],
          ['Sort sheet A → Z', 'sortAscending'],
          ['Sort sheet Z → A', 'sortDescending'],
        ];
  const selected = cellAt(sel.row, sel.col);

  return (
    <>
      <div class="formula-bar">
        <span class="ref" data-testid="cell-ref">
          {columnName(sel.col)}
          {sel.row}
        </span>
        <span class="fx">fx</span>
        <span class="formula" data-testid="cell-formula">
          {selected ? selected.formula || selected.display : ''}
        </span>
      </div>
      {headerMenu ? (
        <div class="menu-list header-menu" role="menu" style={{ left: px(headerMenu.x), top: px(headerMenu.y) }}>
          {menuItems.map(([label, action]) => (
            <button
              type="button"
              class="menu-item"
              role="menuitem"
              key={action}
              onClick={() => structure(action, headerMenu.index)}
            >
              {label}
            </button>
          ))}
        </div>
      ) : null}
      {/* biome-ignore lint/a11y/useSemanticElements: the grid scrolls virtual div rows, not a <table>. */}
      <div
        class="grid-scroller"
        role="grid"
        aria-rowcount={rows}
        aria-colcount={cols}
        ref={scroller}
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onCopy={onCopy}
        data-tab={tab}
      >
        <div class="canvas" style={{ height: px(HEAD_H + rows * ROW_H), width: px(totalW) }}>
          <div class="sticky-top" style={{ width: px(totalW) }}>
            <div class="row head" style={{ width: px(totalW) }}>
              <div class="rownum corner" />
              {header}
            </div>
            {frozen}
          </div>
          {body}
        </div>
      </div>
    </>
  );
}
