import type { Logger } from "../shared/logger.js";
import type { OrderNotifier } from "./order-notifier.js";

/** Until the SMS feature is composed in: records that a notification would be sent, sends nothing. */
export class LoggingOrderNotifier implements OrderNotifier {
  constructor(private readonly logger: Logger) {}

  async orderStatusChanged(change: Parameters<OrderNotifier["orderStatusChanged"]>[0]): Promise<void> {
    this.logger.log("INFO", "order status changed (notification not sent: no SMS notifier composed)", {
      orderId: change.order.id,
      customerCode: change.customer.code,
      from: change.from,
      to: change.to,
    });
  }
}
