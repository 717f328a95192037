// Client cards and the contact journal: add, update, log a contact, card, search, duplicates, merge, recompute.
import { applyFact, type Derived, deriveAll, EMPTY_DERIVED, isPurchase, sameDerived } from '../domain/derived';
import { findDuplicates } from '../domain/duplicates';
import { CLIENT_FIELDS, CONTACT_BLOCK_KEYS, DERIVED_KEYS, JOURNAL_FIELDS, TABS } from '../domain/fields';
import {
  effectiveMilestone,
  type MilestoneDates,
  milestoneStamps,
  stageAfterContact,
  stageLabel,
} from '../domain/funnel';
import { daysBetween, nextAnniversary } from '../domain/normalize/date';
import { salutationName } from '../domain/normalize/name';
import { type CountryCode, normalizePhone, phoneMatchKey } from '../domain/normalize/phone';
import { searchClients as rankClients } from '../domain/search';
import { FREQUENCY_LABELS, type Frequency, kindOfContactType } from '../domain/settings';
import { CLIENT_ID_PATTERN, normalizeField, validateClient, validateContact } from '../domain/validate';
import { t } from '../i18n';
import { readJsonProp, withDocumentLock, writeJsonProp } from '../services/env';
import type { ClientCard, ClientTotals, DuplicateInfo, JournalEntry, RecomputeSummary, SearchHit } from '../shared/api';
import { fromCell, toCell } from '../sheets/cells';
import {
  clientField,
  clientsTab,
  hintFor,
  hintsFresh,
  journalTab,
  layoutWidth,
  type Row,
  readColumns,
  readRow,
  rememberHints,
  rowCells,
  scanForRow,
  spanA1,
  writeFields,
} from '../sheets/clients';
import { cachedLayout, columnsOf, type Layout, type Located, mergeRuns, relocate, runs } from '../sheets/layout';
import { type Ctx, UserError } from './context';

const LOCK_MS = 10000;
const KEY_FIELDS = ['fullName', 'phone', 'email'] as const;

function frequencyLabel(ctx: Ctx, f: Frequency): string {
  return f ? FREQUENCY_LABELS[ctx.lang][f] : '';
}

function frequencyKey(label: unknown): Frequency {
  const text = String(label ?? '');
  for (const lang of ['ru', 'en'] as const) {
    for (const [k, v] of Object.entries(FREQUENCY_LABELS[lang])) if (v === text) return k as Frequency;
  }
  return '';
}

/** Derived fields as read from a card's cells (frequency arrives as its localized label). */
function derivedOf(rec: Row): Derived {
  return {
    purchases: Number(rec.purchases) || 0,
    totalSpent: Number(rec.totalSpent) || 0,
    lastContactOn: String(rec.lastContactOn ?? ''),
    lastPurchaseOn: String(rec.lastPurchaseOn ?? ''),
    frequency: frequencyKey(rec.frequency),
    loyaltyPoints: Number(rec.loyaltyPoints) || 0,
  };
}

/** Derived fields as written to a card's cells. */
function derivedCells(ctx: Ctx, d: Derived): Row {
  return {
    purchases: d.purchases,
    totalSpent: d.totalSpent,
    lastContactOn: d.lastContactOn,
    lastPurchaseOn: d.lastPurchaseOn,
    frequency: frequencyLabel(ctx, d.frequency),
    loyaltyPoints: d.loyaltyPoints,
  };
}

function nextId(ctx: Ctx, loc: Located): string {
  let next = readJsonProp<number>('nextId');
  if (!next) {
    // First client on this copy of the sheet: continue after the largest ID already present.
    const { rows } = readColumns(ctx.ss, ['id'], ctx.timeZone, loc);
    next = 1 + rows.reduce((max, r) => Math.max(max, Number(String(r.id).replace(/^C-/, '')) || 0), 0);
  }
  writeJsonProp('nextId', next + 1);
  return `C-${String(next).padStart(6, '0')}`;
}

