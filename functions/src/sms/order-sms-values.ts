import type { Order } from "../domain/order.js";

/** Looks up a driver's display name; the order only carries the driver's code. */
export interface DriverNames {
  nameOf(driverCode: string): Promise<string | undefined>;
}

export interface OrderSmsValues {
  orderNo: string;
  driver: string;
  eta: string;
  amount: string;
}

const slotWords: Record<Order["timeSlot"], string> = {
  morning: "上午",
  afternoon: "下午",
  evening: "晚上",
  "all-day": "",
  unspecified: "",
};

/** "11/29 上午" from the delivery (else order) date and time slot; "近日" when neither is known. */
export function etaOf(order: Order): string {
  const date = order.deliveryDate ?? order.orderDate;
  const day = date ? `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}` : "";
  const text = [day, slotWords[order.timeSlot]].filter(Boolean).join(" ");
  return text === "" ? "近日" : text;
}

/** NT$ with thousands separators; metered or unpriced orders are settled on site. */
export function amountOf(order: Order): string {
  if (order.amount === null) return "依現場計價";
  return `NT$${order.amount.toLocaleString("en-US")}`;
}

export async function orderSmsValues(order: Order, drivers?: DriverNames): Promise<OrderSmsValues> {
  const code = order.driverCode;
  const name = code ? ((await drivers?.nameOf(code)) ?? code) : "配送人員";
  return { orderNo: order.id, driver: name, eta: etaOf(order), amount: amountOf(order) };
}
