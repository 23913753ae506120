import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server that can stop forwarding without closing anything, as a network cut does that
 * sends no reset: bytes wait in the proxy, both ends keep their connections open, and nobody hears a thing until
 * the proxy thaws and delivers what it held.
 */
export interface FreezingProxy {
  readonly port: number;
  /**
   * Stops forwarding: `both` directions (a cut), or only the server's `replies` (the server still gets and runs
   * what the client sends, the client never hears the outcome).
   */
  freeze(direction?: 'both' | 'replies'): void;
  /**
   * Holds the server's replies from the moment the client sends bytes containing `marker` (a statement's text or
   * a parameter): the server runs that statement, the client never hears that it did.
   */
  freezeRepliesAfter(...markers: string[]): void;
  /** Delivers what was held and forwards again. */
  thaw(): void;
  close(): Promise<void>;
}

export async function startFreezingProxy(target: {
  host: string;
  port: number;
}): Promise<FreezingProxy> {
  let frozen: 'no' | 'both' | 'replies' = 'no';
  /** Texts a connection must send in order, each in a later chunk (case ignored), before replies are held. */
  let markers: readonly string[] = [];
  const pipes = new Set<{ flush(): void; destroy(): void }>();

  /** Forwards `from` → `to`, holding chunks (and the end) while `held()` says so. */
  function pipe(from: Socket, to: Socket, held: () => boolean) {
    const queue: (Buffer | 'end')[] = [];
    const deliver = (chunk: Buffer | 'end') => {
      if (chunk === 'end') to.end();
      else if (!to.destroyed) to.write(chunk);
    };
    from.on('data', (chunk: Buffer) => (held() ? queue.push(chunk) : deliver(chunk)));
    from.on('end', () => (held() ? queue.push('end') : deliver('end')));
    const entry = {
      flush: () => {
        while (queue.length > 0) deliver(queue.shift()!);
      },
      destroy: () => {
        from.destroy();
        to.destroy();
      },
    };
    pipes.add(entry);
    from.on('close', () => {
      // A destroyed (not ended) socket: pass the reset on, unless it must wait for the thaw.
      if (!held()) {
        entry.flush();
        to.end();
      }
    });
    return entry;
  }

  const server = createServer((client) => {
    const upstream = createConnection(target);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    let seen = 0;
    let armedFor: readonly string[] = [];
    client.prependListener('data', (chunk: Buffer) => {
      if (armedFor !== markers) {
        armedFor = markers;
        seen = 0;
      }
      const next = markers[seen];
      if (
        next === undefined ||
        !chunk.toString('latin1').toLowerCase().includes(next.toLowerCase())
      )
        return;
      seen++;
      if (seen === markers.length) {
        frozen = 'replies';
        markers = [];
      }
    });
    pipe(client, upstream, () => frozen === 'both');
    pipe(upstream, client, () => frozen !== 'no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    freeze: (direction = 'both') => {
      frozen = direction;
    },
    freezeRepliesAfter: (...texts) => {
      markers = texts;
    },
    thaw: () => {
      frozen = 'no';
      markers = [];
      for (const entry of pipes) entry.flush();
    },
    close: async () => {
      for (const entry of pipes) entry.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
