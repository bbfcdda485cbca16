import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Authorizer, Principal } from "../auth/principal.js";
import { MethodNotAllowedError, NotFoundError, ValidationError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import { clientAddress } from "./client-address.js";
import { answerCors } from "./cors.js";
import type { IdempotencyStore } from "./idempotency-store.js";
import { runIdempotently } from "./idempotent-run.js";
import type { PageTokens } from "./page-token.js";
import { problemAnswer } from "./problem-answer.js";
import type { RequestLimiter } from "./request-limiter.js";
import type { Access, HttpMethod, HttpResponse, RouteInfo, RouteSpec } from "./route.js";
import { validateRoute } from "./route-input.js";

export type { HttpRequest, HttpResponse } from "./route.js";

/** The minimal surface of the Express request/response the functions framework hands us. */
export interface FrameworkRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** Express's socket address of the caller (absent in unit tests). */
  ip?: string;
}
export interface FrameworkResponse {
  status(code: number): FrameworkResponse;
  set(name: string, value: string): FrameworkResponse;
  send(body?: unknown): unknown;
  end(): unknown;
}

export interface RouterOptions {
  logger: Logger;
  projectId: string;
  /** Checks tokens and roles; a router without one (a relay's) serves only public routes. */
  authorizer?: Authorizer;
  pageTokens?: PageTokens;
  limiter?: RequestLimiter;
  /** Browser origins allowed to call the API directly (locally the dashboard is on another port). */
  corsOrigins?: readonly string[];
  /** Proxies in front that append to X-Forwarded-For (Google's front end: 1). */
  trustedProxyHops?: number;
  /** Remembers `Idempotency-Key`s of signed-in writes; without it the header is ignored. */
  idempotency?: IdempotencyStore;
}

// biome-ignore lint/suspicious/noExplicitAny: the table holds routes of every input type; each was type-checked when added.
type AnyRoute = RouteSpec<any, any, any, Access>;
interface CompiledRoute {
  spec: AnyRoute;
  pattern: RegExp;
  names: string[];
}

/** Turns `/v1/customers/{code}` into a regex; `{id}:transition` style suffixes work too. */
function compile(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/:]+)";
  });
  return { pattern: new RegExp(`^${source}$`), names };
}

function traceOf(headers: IncomingHttpHeaders, projectId: string): string | undefined {
  const traceparent = headers.traceparent;
  if (typeof traceparent === "string") {
    const traceId = traceparent.split("-")[1];
    if (traceId) return `projects/${projectId}/traces/${traceId}`;
  }
  const cloudTrace = headers["x-cloud-trace-context"];
  if (typeof cloudTrace === "string") return `projects/${projectId}/traces/${cloudTrace.split("/")[0]}`;
  return undefined;
}

function decodeParam(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ValidationError("The path holds a malformed percent-escape.", [
      { path: `path.${name}`, message: "malformed percent-encoding" },
    ]);
  }
}

/**
 * The API's one router: every route is declared with `add` (role, schemas, precondition, paging)
 * and goes through the same checks in the same order (see RouteSpec), so no route can forget one.
 */
export class Router {
  private readonly table: CompiledRoute[] = [];

  constructor(private readonly options: RouterOptions) {}

  add<P, Q, B, A extends Access>(spec: RouteSpec<P, Q, B, A>): this {
    if (spec.access !== "public" && !this.options.authorizer) {
      throw new Error(`${spec.method} ${spec.path}: a role route needs a router with an authorizer`);
    }
    if (spec.method !== "GET" && !spec.body) throw new Error(`${spec.method} ${spec.path}: declare its body`);
    if (spec.page && !this.options.pageTokens) throw new Error(`${spec.path}: paging needs page tokens`);
    const duplicate = this.table.some(
      (route) => route.spec.method === spec.method && route.spec.path === spec.path,
    );
    if (duplicate) throw new Error(`${spec.method} ${spec.path} is declared twice`);
    this.table.push({ spec: spec as AnyRoute, ...compile(spec.path) });
    return this;
  }

