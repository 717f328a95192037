// The one rule for links a letter may carry (button links), shared by the server and the sidebar's check beside the
// field; small on purpose, so the sidebar imports it without the template machinery.

/** An http(s) link a letter may carry: absolute, with a host, no spaces, quotes or angle brackets. */
export function isHttpUrl(url: unknown): boolean {
  const s = url === null || url === undefined ? '' : String(url).trim();
  return /^https?:\/\/[^\s/?#"'<>`\\]+(?:[/?#][^\s"'<>`\\]*)?$/i.test(s) && !/^https?:\/\/[.:]/i.test(s);
}
