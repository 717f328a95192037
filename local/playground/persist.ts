// What the .xlsx cannot hold, kept in a JSON file beside it: the clock, installed triggers and script properties.
import type { PlaygroundWorkbook } from './workbook';

export interface SideState {
  lang: 'ru' | 'en';
  /** Virtual now, ISO. */
  now: string;
  spreadsheetId?: string;
  /** The spreadsheet's name (the title bar); an .xlsx file does not carry it. */
  name?: string;
  triggers?: Array<Record<string, unknown>>;
  properties?: {
    script: Record<string, string>;
    document: Record<string, string>;
    users: Record<string, Record<string, string>>;
  };
}

// The runtime keeps triggers and properties in these stores; the playground reads them to survive a restart.
interface RuntimeInternals {
  triggerState?: { list: Array<Record<string, unknown>> };
  props?: {
    script: { data: Map<string, string> };
    document: { data: Map<string, string> };
    users: Map<string, { data: Map<string, string> }>;
    user(email: string): { data: Map<string, string> };
  };
}

function internals(wb: PlaygroundWorkbook): RuntimeInternals {
  return wb as unknown as RuntimeInternals;
}

export function captureState(wb: PlaygroundWorkbook, lang: 'ru' | 'en'): SideState {
  const state: SideState = { lang, now: wb.clock.now().toISOString() };
  try {
    state.spreadsheetId = wb.model.spreadsheet.getId();
    state.name = wb.model.spreadsheet.getName();
  } catch {
    // A model without ids: triggers are restored as they were.
  }
  const rt = internals(wb);
  if (Array.isArray(rt.triggerState?.list)) state.triggers = rt.triggerState.list.map((t) => ({ ...t }));
  if (rt.props) {
    const users: Record<string, Record<string, string>> = {};
    for (const [email, store] of rt.props.users) users[email] = Object.fromEntries(store.data);
    state.properties = {
      script: Object.fromEntries(rt.props.script.data),
      document: Object.fromEntries(rt.props.document.data),
      users,
    };
  }
  return state;
}

/** Puts saved triggers and properties back; spreadsheet triggers follow the document to its new id. */
export function restoreState(wb: PlaygroundWorkbook, state: SideState): void {
  const rt = internals(wb);
  if (state.triggers && Array.isArray(rt.triggerState?.list)) {
    let id = '';
    try {
      id = wb.model.spreadsheet.getId();
    } catch {
      id = '';
    }
    rt.triggerState.list = state.triggers.map((t) =>
      id && state.spreadsheetId && t.sourceId === state.spreadsheetId ? { ...t, sourceId: id } : { ...t },
    );
  }
  if (state.properties && rt.props) {
    const fill = (store: { data: Map<string, string> }, values: Record<string, string>) => {
      store.data.clear();
      for (const [k, v] of Object.entries(values)) store.data.set(k, String(v));
    };
    fill(rt.props.script, state.properties.script);
    fill(rt.props.document, state.properties.document);
    for (const [email, values] of Object.entries(state.properties.users)) fill(rt.props.user(email), values);
  }
}
