import { z } from "zod";
import type { Authorizer } from "../auth/principal.js";
import { requireRole } from "../customers/access.js";
import { encodePageToken, pageSizeSchema, pageTokenSchema } from "../customers/page-token.js";
import { parseInput, parseJsonBody } from "../customers/request-input.js";
import { orderCreateInputSchema, orderStatusChangeInputSchema } from "../domain/order-input.js";
import { customerCodeSchema } from "../domain/primitives.js";
import type { Router } from "../http/router.js";
import { ValidationError } from "../shared/errors.js";
import type { OrderService } from "./order-service.js";

export interface OrderRouteDeps {
  authorizer: Authorizer;
  orders: OrderService;
}

/** delivery_no is varchar(14) in legacy; also a Firestore document id. */
const orderIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,14}$/, "order id is the delivery number, e.g. D11511280001");
const codeParams = z.strictObject({ code: customerCodeSchema });
const idParams = z.strictObject({ id: orderIdSchema });
const listQuerySchema = z.strictObject({
  pageSize: pageSizeSchema,
  pageToken: pageTokenSchema(orderIdSchema).optional(),
});

/** The path names the customer; a body naming another one is a mistake, not a choice. */
function withPathCustomer(body: unknown, code: string): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const named = (body as Record<string, unknown>).customerCode;
  if (named !== undefined && named !== code) {
    throw new ValidationError("The body names another customer than the path.", [
      { path: "body.customerCode", message: `must be ${code} or left out` },
    ]);
  }
  return { ...body, customerCode: code };
}

export function registerOrderRoutes(router: Router, deps: OrderRouteDeps): void {
  const { authorizer, orders } = deps;

  router.on("GET", "/v1/customers/{code}/orders", async (request) => {
    await requireRole(authorizer, request, "viewer", false);
    const { code } = parseInput(codeParams, request.params, "path");
    const query = parseInput(listQuerySchema, request.query, "query");
    const page = await orders.listForCustomer(code, query.pageSize, query.pageToken);
    return { status: 200, body: { items: page.items, nextPageToken: encodePageToken(page.lastId) } };
  });

  router.on("POST", "/v1/customers/{code}/orders", async (request) => {
    const principal = await requireRole(authorizer, request, "operator", true);
    const { code } = parseInput(codeParams, request.params, "path");
    const body = parseJsonBody(z.unknown(), request);
    const input = parseInput(orderCreateInputSchema, withPathCustomer(body, code), "body");
    const created = await orders.create(input, { principal, correlationId: request.correlationId });
    return {
      status: 201,
      body: created.value,
      headers: { etag: created.etag, location: `/v1/orders/${created.value.id}` },
    };
  });

  router.on("GET", "/v1/orders/{id}", async (request) => {
    await requireRole(authorizer, request, "viewer", false);
    const { id } = parseInput(idParams, request.params, "path");
    const found = await orders.get(id);
    return { status: 200, body: found.value, headers: { etag: found.etag } };
  });

  router.on("POST", "/v1/orders/{id}:transition", async (request) => {
    const principal = await requireRole(authorizer, request, "operator", true);
    const { id } = parseInput(idParams, request.params, "path");
    const { to } = parseJsonBody(orderStatusChangeInputSchema, request);
    const ifMatch = request.headers["if-match"];
    const context = { principal, correlationId: request.correlationId };
    const updated = await orders.transition(
      id,
      to,
      typeof ifMatch === "string" ? ifMatch : undefined,
      context,
      request.logger,
    );
    return { status: 200, body: updated.value, headers: { etag: updated.etag } };
  });
}
