// An emulated spreadsheet laid out as setup lays it out (Settings, Clients by field, Ad spend) with the Funnel tab's
// grid written in: the sheet's own formulas compute every cell, read back with getValues.
import { renderFunnel } from '../../../src/domain/funnelReport/render';
import type { SettingsData } from '../../../src/domain/settings';
import { type Card, type Lang, sheetEnv } from '../segments/sheetEnv';

export type { Card, Lang };
export interface SpendInput {
  month: string;
  channel: string;
  amount: number | string;
  campaign?: string;
}

const SPEND_FIELDS = ['month', 'channel', 'amount', 'campaign', 'note'];

export function funnelEnv(
  lang: Lang,
  opts: { today?: string; settings?: (s: SettingsData) => void; rows?: number } = {},
) {
  const base = sheetEnv(lang, opts);
  const spendSheet = base.ss.insertSheet(lang === 'ru' ? 'Расходы на рекламу' : 'Ad spend');
  spendSheet.getRange(1, 1, 1, SPEND_FIELDS.length).setValues([SPEND_FIELDS]);
  const env = {
    ...base.env,
    sources: {
      ...base.env.sources,
      adSpend: { sheetName: spendSheet.getName(), columns: Object.fromEntries(SPEND_FIELDS.map((f, i) => [f, i + 1])) },
    },
  };
  const funnel = base.ss.insertSheet(lang === 'ru' ? 'Воронка' : 'Funnel');
  return {
    ...base,
    env,
    spendSheet,
    funnel,
    writeSpend(rows: SpendInput[]) {
      if (!rows.length) return;
      const cells = rows.map((r) => [r.month, r.channel, r.amount, r.campaign ?? '', '']);
      spendSheet.getRange(2, 1, cells.length, SPEND_FIELDS.length).setValues(cells);
    },
    /** Renders the Funnel grid into the Funnel tab and returns what the sheet computes. */
    build() {
      const grid = renderFunnel(env);
      const rows = grid.length;
      const columns = grid[0].length;
      if (funnel.getMaxRows() < rows) funnel.insertRowsAfter(funnel.getMaxRows(), rows - funnel.getMaxRows());
      if (funnel.getMaxColumns() < columns)
        funnel.insertColumnsAfter(funnel.getMaxColumns(), columns - funnel.getMaxColumns());
      funnel.getRange(1, 1, rows, columns).setValues(grid);
      return grid;
    },
    values(): unknown[][] {
      return funnel.getDataRange().getValues();
    },
  };
}
