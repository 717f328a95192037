// The Import clients sidebar: pick a tab, check where each column goes (with sample values) and what to do with
// duplicates, import with a progress line and a summary, and undo the import from here if it was a mistake.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Failure } from '../../src/shared/api';
import type {
  ColumnView,
  DuplicatePolicy,
  ImportPreviewView,
  ImportRequest,
  ImportSource,
  ImportStatusView,
} from '../../src/shared/import';
import { mountSidebar, type SidebarProps } from '../kit/app';
import { type Lang, tr } from '../kit/i18n';
import { run } from '../kit/run';
import { type Action, Banner, Button, showFailure, useAction } from '../kit/ui';
import { imt } from './texts';
import './import.css';

const POLICIES: DuplicatePolicy[] = ['merge', 'keepApart', 'skip'];
const POLL_MS = 3000;

/** The columns whose target the person changed from the proposal: what the server is told. */
export function overridesOf(proposed: ColumnView[], chosen: Record<number, string>): ImportRequest['overrides'] {
  return proposed
    .filter((c) => chosen[c.column] !== undefined && chosen[c.column] !== c.target)
    .map((c) => ({ column: c.column, target: chosen[c.column] }));
}

function fail(action: Action, lang: Lang, r: Failure, retry: () => void) {
  showFailure(r, null, [], action, lang, retry);
}

function ColumnRow(props: {
  c: ColumnView;
  choices: ImportPreviewView['choices'];
  value: string;
  own: string;
  lang: Lang;
  onChange: (target: string) => void;
}) {
  const { c, lang } = props;
  const options = [...props.choices];
  // The column's own proposal (a channel, a second phone…) and the current choice are always among the options.
  for (const [target, label] of [
    [c.target, c.label],
    [props.own, props.own === c.target ? c.label : props.own],
  ]) {
    if (!options.some((o) => o.target === target)) options.unshift({ target, label });
  }
  const doubtful = c.reason !== 'user' && (c.reason === 'unmapped' || c.confidence < 0.7);
  const id = `col-${c.column}`;
  return (
    <li class="col" data-testid="column">
      <div class="head">
        <span class="letter">{c.letter}</span> <label for={id}>{c.header || '—'}</label>{' '}
        {doubtful ? <span class="chip warn">{imt(lang, 'checkIt')}</span> : null}
        {c.reason === 'user' ? <span class="chip">{imt(lang, 'yours')}</span> : null}
      </div>
      {c.samples.length ? <div class="samples small muted">{c.samples.join(' · ')}</div> : null}
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.target} value={o.target}>
            {o.label}
          </option>
        ))}
      </select>
    </li>
  );
}

