import { parsePhoneCell } from "../taiwan/phone-cell.js";

/**
 * The wire protocol of the gateway, modelled on Mitake's HTTP API (the one most Taiwanese
 * bulk-SMS vendors copy): POST form fields username, password, dstaddr, smbody, clientid to
 * /api/mtk/SmSend?CharsetURL=UTF-8; the answer is text lines `key=value` under `[1]`:
 *   [1]
 *   msgid=#004521867
 *   statuscode=1
 *   AccountPoint=98
 * Shared by the HTTP adapter and the local stub so both sides speak exactly one protocol.
 */
export const sendPath = "/api/mtk/SmSend";

/**
 * dstaddr is the 10-digit national mobile (0912345678); the gateway refuses +886 forms, so a
 * number written +886-912-345-678 is converted here, at the one place that writes the field.
 * Anything that is not exactly one mobile goes as is: the gateway's "invalid phone number"
 * (statuscode v) is then a permanent rejection, recorded in the SmsLog, instead of a guess.
 */
export function dstaddrOf(to: string): string {
  const { numbers, notes } = parsePhoneCell(to);
  const [only] = numbers;
  return numbers.length === 1 && notes.length === 0 && only?.kind === "mobile" ? only.national : to;
}

export type StatusOutcome = "sent" | "delivered" | "retryable" | "permanent";

/** statuscode → what it means for us. Unknown codes are permanent: retrying blind could double-send. */
export const statusOutcomes: Record<string, { outcome: StatusOutcome; meaning: string }> = {
  "0": { outcome: "sent", meaning: "scheduled" },
  "1": { outcome: "sent", meaning: "handed to carrier" },
  "2": { outcome: "sent", meaning: "handed to carrier" },
  "4": { outcome: "delivered", meaning: "delivered to handset" },
  "5": { outcome: "permanent", meaning: "content error" },
  "6": { outcome: "permanent", meaning: "invalid phone number" },
  "7": { outcome: "permanent", meaning: "SMS disabled for this number" },
  "8": { outcome: "retryable", meaning: "carrier timed out" },
  "*": { outcome: "retryable", meaning: "gateway system error" },
  a: { outcome: "retryable", meaning: "sending temporarily suspended" },
  b: { outcome: "retryable", meaning: "sending temporarily suspended" },
  c: { outcome: "permanent", meaning: "username missing" },
  d: { outcome: "permanent", meaning: "password missing" },
  e: { outcome: "permanent", meaning: "wrong username or password" },
  f: { outcome: "permanent", meaning: "account expired" },
  h: { outcome: "permanent", meaning: "account disabled" },
  r: { outcome: "retryable", meaning: "service paused" },
  s: { outcome: "retryable", meaning: "accounting failed" },
  u: { outcome: "permanent", meaning: "empty message" },
  v: { outcome: "permanent", meaning: "invalid phone number" },
};

export function outcomeOf(statusCode: string): { outcome: StatusOutcome; meaning: string } {
  return statusOutcomes[statusCode] ?? { outcome: "permanent", meaning: `unknown status ${statusCode}` };
}

/** Parses the `[n]` / `key=value` answer into one map per message section (or the bare lines). */
export function parseGatewayReply(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const separator = line.indexOf("=");
    if (separator <= 0) continue;
    fields[line.slice(0, separator).trim()] = line.slice(separator + 1).trim();
  }
  return fields;
}

export function formatGatewayReply(fields: Record<string, string>): string {
  return `[1]\r\n${Object.entries(fields)
    .map(([key, value]) => `${key}=${value}`)
    .join("\r\n")}\r\n`;
}