function duplicatesIn(
  ctx: Ctx,
  candidate: { fullName?: string; phone?: string; email?: string },
  rows: Array<Row & { row: number }>,
  excludeId: string | undefined,
  loc: Located,
): DuplicateInfo[] {
  const region = ctx.settings.values.phoneRegion;
  const list = rows.map((r) => ({
    id: String(r.id ?? ''),
    row: r.row,
    fullName: String(r.fullName ?? ''),
    phone: phoneMatchKey(r.phone, region),
    email: String(r.email ?? '').toLowerCase(),
  }));
  const phone = candidate.phone ? phoneMatchKey(candidate.phone, region) : '';
  const found = findDuplicates({ ...candidate, phone }, list, { limit: 5 });
  // The scan read names and contacts only: the IDs of the (rare) duplicates come in one read of their rows.
  const idOf = new Map<number, string>();
  const missing = found.filter((d) => !d.id).map((d) => d.row);
  if (missing.length && loc.layout.columns.id) {
    const top = Math.min(...missing);
    const cells = loc.sheet.getRange(top, loc.layout.columns.id, Math.max(...missing) - top + 1, 1).getDisplayValues();
    for (const row of missing) idOf.set(row, String(cells[row - top][0]));
  }
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const out: DuplicateInfo[] = [];
  for (const d of found) {
    const id = d.id || idOf.get(d.row) || '';
    if (excludeId && id === excludeId) continue;
    const original = byRow.get(d.row);
    out.push({
      id,
      fullName: d.fullName,
      phone: original ? displayPhone(ctx, String(original.phone)) : '',
      email: d.email,
      reasons: d.reasons,
    });
  }
  return out;
}

/** A stored phone (E.164, maybe " ext. N", or as typed by hand) as people read it. */
function displayPhone(ctx: Ctx, stored: string): string {
  if (!stored) return '';
  const r = normalizePhone(stored, ctx.settings.values.phoneRegion as CountryCode);
  return r.ok ? r.display : stored;
}

/**
 * What a new card gets besides what was entered — by the sidebar or typed into the sheet: createdOn today, the
 * first stage, zero totals, and the milestone dates its stage implies. Only empty fields are filled.
 */
function newCardFields(ctx: Ctx, rec: Row): Row {
  const fill: Row = {};
  if (!rec.createdOn) fill.createdOn = ctx.today;
  if (!rec.stage) fill.stage = stageLabel(ctx.settings, 'lead');
  for (const key of ['purchases', 'totalSpent', 'loyaltyPoints'])
    if (rec[key] === '' || rec[key] === undefined) fill[key] = 0;
  const stage = String(fill.stage ?? rec.stage);
  return { ...fill, ...milestoneStamps(ctx.settings, stage, milestones(rec), ctx.today) };
}

function milestones(rec: Row): MilestoneDates {
  return {
    firstContactOn: String(rec.firstContactOn ?? ''),
    visitOn: String(rec.visitOn ?? ''),
    firstPurchaseOn: String(rec.firstPurchaseOn ?? ''),
  };
}

export function addClient(ctx: Ctx, input: unknown) {
  const valid = validateClient(input, ctx, { partial: false });
  if (!valid.ok) return { ok: false as const, errors: valid.errors };
  const values = { ...valid.values, ...newCardFields(ctx, valid.values) };
  return withDocumentLock(LOCK_MS, () => {
    const scan = readColumns(ctx.ss, KEY_FIELDS, ctx.timeZone);
    const { loc } = scan;
    if (!valid.allowDuplicate) {
      const duplicates = duplicatesIn(ctx, values, scan.rows, undefined, loc);
      if (duplicates.length) return { ok: false as const, duplicates };
    }
    const id = nextId(ctx, loc);
    const row = Math.max(scan.lastRow, 1) + 1;
    loc.sheet.appendRow(rowCells(loc.layout, { ...values, id }, ctx.timeZone, layoutWidth(loc.layout)));
    rememberHints([[id, row, String(values.fullName)]]);
    return { ok: true as const, id, row, message: t(ctx.lang, 'client.added', { id, name: String(values.fullName) }) };
  });
}

/** Row of a client by ID: cached hint verified by the caller, else a scan. Throws a localized error when absent. */
function findClient(ctx: Ctx, id: string): { row: number; name: string; loc?: Located; fromHint: boolean } {
  const hint = hintFor(id);
  if (hint) return { row: hint[0], name: hint[1], fromHint: true };
  const scan = scanForRow(ctx.ss, id, ctx.timeZone);
  if (!scan.row) throw new UserError({ clientId: t(ctx.lang, 'client.notFound', { id }) });
  return { row: scan.row, name: scan.name, loc: scan.loc, fromHint: false };
}

