import { z } from "zod";
import { reasonSchema } from "../audit/audit-log.js";
import type { Principal } from "../auth/principal.js";
import { ValidationError } from "../shared/errors.js";
import type { Precondition } from "../shared/precondition.js";
import { parsePrecondition } from "./if-match.js";
import { type PageTokens, pageSizeSchema, pageTokenFieldSchema } from "./page-token.js";
import { jsonBody, jsonMediaTypes, parseInput } from "./request-input.js";
import type { Access, HttpRequest, Page, RouteInput, RouteSpec } from "./route.js";
import type { FrameworkRequest } from "./router.js";

const noParameters = z.strictObject({});
const pagingSchema = z.strictObject({ pageSize: pageSizeSchema, pageToken: pageTokenFieldSchema.optional() });

export interface RouteContext {
  req: FrameworkRequest;
  params: Record<string, string>;
  principal: Principal | undefined;
  request: HttpRequest;
  pageTokens: PageTokens | undefined;
}

function splitPaging(query: Record<string, unknown>) {
  const { pageSize, pageToken, ...filters } = query;
  return { paging: { pageSize, pageToken }, filters };
}

function pageOf<P, Q, B, A extends Access>(
  spec: RouteSpec<P, Q, B, A>,
  { pageSize, pageToken }: z.infer<typeof pagingSchema>,
  filters: Q,
  tokens: PageTokens | undefined,
): Page {
  const scope = { route: `${spec.method} ${spec.path}`, filters: (filters ?? {}) as Record<string, unknown> };
  const key = spec.page?.key;
  return {
    size: pageSize,
    after: pageToken === undefined || !tokens || !key ? undefined : tokens.decode(pageToken, scope, key),
    next: (lastKey) => tokens?.encode(lastKey, scope) ?? null,
  };
}

function preconditionOf<P, Q, B, A extends Access>(spec: RouteSpec<P, Q, B, A>, req: FrameworkRequest) {
  if (spec.precondition) {
    const parsed = parsePrecondition(req.headers, spec.precondition);
    return () => parsed;
  }
  return (): Precondition => {
    throw new Error(`${spec.method} ${spec.path} reads a precondition it did not declare`);
  };
}

/** Takes an optional top-level `reason` out of a JSON object body. */
function splitReason(body: unknown): { rest: unknown; reason: string | undefined } {
  if (typeof body !== "object" || body === null || Array.isArray(body) || !("reason" in body)) {
    return { rest: body, reason: undefined };
  }
  const { reason, ...rest } = body as Record<string, unknown>;
  return { rest, reason: parseInput(reasonSchema, reason, "body.reason") };
}

/** Parses each part, collecting every issue, so one 400 names all that is wrong with the query. */
function parseAll<T extends unknown[]>(parsers: { [K in keyof T]: () => T[K] }): T {
  const issues: { path: string; message: string }[] = [];
  const values = parsers.map((parse) => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  });
  if (issues.length > 0) throw new ValidationError("The request query is invalid.", issues);
  return values as T;
}

/** Validates everything a route declared, in a fixed order; the first invalid part is the 400. */
export function validateRoute<P, Q, B, A extends Access>(
  spec: RouteSpec<P, Q, B, A>,
  context: RouteContext,
): RouteInput<P, Q, B, A> {
  const { req } = context;
  const params = parseInput(spec.params ?? noParameters, context.params, "path") as P;
  const raw = (req.query ?? {}) as Record<string, unknown>;
  const { paging, filters } = spec.page ? splitPaging(raw) : { paging: {}, filters: raw };
  const [query, pagingInput] = parseAll<[Q, z.infer<typeof pagingSchema>]>([
    () => parseInput(spec.query ?? noParameters, filters, "query") as Q,
    () => parseInput(pagingSchema, paging, "query"),
  ]);
  const page = pageOf(spec, pagingInput, query, context.pageTokens);
  const sent = spec.body ? jsonBody(req.headers, req.body, spec.bodyTypes ?? jsonMediaTypes) : undefined;
  const { rest, reason } = spec.optionalReason ? splitReason(sent) : { rest: sent, reason: undefined };
  const body = spec.body ? (parseInput(spec.body, rest, "body") as B) : (undefined as B);
  const precondition = preconditionOf(spec, req);
  return {
    params,
    query,
    body,
    principal: context.principal as RouteInput<P, Q, B, A>["principal"],
    get precondition() {
      return precondition();
    },
    page,
    reason,
    audit: (context.principal
      ? { principal: context.principal, correlationId: context.request.correlationId, reason }
      : undefined) as RouteInput<P, Q, B, A>["audit"],
    request: context.request,
  };
}
