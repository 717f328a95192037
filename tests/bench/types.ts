// The scoreboard's section contract: `npm run bench` runs every tests/bench/sections/*.ts and prints what it returns.

/** One printed table; cells are shown as given (numbers get thousands separators). */
export interface BenchTable {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  notes?: string[];
}

/** One budget line, printed as met / not met; never fails a test. */
export interface BenchBudget {
  label: string;
  met: boolean;
  detail: string;
}

export interface BenchSection {
  title: string;
  tables: BenchTable[];
  budgets: BenchBudget[];
}

export interface BenchOptions {
  /** `npm run bench -- --quick`: small sizes only. */
  quick: boolean;
}

/** The default export of each tests/bench/sections/<name>.ts. */
export type BenchSectionRun = (opts: { quick: boolean }) => Promise<BenchSection>;
