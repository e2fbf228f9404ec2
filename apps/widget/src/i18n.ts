import { AUTO_REPLY_DEFAULT, type Locale, type LocaleSetting } from '@kefu/protocol';

/**
 * Every string the widget shows, in English and Simplified Chinese. The language can
 * change at runtime (`Kefu('locale', ...)` on the host page, an admin's setting):
 * `setLocale` swaps `t` and `lang`, and the app re-renders.
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
  away: 'Away',
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
  /** System lines in the chat (who joined, closed, reopened). */
  events: {
    assigned: (name: string) => `${name} joined the chat`,
    closed: 'This conversation was closed',
    reopened: 'The conversation was reopened',
    autoReply: AUTO_REPLY_DEFAULT,
  },
  /** Waiting for a free agent (auto routing, everyone busy); 1 is next. */
  queue: (position: number) =>
    position === 1 ? "You're next in line. An agent will be with you in a moment." : `You are number ${position} in line. An agent will be with you soon.`,
  emoji: 'Insert emoji',
  emojiPicker: 'Emoji',
  awayNotice: 'No one is online right now. Leave your message here and we’ll reply as soon as we’re back.',
  thanks: (contact: string) => `Thanks! We’ll reply to ${contact} — you can also keep this window open.`,
  fields: { name: 'Name', email: 'Email', phone: 'Phone', message: 'Message' },
  optional: 'optional',
  errors: {
    name: 'Please enter your name.',
    email: 'Please enter your email address.',
    phone: 'Please enter your phone number.',
    message: 'Please write your message.',
    emailFormat: 'This email address doesn’t look right — for example name@example.com.',
    phoneFormat: 'Please enter a phone number of 5 to 20 digits.',
    contact: 'Please enter an email address or a phone number so we can reply.',
    department: 'Please choose a department.',
  },
  offline: {
    title: 'We’re away right now',
    intro: 'Leave us a message and we’ll get back to you by email or phone.',
    message: 'Your message',
    contactHint: 'Email or phone: at least one, so we can reply.',
    submit: 'Send message',
  },
  preChat: {
    title: 'Before we start',
    intro: 'Tell us a little about yourself so we can help you faster.',
    /** When the form asks only for a department (and perhaps the message). */
    departmentIntro: 'Choose a department so the right people can help you.',
    department: 'Department',
    message: 'How can we help?',
    submit: 'Start chat',
  },
  unavailable: {
    title: 'Chat is unavailable',
    ORIGIN_NOT_ALLOWED: 'This website is not allowed to use this chat. If you own it, add its address to the site’s allowed origins in Kefu.',
    SITE_NOT_FOUND: 'This chat is not set up correctly: the site key is unknown.',
    MISSING_SITE: 'This chat is not set up correctly: the site key is missing.',
    PROTOCOL_UNSUPPORTED: 'A newer version of the chat is available. Please reload the page.',
    IDENTITY_REJECTED: 'This site’s login could not be verified, so the chat cannot start. Please sign in again, or contact the site if this keeps happening.',
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
  away: '暂时离开',
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
  events: {
    assigned: (name: string) => `${name} 加入了对话`,
    closed: '对话已结束',
    reopened: '对话已重新开启',
    autoReply: '感谢您的留言！客服正在忙，我们会尽快回复您。',
  },
  queue: (position: number) => (position === 1 ? '下一位就是您，客服马上就来。' : `您前面还有 ${position - 1} 位访客，客服马上就来。`),
  emoji: '插入表情',
  emojiPicker: '表情',
  awayNotice: '客服暂时不在线。您可以在这里留言，我们回来后会尽快回复您。',
  thanks: (contact: string) => `感谢留言！我们会回复到 ${contact}，您也可以保持此窗口打开。`,
  fields: { name: '姓名', email: '邮箱', phone: '电话', message: '留言' },
  optional: '选填',
  errors: {
    name: '请填写您的姓名。',
    email: '请填写您的邮箱。',
    phone: '请填写您的电话号码。',
    message: '请填写留言内容。',
    emailFormat: '邮箱格式不正确，例如 name@example.com。',
    phoneFormat: '请填写 5 到 20 位数字的电话号码。',
    contact: '请填写邮箱或电话，以便我们回复您。',
    department: '请选择咨询部门。',
  },
  offline: {
    title: '我们暂时不在线',
    intro: '请留言，我们会通过邮箱或电话尽快回复您。',
    message: '留言内容',
    contactHint: '邮箱和电话至少填写一项，以便我们回复您。',
    submit: '提交留言',
  },
  preChat: {
    title: '开始咨询前',
    intro: '请简单介绍一下您自己，方便我们更快地为您服务。',
    departmentIntro: '请选择咨询部门，我们会安排相应的客服为您服务。',
    department: '咨询部门',
    message: '请问有什么可以帮您？',
    submit: '开始咨询',
  },
  unavailable: {
    title: '客服暂时不可用',
    ORIGIN_NOT_ALLOWED: '此网站未被允许使用该客服。如果您是网站所有者，请在 Kefu 中将该网址加入站点的允许来源。',
    SITE_NOT_FOUND: '客服配置有误：站点密钥不存在。',
    MISSING_SITE: '客服配置有误：缺少站点密钥。',
    PROTOCOL_UNSUPPORTED: '客服已更新，请刷新页面。',
    IDENTITY_REJECTED: '无法验证本网站的登录信息，客服暂时无法使用。请重新登录；如果问题持续，请联系网站。',
    other: '出了点问题，请稍后再试。',
    reload: '重试',
  },
};

/** A browser language tag as one of ours: every Chinese variant gets Simplified Chinese, the rest English. */
export function fromBrowser(language: string | undefined): Locale {
  return (language ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The page's `Kefu('locale', ...)` first, then the site's setting, then the browser. */
export function chooseLocale(host: Locale | null, setting: LocaleSetting | null | undefined, browser: string | undefined): Locale {
  if (host) return host;
  if (setting === 'en' || setting === 'zh-CN') return setting;
  return fromBrowser(browser);
}

export let lang: Locale = fromBrowser(typeof navigator === 'undefined' ? '' : navigator.language);
export let t: Strings = lang === 'zh-CN' ? zh : en;

/** Switches every string (and the document's language) to `locale`; true when it changed. */
export function setLocale(locale: Locale): boolean {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  if (locale === lang) return false;
  lang = locale;
  t = locale === 'zh-CN' ? zh : en;
  return true;
}
