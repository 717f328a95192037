// Segments: the Segments tab read (seeded the first time), one live tab per active segment, the overview, and the
// members of a segment in TypeScript for mailings — both from the same definition.
import { CLIENT_FIELDS } from '../domain/fields';
import { FUNNEL_TAB } from '../domain/funnelReport/tabs';
import { MILESTONE_DATE_FIELD } from '../domain/reached';
import {
  boundValues,
  type Card,
  COST_CELL,
  COUNT_CELL,
  defaultSegments,
  errorGrid,
  FIRST_MEMBER_ROW,
  nextSegmentKeys,
  OVERVIEW_TAB,
  overviewGrid,
  REVENUE_CELL,
  readSegments,
  SEGMENT_TAG_PREFIX,
  type Segment,
  type SegmentReading,
  type SegmentRow,
  segmentGrid,
  segText,
  selectMembers,
} from '../domain/segments';
import type { RenderEnv } from '../domain/tabs';
import { clientsTab } from '../sheets/clients';
import { readRecords } from '../sheets/records';
import {
  activeCheckboxes,
  type GeneratedLook,
  gridWidth,
  type OwnTab,
  ownTab,
  readSegmentRows,
  retireTab,
  seededServices,
  seedSegmentRows,
  segmentsTab,
  segmentTabs,
  sizeOwnTab,
  tabNameByTag,
  taggedTabs,
  writeOwnGrid,
  writeSegmentNotes,
} from '../sheets/segments';
import type { Ctx } from './context';

/** Client fields a segment reads or shows (the rest are not read). */
function fieldsFor(segments: Segment[]): string[] {
  const keys = new Set(['id', 'fullName', 'totalSpent', 'stage', ...Object.values(MILESTONE_DATE_FIELD)]);
  for (const s of segments) {
    for (const c of s.conditions) keys.add(c.field);
    for (const c of s.plan.columns) keys.add(c.field);
  }
  return CLIENT_FIELDS.map((f) => f.key).filter((k) => keys.has(k));
}

/**
 * The Segments tab's rows (the defaults written the first time, reading Settings cells from `env`), keys given to
 * new rows, every row read.
 */
export function loadSegments(ctx: Ctx, env: () => Pick<RenderEnv, 'settingsRefs'>) {
  let tab = segmentsTab(ctx.ss);
  let rows = readSegmentRows(tab, ctx.timeZone);
  const seeded = seededServices(tab);
  const services = ctx.settings.lists.services.map((s) => s.toLowerCase());
  if (seeded?.includes('*')) seedSegmentRows(tab, [], services);
  else if (seeded === null || services.some((s) => !seeded.includes(s))) {
    // The first time every default; later, the two rows of each service added to Settings since.
    const known = new Set(seeded ?? []);
    const add = defaultSegments(ctx.lang, env(), seeded === null ? undefined : (s) => !known.has(s.toLowerCase()));
    const last = Math.max(1, ...rows.map((r) => r.row));
    seedSegmentRows(tab, add, [...new Set([...(seeded ?? []), ...services])], last);
    activeCheckboxes(tab);
    tab = segmentsTab(ctx.ss);
    rows = readSegmentRows(tab, ctx.timeZone);
  }
  const used = new Set(rows.map((r) => r.key).filter(Boolean));
  const missing = rows.filter((r) => !r.key || [...rows].filter((x) => x.key === r.key).length > 1);
  const fresh = nextSegmentKeys([...used], missing.length);
  const seen = new Set<string>();
  const keyed: SegmentRow[] = rows.map((r) => {
    if (r.key && !seen.has(r.key)) {
      seen.add(r.key);
      return r;
    }
    return { ...r, key: fresh.shift() as string, newKey: true };
  });
  const readings = readSegments(keyed, { ...ctx, timeZone: ctx.timeZone });
  return { tab, rows: keyed, readings };
}

/** Members of each segment from the Clients tab as it is now (one bulk read of the fields they need). */
function membersOf(ctx: Ctx, segments: Segment[]): Map<string, Card[]> {
  const { rows } = readRecords(clientsTab(ctx.ss), ctx.timeZone, fieldsFor(segments), ctx.ss);
  const env = { settings: ctx.settings, today: ctx.today, locale: ctx.locale };
  return new Map(segments.map((s) => [s.key, selectMembers(rows as Card[], s.conditions, s.plan, env)]));
}

export interface SegmentsBuilt {
  built: number;
  errors: number;
  off: number;
  removed: string[];
  kept: string[];
  tabs: Array<{ key: string; name: string; tab: string; count: number }>;
}

/**
 * Rebuilds every segment tab from the Segments tab: one per active segment (found again by its tag), an error shown
 * on the tab and in the Status column for a row that cannot be read, tabs of segments turned off removed (or hidden
 * when they hold a person's data), then the overview. Statuses and new keys are written back. Everything is read
 * first, tabs are created and sized next, formulas written last (each structural change rewrites every formula).
 */
