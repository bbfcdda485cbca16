import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";
import type { AuditContext } from "../audit/audit-draft.js";
import type { Principal, Role } from "../auth/principal.js";
import type { Logger } from "../shared/logger.js";
import type { Precondition } from "../shared/precondition.js";
import type { PreconditionRule } from "./if-match.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call a route: a role (and every role above it), or `public` — only for probes and for
 * functions that Google's front end already authenticates (Cloud Scheduler's OIDC call of a relay).
 */
export type Access = Role | "public";

export interface HttpResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The request as a handler may still need it: headers for content negotiation, the logger, the id. */
export interface HttpRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  correlationId: string;
  logger: Logger;
}

/** Keyset paging: the kit reads and verifies `pageSize` and `pageToken`; the handler lists from `after`. */
export interface Page {
  size: number;
  after: string | undefined;
  /** The signed token for the page after the one that ended at `lastKey` (null: no more pages). */
  next(lastKey: string | undefined): string | null;
}

/** What a handler receives: everything already authorized and validated. */
export interface RouteInput<P, Q, B, A extends Access> {
  params: P;
  query: Q;
  body: B;
  principal: A extends "public" ? undefined : Principal;
  /** Only for routes that declare `precondition`; reading it elsewhere is a programming error. */
  precondition: Precondition;
  /** Only meaningful for routes that declare `page`. */
  page: Page;
  /** The body's optional `reason` (routes with `optionalReason`): why, for the audit entry. */
  reason: string | undefined;
  /** Who, in which request and (when said) why: what a write hands to its audit entry. */
  audit: A extends "public" ? undefined : AuditContext;
  request: HttpRequest;
}

/**
 * The one way to declare a route. The router runs, in this order and for every route alike:
 * match (404/405) → decode the path (400) → limit by address (429) → authenticate and authorize
 * (401/403, before anything of the request is read) → limit by user (429) → validate path, query,
 * headers and body (400/415/428) → the handler → RFC 9457 problems for every error.
 */
export interface RouteSpec<P, Q, B, A extends Access> {
  method: HttpMethod;
  /** `/v1/customers/{code}`; `{id}:transition` style suffixes work too. */
  path: string;
  access: A;
  /** Path parameters; omitted: the route has none. */
  params?: z.ZodType<P>;
  /** Query parameters besides `pageSize`/`pageToken`; omitted: the route takes none (unknown ones are 400). */
  query?: z.ZodType<Q>;
  /** The body of a write; every route other than GET declares one (an empty object at least). */
  body?: z.ZodType<B>;
  /** Accepted body media types (default `application/json`). */
  bodyTypes?: readonly string[];
  /** Versioned records: `If-Match` is required (RFC 9110 strong comparison). */
  precondition?: PreconditionRule;
  /** Keyset-paged listing: the kit signs `pageToken`s over `key` and binds them to the query. */
  page?: { key: z.ZodType<string> };
  /**
   * Operators' plain data edits may say why in a top-level `reason` of the body (1–500 characters);
   * the kit takes it out before the body schema sees it. Other state changes require a reason in
   * their own body schema.
   */
  optionalReason?: boolean;
  handle(input: RouteInput<P, Q, B, A>): Promise<HttpResponse>;
}

/** A route as the route table lists it (the route × role test is generated from this). */
export interface RouteInfo {
  method: HttpMethod;
  path: string;
  access: Access;
  paged: boolean;
  precondition?: PreconditionRule;
}
