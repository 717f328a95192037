// The current import's job and mapping in document properties (split into pieces under the 9 KB a value may hold,
// written in one call), and the clock with seconds that import IDs are made from.
import type { ImportJob } from '../domain/import/job';
import type { ImportMapping } from '../domain/import/types';
import { docProps } from './env';

const PREFIX = 'kartoteka.import.';
const PIECE = 8000;

function writeSplit(name: string, value: unknown): void {
  const text = JSON.stringify(value);
  const props = docProps();
  const pieces: Record<string, string> = {};
  const count = Math.max(1, Math.ceil(text.length / PIECE));
  for (let i = 0; i < count; i++) pieces[`${PREFIX}${name}.${i}`] = text.slice(i * PIECE, (i + 1) * PIECE);
  pieces[`${PREFIX}${name}`] = String(count);
  props.setProperties(pieces);
}

function readSplit<T>(name: string, all: Record<string, string>): T | undefined {
  const count = Number(all[`${PREFIX}${name}`] ?? 0);
  if (!count) return undefined;
  let text = '';
  for (let i = 0; i < count; i++) text += all[`${PREFIX}${name}.${i}`] ?? '';
  try {
    return JSON.parse(text) as T;
  } catch (_e) {
    return undefined;
  }
}

/** The last import's job and mapping (one read of the document's properties). */
export function readImport(): { job?: ImportJob; mapping?: ImportMapping } {
  const all = docProps().getProperties();
  return { job: readSplit<ImportJob>('job', all), mapping: readSplit<ImportMapping>('mapping', all) };
}

export function writeJob(job: ImportJob): void {
  writeSplit('job', job);
}

export function writeMapping(mapping: ImportMapping): void {
  writeSplit('mapping', mapping);
}

/** Now in the sheet's zone with seconds ('yyyy-mm-ddTHH:mm:ss'): import IDs are made from it. */
export function nowWithSeconds(tz: string): string {
  return Utilities.formatDate(new Date(), tz, "yyyy-MM-dd'T'HH:mm:ss");
}
