// The sidebar shell: reads the template's lang and client id, loads the form context, then renders the sidebar.
import { type ComponentType, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { FormContext } from '../../src/shared/api';
import { tr } from './i18n';
import { type PageInfo, readPage } from './page';
import { run } from './run';
import { Banner, Spinner } from './ui';
import './kit.css';

export type { PageInfo };

export interface SidebarProps {
  ctx: FormContext;
  page: PageInfo;
}

function Shell(props: { page: PageInfo; App: ComponentType<SidebarProps> }) {
  const [ctx, setCtx] = useState<FormContext | null>(null);
  const [error, setError] = useState('');
  const [attempt, setAttempt] = useState(0);
  const lang = props.page.lang;
  useEffect(() => {
    let live = true;
    setError('');
    run('getFormContext')
      .then((r) => {
        if (!live) return;
        if (r.ok) {
          document.documentElement.lang = r.context.lang;
          setCtx(r.context);
        } else setError(Object.values(r.errors ?? {}).join(' ') || tr(lang, 'loadFailed', { message: '' }));
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [attempt, lang]);
  if (ctx) return <props.App ctx={ctx} page={props.page} />;
  if (error) {
    return (
      <main class="sidebar">
        <Banner
          lang={lang}
          banner={{
            kind: 'error',
            text: tr(lang, 'loadFailed', { message: error }),
            retry: () => setAttempt(attempt + 1),
          }}
        />
      </main>
    );
  }
  return (
    <main class="sidebar loading" aria-busy="true">
      <Spinner /> {tr(lang, 'loading')}
    </main>
  );
}

/** Renders a sidebar into #app once the page has loaded. */
export function mountSidebar(App: ComponentType<SidebarProps>): void {
  const page = readPage(document.documentElement);
  const host = document.getElementById('app') ?? document.body;
  render(<Shell page={page} App={App} />, host);
}