/** The full record of a client, verified against the ID cell (a stale hint falls back to a scan). */
function loadClient(ctx: Ctx, id: string): { rec: Row; row: number; loc: Located } {
  if (!CLIENT_ID_PATTERN.test(id)) throw new UserError({ clientId: t(ctx.lang, 'client.notFound', { id }) });
  let found = findClient(ctx, id);
  let loc = found.loc ?? clientsTab(ctx.ss);
  let rec: Row = {};
  try {
    rec = readRow(loc.sheet, loc.layout, found.row, ctx.timeZone);
  } catch (_e) {
    // The hinted row is gone (rows deleted since): the scan below finds the client.
  }
  if (rec.id !== id && found.fromHint) {
    const scan = scanForRow(ctx.ss, id, ctx.timeZone);
    if (!scan.row) throw new UserError({ clientId: t(ctx.lang, 'client.notFound', { id }) });
    found = { row: scan.row, name: scan.name, fromHint: false };
    loc = scan.loc;
    rec = readRow(loc.sheet, loc.layout, found.row, ctx.timeZone);
  }
  if (rec.id !== id) throw new UserError({ clientId: t(ctx.lang, 'client.notFound', { id }) });
  return { rec, row: found.row, loc };
}

export function updateClient(ctx: Ctx, id: string, patch: unknown) {
  const valid = validateClient(patch, ctx, { partial: true });
  if (!valid.ok) return { ok: false as const, errors: valid.errors };
  return withDocumentLock(LOCK_MS, () => {
    const { rec, row, loc } = loadClient(ctx, String(id ?? '').trim());
    const changes: Row = {};
    for (const [key, value] of Object.entries(valid.values)) {
      if (String(rec[key] ?? '') !== String(value)) changes[key] = value;
    }
    if (changes.stage) {
      Object.assign(
        changes,
        milestoneStamps(ctx.settings, String(changes.stage), milestones({ ...rec, ...changes }), ctx.today),
      );
    }
    const keyChanged = KEY_FIELDS.some((k) => k in changes && changes[k] !== '');
    if (keyChanged && !valid.allowDuplicate) {
      const scan = readColumns(ctx.ss, KEY_FIELDS, ctx.timeZone, loc);
      const candidate: Row = {};
      for (const k of KEY_FIELDS) if (k in changes) candidate[k] = changes[k];
      const duplicates = duplicatesIn(ctx, candidate, scan.rows, id, loc).filter((d) => d.id !== id);
      if (duplicates.length) return { ok: false as const, duplicates };
    }
    const changed = Object.keys(changes);
    if (changed.length) writeFields(loc.sheet, loc.layout, row, changes, ctx.timeZone);
    if ('fullName' in changes) rememberHints([[id, row, String(changes.fullName)]]);
    return {
      ok: true as const,
      id,
      changed,
      message: changed.length
        ? t(ctx.lang, 'client.updated', { count: changed.length })
        : t(ctx.lang, 'client.unchanged'),
    };
  });
}

const blockField = (key: string) => clientField(key);

/** Reads the contact block of a row: stage…next step, one rectangle when the columns are contiguous. */
function blockSpan(layout: Layout): { first: number; last: number; contiguous: boolean } {
  const cols = columnsOf(layout, CONTACT_BLOCK_KEYS);
  const first = cols[0];
  const last = cols[cols.length - 1];
  return { first, last, contiguous: cols.length === CONTACT_BLOCK_KEYS.length && last - first + 1 === cols.length };
}

