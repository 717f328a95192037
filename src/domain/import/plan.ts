// The import plan: every source row of a chunk read, matched against the cards, and turned into writes as data.
import { derivedOf } from '../card';
import { EMPTY_DERIVED } from '../derived';
import { journalEntry } from '../journal';
import { CONTACT_KIND_LABELS, type ContactKind, type SimpleListKey } from '../settings';
import { buildCard, type CardDraft, type HistorySeed } from './card';
import { type DuplicateHit, DuplicateIndex } from './dedupe';
import { mergePatch, totalsAfter } from './merge';
import { importText } from './messages';
import { createRowReader } from './rows';
import type {
  CellValue,
  ClientRef,
  ExistingCard,
  ExtraValue,
  ImportCounts,
  ImportEnv,
  ImportMapping,
  ImportOptions,
  ImportPlan,
  MergePlan,
  NewClient,
  PlannedJournalEntry,
  ReportRow,
  SourceTable,
} from './types';

export interface PlanInput {
  /** The batch's ID (e.g. from importIdAt); it marks the journal rows so undo finds them. */
  importId: string;
  /** The source table, whole or only the rows of this chunk (rows[0] is sheet row firstDataRow). */
  table: SourceTable;
  mapping: ImportMapping;
  /** Every card on Clients now (earlier chunks' cards included), all fields, as the records adapter reads them. */
  existing: readonly ExistingCard[];
  options: ImportOptions;
  env: ImportEnv;
  /** Who imports (the journal's "logged by"); may be ''. */
  by: string;
  /** Now as 'yyyy-mm-ddTHH:mm' in the sheet's zone: when merges are noted in the journal. */
  now: string;
  /** The sheet row to start at; default: the table's first data row. */
  fromRow?: number;
  /** At most this many source rows; default: all. */
  maxRows?: number;
  /** The last data row of the whole source (when the table holds only a chunk); default: the table's last. */
  lastRow?: number;
}

export function emptyCounts(): ImportCounts {
  return {
    rows: 0,
    emptyRows: 0,
    newClients: 0,
    mergedIntoExisting: 0,
    mergedInFile: 0,
    keptApart: 0,
    skipped: 0,
    journalEntries: 0,
    unreadable: 0,
  };
}

/** An import ID from the moment it starts ('2026-03-15T10:12:30' → 'IMP-20260315-101230'). */
export function importIdAt(now: string): string {
  const digits = now.replace(/\D/g, '');
  return `IMP-${digits.slice(0, 8)}-${digits.slice(8, 14).padEnd(6, '0')}`;
}

/** The journal's "logged by" for an imported row: who imported, and the batch (what undo looks for). */
export function journalBy(by: string, importId: string, lang: ImportEnv['lang']): string {
  const batch = importText(lang, 'journal.by', { importId });
  return by ? `${by} (${batch})` : batch;
}

/** True for a journal "logged by" cell written by the import importId. */
export function isFromImport(byCell: unknown, importId: string): boolean {
  return String(byCell ?? '').includes(importId);
}

interface ExistingState {
  card: ExistingCard;
  indexAt: number;
  /** The card as it will be after this chunk's merges so far. */
  values: Record<string, CellValue>;
  extra: Record<string, ExtraValue>;
  merge?: MergePlan;
  history: HistorySeed[];
  notes: Array<{ sourceRow: number; reasons: string }>;
}

interface NewState {
  draft: CardDraft;
  indexAt: number;
}

/**
 * Plans one chunk of an import: rows fromRow…fromRow+maxRows-1 of the source (never one twice: the cursor says
 * where the next chunk starts). New cards come without IDs (the adapter reserves a block and assigns them in order);
 * merges fill existing cards by the card-merge policy and keep the values they replace; the journal gets the
 * history the source's dates tell; the report has every unreadable value and every duplicate decision.
 */
