import {
  type ClientHttp2Session,
  type ClientHttp2Stream,
  connect,
  createServer,
  type Http2Server,
  constants as h2,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type ServerHttp2Session,
  type ServerHttp2Stream,
} from "node:http2";

const commitPath = "/google.firestore.v1.Firestore/Commit";
/** How the emulator and Firestore answer a commit of a transaction that is gone (committed, say). */
const emulatorGoneWording = "Transaction is invalid or closed.";
const firestoreGoneWording = "The referenced transaction has expired or is no longer valid.";

/**
 * How the answer is lost: the connection cut (the client library sees UNAVAILABLE and sends the
 * same Commit again), or only this stream reset with INTERNAL_ERROR as Google's front ends are
 * seen to do (`13 INTERNAL: Received RST_STREAM with code 2`; the library reruns the transaction).
 */
export type AnswerLoss = "cut-connection" | "reset-stream";

export interface LossOptions {
  how: AnswerLoss;
  /**
   * Word "transaction gone" as Firestore does. A resent Commit of a committed transaction is
   * INVALID_ARGUMENT in both, but only Firestore's words ("has expired") make the client library
   * rerun the transaction (transaction.js `isRetryableTransactionError`); with the emulator's it
   * gives up, which is kinder. Off: the emulator's answer as it is.
   */
  firestoreWording: boolean;
}

/** Headers a proxy must not copy: HTTP/2 sets them per connection. */
function forwardable(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const copy: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name !== ":scheme" && name !== ":authority" && name !== ":status") copy[name] = value;
  }
  return copy;
}

/**
 * An HTTP/2 (gRPC) forwarder in front of the Firestore emulator that can lose a commit's answer.
 * Raw TCP cannot tell which bytes are a Commit (HPACK compresses and indexes the `:path`), so it
 * relays per stream: every RPC, streaming ones too, goes through unchanged, except the next
 * Commit whose request contains the armed text. That one goes to the emulator, and only once the
 * emulator's complete answer has arrived (status OK in the trailers: it committed) is the client
 * cut off instead of being given it. The client sees what a network failure after the server's
 * commit looks like, at the latest possible moment and with no hint that the commit happened:
 * nothing kinder than a real network.
 */
export class LostCommitAnswerProxy {
  /** Commit answers lost after the emulator had committed. */
  lost = 0;
  private armed: { text: Buffer; options: LossOptions } | undefined;
  private wording = false;
  private readonly sessions = new Set<ServerHttp2Session | ClientHttp2Session>();

  private constructor(
    private readonly server: Http2Server,
    readonly host: string,
  ) {}

  /** `target` is `host:port` of the emulator, as FIRESTORE_EMULATOR_HOST names it. */
  static async start(target: string): Promise<LostCommitAnswerProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("lost-commit proxy has no port");
    const proxy = new LostCommitAnswerProxy(server, `127.0.0.1:${address.port}`);
    server.on("session", (session) => proxy.mirror(session, target));
    return proxy;
  }

  /** The next Commit whose request body contains `text` loses its answer (once). */
  loseNextCommitAnswer(text: string, options: LossOptions): void {
    this.armed = { text: Buffer.from(text, "utf8"), options };
    this.wording = options.firestoreWording;
  }

  /** One emulator connection per client connection, so a cut client connection is a cut path. */
  private mirror(session: ServerHttp2Session, target: string): void {
    const upstream = connect(`http://${target}`);
    for (const s of [session, upstream]) {
      this.sessions.add(s);
      s.on("error", () => undefined);
      s.on("close", () => {
        this.sessions.delete(s);
        session.destroy();
        upstream.destroy();
      });
    }
    session.on("stream", (stream, headers) => this.relay(stream, headers, upstream));
  }

  private relay(down: ServerHttp2Stream, headers: IncomingHttpHeaders, session: ClientHttp2Session): void {
    const up = session.request(forwardable(headers), { endStream: false });
    const isCommit = headers[":path"] === commitPath;
    const sent: Buffer[] = [];
    if (isCommit) down.on("data", (chunk: Buffer) => sent.push(chunk));
    down.pipe(up);
    for (const s of [down, up]) s.on("error", () => undefined);
    // A reset on either side (a cancelled listener, say) resets the other; a finished stream does not.
    down.on("close", () => down.rstCode && !up.destroyed && up.close(down.rstCode));
    up.on("close", () => up.rstCode && !down.destroyed && down.close(up.rstCode));
    up.on("response", (response, flags) => {
      const ended = (flags & h2.NGHTTP2_FLAG_END_STREAM) !== 0;
      const loss = isCommit ? this.takeArmed(Buffer.concat(sent)) : undefined;
      if (loss) this.loseAnswer(up, down, response, ended, loss.how);
      else this.answer(up, down, response, ended, isCommit && this.wording);
    });
  }

  private takeArmed(body: Buffer): LossOptions | undefined {
    if (this.armed === undefined || !body.includes(this.armed.text)) return undefined;
    const { options } = this.armed;
    this.armed = undefined;
    return options;
  }

  /** Reads the emulator's whole answer (so it certainly committed), then cuts the client off. */
  private loseAnswer(
    up: ClientHttp2Stream,
    down: ServerHttp2Stream,
    response: IncomingHttpHeaders,
    ended: boolean,
    how: AnswerLoss,
  ): void {
    let status = response["grpc-status"];
    const cut = () => {
      if (status === "0") this.lost += 1;
      if (how === "reset-stream") down.close(h2.NGHTTP2_INTERNAL_ERROR);
      else down.session?.destroy();
    };
    if (ended) {
      cut();
      return;
    }
    up.on("trailers", (trailers) => {
      status = trailers["grpc-status"];
    });
    up.on("data", () => undefined);
    up.on("end", cut);
  }

  private answer(
    up: ClientHttp2Stream,
    down: ServerHttp2Stream,
    response: IncomingHttpHeaders,
    ended: boolean,
    reword: boolean,
  ): void {
    const worded = (headers: IncomingHttpHeaders) =>
      reword && headers["grpc-message"] === emulatorGoneWording
        ? { ...forwardable(headers), "grpc-message": firestoreGoneWording }
        : forwardable(headers);
    const status = { ":status": response[":status"] };
    if (ended) {
      // gRPC's trailers-only answer (an error status): headers with END_STREAM, no body.
      down.respond({ ...worded(response), ...status }, { endStream: true });
      return;
    }
    let trailers: OutgoingHttpHeaders = {};
    up.on("trailers", (received) => {
      trailers = worded(received);
    });
    down.respond({ ...forwardable(response), ...status }, { waitForTrailers: true });
    down.on("wantTrailers", () => down.sendTrailers(trailers));
    up.pipe(down);
  }

  async stop(): Promise<void> {
    for (const session of this.sessions) session.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