export function logContact(ctx: Ctx, input: unknown) {
  const valid = validateContact(input, ctx);
  if (!valid.ok) return { ok: false as const, errors: valid.errors };
  const contact = valid.values;
  return withDocumentLock(LOCK_MS, () => {
    let layout = cachedLayout('clients') ?? clientsTab(ctx.ss).layout;
    let found = findClient(ctx, contact.clientId);
    if (found.loc) layout = found.loc.layout;
    let span = blockSpan(layout);
    let range: GoogleAppsScript.Spreadsheet.Range | undefined;
    let cells: unknown[] = [];
    try {
      range = ctx.ss.getRange(spanA1(layout, found.row, span.first, span.last));
      cells = range.getValues()[0];
    } catch (_e) {
      // The hinted row no longer exists; looked up again below.
    }
    const idAt = () => layout.columns.id - span.first;
    if (String(cells[idAt()]) !== contact.clientId) {
      // Rows moved (sort, delete) or the layout changed since the hint: look again.
      const fresh = relocate(ctx.ss, TABS.clients);
      if (!fresh) throw new UserError({ _: t(ctx.lang, 'error.notSetUp') });
      const scan = scanForRow(ctx.ss, contact.clientId, ctx.timeZone);
      if (!scan.row) throw new UserError({ clientId: t(ctx.lang, 'client.notFound', { id: contact.clientId }) });
      layout = scan.loc.layout;
      found = { row: scan.row, name: scan.name, fromHint: false };
      span = blockSpan(layout);
      range = ctx.ss.getRange(spanA1(layout, found.row, span.first, span.last));
      cells = range.getValues()[0];
      if (String(cells[idAt()]) !== contact.clientId) {
        throw new UserError({ clientId: t(ctx.lang, 'client.notFound', { id: contact.clientId }) }, true);
      }
    }
    const cur: Row = {};
    for (const key of CONTACT_BLOCK_KEYS)
      cur[key] = fromCell(blockField(key), cells[layout.columns[key] - span.first], ctx.timeZone);
    const before = derivedOf(cur);
    const fact = { at: contact.at, kind: contact.kind, amount: contact.amount === '' ? 0 : contact.amount };
    const after = applyFact(before, fact, ctx.settings);
    const next: Row = { ...cur, ...derivedCells(ctx, after) };
    const day = contact.at.slice(0, 10);
    const newStage = stageAfterContact(ctx.settings, String(cur.stage ?? ''), contact.kind, isPurchase(fact));
    if (newStage) next.stage = newStage;
    Object.assign(next, milestoneStamps(ctx.settings, String(next.stage), milestones(next), day));
    if (isPurchase(fact) && !next.firstPurchaseOn) next.firstPurchaseOn = day;
    if (contact.nextStep || contact.nextStepOn) {
      next.nextStep = contact.nextStep;
      next.nextStepOn = contact.nextStepOn;
    }
    const changedKeys = CONTACT_BLOCK_KEYS.filter((k) => String(next[k] ?? '') !== String(cur[k] ?? ''));
    if (changedKeys.length) {
      const verified = range as GoogleAppsScript.Spreadsheet.Range;
      if (span.contiguous) {
        // By column, not by key order: people may have reordered columns inside the block.
        const out: unknown[] = new Array(span.last - span.first + 1);
        for (const k of CONTACT_BLOCK_KEYS)
          out[layout.columns[k] - span.first] = toCell(blockField(k), next[k], ctx.timeZone);
        verified.setValues([out]);
      } else {
        const sheet = verified.getSheet();
        const patch: Row = {};
        for (const k of changedKeys) patch[k] = next[k];
        writeFields(sheet, layout, found.row, patch, ctx.timeZone);
      }
    }
    const journal = journalTab(ctx.ss);
    const entry: Record<string, string | number> = {
      at: contact.at,
      clientId: contact.clientId,
      clientName: found.name,
      type: contact.type,
      summary: contact.summary,
      item: contact.item,
      amount: contact.amount,
      source: contact.source,
      by: ctx.user,
      nextStep: contact.nextStep,
      nextStepOn: contact.nextStepOn,
    };
    const width = Math.max(...Object.values(journal.layout.columns));
    const cellsOut: unknown[] = new Array(width).fill('');
    for (const f of JOURNAL_FIELDS) {
      const column = journal.layout.columns[f.key];
      if (column) cellsOut[column - 1] = toCell(f, entry[f.key], ctx.timeZone);
    }
    journal.sheet.appendRow(cellsOut);
    const totals: ClientTotals = {
      id: contact.clientId,
      fullName: found.name,
      stage: String(next.stage ?? ''),
      purchases: after.purchases,
      totalSpent: after.totalSpent,
      lastContactOn: after.lastContactOn,
      lastPurchaseOn: after.lastPurchaseOn,
      frequency: frequencyLabel(ctx, after.frequency),
      loyaltyPoints: after.loyaltyPoints,
      firstContactOn: String(next.firstContactOn ?? ''),
      visitOn: String(next.visitOn ?? ''),
      firstPurchaseOn: String(next.firstPurchaseOn ?? ''),
      nextStep: String(next.nextStep ?? ''),
      nextStepOn: String(next.nextStepOn ?? ''),
    };
    return {
      ok: true as const,
      clientId: contact.clientId,
      totals,
      message: t(ctx.lang, 'contact.logged', { name: found.name, type: contact.type }),
    };
  });
}

