/**
 * Every string the console shows, in English and Simplified Chinese. Components read
 * them through `useI18n()`; nothing visible is written inline in a component.
 */
import type { ConnectionState } from '@kefu/client';

export type Lang = 'en' | 'zh-CN';

export const LANGS: ReadonlyArray<{ code: Lang; label: string }> = [
  { code: 'en', label: 'EN' },
  { code: 'zh-CN', label: '中文' },
];

const en = {
  product: 'Kefu',
  language: 'Language',
  loading: 'Loading…',
  boot: {
    unreachable: 'Kefu cannot reach its server.',
    retry: 'Try again',
  },
  signIn: {
    title: 'Sign in to Kefu',
    subtitle: 'Answer your visitors in real time.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    sessionEnded: 'Your session has ended. Please sign in again.',
  },
  nav: {
    inbox: 'Inbox',
    signOut: 'Sign out',
    signOutFailed: 'Could not sign out. Check your connection and try again.',
    account: 'Signed in as',
  },
  connection: {
    states: {
      idle: 'Offline',
      connecting: 'Connecting…',
      ready: 'Connected',
      reconnecting: 'Reconnecting…',
      failed: 'Disconnected',
      closed: 'Offline',
    } satisfies Record<ConnectionState, string>,
    reload: 'Reload',
    failedDetail: 'The connection to the server failed.',
    offlineHint: 'You are offline. Replies will be sent when the connection is back.',
  },
  inbox: {
    title: 'Inbox',
    open: (n: number, more: boolean) => `${n}${more ? '+' : ''} open`,
    emptyTitle: 'No open conversations',
    emptyBody: 'New chats from your sites will show up here.',
    loadMore: 'Load more',
    loadFailed: 'Could not load conversations.',
    retry: 'Retry',
    noMessages: 'No messages yet',
    unseen: 'New activity',
    unread: (n: number) => (n === 1 ? '1 unread message' : `${n} unread messages`),
    list: 'Conversations',
  },
  presence: { online: 'Online', away: 'Away', offline: 'Offline' },
  typing: {
    visitor: (name: string) => `${name} is typing (not sent yet)`,
    colleagues: (names: string) => `${names} typing…`,
  },
  conversation: {
    selectTitle: 'Select a conversation',
    selectBody: 'Pick a chat from the inbox to read it and reply.',
    back: 'Back to inbox',
    empty: 'No messages yet. Say hello!',
    loadFailed: 'Could not load this conversation.',
    statusOpen: 'Open',
    statusClosed: 'Closed',
    visitor: 'Visitor',
    system: 'System',
    sending: 'Sending…',
    sent: 'Sent',
    read: 'Read',
    failed: 'Not sent',
    failedBecause: (reason: string) => `Not sent: ${reason}`,
    retry: 'Retry',
    jumpToLatest: 'New messages',
    messages: 'Messages',
  },
  composer: {
    label: 'Message',
    placeholder: (name: string) => `Reply to ${name}…`,
    hint: 'Enter to send · Shift+Enter for a new line',
    send: 'Send',
    tooLong: (max: number) => `Too long: at most ${max} characters.`,
    notConnected: 'Not connected yet; try again in a moment.',
  },
  time: {
    now: 'now',
    minutes: (n: number) => `${n}m`,
    hours: (n: number) => `${n}h`,
    today: 'Today',
    yesterday: 'Yesterday',
  },
  errors: {
    INVALID_CREDENTIALS: 'Wrong email or password.',
    RATE_LIMITED: 'Too many attempts. Wait a minute and try again.',
    BAD_REQUEST: 'Check what you entered and try again.',
    UNAUTHENTICATED: 'Please sign in again.',
    FORBIDDEN: 'You are not allowed to do this.',
    NOT_FOUND: 'This conversation does not exist.',
    CONVERSATION_CLOSED: 'This conversation is closed.',
    PAYLOAD_TOO_LARGE: 'The message is too long.',
    CSRF_REJECTED: 'The request was refused. Reload the page and try again.',
    PROTOCOL_UNSUPPORTED: 'A new version of Kefu is available. Reload the page.',
    DISCONNECTED: 'Cannot reach the server. Check your connection.',
    TIMEOUT: 'The server took too long to answer.',
    NOT_READY: 'The server is starting. Try again in a moment.',
    INTERNAL: 'Something went wrong on the server.',
  } as Partial<Record<string, string>>,
  unknownError: 'Something went wrong.',
};

export type Dict = typeof en;

