/** Chat lines of realistic length (20-120 characters), English and Chinese, as customers and agents write them. */
const LINES = [
  'Hi, I ordered a pair of shoes last week and the tracking page has not changed since Monday.',
  'Could you tell me whether the blue one is still in stock in size 42?',
  'Thanks, that helps a lot!',
  'I was charged twice for the same order, can you check please? Order number 20231187.',
  '你好，我想问一下这个订单什么时候能发货？',
  '请问可以开发票吗？我们公司需要增值税专用发票。',
  '好的，谢谢你的帮助，我再看看。',
  '我收到的商品有点问题，包装破了，里面的杯子也碎了一个，怎么处理？',
  'Let me check that for you, one moment please.',
  'I have refunded the second charge; it should show on your card within 3-5 working days.',
  '您好，已经帮您查询到了，预计明天下午送达。',
  '非常抱歉给您带来不便，我们会尽快为您补发一个新的。',
  'Is there a discount code for first-time customers? I saw one mentioned on Instagram.',
  'Our opening hours are 9:00-18:00 Monday to Friday, and 10:00-16:00 on Saturdays.',
];

/**
 * A message body: the send time first (ms on the shared clock, so that the receiver,
 * in another process, can tell the delivery latency), then a line of chat.
 */
export function body(sentAtMs: number, n: number): string {
  return `${sentAtMs.toFixed(3)} ${LINES[n % LINES.length]!}`;
}

/** The send time a body carries, or NaN. */
export function sentAt(body: string): number {
  return parseFloat(body);
}