function journalEntries(ctx: Ctx, id: string, limit = 200): JournalEntry[] {
  const journal = journalTab(ctx.ss);
  const { sheet, layout } = journal;
  const lastRow = sheet.getLastRow();
  if (lastRow < 2) return [];
  const idCol = layout.columns.clientId;
  const hits = sheet
    .getRange(2, idCol, lastRow - 1, 1)
    .createTextFinder(id)
    .matchEntireCell(true)
    .findAll();
  // Entries are appended, so the last rows are the newest: only those are read, rows close together in one go.
  const rows = hits
    .map((r) => r.getRow())
    .sort((a, b) => a - b)
    .slice(-limit);
  const width = Math.max(...Object.values(layout.columns));
  const out: JournalEntry[] = [];
  for (const [first, count] of mergeRuns(runs(rows), 50)) {
    const values = sheet.getRange(first, 1, count, width).getValues();
    values.forEach((cells, i) => {
      const rec: Record<string, string | number> = {};
      for (const f of JOURNAL_FIELDS) {
        const column = layout.columns[f.key];
        rec[f.key] = column ? fromCell(f, cells[column - 1], ctx.timeZone) : '';
      }
      if (rec.clientId !== id) return;
      out.push({
        row: first + i,
        at: String(rec.at),
        clientId: id,
        clientName: String(rec.clientName),
        type: String(rec.type),
        kind: kindOfContactType(ctx.settings, String(rec.type)) ?? '',
        summary: String(rec.summary),
        item: String(rec.item),
        amount: rec.amount === '' ? '' : Number(rec.amount),
        source: String(rec.source),
        by: String(rec.by),
        nextStep: String(rec.nextStep),
        nextStepOn: String(rec.nextStepOn),
      });
    });
  }
  out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.row - a.row));
  return out.slice(0, limit);
}

export function getClientCard(ctx: Ctx, id: string): { ok: true; card: ClientCard } {
  const { rec, row } = loadClient(
    ctx,
    String(id ?? '')
      .trim()
      .toUpperCase(),
  );
  const client = { ...rec, row } as unknown as ClientCard['client'];
  const birth = String(rec.birthDate ?? '');
  const anniversary = /^\d{4}-\d{2}-\d{2}$/.test(birth) ? nextAnniversary(birth, ctx.today) : null;
  const last = String(rec.lastContactOn ?? '');
  return {
    ok: true,
    card: {
      client,
      facts: {
        salutation: salutationName(String(rec.fullName ?? '')),
        phoneDisplay: displayPhone(ctx, String(rec.phone ?? '')),
        birthdayInDays: anniversary ? anniversary.inDays : null,
        turnsAge: anniversary ? anniversary.age : null,
        daysSinceLastContact: /^\d{4}-\d{2}-\d{2}$/.test(last) ? daysBetween(last, ctx.today) : null,
        emailConsent: Boolean(rec.emailConsentOn) && !rec.unsubscribedOn && Boolean(rec.email),
        stageMilestone: effectiveMilestone(ctx.settings, String(rec.stage ?? '')),
      },
      journal: journalEntries(ctx, String(rec.id)),
      currency: ctx.settings.values.currency,
    },
  };
}

export function searchClients(ctx: Ctx, query: string): { ok: true; hits: SearchHit[]; total: number } {
  const q = String(query ?? '').trim();
  if (!q) return { ok: true, hits: [], total: 0 };
  const { rows } = readColumns(ctx.ss, ['fullName', 'phone', 'email', 'stage', 'id'], ctx.timeZone);
  if (!hintsFresh())
    rememberHints(
      rows.map((r) => [String(r.id), r.row, String(r.fullName)]),
      true,
    );
  const list = rows
    .filter((r) => r.id || r.fullName)
    .map((r) => ({
      id: String(r.id),
      fullName: String(r.fullName),
      phone: String(r.phone),
      email: String(r.email),
      stage: String(r.stage),
      row: r.row,
    }));
  const matches = rankClients(q, list, { limit: 20 });
  return {
    ok: true,
    total: matches.length,
    hits: matches.map((m) => ({
      id: m.client.id,
      fullName: m.client.fullName,
      phone: m.client.phone,
      phoneDisplay: displayPhone(ctx, m.client.phone),
      email: m.client.email,
      stage: m.client.stage,
      row: m.client.row,
      matched: m.field,
      score: m.score,
    })),
  };
}

