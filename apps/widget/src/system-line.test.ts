import { describe, expect, it } from 'vitest';
import { setLocale } from './i18n.js';
import { systemLine } from './system-line.js';

describe('systemLine', () => {
  it('says what happened in the widget’s language, and falls back to the stored English', () => {
    const joined = { body: 'Mei joined the chat', event: { type: 'assigned', agentId: 'a1', agentName: 'Mei', fromAgentId: null } } as const;
    const closed = { body: 'This conversation was closed', event: { type: 'closed', byAgentId: 'a1' } } as const;
    const reopened = { body: 'The conversation was reopened', event: { type: 'reopened', byAgentId: null } } as const;
    setLocale('zh-CN');
    expect([joined, closed, reopened].map(systemLine)).toEqual(['Mei 加入了对话', '对话已结束', '对话已重新开启']);
    expect(systemLine({ body: 'Something new happened' })).toBe('Something new happened');
    setLocale('en');
    expect([joined, closed, reopened].map(systemLine)).toEqual(['Mei joined the chat', 'This conversation was closed', 'The conversation was reopened']);
  });
});
