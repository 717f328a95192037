// Apps Script enum values: objects that print as their name, compared by identity like the real ones.

export class EnumValue {
  constructor(
    private readonly _enum: string,
    private readonly _name: string,
    private readonly _ordinal: number,
  ) {}
  toString(): string {
    return this._name;
  }
  toJSON(): string {
    return this._name;
  }
  name(): string {
    return this._name;
  }
  ordinal(): number {
    return this._ordinal;
  }
  /** The enum's own name, for call counting ('AuthMode'). */
  _enumName(): string {
    return this._enum;
  }
}

/** An enum object such as ScriptApp.AuthMode: one EnumValue per name. */
export class Enum {
  [name: string]: unknown;
  constructor(enumName: string, names: string[]) {
    names.forEach((n, i) => {
      this[n] = new EnumValue(enumName, n, i);
    });
    Object.defineProperty(this, '_enumName', { value: enumName, enumerable: false, configurable: true });
  }
}

export function makeEnum<K extends string>(enumName: string, names: readonly K[]): Enum & Record<K, EnumValue> {
  return new Enum(enumName, [...names]) as Enum & Record<K, EnumValue>;
}

/** The value of enum `e` named like `value` (an EnumValue or its name), else undefined. */
export function enumMember(e: Enum, value: unknown): EnumValue | undefined {
  const key = value instanceof EnumValue ? value.name() : String(value);
  const v = e[key];
  return v instanceof EnumValue ? v : undefined;
}

export const AuthMode = makeEnum('AuthMode', ['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';
