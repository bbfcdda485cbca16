import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP forwarder in front of the legacy database that can slow it down: while `delayMs` > 0
 * every chunk in either direction waits that long (in order), so each statement of the functions
 * behind it takes at least two delays — a vendor database under load or far away. It adds time
 * only; it never drops, reorders or changes bytes.
 */
export class LatencyProxy {
  delayMs = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<LatencyProxy> {
    let proxy: LatencyProxy | undefined;
    const server = createServer((client) => proxy?.pipe(client, target));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("latency proxy has no port");
    proxy = new LatencyProxy(server, address.port);
    return proxy;
  }

  private pipe(client: Socket, target: { host: string; port: number }): void {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    this.forward(client, upstream);
    this.forward(upstream, client);
  }

  /** Forwards chunks in order, each after the delay in force when it arrived. */
  private forward(from: Socket, to: Socket): void {
    let queue = Promise.resolve();
    from.on("data", (chunk) => {
      const delay = this.delayMs;
      if (delay === 0) {
        queue = queue.then(() => void to.write(chunk));
        return;
      }
      queue = queue.then(
        () => new Promise<void>((resolve) => setTimeout(() => resolve(void to.write(chunk)), delay)),
      );
    });
    from.on("end", () => void queue.then(() => to.end()));
    // A side that went away (destroyed, not ended) takes the other with it once what it sent is
    // through, as a reset would: the database must see a client that gave up leave.
    from.on("close", () => void queue.then(() => to.destroy()));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
