import { auditDraft } from "../audit/audit-draft.js";
import {
  authoritativeSide,
  type CustomerRouting,
  readRouted,
  type WriteContext,
} from "../customers/customer-routing.js";
import type { CustomerService } from "../customers/customer-service.js";
import type { Versioned } from "../customers/customer-store.js";
import type { ReadComparisonRecorder } from "../customers/read-comparison.js";
import type { Order } from "../domain/order.js";
import type { OrderCreateInput } from "../domain/order-input.js";
import type { OrderStatus } from "../domain/order-status.js";
import type { DataSide } from "../migration/migration-stage.js";
import { NotFoundError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import type { Precondition } from "../shared/precondition.js";
import { newOrder, transitioned } from "./order-edits.js";
import type { OrderNotifier } from "./order-notifier.js";
import type { OrderPage, OrderSide } from "./order-store.js";

export interface OrderServiceDeps {
  routing: CustomerRouting;
  sides: Record<DataSide, OrderSide>;
  customers: CustomerService;
  comparisons: ReadComparisonRecorder;
  notifier: OrderNotifier;
  now?: () => Date;
}

/** Orders, routed by their customer's migration stage like customers are. */
export class OrderService {
  private readonly now: () => Date;

  constructor(private readonly deps: OrderServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** An order id does not name its customer: find it on either side, then route by that customer. */
  private async customerOf(id: string): Promise<string> {
    const found = (await this.deps.sides.legacy.get(id)) ?? (await this.deps.sides.new.get(id));
    if (!found) throw new NotFoundError(`No order ${id}.`);
    return found.value.customerCode;
  }

  async get(id: string): Promise<Versioned<Order>> {
    const customerCode = await this.customerOf(id);
    const route = await this.deps.routing.routeFor(customerCode);
    const found = await readRouted(route, (side) => this.deps.sides[side].get(id), this.deps.comparisons, {
      entity: "order",
      key: id,
      customerCode,
    });
    if (!found) throw new NotFoundError(`No order ${id}.`);
    return found;
  }

  async listForCustomer(customerCode: string, pageSize: number, before?: string): Promise<OrderPage> {
    await this.deps.customers.get(customerCode);
    const route = await this.deps.routing.routeFor(customerCode);
    return this.deps.sides[route.readFrom].listForCustomer(customerCode, pageSize, before);
  }

  async create(input: OrderCreateInput, context: WriteContext): Promise<Versioned<Order>> {
    const route = await this.deps.routing.routeFor(input.customerCode);
    // The side numbers the order and puts the number into the entry (key "new" until then).
    const draft = auditDraft(context, { action: "create", entity: "order", key: "new" }, this.now());
    return this.deps.sides[authoritativeSide(route)].create(newOrder(input, this.now()), draft);
  }

  async transition(
    id: string,
    to: OrderStatus,
    precondition: Precondition,
    context: WriteContext,
    logger: Logger,
  ) {
    const customerCode = await this.customerOf(id);
    const route = await this.deps.routing.routeFor(customerCode);
    const now = this.now();
    const { before, after } = await this.deps.sides[authoritativeSide(route)].update(
      id,
      precondition,
      (current) => transitioned(current, to, now),
      auditDraft(context, { action: "transition", entity: "order", key: id }, now),
    );
    await this.notify(before.status, after.value, logger);
    return after;
  }

  /** After the commit: a notification problem is logged, never turned into a failed transition. */
  private async notify(from: OrderStatus, order: Order, logger: Logger): Promise<void> {
    try {
      const customer = (await this.deps.customers.get(order.customerCode)).value;
      await this.deps.notifier.orderStatusChanged({ order, customer, from, to: order.status });
    } catch (error) {
      logger.log("WARNING", "order notification failed", { orderId: order.id, error: String(error) });
    }
  }
}