function Mapping(props: {
  lang: Lang;
  preview: ImportPreviewView;
  proposed: ColumnView[];
  chosen: Record<number, string>;
  duplicates: DuplicatePolicy;
  addToLists: boolean;
  busy: boolean;
  onChoose: (column: number, target: string) => void;
  onDuplicates: (p: DuplicatePolicy) => void;
  onLists: (v: boolean) => void;
  onImport: () => void;
}) {
  const { lang, preview: p } = props;
  const c = p.sample.counts;
  const proposedOf = (column: number) => props.proposed.find((x) => x.column === column)?.target ?? '';
  return (
    <div data-testid="mapping">
      <p class="small">
        {imt(lang, p.headerRow ? 'found' : 'noHeader', {
          sheet: p.sheetName,
          rows: p.rows,
          headerRow: p.headerRow,
          clients: p.existingClients,
        })}
      </p>
      {p.warnings.map((w) => (
        <div key={w} class="banner info" role="status">
          {w}
        </div>
      ))}
      <h2 class="plain-title">{imt(lang, 'columns')}</h2>
      <p class="small muted">{imt(lang, 'columnsHint')}</p>
      <ul class="cols">
        {p.columns.map((col) => (
          <ColumnRow
            key={col.column}
            c={col}
            lang={lang}
            choices={p.choices}
            own={proposedOf(col.column)}
            value={props.chosen[col.column] ?? col.target}
            onChange={(t) => props.onChoose(col.column, t)}
          />
        ))}
      </ul>
      <fieldset class="policy">
        <legend>{imt(lang, 'duplicates')}</legend>
        {POLICIES.map((policy) => (
          <label key={policy} class="radio">
            <input
              type="radio"
              name="duplicates"
              value={policy}
              checked={props.duplicates === policy}
              onChange={() => props.onDuplicates(policy)}
            />{' '}
            {imt(lang, policy)}
          </label>
        ))}
      </fieldset>
      <p class="small" data-testid="sample">
        {imt(lang, 'sample', {
          rows: c.rows,
          newClients: c.newClients,
          duplicates: c.mergedInFile + c.mergedIntoExisting + c.keptApart + c.skipped,
          unreadable: c.unreadable,
        })}
      </p>
      {p.sample.problems.length ? (
        <details class="problems">
          <summary>{imt(lang, 'problems', { n: p.sample.problems.length })}</summary>
          <ul class="plain small">
            {p.sample.problems.map((x, i) => (
              <li key={i} class={x.level}>
                {imt(lang, 'problemRow', { row: x.row })}
                {x.column ? `, ${x.column}` : ''}: {x.problem}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {p.listAdditions.length ? (
        <div class="lists">
          <h2 class="plain-title">{imt(lang, 'lists')}</h2>
          <ul class="plain small">
            {p.listAdditions.map((l) => (
              <li key={l.list}>
                {l.list}: {l.values.join(', ')}
              </li>
            ))}
          </ul>
          <label class="radio">
            <input
              type="checkbox"
              name="addToLists"
              checked={props.addToLists}
              onChange={(e) => props.onLists(e.currentTarget.checked)}
            />{' '}
            {imt(lang, 'addToLists')}
          </label>
        </div>
      ) : null}
      <div class="actions">
        <Button kind="primary" busy={props.busy} disabled={!p.rows} onClick={props.onImport}>
          {imt(lang, 'importRows', { rows: p.rows })}
        </Button>
      </div>
    </div>
  );
}

function Result(props: { lang: Lang; status: ImportStatusView; onUndone: (m: string) => void; onAgain: () => void }) {
  const { lang, status: s } = props;
  const action = useAction(lang);
  const [sure, setSure] = useState(false);
  const undo = () =>
    action.act(async () => {
      const r = await run('undoImport', s.importId);
      if (r.ok) props.onUndone(r.message);
      else fail(action, lang, r, undo);
    });
  const c = s.counts;
  return (
    <div class="result" data-testid="result">
      <Banner banner={action.banner} lang={lang} />
      <p class={s.state === 'failed' ? 'error' : 'summary'} role="status" data-testid="summary">
        {s.message}
      </p>
      <p class="small muted">
        {imt(lang, 'counts', {
          newClients: c.newClients,
          merged: c.mergedIntoExisting,
          journal: c.journalEntries,
          skipped: c.skipped,
          unreadable: c.unreadable,
        })}
      </p>
      <p class="small">{imt(lang, 'reportHint', { tab: s.reportTab })}</p>
      {s.state === 'undone' ? null : sure ? (
        <div class="confirm">
          <p class="small">{imt(lang, 'undoSure')}</p>
          <div class="actions">
            <Button kind="primary" busy={action.busy} onClick={undo}>
              {imt(lang, 'undoYes')}
            </Button>
            <Button onClick={() => setSure(false)}>{tr(lang, 'cancel')}</Button>
          </div>
        </div>
      ) : (
        <div class="actions">
          <Button onClick={() => setSure(true)} disabled={s.state === 'running'}>
            {imt(lang, 'undo')}
          </Button>
          <Button kind="link" onClick={props.onAgain}>
            {imt(lang, 'another')}
          </Button>
        </div>
      )}
    </div>
  );
}

function ImportSidebar({ ctx }: SidebarProps) {
  const lang = ctx.lang;
  const action = useAction(lang);
  const [sources, setSources] = useState<ImportSource[] | null>(null);
  const [sheet, setSheet] = useState('');
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const [proposed, setProposed] = useState<ColumnView[]>([]);
  const [chosen, setChosen] = useState<Record<number, string>>({});
  const [duplicates, setDuplicates] = useState<DuplicatePolicy>('merge');
  const [addToLists, setAddToLists] = useState(true);
  const [line, setLine] = useState('');
  const [status, setStatus] = useState<ImportStatusView | null>(null);
  const [undone, setUndone] = useState('');
  const poll = useRef<ReturnType<typeof setInterval> | null>(null);
  useEffect(() => () => poll.current && clearInterval(poll.current), []);

  const loadSources = () =>
    action.act(async () => {
      const r = await run('importSources');
      if (!r.ok) return fail(action, lang, r, loadSources);
      setSources(r.sources);
      const first = r.active || r.sources[0]?.name || '';
      setSheet(first);
      setProposed([]);
      if (first) await look(first, {}, []);
    });
  useEffect(() => {
    loadSources();
  }, []);

  /** Asks for the mapping of a tab with the person's picks; the first answer for a tab is the proposal itself. */
  async function look(name: string, picks: Record<number, string>, base: ColumnView[] = proposed) {
    const r = await run('previewImport', name, { overrides: overridesOf(base, picks) });
    if (!r.ok) return fail(action, lang, r, () => action.act(() => look(name, picks, base)));
    setPreview(r.preview);
    if (!base.length) setProposed(r.preview.columns);
  }

  const pickSheet = (name: string) => {
    setSheet(name);
    setPreview(null);
    setProposed([]);
    setChosen({});
    action.act(() => look(name, {}, []));
  };

  const choose = (column: number, target: string) => {
    const picks = { ...chosen, [column]: target };
    setChosen(picks);
    action.act(() => look(sheet, picks));
  };

  const watch = () => {
    if (poll.current) clearInterval(poll.current);
    poll.current = setInterval(() => {
      run('importStatus')
        .then((r) => {
          if (!r.ok || !r.status) return;
          setStatus(r.status);
          if (r.status.state !== 'running' && poll.current) {
            clearInterval(poll.current);
            poll.current = null;
          }
        })
        .catch(() => {});
    }, POLL_MS);
  };

  const start = () =>
    action.act(async () => {
      if (!preview) return;
      setLine(imt(lang, 'importing', { rows: preview.rows }));
      try {
        const r = await run('importClients', sheet, {
          overrides: overridesOf(proposed, chosen),
          duplicates,
          addToLists,
        });
        if (!r.ok) return fail(action, lang, r, start);
        setStatus(r.status);
        if (!r.done) watch();
      } finally {
        setLine('');
      }
    });

  const again = () => {
    setStatus(null);
    setUndone('');
    setPreview(null);
    setChosen({});
    loadSources();
  };

  return (
    <main class="sidebar import" aria-busy={action.busy}>
      <Banner banner={action.banner} lang={lang} />
      {undone ? (
        <div data-testid="undone">
          <p class="summary" role="status">
            {undone}
          </p>
          <Button kind="link" onClick={again}>
            {imt(lang, 'another')}
          </Button>
        </div>
      ) : status ? (
        <Result lang={lang} status={status} onUndone={setUndone} onAgain={again} />
      ) : (
        <>
          {sources && !sources.length ? <p>{imt(lang, 'noSources')}</p> : null}
          {sources?.length ? (
            <div class="field">
              <label for="source">{imt(lang, 'source')}</label>
              <select id="source" value={sheet} onChange={(e) => pickSheet(e.currentTarget.value)}>
                {sources.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name} — {imt(lang, 'rows', { rows: s.rows })}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {line ? (
            <p class="progress" role="status" data-testid="progress">
              {line}
            </p>
          ) : null}
          {preview && preview.sheetName === sheet ? (
            <Mapping
              lang={lang}
              preview={preview}
              proposed={proposed}
              chosen={chosen}
              duplicates={duplicates}
              addToLists={addToLists}
              busy={action.busy}
              onChoose={choose}
              onDuplicates={setDuplicates}
              onLists={setAddToLists}
              onImport={start}
            />
          ) : null}
        </>
      )}
    </main>
  );
}

mountSidebar(ImportSidebar);
