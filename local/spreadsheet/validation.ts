// Data validation: the DataValidation / DataValidationBuilder classes and the check Sheets applies to a person's input.

import type { Book, ValidationRule } from './book';
import { isDateObject, TrackedRange } from './book';
import { offsetFormula } from './refs';
import { APPS_SCRIPT_ENUMS } from './surface';
import { dateToSerial } from './tz';

/** Turns Range objects into TrackedRanges (so rule ranges follow inserts) and back. */
export interface RangeBridge {
  toTracked(range: unknown): TrackedRange | undefined;
  toRange(t: TrackedRange): unknown;
}

/** Apps Script DataValidation: an immutable rule. */
export class DataValidation {
  constructor(
    readonly _rule: ValidationRule,
    private readonly _bridge: RangeBridge,
  ) {}

  getCriteriaType(): string {
    return this._rule.criteria;
  }

  getCriteriaValues(): unknown[] {
    return this._rule.args.map((a) => {
      if (a instanceof TrackedRange) return this._bridge.toRange(a);
      if (a && typeof a === 'object' && 'formula' in (a as object)) return (a as { formula: string }).formula;
      return Array.isArray(a) ? a.slice() : a;
    });
  }

  getHelpText(): string | null {
    return this._rule.helpText === '' ? null : this._rule.helpText;
  }

  getAllowInvalid(): boolean {
    return this._rule.allowInvalid;
  }

  copy(): DataValidationBuilder {
    const b = new DataValidationBuilder(this._bridge);
    b._state = { ...this._rule, args: this._rule.args.slice() };
    return b;
  }
}

function dateArg(d: unknown, what: string): Date {
  if (!isDateObject(d)) throw new Error(`Invalid argument: ${what}`);
  return d;
}

/** Apps Script DataValidationBuilder (SpreadsheetApp.newDataValidation()). */
export class DataValidationBuilder {
  _state: ValidationRule = { criteria: '', args: [], allowInvalid: true, helpText: '' };

  constructor(private readonly _bridge: RangeBridge) {}

  private _set(criteria: string, args: unknown[]): DataValidationBuilder {
    this._state = { ...this._state, criteria, args };
    return this;
  }

