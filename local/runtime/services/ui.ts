// SpreadsheetApp.getUi(): menus, sidebars, dialogs, alerts and prompts, recorded for tests and the playground.
import { type Enum, EnumValue, makeEnum } from '../enums';
import { HtmlOutput } from './html';

export type MenuItemRecord = { caption: string; functionName: string } | { separator: true } | { submenu: MenuRecord };
export interface MenuRecord {
  title: string;
  items: MenuItemRecord[];
  addon?: boolean;
}
export interface PanelRecord {
  title: string;
  width: number | undefined;
  height: number | undefined;
  content: string;
  /** The same HTML as `content`. */
  html: string;
  kind: 'sidebar' | 'modal' | 'modeless';
  user: string;
  at: Date;
}
export type AnswerName = 'OK' | 'YES' | 'NO' | 'CANCEL' | 'CLOSE';
export type Answer = AnswerName | { button: AnswerName; text?: string };
export interface AlertRecord {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: string;
  answer: AnswerName;
  text?: string;
}

export const Button = makeEnum('Button', ['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const);
export const ButtonSet = makeEnum('ButtonSet', ['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const);

/** What the person at the sheet sees; `answers` is the queue of clicks for upcoming alerts and prompts. */
export class UiState {
  menus: MenuRecord[] = [];
  sidebars: PanelRecord[] = [];
  dialogs: PanelRecord[] = [];
  alerts: AlertRecord[] = [];
  answers: Answer[] = [];
  /** The add-on's name, the title of createAddonMenu(). */
  addonName = 'Kartoteka';

  /** The sidebar on screen now (the last one shown), if any. */
  get sidebar(): PanelRecord | undefined {
    return this.sidebars[this.sidebars.length - 1];
  }
  clear(): void {
    this.menus = [];
    this.sidebars = [];
    this.dialogs = [];
    this.alerts = [];
  }
}

function snapshot(m: Menu): MenuRecord {
  return {
    title: m._title,
    items: m._items.map((i) => ('submenu' in i ? { submenu: snapshot(i.submenu) } : i)),
    ...(m._addon ? { addon: true } : {}),
  };
}

export class Menu {
  _items: Array<{ caption: string; functionName: string } | { separator: true } | { submenu: Menu }> = [];
  constructor(
    private readonly _ui: Ui,
    readonly _title: string,
    readonly _addon = false,
  ) {}
  addItem(caption: string, functionName: string): Menu {
    this._items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): Menu {
    this._items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: Menu): Menu {
    if (!(menu instanceof Menu)) throw new Error('Invalid argument: menu');
    this._items.push({ submenu: menu });
    return this;
  }
  addToUi(): void {
    const state = this._ui._state;
    // Sheets shows one menu per title: adding it again (onOpen twice) replaces it.
    const record = snapshot(this);
    const at = state.menus.findIndex((m) => m.title === record.title);
    if (at >= 0) state.menus[at] = record;
    else state.menus.push(record);
  }
}

export class PromptResponse {
  constructor(
    private readonly _button: EnumValue,
    private readonly _text: string,
  ) {}
  getResponseText(): string {
    return this._text;
  }
  getSelectedButton(): EnumValue {
    return this._button;
  }
}

const BUTTONS_OF: Record<string, AnswerName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

/** Reads alert/prompt's three forms: (prompt), (prompt, buttons), (title, prompt, buttons). */
function dialogArgs(a: unknown, b: unknown, c: unknown): { title: string; prompt: string; buttons: EnumValue } {
  if (c !== undefined) return { title: String(a), prompt: String(b), buttons: c as EnumValue };
  return { title: '', prompt: String(a), buttons: b instanceof EnumValue ? b : ButtonSet.OK };
}

export class Ui {
  readonly Button: Enum = Button;
  readonly ButtonSet: Enum = ButtonSet;
  constructor(
    readonly _state: UiState,
    private readonly _who: () => { user: string; at: Date },
  ) {}

  createMenu(caption: string): Menu {
    return new Menu(this, String(caption));
  }
  createAddonMenu(): Menu {
    return new Menu(this, this._state.addonName, true);
  }
  showSidebar(output: HtmlOutput): void {
    this._state.sidebars.push(this.panel(output, 'sidebar'));
  }
  showModalDialog(output: HtmlOutput, title: string): void {
    this._state.dialogs.push(this.panel(output, 'modal', String(title)));
  }
  showModelessDialog(output: HtmlOutput, title: string): void {
    this._state.dialogs.push(this.panel(output, 'modeless', String(title)));
  }
  showDialog(output: HtmlOutput): void {
    this._state.dialogs.push(this.panel(output, 'modal'));
  }

  /** A shown panel; without a title argument the output's own title is shown. */
  private panel(output: HtmlOutput, kind: PanelRecord['kind'], title?: string): PanelRecord {
    if (!(output instanceof HtmlOutput)) throw new Error('Invalid argument: userInterface');
    const { user, at } = this._who();
    return {
      title: title ?? output.getTitle(),
      width: output._width,
      height: output._height,
      content: output.getContent(),
      html: output.getContent(),
      kind,
      user,
      at,
    };
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) */
  alert(a: unknown, b?: unknown, c?: unknown): EnumValue {
    const { title, prompt, buttons } = dialogArgs(a, b, c);
    const { button } = this.nextAnswer(buttons);
    this._state.alerts.push({ kind: 'alert', title, prompt, buttons: buttons.name(), answer: button });
    return Button[button];
  }

  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons) */
  prompt(a: unknown, b?: unknown, c?: unknown): PromptResponse {
    const { title, prompt, buttons } = dialogArgs(a, b, c);
    const { button, text } = this.nextAnswer(buttons);
    this._state.alerts.push({ kind: 'prompt', title, prompt, buttons: buttons.name(), answer: button, text });
    return new PromptResponse(Button[button], text);
  }

  /** The next queued answer; with none queued the person clicks the first button (OK / YES) with empty text. */
  private nextAnswer(buttons: EnumValue): { button: AnswerName; text: string } {
    const allowed = BUTTONS_OF[buttons.name()] ?? ['OK'];
    const queued = this._state.answers.shift();
    if (queued === undefined) return { button: allowed[0], text: '' };
    const answer = typeof queued === 'string' ? { button: queued, text: '' } : { text: '', ...queued };
    // The close button (X) is always there; CANCEL only where the button set has it.
    if (answer.button !== 'CLOSE' && !allowed.includes(answer.button)) {
      throw new Error(`the queued answer ${answer.button} is not a button of ButtonSet.${buttons.name()}`);
    }
    return { button: answer.button, text: answer.text ?? '' };
  }
}