export function buildSegments(ctx: Ctx, env: RenderEnv, say: (message: string) => void): SegmentsBuilt {
  const { tab, readings } = loadSegments(ctx, () => env);
  const segments = readings.filter((r): r is Extract<SegmentReading, { ok: true }> => r.ok).map((r) => r.segment);
  const members = membersOf(ctx, segments);
  const known = segmentTabs(ctx.ss);
  // Cost per member needs the Funnel tab (rebuilt just before, with the Settings channels of now).
  const funnelName = tabNameByTag(ctx.ss, FUNNEL_TAB.key);
  const funnel = funnelName ? { sheetName: funnelName, channels: ctx.settings.lists.channels.length } : undefined;
  const result: SegmentsBuilt = { built: 0, errors: 0, off: 0, removed: [], kept: [], tabs: [] };
  const look = (formats?: GeneratedLook['formats']): GeneratedLook => ({
    lang: ctx.lang,
    locale: ctx.locale,
    currency: ctx.settings.values.currency,
    formats,
    headRows: FIRST_MEMBER_ROW - 1,
    note: `${SEGMENT_TAG_PREFIX} ${segText(ctx.lang, 'protect.segment')}`,
    moneyCells: funnel ? [REVENUE_CELL, COST_CELL] : [REVENUE_CELL],
  });
  // What each row of the Segments tab becomes: a tab to write (grid and look), or just its status.
  type Job = { tab: OwnTab; grid: unknown[][]; look: GeneratedLook };
  const jobs: Job[] = [];
  const notes: Array<{ row: number; patch: { key?: string; status?: string } }> = [];
  const live = new Set<string>();
  const overview: Parameters<typeof overviewGrid>[1] = [];
  for (const reading of readings) {
    const row = reading.ok ? reading.segment.source : reading.row;
    const note: { key?: string; status?: string } = {};
    if (row.newKey) note.key = row.key;
    const tag = `${SEGMENT_TAG_PREFIX}${row.key}`;
    if (reading.ok) {
      const seg = reading.segment;
      const list = members.get(seg.key) ?? [];
      const grid = segmentGrid(
        env,
        seg.source,
        seg.conditions,
        seg.plan,
        boundValues(seg.source.conditionsFormula, env.settingsRefs),
        funnel,
      );
      const own = ownTab(ctx.ss, known, tag, seg.name);
      // Room for the list to grow before the next rebuild: a quarter more, at least 200 rows.
      const rows = FIRST_MEMBER_ROW + list.length + Math.max(200, Math.ceil(list.length / 4));
      sizeOwnTab(own.sheet, gridWidth(grid), rows, own.created);
      const shown = seg.plan.columns.length;
      jobs.push({
        tab: own,
        grid,
        look: {
          ...look([...seg.plan.columns.map((c) => c.format), 'count', 'count']),
          hidden: funnel ? { first: shown + 1, count: 2 } : undefined,
        },
      });
      live.add(tag);
      result.built++;
      note.status = segText(ctx.lang, 'status.ok', { tab: own.name });
      result.tabs.push({ key: seg.key, name: seg.name, tab: own.name, count: list.length });
      overview.push({ source: seg.source, tabName: own.name, sheetId: own.id });
    } else if (reading.inactive) {
      result.off++;
      note.status = reading.error;
    } else {
      result.errors++;
      note.status = reading.error;
      if (known.has(tag)) {
        const own = ownTab(ctx.ss, known, tag, row.name);
        jobs.push({ tab: own, grid: errorGrid(ctx.lang, row, reading.error), look: look() });
        live.add(tag);
      }
    }
    if (note.status === row.status) delete note.status;
    if (note.key || note.status !== undefined) notes.push({ row: row.row, patch: note });
  }
  for (const [tag, sheet] of known) {
    if (live.has(tag)) continue;
    const { done, name } = retireTab(ctx.ss, sheet, segText(ctx.lang, 'notice.off'));
    (done === 'removed' ? result.removed : result.kept).push(name);
  }
  const overviewTabs = taggedTabs(ctx.ss, OVERVIEW_TAB.key);
  const summary = ownTab(ctx.ss, overviewTabs, OVERVIEW_TAB.key, OVERVIEW_TAB.name[ctx.lang]);
  const summaryGrid = overviewGrid(ctx.lang, overview, Boolean(funnel));
  sizeOwnTab(summary.sheet, gridWidth(summaryGrid), summaryGrid.length + 1, summary.created);
  jobs.push({
    tab: summary,
    grid: summaryGrid,
    look: { ...look(['text', 'count', 'money', 'money', 'text', 'money']), headRows: 1, moneyCells: [] },
  });
  jobs.forEach((job, i) => {
    say(segText(ctx.lang, 'rebuild.segment', { name: job.tab.name, i: i + 1, n: jobs.length }));
    writeOwnGrid(job.tab.sheet, job.grid, job.look, job.tab.created);
  });
  writeSegmentNotes(tab, notes, ctx.timeZone);
  return result;
}

/**
 * The members of a segment by its name (as in the Segments tab, ignoring case), selected in TypeScript with the
 * rules its tab's formula uses: what mailings send to.
 */
export function segmentMembers(ctx: Ctx, env: () => Pick<RenderEnv, 'settingsRefs'>, name: string) {
  const { readings } = loadSegments(ctx, env);
  const wanted = String(name ?? '')
    .trim()
    .toLowerCase();
  const reading = readings.find((r) => (r.ok ? r.segment.name : r.row.name).trim().toLowerCase() === wanted);
  if (!reading) return { ok: false as const, errors: { segment: segText(ctx.lang, 'error.unknownSegment', { name }) } };
  if (!reading.ok) return { ok: false as const, errors: { segment: reading.error } };
  const members = membersOf(ctx, [reading.segment]).get(reading.segment.key) ?? [];
  return { ok: true as const, segment: { key: reading.segment.key, name: reading.segment.name }, members };
}

export { COUNT_CELL };
