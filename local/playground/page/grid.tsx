// The spreadsheet grid: virtual rows fetched in windows, frozen header rows and columns, selection and cell editing.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api, type CellView, columnName, type SheetView, type StructureAction } from './api';
import { problemText, t } from './i18n';
import { Menu, type MenuItem } from './menu';

const ROW_H = 21;
const HEAD_H = 24;
const NUM_W = 46;
const DEF_W = 100;
const BLOCK = 100;
const OVERSCAN = 10;
const OPTION_H = 26;
const LIST_MAX = 8;

interface Props {
  tab: string;
  version: number;
  /** A person's change went through (or was refused): the app refreshes its state. */
  onChanged: () => void;
  onError: (message: string) => void;
  /** A Cancel / OK question in a page dialog; resolves true for OK. */
  ask: (title: string, message: string) => Promise<boolean>;
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
  /**
   * 'enter': started by typing, arrow keys leave the cell; 'edit': F2, Enter or double-click, arrows move the caret;
   * 'list': the dropdown's list is open and nothing is typed yet.
   */
  mode: 'enter' | 'edit' | 'list';
  /** The cell's dropdown options: the list, or suggestions while typing. */
  options?: string[];
  /** What is typed so far. */
  text: string;
  /** The highlighted option of the list on screen, -1 for none. */
  active: number;
}

/** Where a person left a tab: its scroll position and selected cell come back when they return, as in Sheets. */
interface Place {
  top: number;
  left: number;
  row: number;
  col: number;
}

/** A typed value on its way to the server; shown in its cell until a fetched block holds it. */
interface Pending {
  value: string;
  /** The server's version once the edit went through. */
  version?: number;
}

/** Preact 11 takes style lengths as strings: numbers get no unit. */
const px = (n: number): string => `${n}px`;

function isNumeric(cell: CellView | undefined): boolean {
  if (!cell) return false;
  const v = cell.value as unknown;
  return typeof v === 'number' || (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && cell.display !== v);
}

const contentOf = (cell: CellView | undefined): string => (cell ? cell.formula || cell.display : '');

/** A background read of a tab that was just renamed or deleted: the next state shows the tab that is there now. */
const goneTab = (e: unknown): boolean => e instanceof ApiError && e.status === 404;

/** The options a list shows: all of them when opened from ▾, else those containing what was typed. */
function shownOptions(e: Editing | null): string[] {
  if (!e?.options) return [];
  if (e.mode === 'list') return e.options;
  const typed = e.text.trim().toLowerCase();
  if (!typed) return [];
  const matches = e.options.filter((o) => o.toLowerCase().includes(typed));
  return matches.length === 1 && matches[0] === e.text ? [] : matches;
}

/** While typing over a dropdown, the first option that starts with the text is the one Enter takes. */
function suggested(e: Editing): number {
  const typed = e.text.trim().toLowerCase();
  return typed ? shownOptions(e).findIndex((o) => o.toLowerCase().startsWith(typed)) : -1;
}

