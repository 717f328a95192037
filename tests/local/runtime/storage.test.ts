// PropertiesService and CacheService: scopes per user, Google's size limits, expiry on the virtual clock.
import { workbookWith } from './helpers';

const CODE = `
function setUser(k, v) { PropertiesService.getUserProperties().setProperty(k, v); }
function getUser(k) { return PropertiesService.getUserProperties().getProperty(k); }
function setScript(k, v) { try { PropertiesService.getScriptProperties().setProperty(k, v); return 'ok'; } catch (e) { return e.message; } }
function bulk(obj, del) { PropertiesService.getDocumentProperties().setProperties(obj, del); return PropertiesService.getDocumentProperties().getProperties(); }
function keys() { return PropertiesService.getDocumentProperties().getKeys().sort(); }
function numberStored() { var p = PropertiesService.getScriptProperties(); p.setProperty('n', 42); return typeof p.getProperty('n'); }
function put(k, v, ttl) { CacheService.getScriptCache().put(k, v, ttl); }
function get(k) { return CacheService.getScriptCache().get(k); }
function putBig(n) { try { CacheService.getScriptCache().put('big', new Array(n + 1).join('x')); return 'ok'; } catch (e) { return e.message; } }
function userCache(v) { var c = CacheService.getUserCache(); if (v) c.put('k', v); return c.get('k'); }
function all() { var c = CacheService.getScriptCache(); c.putAll({ a: '1', b: '2' }, 60); c.remove('a'); return c.getAll(['a', 'b', 'c']); }
`;

describe('PropertiesService', () => {
  it('keeps user properties per user and script properties shared', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('setUser', 'lang', 'ru');
    addon.call('setScript', 'shared', 'yes');
    wb.as('boris@clinic.test');
    expect(addon.call('getUser', 'lang')).toBeNull();
    expect(wb.properties.script()).toEqual({ shared: 'yes' });
    expect(wb.properties.user('anna@clinic.test')).toEqual({ lang: 'ru' });
  });

  it('stores every value as a string', () => {
    const { addon } = workbookWith(CODE);
    expect(addon.call('numberStored')).toBe('string');
  });

  it('refuses a value over 9 KB and changes nothing', () => {
    const { wb, addon } = workbookWith(CODE);
    expect(addon.call('setScript', 'ok', 'x'.repeat(9 * 1024))).toBe('ok');
    expect(addon.call('setScript', 'big', 'x'.repeat(9 * 1024 + 1))).toBe('Argument too large: value');
    expect(Object.keys(wb.properties.script())).toEqual(['ok']);
  });

  it('refuses to grow a store past 500 KB', () => {
    const { addon } = workbookWith(CODE);
    for (let i = 0; i < 56; i++) expect(addon.call('setScript', `k${i}`, 'x'.repeat(9000))).toBe('ok');
    expect(addon.call('setScript', 'k56', 'x'.repeat(9000))).toBe(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
  });

  it('setProperties with deleteAllOthers replaces the store', () => {
    const { addon } = workbookWith(CODE);
    addon.call('bulk', { a: 1, b: 'two' });
    expect(addon.call('bulk', { c: true }, true)).toEqual({ c: 'true' });
    expect(addon.call('keys')).toEqual(['c']);
  });
});

describe('CacheService', () => {
  it('forgets an entry when its time to live passes on the virtual clock', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('put', 'k', 'v', 60);
    wb.clock.advance(59_000);
    expect(addon.call('get', 'k')).toBe('v');
    wb.clock.advance(2_000);
    expect(addon.call('get', 'k')).toBeNull();
  });

  it('keeps an entry 10 minutes by default and at most 6 hours', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('put', 'short', 'v');
    addon.call('put', 'long', 'v', 100000);
    wb.clock.advance(601_000);
    expect(addon.call('get', 'short')).toBeNull();
    wb.clock.advance(6 * 3600_000 - 601_000 - 1000);
    expect(addon.call('get', 'long')).toBe('v');
    wb.clock.advance(2000);
    expect(addon.call('get', 'long')).toBeNull();
  });

  it('refuses a value over 100 KB', () => {
    const { addon } = workbookWith(CODE);
    expect(addon.call('putBig', 100 * 1024)).toBe('ok');
    expect(addon.call('putBig', 100 * 1024 + 1)).toBe('Argument too large: value');
  });

  it('keeps user caches apart and supports putAll / getAll / remove', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('userCache', 'anna');
    wb.as('boris@clinic.test');
    expect(addon.call('userCache')).toBeNull();
    expect(addon.call('all')).toEqual({ b: '2' });
  });
});
