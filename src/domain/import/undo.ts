// Undo and resumable progress of an import, as data: which rows it added, which cells it changed and their old values.
import type { Lang } from '../../i18n';
import { CLIENT_FIELDS } from '../fields';
import { clientId, clientIdNumber } from '../ids';
import type { JournalEntryValues } from '../journal';
import { importText } from './messages';
import { emptyCounts } from './plan';
import type { CellValue, ExistingCard, ExtraValue, ImportCounts, ImportPlan, PlannedJournalEntry } from './types';

/** What one applied chunk needs for undo: the block of IDs it created and the cells it changed on existing cards. */
export interface ImportUndoChunk {
  importId: string;
  /** The reserved block: the first ID and how many cards (new cards get consecutive IDs). */
  ids: { first: string; count: number };
  merges: Array<{
    id: string;
    before: Record<string, CellValue>;
    after: Record<string, CellValue>;
    extraBefore: Record<string, ExtraValue>;
    extraAfter: Record<string, ExtraValue>;
  }>;
}

/** A cell that changed since the import: undo leaves it as the person made it. */
export interface UndoConflict {
  id: string;
  /** Field key or extra column header. */
  key: string;
  expected: ExtraValue;
  found: ExtraValue;
  message: string;
}

export interface UndoPlan {
  importId: string;
  /** Cards the import created: remove their rows. */
  removeClientIds: string[];
  /** Journal rows whose "logged by" contains this text are the import's: remove them. */
  journalMarker: string;
  /** Cells to put back on cards the import filled, field by field as they were before it. */
  restore: Array<{ id: string; values: Record<string, CellValue>; extra: Record<string, ExtraValue> }>;
  /** Cards whose totals must be recomputed from the journal (a total changed since the import, so not restored). */
  recomputeIds: string[];
  conflicts: UndoConflict[];
}

const DERIVED = new Set(CLIENT_FIELDS.filter((f) => f.computed && f.key !== 'id').map((f) => f.key));

/** count consecutive client IDs from first ('C-000041', 3 → C-000041, C-000042, C-000043). */
export function clientIdRange(first: string, count: number): string[] {
  const start = clientIdNumber(first);
  if (!start) throw new RangeError(`Not a client ID: ${first}`);
  return Array.from({ length: count }, (_, i) => clientId(start + i));
}

/** Journal rows with client IDs, once the adapter has assigned IDs to the plan's new cards in order. */
export function resolveJournal(
  plan: ImportPlan,
  ids: readonly string[],
): Array<{ sourceRow: number; values: JournalEntryValues }> {
  return plan.journal.map((e: PlannedJournalEntry) => ({
    sourceRow: e.sourceRow,
    values: { ...e.values, clientId: 'id' in e.client ? e.client.id : ids[e.client.newIndex] },
  }));
}

/** The undo record of an applied chunk, given the first ID of the block its new cards took. */
export function undoRecord(plan: ImportPlan, firstId: string): ImportUndoChunk {
  return {
    importId: plan.importId,
    ids: { first: firstId, count: plan.newClients.length },
    merges: plan.merges.map((m) => ({
      id: m.targetId,
      before: m.before,
      after: m.patch,
      extraBefore: m.extraBefore,
      extraAfter: m.extraPatch,
    })),
  };
}

const same = (a: unknown, b: unknown) => String(a ?? '') === String(b ?? '');

/**
 * How to undo an import (all its chunks, in the order applied): remove its cards and its journal rows, put back
 * every cell it changed on other cards as it was before the first chunk touched it. A cell someone changed since
 * (it no longer holds what the import wrote) is left alone and reported; a changed total is recomputed instead.
 * `current` holds the cards as they are now (at least those the import merged into).
 */
