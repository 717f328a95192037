// The audit queue: each execution leaves its notes in document properties under its own keys (no read-modify-write,
// so concurrent saves never lose each other's notes, and no Spreadsheet call on a save); the log is written from it.
import { docProps } from './env';

const QUEUE = 'kartoteka.auditq.';
const CHUNK = 8000;

/** Stores notes under new keys (one call); false when the store is full (the notes are then lost, and said so). */
export function enqueue(notes: unknown[]): boolean {
  if (!notes.length) return true;
  const stamp = `${String(Date.now()).padStart(15, '0')}.${Utilities.getUuid().slice(0, 8)}`;
  const batch: Record<string, string> = {};
  let chunk: string[] = [];
  let size = 2;
  let n = 0;
  const close = () => {
    batch[`${QUEUE}${stamp}.${String(n++).padStart(4, '0')}`] = `[${chunk.join(',')}]`;
    chunk = [];
    size = 2;
  };
  for (const note of notes) {
    const text = JSON.stringify(note);
    if (chunk.length && size + text.length + 1 > CHUNK) close();
    chunk.push(text);
    size += text.length + 1;
  }
  if (chunk.length) close();
  try {
    docProps().setProperties(batch);
    return true;
  } catch (_e) {
    console.warn('audit queue: the document property store is full; run Kartoteka → Verify the audit log');
    return false;
  }
}

/** Every queued note, oldest first, and the keys that hold them. */
export function queued(): { keys: string[]; notes: unknown[] } {
  const all = docProps().getProperties();
  const keys = Object.keys(all)
    .filter((k) => k.startsWith(QUEUE))
    .sort();
  const notes: unknown[] = [];
  for (const k of keys) {
    try {
      notes.push(...(JSON.parse(all[k]) as unknown[]));
    } catch (_e) {
      // A damaged chunk cannot be appended; the chain records what was written.
    }
  }
  return { keys, notes };
}

/** Removes queued notes once they are in the log. */
export function dequeue(keys: string[]): void {
  const props = docProps();
  for (const k of keys) props.deleteProperty(k);
}
