// SHA-256 through Apps Script's Utilities: the audit log's hash chain.

/** Lower-case hex SHA-256 of a text (UTF-8). */
export function sha256Hex(text: string): string {
  const bytes = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8);
  let hex = '';
  for (const b of bytes) hex += ((b + 256) % 256).toString(16).padStart(2, '0');
  return hex;
}
