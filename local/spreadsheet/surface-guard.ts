// Makes every Apps Script method an emulated class does not implement throw 'not emulated: Class.method'.

import { APPS_SCRIPT_METHODS } from './surface';

export function notEmulated(className: string, method: string): never {
  throw new Error(`not emulated: ${className}.${method}`);
}

/** Adds a throwing stub for each method of the Apps Script interface missing from the class prototype. */
export function guardSurface(cls: { prototype: object }, className: string): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const name of APPS_SCRIPT_METHODS[className] ?? []) {
    if (name in proto) continue;
    Object.defineProperty(proto, name, {
      value: () => notEmulated(className, name),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}