export function planImport(input: PlanInput): ImportPlan {
  const { table, mapping, env, importId, options } = input;
  const { lang, settings } = env;
  const read = createRowReader(mapping, env);
  const index = new DuplicateIndex(settings.values.phoneRegion);
  const existingById = new Map<string, ExistingState>();
  const existingAt: ExistingState[] = [];
  for (const card of input.existing) {
    const state: ExistingState = {
      card,
      indexAt: index.add({ id: card.id }, card.values),
      values: { ...card.values },
      extra: { ...(card.extra ?? {}) },
      history: [],
      notes: [],
    };
    existingById.set(card.id, state);
    existingAt.push(state);
  }

  const counts = emptyCounts();
  const report: ReportRow[] = [];
  const additions = new Map<SimpleListKey, Set<string>>();
  const created: NewState[] = [];
  const lastTableRow = table.firstDataRow + table.rows.length - 1;
  const start = Math.max(input.fromRow ?? table.firstDataRow, table.firstDataRow);
  const end = Math.min(lastTableRow, start + (input.maxRows ?? Number.POSITIVE_INFINITY) - 1);

  const describe = (hit: DuplicateHit) => {
    const reasons = hit.reasons.map((r) => importText(lang, `reason.${r}`)).join(', ');
    const target =
      'id' in hit.ref
        ? importText(lang, 'dup.card', { id: hit.ref.id, name: hit.fullName })
        : importText(lang, 'dup.row', { row: created[hit.ref.newIndex].draft.sourceRows[0] });
    return { reasons, target };
  };
  const decision = (
    row: number,
    name: string,
    code: string,
    problem: string,
    level: ReportRow['level'],
    id?: string,
  ) => {
    const r: ReportRow = { sourceRow: row, column: '', value: name, problem, code, level };
    if (id) r.clientId = id;
    report.push(r);
  };

  for (let sheetRow = start; sheetRow <= end; sheetRow++) {
    const row = read(table.rows[sheetRow - table.firstDataRow] ?? [], sheetRow);
    counts.rows++;
    if (row.empty) {
      counts.emptyRows++;
      continue;
    }
    const draft = buildCard(row, env);
    report.push(...draft.problems);
    counts.unreadable += draft.flagged.length;
    for (const [list, value] of draft.listAdditions) {
      if (!additions.has(list)) additions.set(list, new Set());
      additions.get(list)!.add(value);
    }
    const name = String(draft.values.fullName ?? '');
    const hit = index.find(draft.values);
    if (hit && hit.verdict === 'same' && options.duplicates !== 'keepApart') {
      const { reasons, target } = describe(hit);
      if (options.duplicates === 'skip') {
        counts.skipped++;
        decision(
          sheetRow,
          name,
          'dup.skipped',
          importText(lang, 'dup.skipped', { target, reasons }),
          'info',
          refId(hit.ref),
        );
        continue;
      }
      const noteHead = importText(lang, 'notes.fromImport', { importId, row: sheetRow });
      if ('id' in hit.ref) {
        const state = existingById.get(hit.ref.id)!;
        mergeIntoExisting(state, draft, noteHead, env);
        state.notes.push({ sourceRow: sheetRow, reasons });
        index.update(state.indexAt, state.values);
        counts.mergedIntoExisting++;
        decision(
          sheetRow,
          name,
          'dup.merged',
          importText(lang, 'dup.merged', { id: hit.ref.id, reasons }),
          'info',
          hit.ref.id,
        );
      } else {
        const into = created[hit.ref.newIndex];
        mergeIntoNew(into.draft, draft, noteHead, env);
        index.update(into.indexAt, into.draft.values);
        counts.mergedInFile++;
        decision(
          sheetRow,
          name,
          'dup.mergedInFile',
          importText(lang, 'dup.mergedInFile', { row: into.draft.sourceRows[0], reasons }),
          'info',
        );
      }
      continue;
    }
    const newIndex = created.length;
    created.push({ draft, indexAt: index.add({ newIndex }, draft.values) });
    if (hit) {
      const { reasons, target } = describe(hit);
      const code =
        hit.verdict === 'same' ? 'dup.keptApart' : hit.verdict === 'possible' ? 'dup.possible' : 'dup.otherPerson';
      if (hit.verdict === 'same') counts.keptApart++;
      const problem = importText(lang, code, { target, reasons });
      decision(sheetRow, name, code, problem, hit.verdict === 'possible' ? 'warning' : 'info', refId(hit.ref));
    }
  }

  if (start === table.firstDataRow) {
    for (const m of mapping.columns) {
      if (m.target.kind !== 'skip') continue;
      report.push({
        sourceRow: mapping.headerRow,
        column: m.header,
        value: '',
        problem: importText(lang, 'column.skipped', { field: m.header }),
        code: 'column.skipped',
        level: 'info',
      });
    }
  }

  const journal: PlannedJournalEntry[] = [];
  const by = journalBy(input.by, importId, lang);
  const entry = (client: ClientRef, clientName: string, s: HistorySeed): PlannedJournalEntry => ({
    client,
    sourceRow: s.sourceRow,
    values: journalEntry({
      at: s.at,
      clientId: 'id' in client ? client.id : '',
      clientName,
      type: contactType(env, s.kind),
      summary: importText(lang, s.summary),
      item: s.item,
      amount: s.amount,
      source: s.source,
      by,
    }),
  });
  const newClients: NewClient[] = created.map(({ draft }, newIndex) => {
    draft.history.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const values = { ...draft.values, ...totalsAfter(EMPTY_DERIVED, draft.history, settings, lang) };
    for (const s of draft.history) journal.push(entry({ newIndex }, String(values.fullName ?? ''), s));
    return { sourceRows: draft.sourceRows, values, extra: draft.extra, flagged: [...new Set(draft.flagged)] };
  });
  const merges: MergePlan[] = [];
  for (const state of existingAt) {
    if (!state.merge) continue;
    const id = state.card.id;
    const name = String(state.values.fullName ?? '');
    if (state.history.length) {
      state.history.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      const totals = totalsAfter(derivedOf(state.card.values), state.history, settings, lang);
      for (const [key, value] of Object.entries(totals)) setPatch(state, key, value);
      for (const s of state.history) journal.push(entry({ id }, name, s));
    }
    for (const n of state.notes) {
      journal.push({
        client: { id },
        sourceRow: n.sourceRow,
        values: journalEntry({
          at: input.now,
          clientId: id,
          clientName: name,
          type: contactType(env, 'note'),
          summary: importText(lang, 'journal.merged', { importId, row: n.sourceRow, reasons: n.reasons }),
          by,
        }),
      });
    }
    merges.push(state.merge);
  }
  counts.newClients = newClients.length;
  counts.journalEntries = journal.length;
  report.sort((a, b) => a.sourceRow - b.sourceRow);
  const listAdditions: ImportPlan['listAdditions'] = {};
  for (const [list, values] of additions) listAdditions[list] = [...values];
  const nextRow = Math.max(end + 1, start);
  return {
    importId,
    newClients,
    merges,
    journal,
    extraColumns: mapping.extraColumns,
    report,
    counts,
    listAdditions,
    cursor: { nextRow, done: nextRow > (input.lastRow ?? lastTableRow) },
  };
}

