// Sentences of the integrity reports (recompute's summary, the daily check), in the sheet's language.
import { shortList, trustText } from '../domain/trustMessages';
import type { Lang } from '../i18n';
import type { RecomputeSummary } from '../shared/api';

/** What recompute found that a person should fix: duplicate IDs, journal rows of unknown clients, bad amounts. */
export function integrityLines(lang: Lang, s: RecomputeSummary): string[] {
  const out: string[] = [];
  if (s.duplicateIds?.length)
    out.push(
      trustText(lang, 'recompute.duplicates', {
        list: shortList(
          s.duplicateIds.map((d) => `${d.id} (${d.rows.join(', ')})`),
          10,
          lang,
        ),
      }),
    );
  if (s.orphanRows?.length) out.push(trustText(lang, 'recompute.orphans', { rows: shortList(s.orphanRows, 20, lang) }));
  if (s.unreadableAmountRows?.length)
    out.push(trustText(lang, 'recompute.unreadable', { rows: shortList(s.unreadableAmountRows, 20, lang) }));
  return out;
}
