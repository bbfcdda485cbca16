import type { OrderStatus } from "../domain/order-status.js";
import { SmsTemplateError } from "./sms-errors.js";
import { countSegments, type SmsEncoding, smsCost } from "./sms-segments.js";

export const smsPlaceholders = ["orderNo", "driver", "eta", "amount"] as const;
export type SmsPlaceholder = (typeof smsPlaceholders)[number];

export interface SmsTemplate {
  id: string;
  text: string;
}

/** Every customer-facing SMS carries the company's bracketed signature first, as Taiwanese carriers expect. */
export const smsSignature = "【幸福氣】";

/** One template per order status the customer hears about; other statuses send nothing. */
export const orderSmsTemplates: Partial<Record<OrderStatus, SmsTemplate>> = {
  confirmed: {
    id: "order-confirmed",
    text: `${smsSignature}您的訂單{orderNo}已確認，金額{amount}，預計{eta}送達。`,
  },
  assigned: {
    id: "order-assigned",
    text: `${smsSignature}訂單{orderNo}已由司機{driver}負責配送，預計{eta}送達。`,
  },
  delivered: {
    id: "order-delivered",
    text: `${smsSignature}訂單{orderNo}已送達，金額{amount}。感謝您的訂購！`,
  },
};

const placeholderPattern = /\{([A-Za-z]+)\}/g;

export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(placeholderPattern)].map((match) => match[1] ?? ""))];
}

/**
 * Fills a template. Every placeholder must have a non-blank value and every value must
 * belong to a placeholder, so a template edit and its caller cannot silently drift apart.
 */
export function renderTemplate(template: SmsTemplate, values: Partial<Record<string, string>>): string {
  if (!template.text.startsWith(smsSignature)) {
    throw new SmsTemplateError(`template ${template.id} must start with ${smsSignature}`);
  }
  const needed = placeholdersOf(template.text);
  const missing = needed.filter((name) => (values[name] ?? "").trim() === "");
  if (missing.length > 0) {
    throw new SmsTemplateError(`template ${template.id} is missing ${missing.join(", ")}`);
  }
  const unused = Object.keys(values).filter((name) => !needed.includes(name));
  if (unused.length > 0) {
    throw new SmsTemplateError(`template ${template.id} has no placeholder ${unused.join(", ")}`);
  }
  return template.text.replace(placeholderPattern, (_whole, name: string) => values[name] ?? "");
}

export interface RenderedSms {
  text: string;
  encoding: SmsEncoding;
  segments: number;
  /** NT$ for the whole message at `pricePerSegment`, decimal text. */
  cost: string;
}

/** Renders and prices a message: what the office sees before a template change goes out. */
export function renderSms(
  template: SmsTemplate,
  values: Partial<Record<string, string>>,
  pricePerSegment: string,
): RenderedSms {
  const text = renderTemplate(template, values);
  const { encoding, segments } = countSegments(text);
  return { text, encoding, segments, cost: smsCost(segments, pricePerSegment) };
}