  /** Every route with its access rule: the API's own description of itself. */
  routes(): RouteInfo[] {
    return this.table.map(({ spec }) => ({
      method: spec.method,
      path: spec.path,
      access: spec.access,
      paged: spec.page !== undefined,
      precondition: spec.precondition,
    }));
  }

  /** The functions-framework HTTP handler: parse, dispatch, map errors, log one line. */
  readonly handle = async (req: FrameworkRequest, res: FrameworkResponse): Promise<void> => {
    if (answerCors(req, res, this.options.corsOrigins ?? [])) return;
    const correlationId = randomUUID();
    const logger = this.options.logger.with({
      correlationId,
      trace: traceOf(req.headers, this.options.projectId),
    });
    const started = Date.now();
    let response: HttpResponse;
    try {
      response = await this.dispatch(req, correlationId, logger);
    } catch (error) {
      response = problemAnswer(error, correlationId, req.path);
      if (response.status >= 500) logger.log("ERROR", "request failed", { error: String(error) });
    }
    logger.log("INFO", `${req.method} ${req.path} ${response.status}`, { latencyMs: Date.now() - started });
    res.status(response.status).set("x-correlation-id", correlationId);
    for (const [name, value] of Object.entries(response.headers ?? {})) res.set(name, value);
    if (response.body === undefined) res.end();
    else res.send(JSON.stringify(response.body));
  };

  private match(req: FrameworkRequest): { route: CompiledRoute; params: Record<string, string> } {
    const matching = this.table
      .map((route) => ({ route, match: route.pattern.exec(req.path) }))
      .filter((candidate) => candidate.match !== null);
    if (matching.length === 0) throw new NotFoundError(`No route for ${req.path}`);
    const found = matching.find((candidate) => candidate.route.spec.method === (req.method as HttpMethod));
    if (!found?.match) throw new MethodNotAllowedError(`${req.method} is not allowed on ${req.path}`);
    const values = found.match.slice(1);
    const params = Object.fromEntries(
      found.route.names.map((name, index) => [name, decodeParam(name, values[index] ?? "")]),
    );
    return { route: found.route, params };
  }

  private async dispatch(
    req: FrameworkRequest,
    correlationId: string,
    logger: Logger,
  ): Promise<HttpResponse> {
    const { route, params } = this.match(req);
    const { spec } = route;
    await this.options.limiter?.admit("address", clientAddress(req, this.options.trustedProxyHops ?? 0));
    const principal = await this.authorize(req, spec);
    if (principal) await this.options.limiter?.admit("user", principal.uid);
    const request = { method: req.method, path: req.path, headers: req.headers, correlationId, logger };
    const input = validateRoute(spec, {
      req,
      params,
      principal,
      request,
      pageTokens: this.options.pageTokens,
    });
    const run = async () => {
      const response = await spec.handle(input);
      return { ...response, headers: { "content-type": "application/json", ...response.headers } };
    };
    const store = this.options.idempotency;
    if (spec.method === "GET" || !principal || !store) return run();
    const idempotent = {
      store,
      key: headerValue(req.headers, "idempotency-key"),
      uid: principal.uid,
      method: req.method,
      path: req.path,
      body: req.body,
      ifMatch: headerValue(req.headers, "if-match"),
    };
    return runIdempotently(idempotent, run, (error) => problemAnswer(error, correlationId, req.path));
  }

  /** Public routes have no principal; every other route needs a valid token and its role. */
  private authorize(req: FrameworkRequest, spec: AnyRoute): Promise<Principal | undefined> {
    if (spec.access === "public") return Promise.resolve(undefined);
    return this.requireAuthorizer().authorize(headerValue(req.headers, "authorization"), {
      role: spec.access,
      write: spec.method !== "GET",
    });
  }

  private requireAuthorizer(): Authorizer {
    const authorizer = this.options.authorizer;
    if (!authorizer) throw new Error("a role route needs a router with an authorizer");
    return authorizer;
  }
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