export function checkDuplicates(
  ctx: Ctx,
  input: Record<string, unknown>,
): { ok: true; duplicates: DuplicateInfo[]; fieldErrors: Record<string, string> } {
  const candidate: { fullName?: string; phone?: string; email?: string } = {};
  const fieldErrors: Record<string, string> = {};
  const name = String(input?.fullName ?? '').trim();
  if (name.split(/\s+/).length >= 2) candidate.fullName = name;
  // Phone and email get the full server check here, so a sidebar can show it while the person types.
  for (const key of ['phone', 'email'] as const) {
    if (!String(input?.[key] ?? '').trim()) continue;
    const r = normalizeField(clientField(key), input[key], ctx);
    if (!r.ok) fieldErrors[key] = r.error;
    else if (r.value) candidate[key] = String(r.value);
  }
  if (!Object.keys(candidate).length) return { ok: true, duplicates: [], fieldErrors };
  const scan = readColumns(ctx.ss, KEY_FIELDS, ctx.timeZone);
  const excludeId = typeof input?.excludeId === 'string' ? input.excludeId : undefined;
  const duplicates = duplicatesIn(ctx, candidate, scan.rows, excludeId, scan.loc).filter((d) => d.id !== excludeId);
  return { ok: true, duplicates, fieldErrors };
}

const APPEND_FIELDS = new Set(['notes', 'tags', 'interests', 'familyDates', 'address', 'company']);

export function mergeClients(ctx: Ctx, keepId: string, dropId: string) {
  const keep = String(keepId ?? '')
    .trim()
    .toUpperCase();
  const drop = String(dropId ?? '')
    .trim()
    .toUpperCase();
  if (keep === drop) throw new UserError({ _: t(ctx.lang, 'merge.same') });
  return withDocumentLock(30000, () => {
    const a = loadClient(ctx, keep);
    const b = loadClient(ctx, drop);
    const patch: Row = {};
    const extra: string[] = [];
    for (const field of CLIENT_FIELDS) {
      if (field.computed) continue;
      const mine = String(a.rec[field.key] ?? '');
      const theirs = String(b.rec[field.key] ?? '');
      if (!theirs || mine === theirs) continue;
      if (!mine) patch[field.key] = b.rec[field.key];
      else if (APPEND_FIELDS.has(field.key)) patch[field.key] = `${mine}\n${theirs}`;
      else if (
        field.type === 'date' &&
        ['createdOn', 'firstContactOn', 'visitOn', 'firstPurchaseOn'].includes(field.key)
      ) {
        if (theirs < mine) patch[field.key] = theirs;
      } else extra.push(`${field.header[ctx.lang]}: ${theirs}`);
    }
    if (extra.length) {
      const base = String(patch.notes ?? a.rec.notes ?? '');
      patch.notes = `${base ? `${base}\n` : ''}${t(ctx.lang, 'merge.notes', { id: drop })} ${extra.join('; ')}`;
    }
    // Re-point the dropped client's journal rows, one write per contiguous run.
    const journal = journalTab(ctx.ss);
    const lastRow = journal.sheet.getLastRow();
    const idCol = journal.layout.columns.clientId;
    const nameCol = journal.layout.columns.clientName;
    let moved = 0;
    if (lastRow >= 2) {
      const hits = journal.sheet
        .getRange(2, idCol, lastRow - 1, 1)
        .createTextFinder(drop)
        .matchEntireCell(true)
        .findAll();
      const rows = hits.map((r) => r.getRow()).sort((x, y) => x - y);
      for (const [first, count] of runs(rows)) {
        journal.sheet.getRange(first, idCol, count, 1).setValues(Array.from({ length: count }, () => [keep]));
        if (nameCol) {
          journal.sheet
            .getRange(first, nameCol, count, 1)
            .setValues(
              Array.from({ length: count }, () => [toCell(clientField('fullName'), a.rec.fullName, ctx.timeZone)]),
            );
        }
        moved += count;
      }
    }
    // The dropped card is kept in the journal as a note, so no value is lost even where the kept card had its own.
    const snapshot = CLIENT_FIELDS.filter((f) => b.rec[f.key] !== '' && b.rec[f.key] !== undefined)
      .map((f) => `${f.header[ctx.lang]}: ${b.rec[f.key]}`)
      .join('; ');
    const noteType = ctx.settings.lists.contactTypes.find((c) => c.kind === 'note')?.label ?? 'note';
    const width = Math.max(...Object.values(journal.layout.columns));
    const entry: Record<string, string | number> = {
      at: ctx.now,
      clientId: keep,
      clientName: String(a.rec.fullName),
      type: noteType,
      summary: `${t(ctx.lang, 'merge.record', { drop, keep })} ${snapshot}`,
      by: ctx.user,
    };
    const cells: unknown[] = new Array(width).fill('');
    for (const f of JOURNAL_FIELDS) {
      const column = journal.layout.columns[f.key];
      if (column && entry[f.key] !== undefined) cells[column - 1] = toCell(f, entry[f.key], ctx.timeZone);
    }
    journal.sheet.appendRow(cells);
    if (Object.keys(patch).length) writeFields(a.loc.sheet, a.loc.layout, a.row, patch, ctx.timeZone);
    b.loc.sheet.deleteRow(b.row);
    // Totals of the kept card from its whole journal (its own rows and the moved ones).
    const keepRow = b.row < a.row ? a.row - 1 : a.row;
    let totals = EMPTY_DERIVED;
    const facts = journalEntries(ctx, keep, Number.POSITIVE_INFINITY)
      .map((e) => ({ at: e.at, kind: e.kind || undefined, amount: e.amount === '' ? 0 : e.amount }))
      .sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
    for (const fact of facts) totals = applyFact(totals, fact, ctx.settings);
    writeFields(a.loc.sheet, a.loc.layout, keepRow, derivedCells(ctx, totals), ctx.timeZone);
    return { ok: true as const, id: keep, moved, message: t(ctx.lang, 'merge.done', { keep, drop, moved }) };
  });
}