  build(): DataValidation {
    if (!this._state.criteria)
      throw new Error('You must specify a criteria type before building a data validation rule.');
    return new DataValidation({ ...this._state, args: this._state.args.slice() }, this._bridge);
  }
  copy(): DataValidationBuilder {
    const b = new DataValidationBuilder(this._bridge);
    b._state = { ...this._state, args: this._state.args.slice() };
    return b;
  }
  getAllowInvalid(): boolean {
    return this._state.allowInvalid;
  }
  getCriteriaType(): string {
    return this._state.criteria;
  }
  getCriteriaValues(): unknown[] {
    return new DataValidation(this._state, this._bridge).getCriteriaValues();
  }
  getHelpText(): string | null {
    return this._state.helpText || null;
  }
  setAllowInvalid(allow: boolean): DataValidationBuilder {
    this._state = { ...this._state, allowInvalid: Boolean(allow) };
    return this;
  }
  setHelpText(text: string): DataValidationBuilder {
    this._state = { ...this._state, helpText: String(text ?? '') };
    return this;
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): DataValidationBuilder {
    const args = checked === undefined ? [] : unchecked === undefined ? [checked] : [checked, unchecked];
    return this._set('CHECKBOX', args);
  }
  requireDate(): DataValidationBuilder {
    return this._set('DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(d: Date): DataValidationBuilder {
    return this._set('DATE_AFTER', [dateArg(d, 'date')]);
  }
  requireDateBefore(d: Date): DataValidationBuilder {
    return this._set('DATE_BEFORE', [dateArg(d, 'date')]);
  }
  requireDateBetween(a: Date, b: Date): DataValidationBuilder {
    return this._set('DATE_BETWEEN', [dateArg(a, 'start'), dateArg(b, 'end')]);
  }
  requireDateEqualTo(d: Date): DataValidationBuilder {
    return this._set('DATE_EQUAL_TO', [dateArg(d, 'date')]);
  }
  requireDateNotBetween(a: Date, b: Date): DataValidationBuilder {
    return this._set('DATE_NOT_BETWEEN', [dateArg(a, 'start'), dateArg(b, 'end')]);
  }
  requireDateOnOrAfter(d: Date): DataValidationBuilder {
    return this._set('DATE_ON_OR_AFTER', [dateArg(d, 'date')]);
  }
  requireDateOnOrBefore(d: Date): DataValidationBuilder {
    return this._set('DATE_ON_OR_BEFORE', [dateArg(d, 'date')]);
  }
  requireFormulaSatisfied(formula: string): DataValidationBuilder {
    return this._set('CUSTOM_FORMULA', [{ formula: String(formula) }]);
  }
  requireNumberBetween(a: number, b: number): DataValidationBuilder {
    return this._set('NUMBER_BETWEEN', [a, b]);
  }
  requireNumberEqualTo(n: number): DataValidationBuilder {
    return this._set('NUMBER_EQUAL_TO', [n]);
  }
  requireNumberGreaterThan(n: number): DataValidationBuilder {
    return this._set('NUMBER_GREATER_THAN', [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): DataValidationBuilder {
    return this._set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberLessThan(n: number): DataValidationBuilder {
    return this._set('NUMBER_LESS_THAN', [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): DataValidationBuilder {
    return this._set('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberNotBetween(a: number, b: number): DataValidationBuilder {
    return this._set('NUMBER_NOT_BETWEEN', [a, b]);
  }
  requireNumberNotEqualTo(n: number): DataValidationBuilder {
    return this._set('NUMBER_NOT_EQUAL_TO', [n]);
  }
  requireTextContains(t: string): DataValidationBuilder {
    return this._set('TEXT_CONTAINS', [String(t)]);
  }
  requireTextDoesNotContain(t: string): DataValidationBuilder {
    return this._set('TEXT_DOES_NOT_CONTAIN', [String(t)]);
  }
  requireTextEqualTo(t: string): DataValidationBuilder {
    return this._set('TEXT_EQUAL_TO', [String(t)]);
  }
  requireTextIsEmail(): DataValidationBuilder {
    return this._set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): DataValidationBuilder {
    return this._set('TEXT_IS_VALID_URL', []);
  }
  requireValueInList(values: unknown[], showDropdown = true): DataValidationBuilder {
    if (!Array.isArray(values)) throw new Error('Invalid argument: values');
    if (values.length > 500) throw new Error('The data validation rule has more than 500 items.');
    return this._set('VALUE_IN_LIST', [values.map((v) => String(v)), Boolean(showDropdown)]);
  }
  requireValueInRange(range: unknown, showDropdown = true): DataValidationBuilder {
    const t = this._bridge.toTracked(range);
    if (!t) throw new Error('Invalid argument: range');
    return this._set('VALUE_IN_RANGE', [t, Boolean(showDropdown)]);
  }
  withCriteria(criteria: unknown, args: unknown[]): DataValidationBuilder {
    const name = String(criteria);
    if (!APPS_SCRIPT_ENUMS.DataValidationCriteria.includes(name)) throw new Error('Invalid argument: criteria');
    const converted = (args ?? []).map((a) => {
      const t = this._bridge.toTracked(a);
      return t ?? a;
    });
    if (name === 'CUSTOM_FORMULA') return this._set(name, [{ formula: String(converted[0]) }]);
    return this._set(name, converted);
  }
}

/** Options a dropdown shows for the rule (list items or the range's display values), else undefined. */
export function dropdownOptions(rule: ValidationRule, book: Book): string[] | undefined {
  if (rule.criteria === 'VALUE_IN_LIST') return (rule.args[0] as string[]).slice();
  if (rule.criteria === 'VALUE_IN_RANGE') {
    const t = rule.args[0] as TrackedRange;
    if (!t.alive) return [];
    const lastRow = Math.min(t.r1, book.lastRow(t.sheet));
    if (lastRow < t.r0) return [];
    const grid = book.readDisplay(t.sheet, t.r0, t.c0, lastRow - t.r0 + 1, t.numColumns);
    return grid.flat().filter((s) => s !== '');
  }
  return undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^(https?:\/\/)?[^\s/$.?#].[^\s]*\.[^\s]{2,}/i;

/** Whether the cell's current content satisfies the rule (cell at r, c of `sheet` where the rule lives). */
export function satisfies(
  rule: ValidationRule,
  book: Book,
  sheet: import('./book').SheetData,
  r: number,
  c: number,
): boolean {
  const { v } = book.computed(sheet, r, c);
  if (v === undefined || v === '') return true;
  const display = book.displayValue(sheet, r, c);
  const num = typeof v === 'number' ? v : undefined;
  const dateSerial = (d: unknown) => Math.floor(dateToSerial((d as Date).getTime(), book.timeZone));
  const args = rule.args;
  switch (rule.criteria) {
    case 'VALUE_IN_LIST':
      return (args[0] as string[]).some((item) => item === display || item === String(v));
    case 'VALUE_IN_RANGE': {
      const options = dropdownOptions(rule, book) ?? [];
      return options.includes(display) || options.includes(String(v));
    }
    case 'CHECKBOX':
      if (args.length === 0) return typeof v === 'boolean';
      return String(v) === String(args[0]) || (args.length > 1 && String(v) === String(args[1]));
    case 'NUMBER_BETWEEN':
      return num !== undefined && num >= Number(args[0]) && num <= Number(args[1]);
    case 'NUMBER_NOT_BETWEEN':
      return num !== undefined && (num < Number(args[0]) || num > Number(args[1]));
    case 'NUMBER_EQUAL_TO':
      return num !== undefined && num === Number(args[0]);
    case 'NUMBER_NOT_EQUAL_TO':
      return num !== undefined && num !== Number(args[0]);
    case 'NUMBER_GREATER_THAN':
      return num !== undefined && num > Number(args[0]);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return num !== undefined && num >= Number(args[0]);
    case 'NUMBER_LESS_THAN':
      return num !== undefined && num < Number(args[0]);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return num !== undefined && num <= Number(args[0]);
    case 'DATE_IS_VALID_DATE':
      return num !== undefined && book.isDateCell(sheet, r, c, book.computed(sheet, r, c).kind);
    case 'DATE_AFTER':
      return num !== undefined && Math.floor(num) > dateSerial(args[0]);
    case 'DATE_BEFORE':
      return num !== undefined && Math.floor(num) < dateSerial(args[0]);
    case 'DATE_ON_OR_AFTER':
      return num !== undefined && Math.floor(num) >= dateSerial(args[0]);
    case 'DATE_ON_OR_BEFORE':
      return num !== undefined && Math.floor(num) <= dateSerial(args[0]);
    case 'DATE_EQUAL_TO':
      return num !== undefined && Math.floor(num) === dateSerial(args[0]);
    case 'DATE_BETWEEN':
      return num !== undefined && Math.floor(num) >= dateSerial(args[0]) && Math.floor(num) <= dateSerial(args[1]);
    case 'DATE_NOT_BETWEEN':
      return num !== undefined && (Math.floor(num) < dateSerial(args[0]) || Math.floor(num) > dateSerial(args[1]));
    case 'TEXT_CONTAINS':
      return display.toLowerCase().includes(String(args[0]).toLowerCase());
    case 'TEXT_DOES_NOT_CONTAIN':
      return !display.toLowerCase().includes(String(args[0]).toLowerCase());
    case 'TEXT_EQUAL_TO':
      return display === String(args[0]);
    case 'TEXT_IS_VALID_EMAIL':
      return typeof v === 'string' && EMAIL.test(v);
    case 'TEXT_IS_VALID_URL':
      return typeof v === 'string' && URL_RE.test(v);
    case 'CUSTOM_FORMULA': {
      const a = args[0] as { formula: string; anchorRow?: number; anchorCol?: number };
      const text = offsetFormula(a.formula, r - (a.anchorRow ?? r), c - (a.anchorCol ?? c));
      const result = book.evaluateFormula(text, sheet);
      return result === true || (typeof result === 'number' && result !== 0);
    }
    default:
      return true;
  }
}

/** The message Sheets shows when it rejects a person's input. */
export function rejectionMessage(rule: ValidationRule, a1: string): string {
  const base = `There was a problem: the data you entered in cell ${a1} violates the data validation rules set on this cell.`;
  return rule.helpText ? `${base} ${rule.helpText}` : base;
}
