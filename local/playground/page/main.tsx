// The playground page: menu bar, clock, user switcher, grid with tabs, sidebar, dialog, toasts and the outbox.
import { type RefObject, render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, type Mail, type MenuEntry, type PanelInfo, type State } from './api';
import { ChartPanel } from './charts';
import { Grid } from './grid';

const SANDBOX = 'allow-scripts allow-forms allow-popups allow-modals';

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
        <button type="button" class="close" aria-label={`Close ${kind}`} onClick={onClose}>
          ×
        </button>
      </header>
      <iframe
        key={panel.id}
        ref={frame}
        title={panel.title || (kind === 'sidebar' ? 'Sidebar' : 'Dialog')}
        name={kind}
        sandbox={SANDBOX}
        src={frameSrc(panel.id)}
      />
    </>
  );
}

function MenuList({ items, onPick }: { items: MenuEntry[]; onPick: (fn: string) => void }) {
  return (
    <div class="menu-list" role="menu">
      {items.map((item, i) =>
        item.kind === 'separator' ? (
          <div class="menu-sep" key={i} />
        ) : item.kind === 'submenu' ? (
          <div class="menu-item has-sub" key={i} role="menuitem" tabIndex={-1}>
            {item.caption} <span class="arrow">▸</span>
            <div class="submenu">
              <MenuList items={item.items} onPick={onPick} />
            </div>
          </div>
        ) : (
          <button type="button" class="menu-item" key={i} role="menuitem" onClick={() => onPick(item.functionName)}>
            {item.caption}
          </button>
        ),
      )}
    </div>
  );
}

function Outbox({ onClose, timeZone }: { onClose: () => void; timeZone: string }) {
  const [mails, setMails] = useState<Mail[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    api.outbox().then((m) => {
      setMails(m);
      if (m.length) setOpen(m.length - 1);
    });
  }, []);
  const mail = open === null || !mails ? null : mails[open];
  const esc = (s: string) => s.replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch] as string);
  return (
    <div class="outbox" role="dialog" aria-label="Outbox">
      <header>
        <b>Outbox</b> <span class="muted">{mails ? `${mails.length} sent` : '…'}</span>
        <button type="button" class="close" onClick={onClose} aria-label="Close outbox">
          ×
        </button>
      </header>
      <div class="outbox-body">
        <ul class="mail-list">
          {mails && mails.length === 0 ? <li class="muted">No emails sent yet.</li> : null}
          {(mails ?? [])
            .map((m, i) => (
              <li key={i} class={open === i ? 'open' : ''}>
                <button type="button" class="subject" onClick={() => setOpen(i)}>
                  {m.subject || '(no subject)'}
                </button>
                <div class="muted">
                  to {m.to} · {m.at ? new Date(m.at).toLocaleString('en-GB', { timeZone }) : ''}
                </div>
                <div class="muted">from {m.sender || '(script owner)'}</div>
              </li>
            ))
            .reverse()}
        </ul>
        {mail ? (
          <div class="mail-view">
            <div>
              <b>{mail.subject}</b>
            </div>
            <div class="muted">
              To: {mail.to}
              {mail.cc ? ` · Cc: ${mail.cc}` : ''}
              {mail.bcc ? ` · Bcc: ${mail.bcc}` : ''}
            </div>
            <div class="muted">
              From: {mail.name ? `${mail.name} ` : ''}&lt;{mail.sender}&gt;
              {mail.replyTo ? ` · Reply-To: ${mail.replyTo}` : ''}
            </div>
            <iframe
              title="Email body"
              class="mail-frame"
              sandbox=""
              srcdoc={mail.htmlBody || `<pre style="white-space:pre-wrap;font:14px sans-serif">${esc(mail.body)}</pre>`}
            />
          </div>
        ) : null}
      </div>
    </div>
  );
}

