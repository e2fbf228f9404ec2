import * as parser from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { Encoder, sendsAsIs } from './encoder.js';

const stock = new parser.Encoder();
const ours = new Encoder();
const { EVENT, ACK } = parser.PacketType;

const message = () => ({ id: 'm1', conversationId: 'c1', seq: 3, clientMsgId: 'k1', senderType: 'visitor', senderId: 'v1', senderName: null, body: '你好 "quoted" \\ and\nnew line', createdAt: 1_796_000_000_000 });

describe('the realtime encoder', () => {
  it('writes a marked message exactly as Socket.IO does, in an event and in an ack', () => {
    const m = sendsAsIs(message());
    const packets: parser.Packet[] = [
      { type: EVENT, nsp: '/agent', data: ['message.created', m] },
      { type: EVENT, nsp: '/', data: ['message.created', m] },
      { type: ACK, nsp: '/visitor', id: 17, data: [{ ok: true, data: m }] },
    ];
    for (const packet of packets) expect(ours.encode(packet)).toEqual(stock.encode(packet));
  });

  it('leaves everything else to Socket.IO: unmarked data, errors, other shapes, binary', () => {
    const m = sendsAsIs(message());
    const packets: parser.Packet[] = [
      { type: EVENT, nsp: '/agent', data: ['message.created', message()] },
      { type: ACK, nsp: '/visitor', id: 3, data: [{ ok: false, error: { code: 'NOT_FOUND', message: 'no' } }] },
      { type: ACK, nsp: '/visitor', id: 4, data: [{ data: m, ok: true }] },
      { type: ACK, nsp: '/visitor', id: 5, data: [{ ok: true, data: m, extra: 1 }] },
      { type: EVENT, nsp: '/agent', data: ['two.things', m, m] },
      { type: EVENT, nsp: '/agent', data: ['file', Buffer.from('bytes')] },
      { type: parser.PacketType.CONNECT, nsp: '/visitor', data: { sid: 'x' } },
    ];
    for (const packet of packets) expect(ours.encode(packet)).toEqual(stock.encode(packet));
  });

  it('makes the JSON of a marked object once, however many packets carry it', () => {
    let made = 0;
    const value = sendsAsIs({ a: 1, toJSON: () => (made++, { a: 1 }) });
    ours.encode({ type: EVENT, nsp: '/agent', data: ['x', value] });
    ours.encode({ type: ACK, nsp: '/visitor', id: 1, data: [{ ok: true, data: value }] });
    expect(made).toBe(1);
  });

  it('freezes what it marks: a change would not reach the JSON', () => {
    const m = sendsAsIs(message());
    expect(() => Object.assign(m, { body: 'changed' })).toThrow(TypeError);
  });
});
