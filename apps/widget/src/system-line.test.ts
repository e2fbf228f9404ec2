import { describe, expect, it } from 'vitest';
import { AUTO_REPLY_DEFAULT } from '@kefu/protocol';
import { setLocale, t } from './i18n.js';
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

  it("translates the default auto-reply, and keeps a site's own text as written", () => {
    const byDefault = { body: AUTO_REPLY_DEFAULT, event: { type: 'autoReply' } } as const;
    const own = { body: '我们九点上班，请稍候。', event: { type: 'autoReply' } } as const;
    setLocale('zh-CN');
    expect(systemLine(byDefault)).toBe('感谢您的留言！客服正在忙，我们会尽快回复您。');
    expect(systemLine(own)).toBe('我们九点上班，请稍候。');
    expect(t.queue(3)).toBe('您前面还有 2 位访客，客服马上就来。');
    setLocale('en');
    expect(systemLine(byDefault)).toBe(AUTO_REPLY_DEFAULT);
    expect(t.queue(1)).toMatch(/next in line/);
  });
});
