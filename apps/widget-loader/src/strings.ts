/** The loader's few words; the widget app has its own dictionary. */
export interface LoaderStrings {
  open: string;
  close: string;
  /** The iframe's title, which screen readers announce on entering it. */
  frame: string;
  /** The launcher's description while agents' messages wait unread. */
  unread: (count: string) => string;
  /** Flashed in the page's title, after "(N) ", while a new message waits unseen. */
  newMessage: string;
}

const EN: LoaderStrings = {
  open: 'Open chat',
  close: 'Close chat',
  frame: 'Chat',
  unread: (count) => `${count} unread messages`,
  newMessage: 'New message',
};

const ZH: LoaderStrings = {
  open: '打开聊天',
  close: '关闭聊天',
  frame: '在线客服',
  unread: (count) => `${count} 条未读消息`,
  newMessage: '新消息',
};

/** `language`: a BCP 47 tag such as 'zh-CN', 'zh-Hant-TW' or 'en-GB'; anything but Chinese is English. */
export function loaderStrings(language: string | undefined): LoaderStrings {
  return language?.toLowerCase().startsWith('zh') ? ZH : EN;
}
