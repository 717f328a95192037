// One client letter from its occasion: the template of its rule filled with the client's values (the same for
// the preview and the real send), and the line the journal keeps for it on the client's card.
import type { Lang } from '../../i18n';
import { RULE_LABELS, reminderMessage } from './messages';
import type { ClientOccasion } from './rules';
import { type RenderContext, type Rendered, renderTemplate, type Template, type TemplateRule } from './templates';

export interface Letter extends Rendered {
  key: string;
  clientId: string;
  row: number;
  rule: ClientOccasion['rule'];
  to: string;
}

/** The letter for an occasion: its rule's template, the client's values, the occasion's age for a birthday. */
export function composeLetter(
  occasion: ClientOccasion,
  client: Readonly<Record<string, unknown>>,
  templates: Readonly<Record<TemplateRule, Template>>,
  ctx: RenderContext,
): Letter {
  const rendered = renderTemplate(templates[occasion.rule], client, {
    ...ctx,
    ...(occasion.reason.age !== undefined ? { age: occasion.reason.age } : {}),
  });
  return {
    key: occasion.key,
    clientId: occasion.clientId,
    row: occasion.row,
    rule: occasion.rule,
    to: occasion.email,
    ...rendered,
  };
}

/** The journal entry's summary for a sent letter: what kind of letter and its subject. */
export function journalSummary(letter: Pick<Letter, 'rule' | 'subject'>, lang: Lang): string {
  return reminderMessage(lang, 'journal.letter', { rule: RULE_LABELS[lang][letter.rule], subject: letter.subject });
}
