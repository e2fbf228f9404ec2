import type { Server } from 'socket.io';

/**
 * After each flush engine.io drops the socket's write buffer, an array of the packets it
 * just sent. A socket that is quiet for a second or two has its buffer promoted to V8's
 * old generation; once dropped, that dead array still points at its packets, and the
 * scavenger, which does not know it is dead, copies them (the encoded messages) as if
 * they were live. With 2,000 connections each scavenge paused three times as long as
 * with 500 at the same message rate (docs/benchmarks.md). Emptying the array once the
 * transport has written its packets (it does so before flush returns) lets them go.
 * The bench's Socket.IO relay applies it too, to be Socket.IO as Kefu runs it.
 */
export function releaseSentPackets(io: Server): void {
  let sent: unknown[][] = [];
  const release = () => {
    for (const packets of sent) packets.length = 0;
    sent = [];
  };
  io.engine.on('flush', (_socket: unknown, packets: unknown[]) => {
    if (sent.push(packets) === 1) process.nextTick(release);
  });
}
