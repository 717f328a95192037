// The unsubscribe links' secret (made once, kept in the script's properties, never shown) and their signatures
// (HMAC-SHA256, base64url), and the web app's URL the links point to.
const SECRET_PROP = 'kartoteka.unsubscribeSecret';

/** The secret, made on first use (setup makes it; a sheet set up before mailings existed makes it on its first). */
export function unsubscribeSecret(create = true): string {
  const props = PropertiesService.getScriptProperties();
  const stored = props.getProperty(SECRET_PROP);
  if (stored || !create) return stored ?? '';
  const secret = `${Utilities.getUuid()}${Utilities.getUuid()}`.replace(/-/g, '');
  props.setProperty(SECRET_PROP, secret);
  return secret;
}

/** HMAC-SHA256 of `payload` with the secret, base64url without padding. '' when there is no secret yet. */
export function signWith(secret: string): (payload: string) => string {
  return (payload) => {
    if (!secret) return '';
    const bytes = Utilities.computeHmacSha256Signature(payload, secret, Utilities.Charset.UTF_8);
    return Utilities.base64EncodeWebSafe(bytes).replace(/=+$/, '');
  };
}

/** The deployed web app's /exec URL ('' while the script is not deployed as a web app). */
export function webAppUrl(): string {
  try {
    return ScriptApp.getService().getUrl() || '';
  } catch (_e) {
    return '';
  }
}