/**
 * Recomputes derived fields of every client from the whole journal in one pass, assigns IDs to rows typed by
 * hand, back-fills milestone dates from the journal and refreshes the row hints. Writes only columns that changed.
 */
export function recompute(ctx: Ctx): RecomputeSummary {
  const keys = ['id', 'fullName', 'stage', 'firstContactOn', 'visitOn', 'firstPurchaseOn', ...DERIVED_KEYS];
  const scan = readColumns(ctx.ss, keys, ctx.timeZone);
  const { loc } = scan;
  const journal = journalTab(ctx.ss);
  const jLast = journal.sheet.getLastRow();
  const jCols = journal.layout.columns;
  const facts: Array<{ clientId: string; at: string; kind: ReturnType<typeof kindOfContactType>; amount: number }> = [];
  const firstDates = new Map<string, { contact: string; purchase: string }>();
  let unknownClientRows = 0;
  const known = new Set(scan.rows.map((r) => String(r.id)).filter(Boolean));
  const kinds = new Map<string, ReturnType<typeof kindOfContactType>>();
  if (jLast >= 2) {
    const width = Math.max(jCols.at, jCols.clientId, jCols.type, jCols.amount);
    const grid = journal.sheet.getRange(2, 1, jLast - 1, width).getValues();
    const atField = JOURNAL_FIELDS.find((f) => f.key === 'at')!;
    for (const cells of grid) {
      const clientId = String(cells[jCols.clientId - 1] ?? '').trim();
      if (!clientId) continue;
      if (!known.has(clientId)) {
        unknownClientRows++;
        continue;
      }
      const at = String(fromCell(atField, cells[jCols.at - 1], ctx.timeZone));
      const amountCell = cells[jCols.amount - 1];
      const amount =
        typeof amountCell === 'number'
          ? amountCell
          : Number(String(amountCell).replace(/\s/g, '').replace(',', '.')) || 0;
      const typeLabel = String(cells[jCols.type - 1] ?? '');
      let kind = kinds.get(typeLabel);
      if (!kinds.has(typeLabel)) {
        kind = kindOfContactType(ctx.settings, typeLabel);
        kinds.set(typeLabel, kind);
      }
      facts.push({ clientId, at, kind, amount });
      const fd = firstDates.get(clientId) ?? { contact: '', purchase: '' };
      const day = at.slice(0, 10);
      if (kind !== 'note' && (!fd.contact || day < fd.contact)) fd.contact = day;
      if (isPurchase({ kind, amount }) && (!fd.purchase || day < fd.purchase)) fd.purchase = day;
      firstDates.set(clientId, fd);
    }
  }
  facts.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  const derived = deriveAll(facts, ctx.settings);
  let changed = 0;
  let idsAssigned = 0;
  // Heal the ID counter (a copied sheet starts without document properties): never below the largest ID present.
  const largest = scan.rows.reduce((max, r) => Math.max(max, Number(String(r.id).replace(/^C-/, '')) || 0), 0);
  if ((readJsonProp<number>('nextId') ?? 0) <= largest) writeJsonProp('nextId', largest + 1);
  const updates: Array<{ row: number; patch: Row }> = [];
  for (const r of scan.rows) {
    const patch: Row = {};
    if (!r.id && String(r.fullName ?? '').trim()) {
      patch.id = nextId(ctx, loc);
      idsAssigned++;
    }
    const id = String(patch.id ?? r.id);
    if (!id) continue;
    const d = derived.get(id) ?? EMPTY_DERIVED;
    const current = derivedOf(r);
    const emptyCells = DERIVED_KEYS.some(
      (k) => r[k] === '' && (d as unknown as Record<string, unknown>)[k] !== '' && k !== 'frequency',
    );
    if (!sameDerived(current, d) || emptyCells) Object.assign(patch, derivedCells(ctx, d));
    const fd = firstDates.get(id);
    if (fd) {
      if (fd.contact && !r.firstContactOn) patch.firstContactOn = fd.contact;
      if (fd.purchase && !r.firstPurchaseOn) patch.firstPurchaseOn = fd.purchase;
      if (d.purchases > 0 && effectiveMilestone(ctx.settings, String(r.stage)) !== 'client') {
        const label = stageLabel(ctx.settings, 'client');
        if (label) patch.stage = label;
      }
    }
    if (Object.keys(patch).length) {
      updates.push({ row: r.row, patch });
      changed++;
    }
  }
  writeColumnUpdates(loc, updates, ctx.timeZone);
  const assigned = new Map(updates.filter((u) => u.patch.id).map((u) => [u.row, String(u.patch.id)]));
  rememberHints(
    scan.rows.map((r) => [assigned.get(r.row) ?? String(r.id), r.row, String(r.fullName)]),
    true,
  );
  return {
    clients: scan.rows.filter((r) => r.id || r.fullName).length,
    changed,
    journalRows: Math.max(jLast - 1, 0),
    unknownClientRows,
    idsAssigned,
  };
}