function App() {
  const [state, setState] = useState<State | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [openMenu, setOpenMenu] = useState<string | null>(null);
  const [outbox, setOutbox] = useState(false);
  const [dialogSize, setDialogSize] = useState<{ width?: number; height?: number }>({});
  const [toasts, setToasts] = useState<State['toasts']>([]);
  const seenToasts = useRef<number | null>(null);
  const lastState = useRef('');
  const seenAlerts = useRef<number | null>(null);
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
    const fresh = s.toasts.filter((t) => t.id > (seenToasts.current as number));
    if (fresh.length) {
      seenToasts.current = fresh[fresh.length - 1].id;
      setToasts((old) => [...old, ...fresh]);
      for (const t of fresh) {
        if (t.timeoutSeconds > 0) {
          setTimeout(() => setToasts((old) => old.filter((x) => x.id !== t.id)), t.timeoutSeconds * 1000);
        }
      }
    }
    if (seenAlerts.current === null) seenAlerts.current = s.alerts.length ? s.alerts[s.alerts.length - 1].id : -1;
    const newAlerts = s.alerts.filter((a) => a.id > (seenAlerts.current as number));
    if (newAlerts.length) {
      seenAlerts.current = newAlerts[newAlerts.length - 1].id;
      setAlerts((old) => [...old, ...newAlerts]);
    }
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
        (document.querySelector('.grid-scroller') as HTMLElement | null)?.focus();
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
      if (!r.ok) setError(r.message ?? `${fn} failed`);
    });
  };

  if (!state) return <div class="boot">Starting Kartoteka…{error ? <p class="error-text">{error}</p> : null}</div>;

  const sidebar: PanelInfo | null = state.sidebar;
  const dialog: PanelInfo | null = state.dialog;

  return (
    <div class="app">
      <header class="topbar">
        <div class="doc-title">
          <span class="logo">▦</span> {state.title}
          <span class="muted"> · playground</span>
        </div>
        <nav class="menubar">
          {state.menus.map((m) => (
            <div class="menu" key={m.title}>
              <button
                type="button"
                class={`menu-title${openMenu === m.title ? ' open' : ''}`}
                onClick={(e) => {
                  e.stopPropagation();
                  setOpenMenu(openMenu === m.title ? null : m.title);
                }}
              >
                {m.title}
              </button>
              {openMenu === m.title ? <MenuList items={m.items} onPick={runMenu} /> : null}
            </div>
          ))}
        </nav>
        <div class="spacer" />
        {busy ? <span class="busy">Running…</span> : null}
        <div class="clock" title={`Virtual time in ${state.clock.timeZone}`}>
          <span class="clock-text" data-testid="clock">
            {state.clock.text}
          </span>
          <span class="muted"> {state.clock.timeZone}</span>
          <button type="button" onClick={() => act(() => api.clock('nextMorning'))}>
            Next morning 9:00
          </button>
          <button type="button" onClick={() => act(() => api.clock('hour'))}>
            +1 hour
          </button>
          <button type="button" onClick={() => act(() => api.clock('day'))}>
            +1 day
          </button>
        </div>
        <select
          class="user"
          aria-label="User"
          value={state.user}
          onChange={(e) => act(() => api.user((e.target as HTMLSelectElement).value))}
        >
          {state.users.map((u) => (
            <option value={u} key={u}>
              {u}
            </option>
          ))}
        </select>
        <button type="button" class="outbox-button" onClick={() => setOutbox(!outbox)}>
          Outbox ({state.outboxCount})
        </button>
        <a class="button" href="/download.xlsx" download="kartoteka.xlsx">
          Download .xlsx
        </a>
      </header>
      <main class="workspace">
        <section class="sheet">
          <Grid
            tab={state.activeTab}
            version={state.version}
            onChanged={() => void refresh()}
            onError={(m) => setError(m)}
          />
          <ChartPanel tab={state.activeTab} version={state.version} />
          <footer class="tabs">
            {state.tabs
              .filter((t) => !t.hidden)
              .map((t) => (
                <button
                  type="button"
                  key={t.name}
                  class={`tab${t.name === state.activeTab ? ' active' : ''}`}
                  title="Double-click to rename"
                  onClick={() => act(() => api.tab(t.name))}
                  onDblClick={() => {
                    const name = window.prompt('Rename tab', t.name);
                    if (name && name !== t.name) void act(() => api.rename(t.name, name));
                  }}
                >
                  {t.name}
                </button>
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
        {outbox ? (
          <Outbox key={state.outboxCount} timeZone={state.clock.timeZone} onClose={() => setOutbox(false)} />
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
        {toasts.map((t) => (
          <div class="toast" key={t.id}>
            {t.title ? <b>{t.title}</b> : null}
            <div>{t.message}</div>
            <button type="button" class="close" onClick={() => setToasts((old) => old.filter((x) => x.id !== t.id))}>
              ×
            </button>
          </div>
        ))}
      </div>
      {alerts.length ? (
        <div class="overlay">
          <div class="alert" role="alertdialog">
            <h3>{alerts[0].title || state.title}</h3>
            <p class="error-text">{alerts[0].prompt}</p>
            <p class="muted">The script went on as if you pressed {alerts[0].answer || 'OK'}.</p>
            <button type="button" class="primary" onClick={() => setAlerts((old) => old.slice(1))}>
              OK
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <div class="overlay">
          <div class="alert" role="alertdialog">
            <h3>There was a problem</h3>
            <p class="error-text">{error}</p>
            <button type="button" class="primary" onClick={() => setError(null)}>
              OK
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
