import { describe, expect, it } from "vitest";
import { SmsTemplateError } from "./sms-errors.js";
import { countSegments } from "./sms-segments.js";
import {
  orderSmsTemplates,
  placeholdersOf,
  renderSms,
  renderTemplate,
  smsSignature,
} from "./sms-templates.js";

const values = { orderNo: "D11411280007", driver: "王小明", eta: "11/29 上午", amount: "NT$1,900" };
const pick = (text: string) =>
  Object.fromEntries(placeholdersOf(text).map((name) => [name, values[name as keyof typeof values]]));

describe("order SMS templates", () => {
  it("exist for confirmed, assigned and delivered, each starting with the signature", () => {
    expect(Object.keys(orderSmsTemplates).sort()).toEqual(["assigned", "confirmed", "delivered"]);
    for (const template of Object.values(orderSmsTemplates))
      expect(template.text.startsWith(smsSignature)).toBe(true);
  });

  it("render to UCS-2 text that fits one SMS with realistic values", () => {
    for (const template of Object.values(orderSmsTemplates)) {
      const text = renderTemplate(template, pick(template.text));
      expect(text).not.toMatch(/[{}]/);
      expect(countSegments(text)).toMatchObject({ encoding: "UCS-2", segments: 1 });
    }
  });

  it("fills the confirmed template", () => {
    const template = orderSmsTemplates.confirmed;
    if (!template) throw new Error("confirmed template missing");
    expect(renderTemplate(template, pick(template.text))).toBe(
      "【幸福氣】您的訂單D11411280007已確認，金額NT$1,900，預計11/29 上午送達。",
    );
  });
});

describe("renderTemplate", () => {
  const template = { id: "t", text: `${smsSignature}{orderNo}由{driver}送` };

  it("refuses a missing or blank placeholder value, naming it", () => {
    expect(() => renderTemplate(template, { orderNo: "D1" })).toThrow(/missing driver/);
    expect(() => renderTemplate(template, { orderNo: "D1", driver: "  " })).toThrow(SmsTemplateError);
  });

  it("refuses a value no placeholder uses", () => {
    expect(() => renderTemplate(template, { orderNo: "D1", driver: "王", eta: "x" })).toThrow(
      /no placeholder eta/,
    );
  });

  it("refuses a template without the signature", () => {
    expect(() => renderTemplate({ id: "x", text: "{orderNo}" }, { orderNo: "D1" })).toThrow(
      /must start with/,
    );
  });

  it("replaces every occurrence and leaves placeholder-like text in values alone", () => {
    const twice = { id: "t2", text: `${smsSignature}{orderNo}/{orderNo}` };
    expect(renderTemplate(twice, { orderNo: "{driver}" })).toBe(`${smsSignature}{driver}/{driver}`);
  });
});

describe("renderSms", () => {
  it("prices a long Chinese message by its UCS-2 parts", () => {
    const template = { id: "long", text: `${smsSignature}{orderNo}` };
    const rendered = renderSms(template, { orderNo: "氣".repeat(70) }, "0.85");
    expect(rendered).toMatchObject({ encoding: "UCS-2", segments: 2, cost: "1.70" });
    expect(rendered.text).toHaveLength(75);
  });
});
