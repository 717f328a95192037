// Funnel rules: milestones of stages, what moving stamps, and how a contact moves a client.
import { cardFacts } from '../../src/domain/card';
import { effectiveMilestone, milestoneStamps, stageAfterContact } from '../../src/domain/funnel';
import { hasReached } from '../../src/domain/reached';
import { defaultSettings, type SettingsData } from '../../src/domain/settings';

const ru = defaultSettings('ru', 'ru_RU');
const empty = { firstContactOn: '', visitOn: '', firstPurchaseOn: '' };

function withCustomStage(): SettingsData {
  const s = defaultSettings('ru', 'ru_RU');
  s.lists.stages.splice(2, 0, { label: 'Консультация', milestone: '' });
  return s;
}

describe('funnel stages', () => {
  it('a stage without a milestone counts as the nearest milestone before it', () => {
    const s = withCustomStage();
    expect(effectiveMilestone(s, 'Консультация')).toBe('contact');
    expect(effectiveMilestone(s, 'визит')).toBe('visit');
    expect(effectiveMilestone(s, 'нет такой')).toBe('');
  });

  it('moving a lead straight to "Клиент" stamps the contact and visit dates but invents no first purchase', () => {
    expect(milestoneStamps(ru, 'Клиент', empty, '2026-03-15')).toEqual({
      firstContactOn: '2026-03-15',
      visitOn: '2026-03-15',
    });
  });

  it('a card set to "Клиент" without a purchase: the sheet keeps First purchase empty, the card and the funnel count a client', () => {
    const card = { fullName: 'Петрова Анна', stage: 'Клиент', ...empty };
    Object.assign(card, milestoneStamps(ru, card.stage, card, '2026-03-15'));
    expect(card.firstPurchaseOn).toBe('');
    expect(cardFacts(ru, card, '2026-03-15').stageMilestone).toBe('client');
    expect(hasReached(ru, card, 'client')).toBe(true);
    expect(hasReached(ru, card, 'visit')).toBe(true);
    // A lead with a purchase date typed by hand has reached "client" too (the date says so).
    expect(hasReached(ru, { ...card, stage: 'Новый лид', firstPurchaseOn: '2026-03-01' }, 'client')).toBe(true);
    expect(hasReached(ru, { ...card, stage: 'Новый лид' }, 'client')).toBe(false);
  });

  it('never overwrites a date already there and stamps nothing for lost or lead', () => {
    const had = { firstContactOn: '2026-01-02', visitOn: '', firstPurchaseOn: '' };
    expect(milestoneStamps(ru, 'Визит', had, '2026-03-15')).toEqual({ visitOn: '2026-03-15' });
    expect(milestoneStamps(ru, 'Отказ', empty, '2026-03-15')).toEqual({});
    expect(milestoneStamps(ru, 'Новый лид', empty, '2026-03-15')).toEqual({});
  });

  it('a purchase moves anyone but a client to "Клиент"; a call moves only a lead', () => {
    expect(stageAfterContact(ru, 'Новый лид', 'call', false)).toBe('Первый контакт');
    expect(stageAfterContact(ru, 'Визит', 'call', false)).toBeUndefined();
    expect(stageAfterContact(ru, 'Отказ', 'call', false)).toBeUndefined();
    expect(stageAfterContact(ru, 'Отказ', 'purchase', true)).toBe('Клиент');
    expect(stageAfterContact(ru, 'Клиент', 'purchase', true)).toBeUndefined();
    expect(stageAfterContact(ru, 'Первый контакт', 'visit', false)).toBe('Визит');
    expect(stageAfterContact(ru, 'Новый лид', 'note', false)).toBeUndefined();
  });
});
