// The funnel's two tabs as registry entries: Ad spend (a records tab the team types into) and Funnel (generated).
import type { FieldDef } from '../fields';
import { withDress } from '../tabDress';
import type { GeneratedTabSpec, RecordsTabSpec } from '../tabs';
import { dressFunnel, renderFunnel } from './render';
import { type FunnelTextKey, funnelText } from './texts';

const field = (
  key: string,
  type: FieldDef['type'],
  name: FunnelTextKey,
  width: number,
  extra: Partial<FieldDef> = {},
) => ({
  key,
  type,
  header: { ru: funnelText('ru', name), en: funnelText('en', name) },
  group: 'interaction' as const,
  width,
  ...extra,
});

/** One row per spend: the month (any date in it), the channel (Settings dropdown), the amount; then campaign, note. */
export const AD_SPEND_TAB: RecordsTabSpec = {
  kind: 'records',
  key: 'adSpend',
  name: { ru: funnelText('ru', 'tab.adSpend'), en: funnelText('en', 'tab.adSpend') },
  // Nothing in it is computed: people type every cell.
  protect: 'computed',
  fields: [
    field('month', 'date', 'field.month', 110, { required: true, aliases: ['дата', 'date', 'период', 'period'] }),
    field('channel', 'choice', 'field.channel', 170, {
      list: 'channels',
      required: true,
      aliases: ['источник', 'рекламный канал', 'source', 'ad channel'],
    }),
    field('amount', 'amount', 'field.amount', 120, {
      required: true,
      aliases: ['расход', 'сумма расхода', 'spend', 'cost'],
    }),
    field('campaign', 'text', 'field.campaign', 200, { aliases: ['кампания', 'campaign'] }),
    field('note', 'text', 'field.note', 240, { aliases: ['комментарий', 'notes', 'comment'] }),
  ],
};

/** The Funnel tab: live formulas over Clients and Ad spend, with its formats, picker, colour scales and charts. */
export const FUNNEL_TAB: GeneratedTabSpec = {
  kind: 'generated',
  key: 'funnel',
  name: { ru: funnelText('ru', 'tab.funnel'), en: funnelText('en', 'tab.funnel') },
  render: (env) => withDress(renderFunnel(env), dressFunnel(env)),
};
