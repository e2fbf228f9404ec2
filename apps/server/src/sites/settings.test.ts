import { describe, expect, it } from 'vitest';
import { agentDisplayNameOf, parseSettings, ROUTING_DEFAULTS, siteSettings, WIDGET_DEFAULTS, widgetConfig, withDefaults } from './settings.js';

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

  it('gives visitors the config without the secret, the origins or the routing', () => {
    expect(widgetConfig(site)).toEqual({ siteName: 'Shop', ...WIDGET_DEFAULTS });
  });

  it('gives admins the secret and agents everything else', () => {
    expect(siteSettings(site, true)).toEqual({ id: 's1', publicKey: 'site_k', name: 'Shop', allowedOrigins: ['https://shop.example.com'], identityEnforced: true, identitySecret: 'secret', ...WIDGET_DEFAULTS, routing: ROUTING_DEFAULTS });
    expect(siteSettings(site, false)).not.toHaveProperty('identitySecret');
  });
});
