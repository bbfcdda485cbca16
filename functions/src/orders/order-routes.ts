import { z } from "zod";
import { orderCreateBodySchema, orderStatusChangeInputSchema } from "../domain/order-input.js";
import { customerCodeSchema } from "../domain/primitives.js";
import type { Router } from "../http/router.js";
import { ValidationError } from "../shared/errors.js";
import type { OrderService } from "./order-service.js";

export interface OrderRouteDeps {
  orders: OrderService;
}

/** delivery_no is varchar(14) in legacy; also a Firestore document id. */
const orderIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,14}$/, "order id is the delivery number, e.g. D11511280001");
const codeParams = z.strictObject({ code: customerCodeSchema });
const idParams = z.strictObject({ id: orderIdSchema });

/** The path names the customer; a body naming another one is a mistake, not a choice. */
function assertSameCustomer(named: string | undefined, code: string): void {
  if (named !== undefined && named !== code) {
    throw new ValidationError("The body names another customer than the path.", [
      { path: "body.customerCode", message: `must be ${code} or left out` },
    ]);
  }
}

export function registerOrderRoutes(router: Router, { orders }: OrderRouteDeps): void {
  router.add({
    method: "GET",
    path: "/v1/customers/{code}/orders",
    access: "viewer",
    params: codeParams,
    page: { key: orderIdSchema },
    handle: async ({ params, page }) => {
      const found = await orders.listForCustomer(params.code, page.size, page.after);
      return { status: 200, body: { items: found.items, nextPageToken: page.next(found.lastId) } };
    },
  });

  router.add({
    method: "POST",
    path: "/v1/customers/{code}/orders",
    access: "operator",
    params: codeParams,
    body: orderCreateBodySchema,
    optionalReason: true,
    handle: async ({ params, body, audit }) => {
      assertSameCustomer(body.customerCode, params.code);
      const input = { ...body, customerCode: params.code };
      const created = await orders.create(input, audit);
      return {
        status: 201,
        body: created.value,
        headers: { etag: created.etag, location: `/v1/orders/${created.value.id}` },
      };
    },
  });

  router.add({
    method: "GET",
    path: "/v1/orders/{id}",
    access: "viewer",
    params: idParams,
    handle: async ({ params }) => {
      const found = await orders.get(params.id);
      return { status: 200, body: found.value, headers: { etag: found.etag } };
    },
  });

  router.add({
    method: "POST",
    path: "/v1/orders/{id}:transition",
    access: "operator",
    params: idParams,
    body: orderStatusChangeInputSchema,
    precondition: "if-match",
    optionalReason: true,
    handle: async ({ params, body, precondition, audit, request }) => {
      const updated = await orders.transition(params.id, body.to, precondition, audit, request.logger);
      return { status: 200, body: updated.value, headers: { etag: updated.etag } };
    },
  });
}
