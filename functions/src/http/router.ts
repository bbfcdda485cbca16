import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { MethodNotAllowedError, NotFoundError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import { toProblem } from "./problem.js";

export interface HttpRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  headers: IncomingHttpHeaders;
  body: unknown;
  correlationId: string;
  logger: Logger;
}

export interface HttpResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (request: HttpRequest) => Promise<HttpResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

/** The minimal surface of the Express request/response the functions framework hands us. */
export interface FrameworkRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  body: unknown;
}
export interface FrameworkResponse {
  status(code: number): FrameworkResponse;
  set(name: string, value: string): FrameworkResponse;
  send(body?: unknown): unknown;
  end(): unknown;
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

export class Router {
  private readonly routes: Route[] = [];

  constructor(
    private readonly logger: Logger,
    private readonly projectId: string,
    /** Browser origins allowed to call the API directly (locally the dashboard is on another port). */
    private readonly corsOrigins: readonly string[] = [],
  ) {}

  on(method: string, template: string, handler: Handler): this {
    this.routes.push({ method, handler, ...compile(template) });
    return this;
  }

  /** The functions-framework HTTP handler: parse, dispatch, map errors, log one line. */
  readonly handle = async (req: FrameworkRequest, res: FrameworkResponse): Promise<void> => {
    const origin = req.headers.origin;
    if (typeof origin === "string" && this.corsOrigins.includes(origin)) {
      res.set("access-control-allow-origin", origin).set("vary", "origin");
      res.set("access-control-expose-headers", "etag, x-correlation-id");
      if (req.method === "OPTIONS") {
        res.set("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE");
        res.set("access-control-allow-headers", "authorization, content-type, if-match, if-none-match");
        res.status(204).end();
        return;
      }
    }
    const correlationId = randomUUID();
    const logger = this.logger.with({ correlationId, trace: traceOf(req.headers, this.projectId) });
    const started = Date.now();
    let response: HttpResponse;
    try {
      response = await this.dispatch(req, correlationId, logger);
    } catch (error) {
      const problem = toProblem(error, correlationId, req.path);
      if (problem.status >= 500) logger.log("ERROR", "request failed", { error: String(error) });
      response = {
        status: problem.status,
        body: problem,
        headers: { "content-type": "application/problem+json" },
      };
    }
    logger.log("INFO", `${req.method} ${req.path} ${response.status}`, { latencyMs: Date.now() - started });
    res.status(response.status).set("x-correlation-id", correlationId);
    for (const [name, value] of Object.entries(response.headers ?? {})) res.set(name, value);
    if (response.body === undefined) res.end();
    else res.send(JSON.stringify(response.body));
  };

  private async dispatch(
    req: FrameworkRequest,
    correlationId: string,
    logger: Logger,
  ): Promise<HttpResponse> {
    const matching = this.routes
      .map((route) => ({ route, match: route.pattern.exec(req.path) }))
      .filter((candidate) => candidate.match !== null);
    if (matching.length === 0) throw new NotFoundError(`No route for ${req.path}`);
    const found = matching.find((candidate) => candidate.route.method === req.method);
    if (!found?.match) throw new MethodNotAllowedError(`${req.method} is not allowed on ${req.path}`);
    const params = Object.fromEntries(
      found.route.names.map((name, index) => [name, decodeURIComponent(found.match?.[index + 1] ?? "")]),
    );
    const response = await found.route.handler({
      method: req.method,
      path: req.path,
      params,
      query: req.query as HttpRequest["query"],
      headers: req.headers,
      body: req.body,
      correlationId,
      logger,
    });
    return { ...response, headers: { "content-type": "application/json", ...response.headers } };
  }
}
