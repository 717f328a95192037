// Funnel rules: milestones of stages, what moving stamps, and how a contact moves a client.
import { effectiveMilestone, milestoneStamps, stageAfterContact } from '../../src/domain/funnel';
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

  it('moving a lead straight to "Клиент" stamps contact, visit and purchase dates', () => {
    expect(milestoneStamps(ru, 'Клиент', empty, '2026-03-15')).toEqual({
      firstContactOn: '2026-03-15',
      visitOn: '2026-03-15',
      firstPurchaseOn: '2026-03-15',
    });
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
