// Reads the Funnel tab's values back into the report's shape, cell by cell through the layout, so a test compares
// what the sheet computed with what src/domain/funnelReport/compute.ts computed.
import type { FunnelFigures, FunnelReport } from '../../../src/domain/funnelReport/compute';
import { COL, funnelLayout, METRICS, type Metric, PICK } from '../../../src/domain/funnelReport/render';

export type SheetFigures = Record<Metric, number | null>;

/** A cell as the report has it: a number, or null for a blank (never an error). */
function cell(values: unknown[][], row: number, column: number): number | null {
  const v = values[row - 1]?.[column - 1];
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v !== 'number') throw new Error(`R${row}C${column} holds ${JSON.stringify(v)}, not a number`);
  return v;
}

function rowFigures(values: unknown[][], row: number): SheetFigures {
  return Object.fromEntries(METRICS.map((m) => [m, cell(values, row, COL[m])])) as SheetFigures;
}

export function reportFigures(f: FunnelFigures): SheetFigures {
  return Object.fromEntries(METRICS.map((m) => [m, f[m]])) as SheetFigures;
}

/** Every figure of the table as the sheet shows it, in the report's shape. */
export function readTable(values: unknown[][], channels: number) {
  const L = funnelLayout(channels);
  return {
    cells: Array.from({ length: L.months }, (_, i) =>
      Array.from({ length: channels + 1 }, (_, j) => rowFigures(values, L.row(i, j))),
    ),
    monthTotals: Array.from({ length: L.months }, (_, i) => rowFigures(values, L.row(i, channels + 1))),
    channelTotals: Array.from({ length: channels + 1 }, (_, j) => rowFigures(values, L.totalRow(j))),
    total: rowFigures(values, L.totalRow(channels + 1)),
  };
}

/** The picker block: counts, conversions, costs, spend and revenue of the chosen month. */
export function readPicked(values: unknown[][]) {
  const c = (row: number, column: number) => cell(values, row, column);
  return {
    leads: c(PICK.leads, 2),
    contacts: c(PICK.contacts, 2),
    visits: c(PICK.visits, 2),
    buyers: c(PICK.buyers, 2),
    leadToContact: c(PICK.contacts, 3),
    contactToVisit: c(PICK.visits, 3),
    visitToBuyer: c(PICK.buyers, 3),
    leadToBuyer: c(PICK.leadToBuyer, 3),
    costPerLead: c(PICK.leads, 4),
    costPerContact: c(PICK.contacts, 4),
    costPerVisit: c(PICK.visits, 4),
    costPerBuyer: c(PICK.buyers, 4),
    spend: c(PICK.spend, 2),
    revenue: c(PICK.revenue, 2),
    revenuePerLead: c(PICK.revenuePerLead, 2),
  };
}

export function pickedOf(f: FunnelFigures) {
  const { leads, contacts, visits, buyers, leadToContact, contactToVisit, visitToBuyer, leadToBuyer } = f;
  const { costPerLead, costPerContact, costPerVisit, costPerBuyer, spend, revenue, revenuePerLead } = f;
  return {
    leads,
    contacts,
    visits,
    buyers,
    leadToContact,
    contactToVisit,
    visitToBuyer,
    leadToBuyer,
    costPerLead,
    costPerContact,
    costPerVisit,
    costPerBuyer,
    spend,
    revenue,
    revenuePerLead,
  };
}

/** Numbers rounded to 9 significant places, so sums added in another order compare equal. */
export function rounded<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v)));
}

/** Cells showing an error value (#DIV/0!, #N/A, #REF!, #VALUE!…), as A1-ish labels. */
export function errorCells(values: unknown[][]): string[] {
  const out: string[] = [];
  values.forEach((row, r) => {
    row.forEach((v, c) => {
      if (typeof v === 'string' && /^#[A-Z0-9/!?]+/.test(v)) out.push(`R${r + 1}C${c + 1}=${v}`);
    });
  });
  return out;
}

export type { FunnelReport };
