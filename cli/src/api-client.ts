import { randomUUID } from "node:crypto";
import { ApiError } from "./api-error.js";
import { CliError } from "./cli-error.js";

export type Query = Record<string, string | number | undefined>;

export interface ApiClient {
  get(path: string, query?: Query): Promise<unknown>;
  /** Sends a fresh Idempotency-Key, so the API runs a retried write once. */
  post(path: string, body: unknown): Promise<unknown>;
}

export interface ApiClientOptions {
  baseUrl: string;
  /** A current ID token; called per request, so a long watch can sign in again when it expires. */
  token: () => Promise<string>;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  newIdempotencyKey?: () => string;
}

/** Longer than any route takes (verifying every customer is the slowest), short of hanging for good. */
const requestTimeoutMs = 10 * 60_000;

/** Calls the API as the dashboard does: an ID token per request, JSON in and out, problems as errors. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const send = async (method: string, path: string, query: Query, body?: unknown): Promise<unknown> => {
    const url = urlOf(options.baseUrl, path, query);
    const headers: Record<string, string> = {
      accept: "application/json, application/problem+json",
      authorization: `Bearer ${await options.token()}`,
    };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      headers["idempotency-key"] = (options.newIdempotencyKey ?? randomUUID)();
    }
    const signals = [AbortSignal.timeout(requestTimeoutMs), ...(options.signal ? [options.signal] : [])];
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new CliError(unreachable(options.baseUrl, error));
    }
    const answer = await readBody(response);
    if (!response.ok) throw new ApiError(response.status, answer);
    return answer;
  };
  return {
    get: (path, query = {}) => send("GET", path, query),
    post: (path, body) => send("POST", path, {}, body),
  };
}

export function urlOf(baseUrl: string, path: string, query: Query = {}): URL {
  const url = new URL(path.replace(/^\//, ""), baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's HTML error page, or the framework's own plain-text 400: keep it for the message.
    return text;
  }
}

function unreachable(baseUrl: string, error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  if (error instanceof Error && error.name === "TimeoutError") {
    return `the API at ${baseUrl} did not answer within ${requestTimeoutMs / 60_000} minutes`;
  }
  return `the API is not reachable at ${baseUrl} (${why}); start the local stack with \`npm start\`, or say where it is with --api or LUCKYGAS_API_URL`;
}
