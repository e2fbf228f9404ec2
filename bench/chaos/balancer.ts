import net from 'node:net';

export interface Balancer {
  url: string;
  close(): Promise<void>;
}

/**
 * A TCP load balancer on 127.0.0.1 with failover, what sits in front of Kefu's nodes:
 * each new connection goes to the first of `ports` that accepts it, so when the
 * preferred node is down its clients land on the next one, and come back when it
 * is up again. A connection stays on the node it reached (sticky, as WebSocket is).
 */
export async function startBalancer(ports: readonly number[]): Promise<Balancer> {
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.pause();
    const cut = () => {
      open.delete(client);
      client.destroy();
    };
    client.on('error', cut).on('close', cut);
    const tryPort = (i: number) => {
      if (client.destroyed) return;
      if (i >= ports.length) return cut(); // every node down: the client retries with backoff
      const upstream = net.connect(ports[i]!, '127.0.0.1');
      const failed = () => tryPort(i + 1);
      upstream.once('error', failed);
      upstream.once('connect', () => {
        upstream.off('error', failed);
        open.add(upstream);
        const end = () => {
          open.delete(upstream);
          upstream.destroy();
          cut();
        };
        upstream.on('error', end).on('close', end);
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryPort(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
