// The playground page: menu bar, clock, user switcher, grid with tabs, sidebar, dialog, toasts and the side panels.
import { type RefObject, render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, type MenuEntry, type PanelInfo, type State, type TriggerRun } from './api';
import { ChartPanel } from './charts';
import { focusGrid, MessageBox } from './dialogs';
import { Grid } from './grid';
import { dateTime, t } from './i18n';
import { Menu, type MenuItem } from './menu';
import { Outbox } from './outbox';
import { TriggerLog, TriggerNotice } from './triggers';

const SANDBOX = 'allow-scripts allow-forms allow-popups allow-modals';
/** Uploads travel base64 in a JSON body the server caps at 1 MB. */
const MAX_UPLOAD_KB = 700;

function frameSrc(id: string): string {
  const [kind, index] = id.split('-');
  return `/frame/${kind}/${index}`;
}

/** A sidebar's or dialog's chrome: its title, a close button, and the add-on's HTML in a sandboxed frame. */
function PanelFrame({
  kind,
  panel,
  frame,
  onClose,
}: {
  kind: 'sidebar' | 'dialog';
  panel: PanelInfo;
  frame: RefObject<HTMLIFrameElement | null>;
  onClose: () => void;
}) {
  return (
    <>
      <header>
        <span class="panel-title">{panel.title}</span>
        <button
          type="button"
          class="close"
          aria-label={kind === 'sidebar' ? t.closeSidebar : t.closeDialog}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <iframe
        key={panel.id}
        ref={frame}
        title={panel.title || (kind === 'sidebar' ? t.sidebar : t.dialog)}
        name={kind}
        sandbox={SANDBOX}
        src={frameSrc(panel.id)}
      />
    </>
  );
}

/** The add-on's menu entries as page menu items. */
function menuItems(entries: MenuEntry[], run: (fn: string) => void): MenuItem[] {
  return entries.map((e) =>
    e.kind === 'separator'
      ? { kind: 'separator' }
      : e.kind === 'submenu'
        ? { kind: 'submenu', label: e.caption, items: menuItems(e.items, run) }
        : { kind: 'item', label: e.caption, onPick: () => run(e.functionName) },
  );
}