export function planUndo(chunks: readonly ImportUndoChunk[], current: readonly ExistingCard[], lang: Lang): UndoPlan {
  const importId = chunks[0]?.importId ?? '';
  const removeClientIds = chunks.flatMap((c) => (c.ids.count ? clientIdRange(c.ids.first, c.ids.count) : []));
  const removed = new Set(removeClientIds);
  const now = new Map(current.map((c) => [c.id, c]));
  // Per card and cell: the value before the first change, and what the last change wrote.
  const cards = new Map<
    string,
    {
      before: Map<string, ExtraValue>;
      after: Map<string, ExtraValue>;
      extraBefore: Map<string, ExtraValue>;
      extraAfter: Map<string, ExtraValue>;
    }
  >();
  for (const chunk of chunks) {
    for (const m of chunk.merges) {
      if (removed.has(m.id)) continue;
      let c = cards.get(m.id);
      if (!c) {
        c = { before: new Map(), after: new Map(), extraBefore: new Map(), extraAfter: new Map() };
        cards.set(m.id, c);
      }
      for (const [k, v] of Object.entries(m.before)) if (!c.before.has(k)) c.before.set(k, v);
      for (const [k, v] of Object.entries(m.after)) c.after.set(k, v);
      for (const [k, v] of Object.entries(m.extraBefore)) if (!c.extraBefore.has(k)) c.extraBefore.set(k, v);
      for (const [k, v] of Object.entries(m.extraAfter)) c.extraAfter.set(k, v);
    }
  }
  const restore: UndoPlan['restore'] = [];
  const recompute = new Set<string>();
  const conflicts: UndoConflict[] = [];
  const conflict = (id: string, key: string, expected: ExtraValue, found: ExtraValue) =>
    conflicts.push({ id, key, expected, found, message: importText(lang, 'undo.changed', { id, field: key }) });
  for (const [id, c] of cards) {
    const card = now.get(id);
    if (!card) {
      conflicts.push({ id, key: '', expected: '', found: '', message: importText(lang, 'undo.cardGone', { id }) });
      continue;
    }
    const values: Record<string, CellValue> = {};
    const extra: Record<string, ExtraValue> = {};
    for (const [key, before] of c.before) {
      const wrote = c.after.get(key) ?? '';
      if (same(card.values[key], wrote)) values[key] = before as CellValue;
      else if (DERIVED.has(key)) recompute.add(id);
      else conflict(id, key, wrote, card.values[key] ?? '');
    }
    for (const [key, before] of c.extraBefore) {
      const wrote = c.extraAfter.get(key) ?? '';
      if (same(card.extra?.[key], wrote)) extra[key] = before;
      else conflict(id, key, wrote, card.extra?.[key] ?? '');
    }
    if (Object.keys(values).length || Object.keys(extra).length) restore.push({ id, values, extra });
  }
  return { importId, removeClientIds, journalMarker: importId, restore, recomputeIds: [...recompute], conflicts };
}

// ------------------------------------------------------------------------------------------------ progress

/** Where a long import stands between executions; kept by the adapter (e.g. in document properties). */
export interface ImportProgress {
  importId: string;
  /** Next source row to plan. */
  nextRow: number;
  /** Last data row of the source. */
  lastRow: number;
  /** A chunk whose writes have started: if the execution stopped, its cards may or may not be on the sheet. */
  pending?: { nextRow: number; firstId: string; count: number; counts: ImportCounts };
  counts: ImportCounts;
  done: boolean;
}

export function startProgress(importId: string, firstDataRow: number, lastRow: number): ImportProgress {
  return { importId, nextRow: firstDataRow, lastRow, counts: emptyCounts(), done: lastRow < firstDataRow };
}

function addCounts(a: ImportCounts, b: ImportCounts): ImportCounts {
  const out = { ...a };
  for (const k of Object.keys(b) as Array<keyof ImportCounts>) out[k] += b[k];
  return out;
}

/** Before writing a chunk: remember where it ends and which IDs it takes. */
export function beginChunk(progress: ImportProgress, plan: ImportPlan, firstId: string): ImportProgress {
  return {
    ...progress,
    pending: { nextRow: plan.cursor.nextRow, firstId, count: plan.newClients.length, counts: plan.counts },
  };
}

/** After a chunk's writes: the cursor moves past its rows, never to plan them again. */
export function commitChunk(progress: ImportProgress): ImportProgress {
  const p = progress.pending;
  if (!p) return progress;
  const { pending: _, ...rest } = progress;
  return {
    ...rest,
    nextRow: p.nextRow,
    counts: addCounts(progress.counts, p.counts),
    done: p.nextRow > progress.lastRow,
  };
}

/**
 * Resuming after an execution stopped mid-chunk: `written` says every write of the pending chunk landed (each is
 * one bulk call: its first card and its last journal row are there); then the cursor moves on, otherwise the chunk
 * is planned again. A chunk that landed only in part must be cleared by its marker and IDs before it is replanned.
 */
export function resumeProgress(progress: ImportProgress, written: boolean): ImportProgress {
  if (!progress.pending) return progress;
  if (written) return commitChunk(progress);
  const { pending: _, ...rest } = progress;
  return rest;
}
