import { describe, expect, it } from 'vitest';
import { agentDisplayNameOf, mergeSettings, parseDepartmentIds, parseSettings, resolveDepartments, ROUTING_DEFAULTS, siteSettings, WIDGET_DEFAULTS, widgetConfig, withDefaults } from './settings.js';

describe('site settings', () => {
  it('fills what an admin never set with the defaults', () => {
    expect(withDefaults(parseSettings('{}'))).toEqual({
      color: '#2563eb',
      position: 'right',
      locale: 'auto',
      greeting: null,
      agentDisplayName: null,
      agentAvatarUrl: null,
      businessHours: null,
      preChat: [],
      departments: [],
    });
    expect(withDefaults(parseSettings('{"color":"#ff0000","greeting":"Hi"}'))).toEqual({ ...WIDGET_DEFAULTS, color: '#ff0000', greeting: 'Hi' });
  });

  it('keeps only known keys and survives a damaged row', () => {
    expect(parseSettings('{"color":"#ff0000","identitySecret":"leak","siteName":"x"}')).toEqual({ color: '#ff0000' });
    for (const damaged of ['', 'nope', '[1,2]', 'null', '"str"']) expect(parseSettings(damaged)).toEqual({});
    expect(agentDisplayNameOf('{"agentDisplayName":"Support"}')).toBe('Support');
    expect(agentDisplayNameOf('{broken')).toBeNull();
  });

  const site = { id: 's1', publicKey: 'site_k', name: 'Shop', allowedOrigins: ['https://shop.example.com'], settings: WIDGET_DEFAULTS, routing: ROUTING_DEFAULTS, identityEnforced: true, identitySecret: 'secret' };

  it('stores departments as team ids next to the settings, and shows them with the teams\' current names', () => {
    const json = mergeSettings('{"color":"#ff0000"}', { greeting: 'Hi' }, ['t2', 't1', 'gone']);
    expect(parseSettings(json)).toEqual({ color: '#ff0000', greeting: 'Hi' });
    expect(parseDepartmentIds(json)).toEqual(['t2', 't1', 'gone']);
    // A change of other settings keeps the list; an empty list removes it.
    expect(parseDepartmentIds(mergeSettings(json, { color: '#00ff00' }, undefined))).toEqual(['t2', 't1', 'gone']);
    expect(JSON.parse(mergeSettings(json, undefined, []))).toEqual({ color: '#ff0000', greeting: 'Hi' });
    for (const damaged of ['nope', '{"departments":"t1"}', '{"departments":[1,null]}']) expect(parseDepartmentIds(damaged)).toEqual([]);
    const names = new Map([['t1', 'Sales'], ['t2', 'Support']]);
    const departments = resolveDepartments(parseDepartmentIds(json), names);
    expect(departments).toEqual([{ id: 't2', name: 'Support' }, { id: 't1', name: 'Sales' }]);
    // Visitors get the names, admins the ids.
    const offering = { ...site, settings: withDefaults(parseSettings(json), departments) };
    expect(widgetConfig(offering).departments).toEqual(departments);
    expect(siteSettings(offering, false).departments).toEqual(['t2', 't1']);
  });

  it('gives visitors the config without the secret, the origins or the routing', () => {
    expect(widgetConfig(site)).toEqual({ siteName: 'Shop', ...WIDGET_DEFAULTS });
  });

  it('gives admins the secret and agents everything else', () => {
    expect(siteSettings(site, true)).toEqual({ id: 's1', publicKey: 'site_k', name: 'Shop', allowedOrigins: ['https://shop.example.com'], identityEnforced: true, identitySecret: 'secret', ...WIDGET_DEFAULTS, routing: ROUTING_DEFAULTS });
    expect(siteSettings(site, false)).not.toHaveProperty('identitySecret');
  });
});