const zhCN: Dict = {
  product: 'Kefu',
  language: '语言',
  loading: '加载中…',
  boot: {
    unreachable: '无法连接到 Kefu 服务器。',
    retry: '重试',
  },
  signIn: {
    title: '登录 Kefu',
    subtitle: '实时回复您的访客。',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    sessionEnded: '您的会话已结束，请重新登录。',
  },
  nav: {
    inbox: '收件箱',
    signOut: '退出登录',
    signOutFailed: '退出失败，请检查网络后重试。',
    account: '当前登录',
  },
  connection: {
    states: {
      idle: '离线',
      connecting: '连接中…',
      ready: '已连接',
      reconnecting: '正在重连…',
      failed: '已断开',
      closed: '离线',
    },
    reload: '重新加载',
    failedDetail: '与服务器的连接失败。',
    offlineHint: '您已离线，恢复连接后回复会自动发送。',
  },
  inbox: {
    title: '收件箱',
    open: (n: number, more: boolean) => `${n}${more ? '+' : ''} 个进行中`,
    emptyTitle: '没有进行中的会话',
    emptyBody: '来自您网站的新对话会显示在这里。',
    loadMore: '加载更多',
    loadFailed: '无法加载会话列表。',
    retry: '重试',
    noMessages: '暂无消息',
    unseen: '有新动态',
    unread: (n: number) => `${n} 条未读消息`,
    list: '会话列表',
  },
  presence: { online: '在线', away: '离开', offline: '离线' },
  typing: {
    visitor: (name: string) => `${name} 正在输入（尚未发送）`,
    colleagues: (names: string) => `${names} 正在输入…`,
  },
  conversation: {
    selectTitle: '选择一个会话',
    selectBody: '从收件箱中选择一个对话，查看并回复。',
    back: '返回收件箱',
    empty: '还没有消息，打个招呼吧！',
    loadFailed: '无法加载此会话。',
    statusOpen: '进行中',
    statusClosed: '已关闭',
    visitor: '访客',
    system: '系统',
    sending: '发送中…',
    sent: '已发送',
    read: '已读',
    failed: '发送失败',
    failedBecause: (reason: string) => `发送失败：${reason}`,
    retry: '重试',
    jumpToLatest: '新消息',
    messages: '消息记录',
  },
  composer: {
    label: '消息',
    placeholder: (name: string) => `回复 ${name}…`,
    hint: 'Enter 发送 · Shift+Enter 换行',
    send: '发送',
    tooLong: (max: number) => `内容过长：最多 ${max} 个字符。`,
    notConnected: '尚未连接，请稍后再试。',
  },
  time: {
    now: '刚刚',
    minutes: (n: number) => `${n} 分钟前`,
    hours: (n: number) => `${n} 小时前`,
    today: '今天',
    yesterday: '昨天',
  },
  errors: {
    INVALID_CREDENTIALS: '邮箱或密码错误。',
    RATE_LIMITED: '尝试次数过多，请稍等一分钟再试。',
    BAD_REQUEST: '请检查输入的内容后重试。',
    UNAUTHENTICATED: '请重新登录。',
    FORBIDDEN: '您没有权限执行此操作。',
    NOT_FOUND: '该会话不存在。',
    CONVERSATION_CLOSED: '该会话已关闭。',
    PAYLOAD_TOO_LARGE: '消息内容过长。',
    CSRF_REJECTED: '请求被拒绝，请刷新页面后重试。',
    PROTOCOL_UNSUPPORTED: 'Kefu 已有新版本，请刷新页面。',
    DISCONNECTED: '无法连接服务器，请检查网络。',
    TIMEOUT: '服务器响应超时。',
    NOT_READY: '服务器正在启动，请稍后再试。',
    INTERNAL: '服务器出错了。',
  },
  unknownError: '出错了。',
};

export const DICTS: Record<Lang, Dict> = { en, 'zh-CN': zhCN };

const LANG_KEY = 'kefu:console:lang';

function isLang(value: unknown): value is Lang {
  return LANGS.some((l) => l.code === value);
}

/** The saved choice, else the browser's language: any Chinese variant gets zh-CN. */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // Storage blocked: fall back to the browser's language.
  }
  const preferred = navigator.languages?.[0] ?? navigator.language ?? 'en';
  return preferred.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Not persisted; the choice still holds for this page.
  }
}

/** A user-facing sentence for an SDK or server error, in the current language. */
export function errorText(t: Dict, err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  return t.errors[code] ?? t.unknownError;
}
