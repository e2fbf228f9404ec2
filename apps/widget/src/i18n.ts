/**
 * Every string the widget shows, in English and Simplified Chinese. The language
 * follows the browser: zh* gets Chinese, everything else English.
 */
const en = {
  title: 'Chat with us',
  status: {
    idle: 'Connecting…',
    connecting: 'Connecting…',
    ready: 'Online',
    reconnecting: 'Reconnecting…',
    failed: 'Offline',
    closed: 'Offline',
  },
  close: 'Close chat',
  typing: (name: string) => (name ? `${name} is typing…` : 'Typing…'),
  read: 'Read',
  greeting: 'Hi! How can we help you today?',
  greetingHint: 'Send us a message and we’ll reply right here.',
  loading: 'Loading conversation…',
  messages: 'Messages',
  message: 'Message',
  placeholder: 'Type a message…',
  send: 'Send',
  you: 'You',
  support: 'Support',
  sending: 'Sending',
  sent: 'Sent',
  notSent: 'Not sent',
  retry: 'Retry',
  remove: 'Delete',
  today: 'Today',
  yesterday: 'Yesterday',
  newMessages: 'New messages',
  unavailable: {
    title: 'Chat is unavailable',
    ORIGIN_NOT_ALLOWED: 'This website is not allowed to use this chat. If you own it, add its address to the site’s allowed origins in Kefu.',
    SITE_NOT_FOUND: 'This chat is not set up correctly: the site key is unknown.',
    MISSING_SITE: 'This chat is not set up correctly: the site key is missing.',
    PROTOCOL_UNSUPPORTED: 'A newer version of the chat is available. Please reload the page.',
    other: 'Something went wrong. Please try again in a moment.',
    reload: 'Try again',
  },
};

export type Strings = typeof en;

const zh: Strings = {
  title: '在线客服',
  status: {
    idle: '连接中…',
    connecting: '连接中…',
    ready: '在线',
    reconnecting: '重新连接中…',
    failed: '离线',
    closed: '离线',
  },
  close: '关闭聊天',
  typing: (name: string) => (name ? `${name} 正在输入…` : '正在输入…'),
  read: '已读',
  greeting: '您好！有什么可以帮您？',
  greetingHint: '请在下方留言，我们会在这里回复您。',
  loading: '正在加载对话…',
  messages: '消息列表',
  message: '消息',
  placeholder: '输入消息…',
  send: '发送',
  you: '我',
  support: '客服',
  sending: '发送中',
  sent: '已发送',
  notSent: '未发送',
  retry: '重试',
  remove: '删除',
  today: '今天',
  yesterday: '昨天',
  newMessages: '新消息',
  unavailable: {
    title: '客服暂时不可用',
    ORIGIN_NOT_ALLOWED: '此网站未被允许使用该客服。如果您是网站所有者，请在 Kefu 中将该网址加入站点的允许来源。',
    SITE_NOT_FOUND: '客服配置有误：站点密钥不存在。',
    MISSING_SITE: '客服配置有误：缺少站点密钥。',
    PROTOCOL_UNSUPPORTED: '客服已更新，请刷新页面。',
    other: '出了点问题，请稍后再试。',
    reload: '重试',
  },
};

const browserLanguage = typeof navigator === 'undefined' ? '' : (navigator.language ?? '');
export const lang = browserLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
export const t: Strings = lang === 'zh-CN' ? zh : en;
