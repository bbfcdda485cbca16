import { FakeTokenVerifier } from "../auth/fake-token-verifier.js";
import { Authorizer, type VerifiedClaims } from "../auth/principal.js";
import { JsonLogger } from "../shared/logger.js";
import { FakeIdempotencyStore } from "./fake-idempotency-store.js";
import type { IdempotencyStore } from "./idempotency-store.js";
import { PageTokens } from "./page-token.js";
import type { RequestLimiter } from "./request-limiter.js";
import { Router } from "./router.js";

export interface RouterCallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

export interface RouterAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Drives Router.handle as functions-framework would and records the answer. */
function routerClient(router: Router) {
  return async (method: string, path: string, options: RouterCallOptions = {}): Promise<RouterAnswer> => {
    const answer: RouterAnswer = { status: 0, headers: {}, body: undefined };
    const res = {
      status(code: number) {
        answer.status = code;
        return res;
      },
      set(name: string, value: string) {
        answer.headers[name.toLowerCase()] = value;
        return res;
      },
      send(body: unknown) {
        answer.body = JSON.parse(String(body));
      },
      end() {},
    };
    const headers = {
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    };
    await router.handle({ method, path, query: options.query ?? {}, headers, body: options.body }, res);
    return answer;
  };
}

/** The signed-in users of unit tests: the token is the role's name (`none` has no role). */
export const testTokens: Record<string, VerifiedClaims> = {
  viewer: { uid: "v", email: "viewer@luckygas.test", role: "viewer" },
  operator: { uid: "o", email: "operator@luckygas.test", role: "operator" },
  admin: { uid: "a", email: "admin@luckygas.test", role: "admin" },
  none: { uid: "n", email: "none@luckygas.test" },
};

/**
 * For unit tests of routes: the real Router (same checks, same order) with a fake Auth, page tokens
 * under a test key and no limits unless given; `call` sends a request through it.
 */
export function testRouter(
  options: {
    tokens?: Record<string, VerifiedClaims>;
    limiter?: RequestLimiter;
    idempotency?: IdempotencyStore;
  } = {},
) {
  const verifier = new FakeTokenVerifier(options.tokens ?? testTokens);
  const router = new Router({
    logger: new JsonLogger("ERROR", {}, () => {}),
    projectId: "demo-test",
    authorizer: new Authorizer(verifier, verifier),
    pageTokens: new PageTokens("unit-test-page-token-key-0123456789abcdef"),
    limiter: options.limiter,
    idempotency: options.idempotency ?? new FakeIdempotencyStore(),
  });
  return { router, verifier, call: routerClient(router) };
}
