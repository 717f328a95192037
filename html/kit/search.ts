// Rules of the client search box: when a query is worth sending and how arrow keys move the highlight.

/** The next highlighted row for an arrow key, wrapping around the list; -1 while nothing is highlighted. */
export function moveActive(active: number, count: number, key: 'ArrowDown' | 'ArrowUp'): number {
  if (count === 0) return -1;
  if (key === 'ArrowDown') return active < 0 || active >= count - 1 ? 0 : active + 1;
  return active <= 0 ? count - 1 : active - 1;
}

/** A query worth sending: two characters or more (an id or a phone fragment included). */
export function searchable(query: string): string {
  const q = query.trim();
  return q.length >= 2 ? q : '';
}
