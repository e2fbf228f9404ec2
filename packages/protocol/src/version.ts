/**
 * Bumped on any incompatible change to events or payloads. Clients send it in the
 * Socket.IO handshake; the server refuses versions it cannot speak.
 */
export const PROTOCOL_VERSION = 1;
