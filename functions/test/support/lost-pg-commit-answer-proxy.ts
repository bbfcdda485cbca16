import { connect, createServer, type Server, type Socket } from "node:net";

/** node-postgres sends `client.query("COMMIT")` as a simple Query message: 'Q', length, text, NUL. */
const commitQuery = Buffer.concat([Buffer.from("Q"), Buffer.from([0, 0, 0, 11]), Buffer.from("COMMIT\0")]);
/** CommandComplete of a COMMIT that committed (a failed one answers with the tag ROLLBACK). */
const committedTag = Buffer.from("COMMIT\0");
/** ReadyForQuery ('Z', length 5): the end of the server's answer to a query. */
const readyForQuery = Buffer.from([0x5a, 0, 0, 0, 5]);

/**
 * A TCP forwarder in front of PostgreSQL that can lose a COMMIT's answer. The wire protocol is
 * plain, so unlike gRPC it can be read from the bytes: once a connection has sent the armed text
 * (a bound parameter of the write, say), its next COMMIT goes to the server, and when the server's
 * complete answer arrives (CommandComplete COMMIT, then ReadyForQuery: it committed) the client's
 * connection is destroyed instead of being given it. That is a network cut at the latest moment,
 * with no hint to the client that the commit happened: no kinder than a real network.
 */
export class LostPgCommitAnswerProxy {
  /** COMMIT answers lost after the server had committed. */
  lost = 0;
  private armed: Buffer | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<LostPgCommitAnswerProxy> {
    let proxy: LostPgCommitAnswerProxy | undefined;
    const server = createServer((client) => proxy?.pipe(client, target));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("lost-commit proxy has no port");
    proxy = new LostPgCommitAnswerProxy(server, address.port);
    return proxy;
  }

  /** The next COMMIT of the connection that sends `text` loses its answer (once). */
  loseNextCommitAnswer(text: string): void {
    this.armed = Buffer.from(text, "utf8");
  }

  /** The same URL with this proxy's address. */
  urlFor(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(this.port);
    return proxied.toString();
  }

  private pipe(client: Socket, target: { host: string; port: number }): void {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on("close", () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
      socket.on("error", () => undefined);
    }
    // marked: this connection sent the armed text; answer: bytes of the marked COMMIT's answer.
    let marked = false;
    let answer: Buffer[] | undefined;
    client.on("data", (chunk: Buffer) => {
      if (this.armed && chunk.includes(this.armed)) {
        this.armed = undefined;
        marked = true;
      }
      if (marked && chunk.includes(commitQuery)) {
        marked = false;
        answer = [];
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (!answer) {
        client.write(chunk);
        return;
      }
      answer.push(chunk);
      const whole = Buffer.concat(answer);
      if (!whole.includes(readyForQuery)) return;
      if (whole.includes(committedTag)) this.lost += 1;
      client.destroy();
    });
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