/**
 * After a person edits rows of the Clients tab: a row that got a name but has no ID becomes a card (ID, createdOn,
 * first stage, zero totals), and a changed Stage stamps its milestone dates. One read, one write per changed column.
 */
export function afterPersonEdit(
  ctx: Ctx,
  loc: Located,
  firstRow: number,
  lastRow: number,
  edited: { stage: boolean; name: boolean },
): number {
  const { sheet, layout } = loc;
  const width = layoutWidth(layout);
  const grid = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, width).getValues();
  const updates: Array<{ row: number; patch: Row }> = [];
  const hints: Array<[string, number, string]> = [];
  grid.forEach((cells, i) => {
    const rec: Row = {};
    for (const field of CLIENT_FIELDS) {
      const column = layout.columns[field.key];
      rec[field.key] = column ? fromCell(field, cells[column - 1], ctx.timeZone) : '';
    }
    const patch: Row = {};
    if (String(rec.fullName).trim() && !rec.id) Object.assign(patch, { id: nextId(ctx, loc) }, newCardFields(ctx, rec));
    else if (edited.stage)
      Object.assign(patch, milestoneStamps(ctx.settings, String(rec.stage), milestones(rec), ctx.today));
    const id = String(patch.id ?? rec.id ?? '');
    if (id && (patch.id || edited.name)) hints.push([id, firstRow + i, String(rec.fullName)]);
    if (Object.keys(patch).length) updates.push({ row: firstRow + i, patch });
  });
  writeColumnUpdates(loc, updates, ctx.timeZone);
  if (hints.length) rememberHints(hints);
  return updates.length;
}

/** Bulk update: per changed column, one write of the rows spanning the first to the last change (read back first). */
function writeColumnUpdates(loc: Located, updates: Array<{ row: number; patch: Row }>, tz: string): void {
  if (!updates.length) return;
  const keys = [...new Set(updates.flatMap((u) => Object.keys(u.patch)))];
  const minRow = Math.min(...updates.map((u) => u.row));
  const maxRow = Math.max(...updates.map((u) => u.row));
  const keyAt = new Map(Object.entries(loc.layout.columns).map(([k, c]) => [c, k]));
  for (const [first, count] of runs(columnsOf(loc.layout, keys))) {
    const range = loc.sheet.getRange(minRow, first, maxRow - minRow + 1, count);
    const grid = range.getValues();
    for (const u of updates) {
      for (let c = first; c < first + count; c++) {
        const key = keyAt.get(c);
        if (key && key in u.patch) grid[u.row - minRow][c - first] = toCell(clientField(key), u.patch[key], tz);
      }
    }
    range.setValues(grid);
  }
}
