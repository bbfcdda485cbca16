import { Agent, request } from "node:http";
import { atRate } from "../sync/at-rate.js";

/** One request of a run: built per tick, so writes can carry the ETag the previous answer gave. */
export interface Shot {
  method: "GET" | "POST" | "PATCH";
  path: string;
  token: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sees every answer (a write keeps its ETag for the customer's next write). */
  onAnswer?: (status: number, etag: string | undefined) => void;
}

/** Where one target is and what it is sent on the i-th of its requests. */
export interface Side {
  baseUrl: string;
  shot: (i: number) => Shot;
}

export interface Tally {
  /** Of the answered 2xx, from the time the request was due to the end of the answer. */
  latenciesMs: number[];
  /** Non-2xx answers and failed requests, by status (0: no answer). */
  errors: Map<number, number>;
}

const requestTimeoutMs = 30_000;

/** Sends one shot; resolves with its status (0 when there was no answer) and ETag. */
function send(agent: Agent, baseUrl: string, shot: Shot): Promise<{ status: number; etag?: string }> {
  const text = shot.body === undefined ? undefined : JSON.stringify(shot.body);
  const headers: Record<string, string> = { authorization: `Bearer ${shot.token}`, ...shot.headers };
  if (text !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(text));
  }
  return new Promise((resolve) => {
    const req = request(new URL(shot.path, baseUrl), { method: shot.method, headers, agent }, (res) => {
      res.resume(); // read the body to its end: the answer counts once it is complete
      res.on("end", () => {
        const etag = res.headers.etag;
        resolve({ status: res.statusCode ?? 0, etag: typeof etag === "string" ? etag : undefined });
      });
      res.on("error", () => resolve({ status: 0 }));
    });
    req.setTimeout(requestTimeoutMs, () => req.destroy());
    req.on("error", () => resolve({ status: 0 }));
    req.end(text);
  });
}

const oneOffAgent = new Agent({ keepAlive: false });

/** One request outside a measured run (set-up reads). */
export function sendOnce(baseUrl: string, shot: Shot): Promise<{ status: number; etag?: string }> {
  return send(oneOffAgent, baseUrl, shot);
}

/**
 * Open-loop load: requests leave on a fixed schedule whatever the answers do, and each latency
 * runs from the moment its request was due, not from when it was sent, so a server (or this
 * process) falling behind shows as queueing instead of being left out (coordinated omission).
 * The two sides alternate in slices of `sliceSeconds` at `rate` each, so machine noise hits both;
 * each gets `rate × seconds` requests.
 */
export async function interleaved(
  sides: readonly [Side, Side],
  rate: number,
  seconds: number,
  sliceSeconds: number,
): Promise<[Tally, Tally]> {
  const tallies: [Tally, Tally] = [
    { latenciesMs: [], errors: new Map() },
    { latenciesMs: [], errors: new Map() },
  ];
  // Keep-alive, no socket cap: as many connections as requests in flight, as a browser fleet would.
  const agents = [new Agent({ keepAlive: true }), new Agent({ keepAlive: true })] as const;
  const counts: [number, number] = [0, 0];
  const begin = performance.now();
  try {
    await atRate(rate, seconds * 2, async (i) => {
      const due = begin + (i * 1000) / rate;
      const which = (Math.floor(i / (rate * sliceSeconds)) % 2) as 0 | 1;
      const tally = tallies[which];
      const shot = sides[which].shot(counts[which]++);
      const { status, etag } = await send(agents[which], sides[which].baseUrl, shot);
      shot.onAnswer?.(status, etag);
      if (status >= 200 && status < 300) tally.latenciesMs.push(performance.now() - due);
      else tally.errors.set(status, (tally.errors.get(status) ?? 0) + 1);
    });
  } finally {
    for (const agent of agents) agent.destroy();
  }
  return tallies;
}
