import { randomUUID } from "node:crypto";
import type { Customer } from "../domain/customer.js";
import type { Order } from "../domain/order.js";
import type { OrderStatus } from "../domain/order-status.js";
import { servesFromNew } from "../migration/migration-stage.js";
import type { OrderNotifier } from "../orders/order-notifier.js";
import type { Logger } from "../shared/logger.js";
import { parsePhoneCell } from "../taiwan/phone-cell.js";
import { maskPhone, type PhoneNumber } from "../taiwan/phone-numbers.js";
import { type DriverNames, type OrderSmsValues, orderSmsValues } from "./order-sms-values.js";
import type { ResilientSmsSender } from "./resilient-sms-sender.js";
import { orderSmsTemplates, placeholdersOf, renderTemplate } from "./sms-templates.js";

export type SkipReason = "no-template" | "already-told" | "served-by-legacy" | "no-mobile";

/**
 * Texts the customer when an order is confirmed, assigned or delivered — only for customers
 * the new system serves (until then the legacy side owns the customer) and
 * only to a mobile number. It never throws: an SMS outage must not fail an order transition.
 */
export class SmsOrderNotifier implements OrderNotifier {
  constructor(
    private readonly sender: ResilientSmsSender,
    private readonly logger: Logger,
    private readonly drivers?: DriverNames,
    private readonly newId: () => string = randomUUID,
  ) {}

  async orderStatusChanged(change: { order: Order; customer: Customer; from: OrderStatus; to: OrderStatus }) {
    const { order, customer, to } = change;
    try {
      const skip = skipReason(customer, change.from, to);
      const mobile = mobileNumberOf(customer);
      if (skip || !mobile) {
        this.logger.log("DEBUG", "order SMS skipped", { orderId: order.id, reason: skip ?? "no-mobile" });
        return;
      }
      const template = orderSmsTemplates[to];
      if (!template) return;
      const values = await orderSmsValues(order, this.drivers);
      const message = renderTemplate(template, pick(values, placeholdersOf(template.text)));
      const log = await this.sender.send({
        notificationId: `${order.id}-${to}-${this.newId()}`,
        to: mobile,
        template: template.id,
        message,
        metadata: { orderId: order.id, customerCode: customer.code, orderStatus: to },
      });
      const severity = log.status === "failed" ? "WARNING" : "INFO";
      this.logger.log(severity, `order SMS ${log.status} to ${maskPhone(mobile)}`, {
        orderId: order.id,
        smsLogId: log.id,
        retryCount: log.retryCount,
      });
    } catch (error) {
      this.logger.log("ERROR", "order SMS could not be sent or recorded", {
        orderId: order.id,
        error: maskPhone(error instanceof Error ? error.message : String(error)),
      });
    }
  }
}

export function skipReason(customer: Customer, from: OrderStatus, to: OrderStatus): SkipReason | undefined {
  if (!orderSmsTemplates[to]) return "no-template";
  // Un-assigning a driver puts the order back to confirmed; the customer already heard "confirmed".
  if (from === "assigned" && to === "confirmed") return "already-told";
  if (!servesFromNew(customer.migration.stage)) return "served-by-legacy";
  return mobileNumberOf(customer) ? undefined : "no-mobile";
}

/**
 * The first mobile number in the customer's phone cell; landlines cannot receive SMS. When the
 * stored numbers hold none, the raw cell is read again: cells parsed before +886 numbers were
 * understood keep such a mobile as a note, and re-reading finds it without a data migration.
 */
export function mobileNumberOf(customer: Customer): string | undefined {
  const isMobile = (number: PhoneNumber) => number.kind === "mobile";
  const mobile =
    customer.phones.numbers.find(isMobile) ?? parsePhoneCell(customer.phones.raw).numbers.find(isMobile);
  return mobile?.national;
}

function pick(values: OrderSmsValues, names: string[]): Partial<Record<string, string>> {
  return Object.fromEntries(names.map((name) => [name, values[name as keyof OrderSmsValues]]));
}