export function Grid({ tab, version, onChanged, onError, ask }: Props) {
  const [meta, setMeta] = useState<SheetView | null>(null);
  // Each block remembers how many columns it was fetched with: one fetched while the previous tab's meta was still
  // in place (a switch of tabs) is fetched again, wider, once this tab's meta arrives.
  const blocks = useRef(new Map<number, { version: number; cols: number; cells: CellView[][] }>());
  const [retry, setRetry] = useState(0);
  const inflight = useRef(new Set<string>());
  const [, setTick] = useState(0);
  const redraw = () => setTick((n) => n + 1);
  const [viewport, setViewport] = useState({ top: 0, left: 0, height: 600 });
  // Key handlers read the selection and the editor from refs: keys typed faster than the page re-renders must
  // land in the cell the person is on now, not in the one the last render knew.
  const [sel, setSelState] = useState({ row: 1, col: 1 });
  const selRef = useRef(sel);
  const setSel = (s: { row: number; col: number }) => {
    selRef.current = s;
    setSelState(s);
  };
  const [editing, setEditingState] = useState<Editing | null>(null);
  const editRef = useRef<Editing | null>(null);
  const setEditing = (e: Editing | null) => {
    editRef.current = e;
    setEditingState(e);
  };
  // The column a run of Tabs started from: Enter then goes to the next row under it, as in Sheets.
  const tabStart = useRef<number | null>(null);
  const pending = useRef(new Map<string, Pending>());
  // Edits reach the server one after another, in the order they were typed.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const scroller = useRef<HTMLDivElement>(null);
  // The one text input of the grid: it has the keyboard whenever the grid does, so no keystroke has to wait for an
  // editor to appear or for focus to come back after a save.
  const editor = useRef<HTMLInputElement>(null);
  // The tab on screen now, for fetches that come back after the person switched tabs.
  const tabRef = useRef(tab);
  tabRef.current = tab;
  const places = useRef(new Map<string, Place>());
  const shownTab = useRef<string | null>(null);
  const restore = useRef<Place | null>(null);

  const focusEditor = () => editor.current?.focus({ preventScroll: true });

  // Another tab: remember where the person was on this one, start the other where they left it (or at the top).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (shownTab.current !== null && el) {
      places.current.set(shownTab.current, { top: el.scrollTop, left: el.scrollLeft, ...selRef.current });
    }
    shownTab.current = tab;
    const place = places.current.get(tab) ?? { top: 0, left: 0, row: 1, col: 1 };
    blocks.current.clear();
    inflight.current.clear();
    setMeta(null);
    cancel();
    tabStart.current = null;
    setSel({ row: place.row, col: place.col });
    restore.current = place;
    setViewport((v) => ({ ...v, top: place.top, left: place.left }));
    if (place.row !== 1 || place.col !== 1) select(place.row, place.col);
  }, [tab]);

  useEffect(() => {
    let live = true;
    api
      .view(tab, 1, 1, 1)
      .then((m) => live && setMeta(m))
      .catch((e) => live && !goneTab(e) && onError(String(e.message ?? e)));
    return () => {
      live = false;
    };
  }, [tab, version]);

  // Once the tab's canvas has its height, its remembered scroll position can be applied.
  useLayoutEffect(() => {
    const el = scroller.current;
    const place = restore.current;
    if (!meta || !el || !place) return;
    restore.current = null;
    el.scrollTop = place.top;
    el.scrollLeft = place.left;
    setViewport({ top: el.scrollTop, left: el.scrollLeft, height: el.clientHeight });
    if (document.activeElement === document.body) focusEditor();
  }, [meta]);

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
      const key = `${tab}:${version}:${b}:${cols}`;
      if ((have && have.version === version && have.cols >= cols) || inflight.current.has(key)) continue;
      inflight.current.add(key);
      api
        .view(tab, b * BLOCK + 1, BLOCK, cols)
        .then((v) => {
          inflight.current.delete(key);
          const held = blocks.current.get(b);
          const older = held && (version < held.version || (version === held.version && cols < held.cols));
          if (v.name !== tabRef.current || older) return;
          blocks.current.set(b, { version, cols, cells: v.cells });
          redraw();
        })
        .catch((e) => {
          inflight.current.delete(key);
          if (goneTab(e)) return;
          onError(String(e.message ?? e));
          // A block that failed to load is asked for again instead of staying stale until the next change.
          setTimeout(() => setRetry((n) => n + 1), 1000);
        });
    }
  }, [meta, tab, version, first, last, cols, frozenRows, retry]);

  const cellAt = (r: number, c: number): CellView | undefined =>
    blocks.current.get(Math.floor((r - 1) / BLOCK))?.cells[(r - 1) % BLOCK]?.[c - 1];

  const pendingKey = (r: number, c: number) => `${tabRef.current}\u0000${r}\u0000${c}`;

  /** A typed value not yet in the fetched rows, or undefined. */
  const pendingAt = (r: number, c: number): string | undefined => {
    const key = pendingKey(r, c);
    const p = pending.current.get(key);
    if (!p) return undefined;
    const shown = blocks.current.get(Math.floor((r - 1) / BLOCK))?.version ?? 0;
    if (p.version !== undefined && shown >= p.version) {
      pending.current.delete(key);
      return undefined;
    }
    return p.value;
  };

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
  function select(row: number, col: number): void {
    setSel({ row, col });
    // The add-on reads the selection through getActiveRange; tell the server once the cursor rests.
    const onTab = tabRef.current;
    window.clearTimeout(selectTimer.current);
    selectTimer.current = window.setTimeout(() => {
      api.select(onTab, row, col).catch((e) => goneTab(e) || onError(String(e.message ?? e)));
    }, 120);
  }

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
    const r = Math.min(Math.max(row, 1), Math.max(rows, 1));
    const c = Math.min(Math.max(col, 1), Math.max(cols, 1));
    select(r, c);
    scrollIntoView(r, c);
  };

  function resetEditor(text = ''): void {
    const input = editor.current;
    if (!input) return;
    input.value = text;
    input.setSelectionRange(text.length, text.length);
  }

  function cancel(): void {
    if (editRef.current) setEditing(null);
    resetEditor();
  }

  /** F2, Enter or a double-click: the cell's content in the editor, caret at the end. */
  const startEdit = (row: number, col: number) => {
    const cell = cellAt(row, col);
    const text = pendingAt(row, col) ?? contentOf(cell);
    resetEditor(text);
    setEditing({ row, col, mode: 'edit', options: cell?.options, text, active: -1 });
    focusEditor();
  };

  /** The ▾ list of a dropdown cell, the current value highlighted. */
  const openList = (row: number, col: number) => {
    const cell = cellAt(row, col);
    if (!cell?.options) return startEdit(row, col);
    resetEditor();
    const current = pendingAt(row, col) ?? cell.display;
    setEditing({ row, col, mode: 'list', options: cell.options, text: '', active: cell.options.indexOf(current) });
    focusEditor();
  };

  /** Sends a person's edit; the page shows the value at once and the server's answer when it comes. */
  const enqueue = (row: number, col: number, value: string) => {
    const onTab = tabRef.current;
    const key = pendingKey(row, col);
    const p: Pending = { value };
    pending.current.set(key, p);
    redraw();
    queue.current = queue.current.then(async () => {
      try {
        const done = await api.edit(onTab, row, col, value);
        p.version = done.version;
      } catch (err) {
        if (pending.current.get(key) === p) pending.current.delete(key);
        onError(err instanceof ApiError ? problemText(err.problem, err.message) : String(err));
      }
      onChanged();
      redraw();
    });
  };

  /** A value for a cell, as a person enters it: warning-only protection asks first, as Sheets does. */
  const write = (row: number, col: number, value: string) => {
    const cell = cellAt(row, col);
    if (value === (pendingAt(row, col) ?? contentOf(cell))) return;
    if (cell?.warningOnly && !cell.locked) {
      void ask(t.headsUp, t.warningOnly).then((ok) => {
        if (ok) enqueue(row, col, value);
        focusEditor();
      });
      return;
    }
    enqueue(row, col, value);
  };

  /** Ends the edit with a value and moves on (Enter, Tab, arrows) or stays (a pick from the list, a click away). */
  const commit = (value: string, next?: { row: number; col: number }) => {
    const e = editRef.current;
    if (!e) return;
    setEditing(null);
    resetEditor();
    if (next) move(next.row, next.col);
    write(e.row, e.col, value);
  };

  const [headerMenu, setHeaderMenu] = useState<HeaderMenu | null>(null);
  useEffect(() => {
    if (!headerMenu) return;
    const close = () => setHeaderMenu(null);
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, [headerMenu]);

  // A click anywhere but the list closes it, as in Sheets.
  const listOpen = editing?.mode === 'list';
  useEffect(() => {
    if (!listOpen) return;
    const close = (ev: MouseEvent) => {
      const target = ev.target as Element | null;
      if (target?.closest('.dropdown-list, .cell .dropdown')) return;
      cancel();
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [listOpen]);

  /** A person's action that is not a cell edit (paste, insert, delete, sort): the server runs it as Sheets would. */
  const personAct = async (work: () => Promise<unknown>) => {
    await queue.current;
    try {
      await work();
    } catch (err) {
      onError(err instanceof ApiError ? problemText(err.problem, err.message) : String(err));
    }
    onChanged();
  };

  const structure = (action: StructureAction, index: number) => {
    setHeaderMenu(null);
    focusEditor();
    void personAct(() => api.structure(tabRef.current, action, index));
  };

  // Text copied from Excel or Sheets arrives as tab-separated lines.
  const onPaste = (ev: ClipboardEvent) => {
    if (editRef.current && editRef.current.mode !== 'list') return;
    const text = ev.clipboardData?.getData('text/plain') ?? '';
    ev.preventDefault();
    if (!text) return;
    cancel();
    const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
    const grid = lines.map((line) => line.split('\t'));
    const { row, col } = selRef.current;
    void personAct(() => api.paste(tabRef.current, row, col, grid));
  };

  const onCopy = (ev: ClipboardEvent) => {
    if (editRef.current && editRef.current.mode !== 'list') return;
    const { row, col } = selRef.current;
    ev.clipboardData?.setData('text/plain', pendingAt(row, col) ?? cellAt(row, col)?.display ?? '');
    ev.preventDefault();
  };

  const ARROWS: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
  };

  const onEditorKey = (ev: KeyboardEvent) => {
    if (ev.isComposing) return;
    const e = editRef.current;
    const { row, col } = selRef.current;
    if (e) {
      const options = shownOptions(e);
      const chosen = e.active >= 0 ? options[e.active] : undefined;
      if (options.length && (ev.key === 'ArrowDown' || ev.key === 'ArrowUp')) {
        ev.preventDefault();
        const step = ev.key === 'ArrowDown' ? 1 : -1;
        const active =
          e.active < 0 ? (step > 0 ? 0 : options.length - 1) : (e.active + step + options.length) % options.length;
        setEditing({ ...e, active });
      } else if (ev.key === 'Escape') {
        ev.preventDefault();
        cancel();
      } else if (ev.key === 'Enter') {
        ev.preventDefault();
        if (e.mode === 'list') {
          if (chosen !== undefined) commit(chosen);
          else cancel();
          return;
        }
        const down = { row: e.row + (ev.shiftKey ? -1 : 1), col: tabStart.current ?? e.col };
        tabStart.current = null;
        commit(chosen ?? (ev.currentTarget as HTMLInputElement).value, down);
      } else if (ev.key === 'Tab') {
        ev.preventDefault();
        tabStart.current ??= e.col;
        const value = e.mode === 'list' ? chosen : (chosen ?? (ev.currentTarget as HTMLInputElement).value);
        const next = { row: e.row, col: e.col + (ev.shiftKey ? -1 : 1) };
        if (value === undefined) {
          cancel();
          move(next.row, next.col);
        } else commit(value, next);
      } else if (ARROWS[ev.key] && e.mode === 'enter') {
        // Typing into a cell, an arrow key saves it and moves on, as in Sheets.
        ev.preventDefault();
        tabStart.current = null;
        commit((ev.currentTarget as HTMLInputElement).value, {
          row: e.row + ARROWS[ev.key][0],
          col: e.col + ARROWS[ev.key][1],
        });
      }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ARROWS[ev.key]) {
      ev.preventDefault();
      tabStart.current = null;
      move(row + ARROWS[ev.key][0], col + ARROWS[ev.key][1]);
    } else if (ev.key === 'Tab') {
      ev.preventDefault();
      tabStart.current ??= col;
      move(row, col + (ev.shiftKey ? -1 : 1));
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      tabStart.current = null;
      if (cellAt(row, col)?.options) openList(row, col);
      else startEdit(row, col);
    } else if (ev.key === 'F2') {
      ev.preventDefault();
      startEdit(row, col);
    } else if (ev.key === 'Delete' || ev.key === 'Backspace') {
      ev.preventDefault();
      write(row, col, '');
    }
    // Any other key types into the editor, which is already here: onInput starts the edit.
  };

  const onEditorInput = (ev: Event) => {
    const text = (ev.currentTarget as HTMLInputElement).value;
    const e = editRef.current;
    if (e && e.mode !== 'list') {
      const next = { ...e, text };
      setEditing({ ...next, active: suggested(next) });
      return;
    }
    // The first key typed on a selected cell (or over an open list) starts a fresh value, as in Sheets.
    const { row, col } = e ?? selRef.current;
    const started: Editing = { row, col, mode: 'enter', options: cellAt(row, col)?.options, text, active: -1 };
    setEditing({ ...started, active: suggested(started) });
  };

  // Clicking elsewhere on the page (a menu, a sidebar) saves what was typed, as Sheets does.
  const onEditorBlur = () => {
    const e = editRef.current;
    if (!e || e.mode === 'list' || !document.hasFocus()) return;
    commit(editor.current?.value ?? e.text);
  };

  /** A click on a cell: what was being typed is saved there, and the clicked cell is selected. */
  const pointTo = (r: number, c: number) => {
    const e = editRef.current;
    if (e && (e.row !== r || e.col !== c)) {
      if (e.mode === 'list') cancel();
      else commit(editor.current?.value ?? e.text);
    }
    tabStart.current = null;
    select(r, c);
    focusEditor();
  };

  const box = (r: number, c: number) => ({
    top: r <= frozenRows ? viewport.top + HEAD_H + (r - 1) * ROW_H : HEAD_H + (r - 1) * ROW_H,
    left: c <= frozenCols ? viewport.left + (lefts[c] ?? NUM_W) : (lefts[c] ?? NUM_W),
    width: widths[c] ?? DEF_W,
  });

  const renderCell = (r: number, c: number) => {
    const cell = cellAt(r, c);
    const typed = pendingAt(r, c);
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
      typed === undefined && isNumeric(cell) ? 'num' : '',
      cell?.note ? 'has-note' : '',
      cell?.protected ? 'protected' : '',
      cell?.options ? 'has-list' : '',
    ].join(' ');
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
        onMouseDown={(ev) => {
          if (ev.button !== 0) return;
          // The keyboard stays with the grid's editor.
          ev.preventDefault();
          pointTo(r, c);
        }}
        onDblClick={() => (cell?.options ? openList(r, c) : startEdit(r, c))}
      >
        <span class="text">{typed ?? cell?.display ?? ''}</span>
        {cell?.options ? (
          <button
            type="button"
            class="dropdown"
            tabIndex={-1}
            aria-label={t.chooseValue}
            aria-expanded={listOpen && editing?.row === r && editing.col === c}
            onMouseDown={(ev) => {
              ev.preventDefault();
              ev.stopPropagation();
              if (ev.button === 0) pointTo(r, c);
            }}
            onClick={(ev) => {
              ev.stopPropagation();
              const e = editRef.current;
              if (e?.mode === 'list' && e.row === r && e.col === c) cancel();
              else openList(r, c);
            }}
            onDblClick={(ev) => ev.stopPropagation()}
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
          onMouseDown={(ev) => ev.preventDefault()}
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
        onMouseDown={(ev) => ev.preventDefault()}
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

  const item = (label: string, action: StructureAction, index: number): MenuItem => ({
    kind: 'item',
    label,
    onPick: () => structure(action, index),
  });
  const sep: MenuItem = { kind: 'separator' };
  const menuItems: MenuItem[] = !headerMenu
    ? []
    : headerMenu.kind === 'row'
      ? [
          item(t.insertRowAbove, 'insertRowsBefore', headerMenu.index),
          item(t.insertRowBelow, 'insertRowsAfter', headerMenu.index),
          sep,
          item(t.deleteRow(headerMenu.index), 'deleteRows', headerMenu.index),
        ]
      : [
          item(t.insertColumnLeft, 'insertColumnsBefore', headerMenu.index),
          item(t.insertColumnRight, 'insertColumnsAfter', headerMenu.index),
          sep,
          item(t.deleteColumn(columnName(headerMenu.index)), 'deleteColumns', headerMenu.index),
          sep,
          item(t.sortAZ, 'sortAscending', headerMenu.index),
          item(t.sortZA, 'sortDescending', headerMenu.index),
        ];

  const selected = cellAt(sel.row, sel.col);
  const at = editing ?? { row: sel.row, col: sel.col };
  const place = box(at.row, at.col);
  const typing = editing !== null && editing.mode !== 'list';
  const options = shownOptions(editing);
  const listH = Math.min(options.length, LIST_MAX) * OPTION_H + 8;
  const below = place.top + ROW_H + listH <= viewport.top + viewport.height || place.top - listH < viewport.top;
  const current = editing ? (pendingAt(editing.row, editing.col) ?? cellAt(editing.row, editing.col)?.display) : '';

  return (
    <>
      <div class="formula-bar">
        <span class="ref" data-testid="cell-ref">
          {columnName(sel.col)}
          {sel.row}
        </span>
        <span class="fx">fx</span>
        <span class="formula" data-testid="cell-formula">
          {typing ? editing.text : (pendingAt(sel.row, sel.col) ?? contentOf(selected))}
        </span>
      </div>
      {headerMenu ? (
        <Menu
          items={menuItems}
          at={{ x: headerMenu.x, y: headerMenu.y }}
          class="header-menu"
          autoFocus
          onClose={() => {
            setHeaderMenu(null);
            focusEditor();
          }}
        />
      ) : null}
      {/* biome-ignore lint/a11y/useSemanticElements: the grid scrolls virtual div rows, not a <table>. */}
      <div
        class="grid-scroller"
        role="grid"
        aria-rowcount={rows}
        aria-colcount={cols}
        ref={scroller}
        tabIndex={-1}
        onScroll={onScroll}
        onFocus={(ev) => {
          if (ev.target === scroller.current) focusEditor();
        }}
        onPaste={onPaste}
        onCopy={onCopy}
        data-tab={tab}
      >
        <input
          ref={editor}
          class={`editor${typing ? ' active' : ''}`}
          aria-label={`${columnName(at.col)}${at.row}`}
          autoComplete="off"
          spellcheck={false}
          style={{
            top: px(place.top),
            left: px(place.left),
            width: px(Math.max(place.width, typing ? Math.min(640, 16 + editing.text.length * 8) : 0)),
          }}
          onKeyDown={onEditorKey}
          onInput={onEditorInput}
          onCompositionStart={() => {
            if (!editRef.current || editRef.current.mode === 'list') {
              const { row, col } = editRef.current ?? selRef.current;
              setEditing({ row, col, mode: 'enter', options: cellAt(row, col)?.options, text: '', active: -1 });
            }
          }}
          onBlur={onEditorBlur}
        />
        {editing && options.length ? (
          <div
            class="dropdown-list"
            role="listbox"
            tabIndex={-1}
            aria-label={`${columnName(editing.col)}${editing.row}`}
            style={{
              top: px(below ? place.top + ROW_H : place.top - listH),
              left: px(place.left),
              minWidth: px(Math.max(place.width, 160)),
              maxHeight: px(listH),
            }}
            onMouseDown={(ev) => ev.preventDefault()}
          >
            {options.map((o, i) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard picks options through the grid's editor, which keeps the focus.
              <div
                class={`option${i === editing.active ? ' active' : ''}${o === current ? ' current' : ''}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === editing.active}
                key={o}
                onMouseEnter={() => editRef.current && setEditing({ ...editRef.current, active: i })}
                onClick={() => commit(o)}
              >
                {o}
              </div>
            ))}
          </div>
        ) : null}
        {meta ? (
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
        ) : (
          <div class="loading">{t.loading}</div>
        )}
      </div>
    </>
  );
}
