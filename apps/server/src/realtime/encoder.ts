import * as parser from 'socket.io-parser';

/**
 * Objects sent unchanged in several packets (a stored message: its sender's ack and
 * every receiver's copy), with their JSON once it is made (null until then).
 */
const sentAsIs = new WeakMap<object, string | null>();

/**
 * Marks `value` as sent as it is in more than one packet, so that it becomes JSON once
 * instead of once per packet; frozen, since a later change would not reach the JSON.
 */
export function sendsAsIs<T extends object>(value: T): Readonly<T> {
  sentAsIs.set(Object.freeze(value), null);
  return value;
}

/** A marked object's JSON, made on its first packet; undefined for an object not marked. */
function jsonOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const json = sentAsIs.get(value);
  if (json !== null) return json; // made before, or not marked (undefined)
  const made = JSON.stringify(value);
  sentAsIs.set(value, made);
  return made;
}

/**
 * The packet's data as Socket.IO's own encoder would write it, when it is an event or an
 * ack of one marked object (`["message.created",{...}]`, `[{"ok":true,"data":{...}}]`);
 * undefined for anything else, which the stock encoder handles.
 */
function dataJson(packet: parser.Packet): string | undefined {
  const data: unknown = packet.data;
  if (!Array.isArray(data)) return undefined;
  if (packet.type === parser.PacketType.EVENT && data.length === 2 && typeof data[0] === 'string') {
    const json = jsonOf(data[1]);
    return json === undefined ? undefined : `[${JSON.stringify(data[0])},${json}]`;
  }
  if (packet.type === parser.PacketType.ACK && data.length === 1 && typeof data[0] === 'object' && data[0] !== null) {
    const reply = data[0] as Record<string, unknown>;
    const keys = Object.keys(reply);
    if (keys.length !== 2 || keys[0] !== 'ok' || keys[1] !== 'data' || reply.ok !== true) return undefined;
    const json = jsonOf(reply.data);
    return json === undefined ? undefined : `[{"ok":true,"data":${json}}]`;
  }
  return undefined;
}

/**
 * Socket.IO's encoder, but a stored message is turned into JSON once for its ack and all
 * its copies, and is not searched for binary parts (it has none). Each was a
 * JSON.stringify of the whole message per packet: 2.8 KB allocated a message, an eighth
 * of a node's (docs/benchmarks.md). The packets are the same text either way.
 */
export class Encoder extends parser.Encoder {
  override encode(packet: parser.Packet): ReturnType<parser.Encoder['encode']> {
    const json = dataJson(packet);
    if (json === undefined) return super.encode(packet);
    let head = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') head += `${packet.nsp},`;
    if (packet.id != null) head += String(packet.id);
    return [head + json];
  }
}

/** Socket.IO's `parser` option: its own decoder, this encoder. */
export const socketParser = { ...parser, Encoder };