/** A tab in the strip; double-click renames it in place, as in Sheets. */
function TabButton({
  name,
  active,
  onOpen,
  onRename,
}: {
  name: string;
  active: boolean;
  onOpen: () => void;
  onRename: (name: string) => void;
}) {
  const [renaming, setRenaming] = useState(false);
  // Enter or Esc ends the rename once; the blur of the input leaving the page must not end it again.
  const ended = useRef(false);
  if (renaming) {
    const done = (input: HTMLInputElement, save: boolean) => {
      if (ended.current) return;
      ended.current = true;
      setRenaming(false);
      const next = input.value.trim();
      if (save && next && next !== name) onRename(next);
      focusGrid();
    };
    return (
      <input
        class="tab rename"
        aria-label={t.tabName}
        value={name}
        ref={(el) => {
          if (el && document.activeElement !== el) {
            el.focus();
            el.select();
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') done(e.currentTarget, true);
          else if (e.key === 'Escape') done(e.currentTarget, false);
        }}
        onBlur={(e) => renaming && done(e.currentTarget, true)}
      />
    );
  }
  return (
    <button
      type="button"
      class={`tab${active ? ' active' : ''}`}
      title={t.renameTab}
      onClick={onOpen}
      onDblClick={() => {
        ended.current = false;
        setRenaming(true);
      }}
    >
      {name}
    </button>
  );
}

interface Question {
  title: string;
  message: string;
  answer: (ok: boolean) => void;
}

function App() {
  const [state, setState] = useState<State | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [openMenu, setOpenMenu] = useState<string | null>(null);
  const [panel, setPanel] = useState<'outbox' | 'triggers' | null>(null);
  const [dialogSize, setDialogSize] = useState<{ width?: number; height?: number }>({});
  const [toasts, setToasts] = useState<State['toasts']>([]);
  const [question, setQuestion] = useState<Question | null>(null);
  const [notice, setNotice] = useState<{ runs: TriggerRun[]; clock: boolean } | null>(null);
  const seenToasts = useRef<number | null>(null);
  const lastState = useRef('');
  const seenAlerts = useRef<number | null>(null);
  const seenRuns = useRef<number | null>(null);
  const [alerts, setAlerts] = useState<State['alerts']>([]);
  const sidebarFrame = useRef<HTMLIFrameElement>(null);
  const dialogFrame = useRef<HTMLIFrameElement>(null);

  const refresh = useCallback(async () => {
    const s = await api.state();
    // Re-render only when something on screen changed (the poll runs every 1.5 s).
    const text = JSON.stringify(s);
    if (text !== lastState.current) {
      lastState.current = text;
      setState(s);
    }
    // Toasts raised before the page loaded are history; later ones pop up.
    if (seenToasts.current === null) seenToasts.current = s.toasts.length ? s.toasts[s.toasts.length - 1].id : -1;
    const fresh = s.toasts.filter((x) => x.id > (seenToasts.current as number));
    if (fresh.length) {
      seenToasts.current = fresh[fresh.length - 1].id;
      // Sheets shows one toast at a time: a new one replaces the last (progress updates in place).
      setToasts(fresh.slice(-1));
      for (const x of fresh) {
        if (x.timeoutSeconds > 0) {
          setTimeout(() => setToasts((old) => old.filter((y) => y.id !== x.id)), x.timeoutSeconds * 1000);
        }
      }
    }
    if (seenAlerts.current === null) seenAlerts.current = s.alerts.length ? s.alerts[s.alerts.length - 1].id : -1;
    const newAlerts = s.alerts.filter((a) => a.id > (seenAlerts.current as number));
    if (newAlerts.length) {
      seenAlerts.current = newAlerts[newAlerts.length - 1].id;
      setAlerts((old) => [...old, ...newAlerts]);
    }
    // A trigger that failed on a person's edit or a sidebar's call shows up, as Sheets' failure notices do.
    if (seenRuns.current === null) seenRuns.current = s.triggers.count;
    const failed = s.triggers.runs.filter((r) => r.id > (seenRuns.current as number) && r.error);
    seenRuns.current = s.triggers.count;
    if (failed.length) setNotice({ runs: failed, clock: false });
    return s;
  }, []);

  useEffect(() => {
    refresh().catch((e) => setError(String(e.message ?? e)));
    const timer = setInterval(() => refresh().catch(() => undefined), 1500);
    return () => clearInterval(timer);
  }, []);

  // Sidebars and dialogs talk to the server only through this page (they live in sandboxed iframes).
  useEffect(() => {
    const onMessage = async (event: MessageEvent) => {
      const data = event.data;
      if (data?.kartoteka !== 'sidebar') return;
      const frames = [sidebarFrame.current, dialogFrame.current];
      const frame = frames.find((f) => f && f.contentWindow === event.source);
      if (!frame) return;
      const kind = frame === sidebarFrame.current ? 'sidebar' : 'dialog';
      if (data.type === 'run') {
        let reply: Record<string, unknown>;
        try {
          const r = await api.run(String(data.fn), Array.isArray(data.args) ? data.args : []);
          reply = r.ok
            ? { ok: true, value: r.value, undefined: r.undefined }
            : { ok: false, name: r.name, message: r.message };
        } catch (e) {
          reply = { ok: false, name: 'ScriptError', message: String((e as Error).message ?? e) };
        }
        (event.source as Window).postMessage({ kartoteka: 'result', id: data.id, ...reply }, '*');
        await refresh();
      } else if (data.type === 'close') {
        await api.close(kind);
        if (kind === 'dialog') setDialogSize({});
        await refresh();
      } else if (data.type === 'focus') {
        // google.script.host.editor.focus(): the sheet takes the keyboard back.
        focusGrid();
      } else if (data.type === 'size' && kind === 'dialog') {
        setDialogSize((s) => ({
          width: data.width ?? s.width,
          height: data.height ?? s.height,
        }));
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  // A click anywhere else closes an open menu, as in Sheets.
  useEffect(() => {
    if (!openMenu) return;
    const close = () => setOpenMenu(null);
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, [openMenu]);

  // A clock notice with nothing wrong in it goes away by itself, like a toast.
  useEffect(() => {
    if (!notice || notice.runs.some((r) => r.error)) return;
    const timer = setTimeout(() => setNotice(null), 15_000);
    return () => clearTimeout(timer);
  }, [notice]);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setError(String((e as Error).message ?? e));
    } finally {
      setBusy(false);
      await refresh().catch(() => undefined);
    }
  };

  const runMenu = (fn: string) => {
    setOpenMenu(null);
    void act(async () => {
      const r = await api.menu(fn);
      if (!r.ok) setError(r.message ?? fn);
    });
  };

  /** A .csv or .xlsx becomes a new tab (the server reads it as Sheets' File → Import would); then the import sidebar. */
  const upload = (file: File) =>
    act(async () => {
      if (file.size > MAX_UPLOAD_KB * 1024) throw new Error(t.uploadTooBig(MAX_UPLOAD_KB));
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const r = await api.upload(file.name, btoa(binary));
      if (!r.ok) setError(r.message ?? file.name);
    });

  /** Moves the virtual clock; the triggers that came due run, and the page says which. */
  const moveClock = (action: 'nextMorning' | 'hour' | 'day') =>
    act(async () => {
      const before = state?.triggers.count ?? 0;
      const s = await api.clock(action);
      seenRuns.current = s.triggers.count;
      setNotice({ runs: s.triggers.runs.filter((r) => r.id > before), clock: true });
    });

  const ask = useCallback(
    (title: string, message: string) => new Promise<boolean>((answer) => setQuestion({ title, message, answer })),
    [],
  );

  if (!state)
    return (
      <div class="boot">
        {t.starting}
        {error ? <p class="error-text">{error}</p> : null}
      </div>
    );

  const sidebar: PanelInfo | null = state.sidebar;
  const dialog: PanelInfo | null = state.dialog;
  const zone = state.clock.timeZone;
  const closeMessage = (after: () => void) => () => {
    after();
    focusGrid();
  };

  return (
    <div class="app">
      <header class="topbar">
        <div class="doc-title">
          <span class="logo">▦</span> {state.title}
          <span class="muted"> · {t.playground}</span>
        </div>
        <nav class="menubar">
          {state.menus.map((m) => (
            <div class="menu" key={m.title}>
              <button
                type="button"
                class={`menu-title${openMenu === m.title ? ' open' : ''}`}
                aria-haspopup="menu"
                aria-expanded={openMenu === m.title}
                onClick={(e) => {
                  e.stopPropagation();
                  setOpenMenu(openMenu === m.title ? null : m.title);
                }}
              >
                {m.title}
              </button>
              {openMenu === m.title ? (
                <Menu
                  items={menuItems(m.items, runMenu)}
                  onClose={() => {
                    setOpenMenu(null);
                    focusGrid();
                  }}
                />
              ) : null}
            </div>
          ))}
        </nav>
        <div class="spacer" />
        {busy ? <span class="busy">{t.running}</span> : null}
        <div class="clock" title={t.clockTitle(zone)}>
          <span class="clock-when">
            <span class="clock-text" data-testid="clock" data-wall={state.clock.wall}>
              {dateTime(state.clock.iso, zone, true)}
            </span>
            <span class="muted zone">{zone}</span>
          </span>
          <button type="button" onClick={() => moveClock('nextMorning')}>
            {t.nextMorning}
          </button>
          <button type="button" onClick={() => moveClock('hour')}>
            {t.plusHour}
          </button>
          <button type="button" onClick={() => moveClock('day')}>
            {t.plusDay}
          </button>
        </div>
        <select
          class="user"
          aria-label={t.user}
          value={state.user}
          onChange={(e) => act(() => api.user((e.target as HTMLSelectElement).value))}
        >
          {state.users.map((u) => (
            <option value={u} key={u}>
              {u}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setPanel(panel === 'triggers' ? null : 'triggers')}>
          {t.triggers(state.triggers.count)}
        </button>
        <button type="button" class="outbox-button" onClick={() => setPanel(panel === 'outbox' ? null : 'outbox')}>
          {t.outbox(state.outboxCount)}
        </button>
        <label class="button upload" title={t.uploadTitle}>
          {t.upload}
          <input
            type="file"
            accept=".csv,.xlsx"
            data-testid="upload"
            hidden
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              input.value = '';
              if (file) void upload(file);
            }}
          />
        </label>
        <a class="button" href="/download.xlsx" download="kartoteka.xlsx">
          {t.download}
        </a>
      </header>
      {state.saveError ? (
        <p class="save-error" role="alert">
          {t.notSaved(state.saveError)}
        </p>
      ) : null}
      <main class="workspace">
        <section class="sheet">
          <Grid
            tab={state.activeTab}
            version={state.version}
            onChanged={() => void refresh()}
            onError={(m) => setError(m)}
            ask={ask}
          />
          <ChartPanel tab={state.activeTab} version={state.version} />
          <footer class="tabs">
            {state.tabs
              .filter((x) => !x.hidden)
              .map((x) => (
                <TabButton
                  key={x.name}
                  name={x.name}
                  active={x.name === state.activeTab}
                  onOpen={() => act(() => api.tab(x.name))}
                  onRename={(name) => void act(() => api.rename(x.name, name))}
                />
              ))}
          </footer>
        </section>
        {sidebar ? (
          <aside class="sidebar" style={{ width: `${sidebar.width ?? 300}px` }}>
            <PanelFrame
              kind="sidebar"
              panel={sidebar}
              frame={sidebarFrame}
              onClose={() => act(() => api.close('sidebar'))}
            />
          </aside>
        ) : null}
        {panel === 'outbox' ? <Outbox key={state.outboxCount} timeZone={zone} onClose={() => setPanel(null)} /> : null}
        {panel === 'triggers' ? (
          <TriggerLog runs={state.triggers.runs} timeZone={zone} onClose={() => setPanel(null)} />
        ) : null}
      </main>
      {dialog ? (
        <div class={dialog.modal ? 'overlay' : 'overlay modeless'}>
          <div
            class="dialog"
            style={{
              width: `${dialogSize.width ?? dialog.width ?? 600}px`,
              height: `${(dialogSize.height ?? dialog.height ?? 400) + 44}px`,
            }}
          >
            <PanelFrame
              kind="dialog"
              panel={dialog}
              frame={dialogFrame}
              onClose={() => act(() => api.close('dialog'))}
            />
          </div>
        </div>
      ) : null}
      <div class="toasts" aria-live="polite">
        {toasts.map((x) => (
          <div class="toast" key={x.id}>
            {x.title ? <b>{x.title}</b> : null}
            <div>{x.message}</div>
            <button
              type="button"
              class="close"
              aria-label={t.close}
              onClick={() => setToasts((old) => old.filter((y) => y.id !== x.id))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      {notice ? (
        <TriggerNotice runs={notice.runs} clock={notice.clock} timeZone={zone} onClose={() => setNotice(null)} />
      ) : null}
      {alerts.length ? (
        <MessageBox title={alerts[0].title || state.title} onOk={closeMessage(() => setAlerts((old) => old.slice(1)))}>
          <p class="error-text">{alerts[0].prompt}</p>
          <p class="muted small">{t.scriptAnswered(t.buttons[alerts[0].answer || 'OK'] ?? alerts[0].answer)}</p>
        </MessageBox>
      ) : null}
      {error ? (
        <MessageBox title={t.problem} testId="problem" onOk={closeMessage(() => setError(null))}>
          <p class="error-text">{error}</p>
        </MessageBox>
      ) : null}
      {question ? (
        <MessageBox
          title={question.title}
          onOk={() => {
            setQuestion(null);
            question.answer(true);
          }}
          onCancel={() => {
            setQuestion(null);
            question.answer(false);
          }}
        >
          <p>{question.message}</p>
        </MessageBox>
      ) : null}
    </div>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