function refId(ref: ClientRef): string | undefined {
  return 'id' in ref ? ref.id : undefined;
}

function contactType(env: ImportEnv, kind: ContactKind): string {
  const label = env.settings.lists.contactTypes.find((c) => c.kind === kind)?.label;
  if (label) return label;
  const word = CONTACT_KIND_LABELS[env.lang][kind];
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Records a cell the import changes on an existing card, keeping the value it had before the first change. */
function setPatch(state: ExistingState, key: string, value: CellValue | ExtraValue, extra = false): void {
  const merge = startMerge(state);
  const original = extra ? state.card.extra?.[key] : state.card.values[key];
  const current = extra ? state.extra[key] : state.values[key];
  if (String(current ?? '') === String(value ?? '')) return;
  if (extra) {
    if (!(key in merge.extraBefore)) merge.extraBefore[key] = original ?? '';
    merge.extraPatch[key] = value;
    state.extra[key] = value;
  } else {
    if (!(key in merge.before)) merge.before[key] = (original as CellValue | undefined) ?? '';
    merge.patch[key] = value as CellValue;
    state.values[key] = value as CellValue;
  }
}

function startMerge(state: ExistingState): MergePlan {
  state.merge ??= {
    targetId: state.card.id,
    sourceRows: [],
    patch: {},
    extraPatch: {},
    before: {},
    extraBefore: {},
    flagged: [],
  };
  return state.merge;
}

/** Unreadable values of a merged row that went into the card as they were (the rest went to the notes). */
function keptFlags(
  draft: CardDraft,
  patch: Record<string, CellValue>,
  extraPatch: Record<string, ExtraValue>,
): string[] {
  return draft.flagged.filter(
    (k) => (k in patch && patch[k] === draft.values[k]) || (k in extraPatch && extraPatch[k] === draft.extra[k]),
  );
}

// A merged row's "first" contact, visit or purchase was not the card's first: logged as a plain one.
const LATER: Partial<Record<HistorySeed['summary'], HistorySeed['summary']>> = {
  'journal.firstContact': 'journal.contact',
  'journal.firstVisit': 'journal.visit',
  'journal.firstPurchase': 'journal.purchase',
};

function laterHistory(history: HistorySeed[]): HistorySeed[] {
  return history.map((s) => ({ ...s, summary: LATER[s.summary] ?? s.summary }));
}

function mergeIntoExisting(state: ExistingState, draft: CardDraft, noteHead: string, env: ImportEnv): void {
  const { patch, extraPatch } = mergePatch(
    { values: state.values, extra: state.extra },
    { values: draft.values, extra: draft.extra, explicitStage: draft.explicitStage },
    { settings: env.settings, lang: env.lang, noteHead },
  );
  for (const [key, value] of Object.entries(patch)) setPatch(state, key, value);
  for (const [key, value] of Object.entries(extraPatch)) setPatch(state, key, value, true);
  const merge = startMerge(state);
  merge.sourceRows.push(...draft.sourceRows);
  merge.flagged.push(...keptFlags(draft, patch, extraPatch));
  state.history.push(...laterHistory(draft.history));
}

function mergeIntoNew(into: CardDraft, draft: CardDraft, noteHead: string, env: ImportEnv): void {
  const { patch, extraPatch } = mergePatch(
    { values: into.values, extra: into.extra },
    { values: draft.values, extra: draft.extra, explicitStage: draft.explicitStage },
    { settings: env.settings, lang: env.lang, noteHead },
  );
  Object.assign(into.values, patch);
  Object.assign(into.extra, extraPatch);
  into.sourceRows.push(...draft.sourceRows);
  into.history.push(...laterHistory(draft.history));
  into.flagged.push(...keptFlags(draft, patch, extraPatch));
}
