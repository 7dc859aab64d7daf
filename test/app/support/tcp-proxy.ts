/**
 * A loopback TCP proxy a test can cut, to put a network partition between one process and a server
 * (a replica and Redis): once cut, what either side sends goes nowhere — no reset, no error, as when
 * a link or a firewall drops packets — and new connections hang; healed, every connection open
 * through the cut is dropped (the client reconnects: its stream lost bytes) and new ones go through.
 */
import type { Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';

export class TcpProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly stalled = new Set<Socket>();
  private isCut = false;
  /** The reply that cuts the link once it has passed, and who waits for that (`cutAfterReply`). */
  private cutAfter: { reply: RegExp; cut(): void } | undefined;
  /** On each connection, its `nth` server reply matching `reply` is held back `ms` (`holdReply`). */
  private hold: { reply: RegExp; nth: number; ms: number } | undefined;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => this.accept(client));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** From now on nothing passes either way, on open connections and new ones. */
  cut(): void {
    this.isCut = true;
  }

  /**
   * The link is cut just after the next server reply matching `reply` (its bytes, as latin1) reaches
   * its client; what the server sent after it in the same chunk is dropped. A fault that falls between
   * two commands of one client, however little time passes between them. Resolves once cut.
   */
  cutAfterReply(reply: RegExp): Promise<void> {
    return new Promise((cut) => (this.cutAfter = { reply, cut }));
  }

  /**
   * From now on, on each connection, the `nth` server reply matching `reply` (and all that follows it)
   * reaches its client `ms` late: a server that stalls on one command of a client's, which the
   * client's command timeout then gives up on, while the link itself stays up.
   */
  holdReply(reply: RegExp, nth: number, ms: number): void {
    this.hold = { reply, nth, ms };
  }

  /** Connections cut off are dropped (their peers find out and reconnect); new ones pass again. */
  heal(): void {
    this.isCut = false;
    for (const socket of [...this.sockets, ...this.stalled]) socket.destroy();
    this.sockets.clear();
    this.stalled.clear();
  }

  async stop(): Promise<void> {
    this.heal();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.on('error', () => {});
    if (this.isCut) {
      this.stalled.add(client);
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    upstream.on('error', () => {});
    // Bytes sent while cut are dropped, as a partition drops packets: neither side hears of it.
    this.forward(client, upstream);
    this.forward(upstream, client, true);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => {
        this.sockets.delete(socket);
        (socket === client ? upstream : client).destroy();
      });
    }
  }

  private forward(from: Socket, to: Socket, replies = false): void {
    let matchesHeld = 0;
    from.on('data', (chunk: Buffer) => {
      if (this.isCut) return;
      const hold = replies ? this.hold : undefined;
      if (hold?.reply.test(chunk.toString('latin1')) && ++matchesHeld === hold.nth) {
        // Nothing more is read from the server until the held reply has passed: order is kept.
        from.pause();
        setTimeout(() => {
          if (!this.isCut) to.write(chunk);
          from.resume();
        }, hold.ms);
        return;
      }
      const armed = replies ? this.cutAfter : undefined;
      const match = armed?.reply.exec(chunk.toString('latin1'));
      if (!armed || !match) {
        to.write(chunk);
        return;
      }
      to.write(chunk.subarray(0, match.index + match[0].length));
      this.cutAfter = undefined;
      this.cut();
      armed.cut();
    });
  }
}
