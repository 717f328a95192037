// Where a server refusal is shown: field errors beside their fields, the rest (and lock timeouts) in the banner.
import type { Failure } from '../../src/shared/api';
import { type Lang, tr } from './i18n';

export interface FailureView {
  beside: Record<string, string>;
  banner: { text: string; retry: boolean } | null;
}

/** shownKeys are the fields on screen; errors for anything else cannot sit beside a field. */
export function viewOfFailure(failure: Failure, shownKeys: string[], lang: Lang): FailureView {
  const beside: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const [key, message] of Object.entries(failure.errors ?? {})) {
    if (shownKeys.includes(key)) beside[key] = message;
    else elsewhere.push(message);
  }
  if ('retryable' in failure && failure.retryable) {
    return { beside, banner: { text: elsewhere.join(' ') || tr(lang, 'busyRetry'), retry: true } };
  }
  if (elsewhere.length) return { beside, banner: { text: elsewhere.join(' '), retry: false } };
  if (Object.keys(beside).length) return { beside, banner: { text: tr(lang, 'fixErrors'), retry: false } };
  return { beside, banner: null };
}
