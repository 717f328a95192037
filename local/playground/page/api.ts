// The page's client for the playground server: typed fetches of state, grid windows and actions.
import type { CellView, SheetView } from '../../contract';
import type { Alert, Mail, Menu, MenuEntry, Problem, Toast, TriggerRun } from '../workbook';

export type { CellView, Mail, MenuEntry, SheetView, TriggerRun };

export interface PanelInfo {
  id: string;
  title: string;
  width?: number;
  height?: number;
  modal: boolean;
}

export interface State {
  version: number;
  title: string;
  tabs: Array<{ name: string; hidden: boolean }>;
  activeTab: string;
  menus: Menu[];
  sidebar: PanelInfo | null;
  dialog: PanelInfo | null;
  toasts: Array<Toast & { id: number }>;
  alerts: Array<Alert & { id: number }>;
  outboxCount: number;
  /** `wall`: the sheet's wall time, yyyy-mm-ddTHH:MM. */
  clock: { iso: string; text: string; wall: string; timeZone: string };
  /** The latest trigger executions, oldest first; `count` of all so far. */
  triggers: { runs: TriggerRun[]; count: number };
  user: string;
  users: string[];
  /** Why the workbook could not be saved to its file; null while saves succeed. */
  saveError: string | null;
}

/** A refusal from the server; `problem` says what Sheets would say, for the page to word in the sheet's language. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly problem?: Problem,
    readonly status?: number,
  ) {
    super(message);
  }
}

export type StructureAction =
  | 'insertRowsBefore'
  | 'insertRowsAfter'
  | 'deleteRows'
  | 'insertColumnsBefore'
  | 'insertColumnsAfter'
  | 'deleteColumns'
  | 'sortAscending'
  | 'sortDescending';

async function request<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json();
  if (!res.ok && !(data && data.ok === false))
    throw new ApiError(data?.error ?? `HTTP ${res.status}`, data?.problem, res.status);
  return data as T;
}

export const api = {
  state: () => request<State>('GET', '/api/state'),
  view: (tab: string, row: number, numRows: number, numColumns?: number) =>
    request<SheetView>(
      'GET',
      `/api/view?tab=${encodeURIComponent(tab)}&row=${row}&numRows=${numRows}${numColumns ? `&numColumns=${numColumns}` : ''}`,
    ),
  outbox: () => request<Mail[]>('GET', '/api/outbox'),
  run: (fn: string, args: unknown[]) =>
    request<{ ok: boolean; value?: unknown; undefined?: true; name?: string; message?: string }>('POST', '/api/run', {
      fn,
      args,
    }),
  menu: (fn: string) => request<{ ok: boolean; message?: string }>('POST', '/api/menu', { fn }),
  edit: (tab: string, row: number, column: number, value: string | null) =>
    request<{ ok: true; version: number }>('POST', '/api/edit', { tab, row, column, value }),
  paste: (tab: string, row: number, column: number, rows: string[][]) =>
    request<{ ok: true }>('POST', '/api/paste', { tab, row, column, rows }),
  structure: (tab: string, action: StructureAction, index: number) =>
    request<{ ok: true }>('POST', '/api/structure', { tab, action, index }),
  rename: (tab: string, name: string) => request<{ ok: true }>('POST', '/api/rename', { tab, name }),
  select: (tab: string, row: number, column: number) => request('POST', '/api/select', { tab, row, column }),
  tab: (tab: string) => request('POST', '/api/tab', { tab }),
  clock: (action: 'nextMorning' | 'hour' | 'day') => request<State>('POST', '/api/clock', { action }),
  user: (user: string) => request<State>('POST', '/api/user', { user }),
  close: (kind: 'sidebar' | 'dialog') => request('POST', '/api/close', { kind }),
  upload: (name: string, data: string) =>
    request<{ ok: boolean; message?: string }>('POST', '/api/upload', { name, data }),
};

export function columnName(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
