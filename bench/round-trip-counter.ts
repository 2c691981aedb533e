import net from 'node:net';

/**
 * A TCP pass-through between the API and PostgreSQL that counts round trips: every simple
 * Query ('Q') and every Sync ('S', which ends an extended-protocol exchange) is one trip the
 * client waits for. Used to explain the transition throughput, not to measure it.
 */
export interface RoundTripCounter {
  port: number;
  /** Round trips since start or the last reset. */
  count(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startRoundTripCounter(target: {
  host: string;
  port: number;
}): Promise<RoundTripCounter> {
  let trips = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let buffer = Buffer.alloc(0);
    let startup = true;
    client.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      // The startup message has no type byte; every later message is type + int32 length.
      for (;;) {
        if (startup) {
          if (buffer.length < 4) break;
          const len = buffer.readInt32BE(0);
          if (buffer.length < len) break;
          buffer = buffer.subarray(len);
          startup = false;
          continue;
        }
        if (buffer.length < 5) break;
        const len = buffer.readInt32BE(1);
        if (buffer.length < len + 1) break;
        const type = String.fromCharCode(buffer[0]);
        if (type === 'Q' || type === 'S') trips++;
        buffer = buffer.subarray(len + 1);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    count: () => trips,
    reset: () => (trips = 0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
