import { describe, expect, it } from "vitest";
import type { Customer } from "../domain/customer.js";
import type { Logger, Severity } from "../shared/logger.js";
import { createSmsOrderNotifier } from "./create-sms-order-notifier.js";
import { FakeSmsLogStore } from "./fake-sms-log-store.js";
import { FakeSmsProvider } from "./fake-sms-provider.js";
import { SmsProviderUnavailableError } from "./sms-errors.js";
import type { SmsLogStore } from "./sms-log-store.js";
import { mobileNumberOf } from "./sms-order-notifier.js";
import { smsCustomer, smsOrder } from "./sms-test-fixtures.js";

class MemoryLogger implements Logger {
  readonly lines: { severity: Severity; message: string; fields: Record<string, unknown> }[] = [];
  log(severity: Severity, message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ severity, message, fields });
  }
  with(): Logger {
    return this;
  }
  text(): string {
    return JSON.stringify(this.lines);
  }
}

function setup(logs: SmsLogStore = new FakeSmsLogStore()) {
  const provider = new FakeSmsProvider();
  const logger = new MemoryLogger();
  const notifier = createSmsOrderNotifier({
    provider,
    logs,
    logger,
    pricePerSegment: "0.85",
    resilience: { initialDelayMs: 1, maxDelayMs: 2, timeoutMs: 50 },
    drivers: { nameOf: async (code) => (code === "DR01" ? "王小明" : undefined) },
  });
  return { provider, logger, notifier, logs };
}

describe("SmsOrderNotifier", () => {
  it.each(["live", "rampdown", "complete"] as const)(
    "texts a %s customer when the order is confirmed",
    async (stage) => {
      const { notifier, provider } = setup();
      await notifier.orderStatusChanged({
        order: smsOrder(),
        customer: smsCustomer(stage),
        from: "draft",
        to: "confirmed",
      });
      expect(provider.requests).toHaveLength(1);
      expect(provider.requests[0]).toMatchObject({
        to: "0912345678",
        message: "【幸福氣】您的訂單D11411280007已確認，金額NT$1,900，預計11/29 下午送達。",
      });
    },
  );

  it.each(["off", "dualwrite", "shadow"] as const)(
    "sends and records nothing for a %s customer",
    async (stage) => {
      const logs = new FakeSmsLogStore();
      const { notifier, provider } = setup(logs);
      await notifier.orderStatusChanged({
        order: smsOrder(),
        customer: smsCustomer(stage),
        from: "draft",
        to: "confirmed",
      });
      expect(provider.requests).toHaveLength(0);
      expect(logs.all()).toHaveLength(0);
    },
  );

  it("skips customers with only a landline and statuses without a template", async () => {
    const { notifier, provider } = setup();
    await notifier.orderStatusChanged({
      order: smsOrder(),
      customer: smsCustomer("live", "089-345678"),
      from: "draft",
      to: "confirmed",
    });
    await notifier.orderStatusChanged({
      order: smsOrder(),
      customer: smsCustomer("live"),
      from: "assigned",
      to: "in-delivery",
    });
    expect(provider.requests).toHaveLength(0);
  });

  it("does not re-send the confirmation when a driver is un-assigned, but does after a failed delivery", async () => {
    const { notifier, provider } = setup();
    const customer = smsCustomer("live");
    await notifier.orderStatusChanged({ order: smsOrder(), customer, from: "assigned", to: "confirmed" });
    expect(provider.requests).toHaveLength(0);
    await notifier.orderStatusChanged({ order: smsOrder(), customer, from: "failed", to: "confirmed" });
    expect(provider.requests).toHaveLength(1);
  });

  it("uses the driver's name and falls back to the code when unknown", async () => {
    const { notifier, provider } = setup();
    await notifier.orderStatusChanged({
      order: smsOrder(),
      customer: smsCustomer("live"),
      from: "confirmed",
      to: "assigned",
    });
    await notifier.orderStatusChanged({
      order: smsOrder({ driverCode: "DR99" }),
      customer: smsCustomer("live"),
      from: "confirmed",
      to: "assigned",
    });
    expect(provider.requests.map((r) => r.message)).toEqual([
      "【幸福氣】訂單D11411280007已由司機王小明負責配送，預計11/29 下午送達。",
      "【幸福氣】訂單D11411280007已由司機DR99負責配送，預計11/29 下午送達。",
    ]);
  });

  it("says the price is settled on site when the order has no amount", async () => {
    const { notifier, provider } = setup();
    await notifier.orderStatusChanged({
      order: smsOrder({ amount: null }),
      customer: smsCustomer("live"),
      from: "in-delivery",
      to: "delivered",
    });
    expect(provider.requests[0]?.message).toBe(
      "【幸福氣】訂單D11411280007已送達，金額依現場計價。感謝您的訂購！",
    );
  });

  it.each(["+886912345678", "+886-912-345-678"])(
    "texts a customer whose phone is stored as %s, to the national number",
    async (phone) => {
      const { notifier, provider, logger } = setup();
      await notifier.orderStatusChanged({
        order: smsOrder(),
        customer: smsCustomer("live", phone),
        from: "draft",
        to: "confirmed",
      });
      expect(provider.requests.map((request) => request.to)).toEqual(["0912345678"]);
      expect(logger.text()).not.toContain("912345678");
    },
  );

  it("never throws on an outage, records failed logs and logs no full phone number", async () => {
    const logs = new FakeSmsLogStore();
    const { notifier, provider, logger } = setup(logs);
    provider.fallback = new SmsProviderUnavailableError("HTTP 503", "http-503");
    await expect(
      notifier.orderStatusChanged({
        order: smsOrder(),
        customer: smsCustomer("live"),
        from: "draft",
        to: "confirmed",
      }),
    ).resolves.toBeUndefined();
    expect(logs.all().every((log) => log.status === "failed")).toBe(true);
    expect(logs.all()).toHaveLength(3);
    expect(logger.text()).toContain("0912***678");
    expect(logger.text()).not.toContain("0912345678");
  });

  it("never throws when the log store itself fails", async () => {
    const broken: SmsLogStore = {
      save: async () => {
        throw new Error("Firestore unavailable for 0912345678");
      },
      listForNotification: async () => [],
    };
    const { notifier, logger } = setup(broken);
    await notifier.orderStatusChanged({
      order: smsOrder(),
      customer: smsCustomer("live"),
      from: "draft",
      to: "confirmed",
    });
    expect(logger.lines.at(-1)).toMatchObject({ severity: "ERROR" });
    expect(logger.text()).not.toContain("0912345678");
  });
});

describe("mobileNumberOf", () => {
  it("picks the first mobile number from a mixed phone cell", () => {
    expect(mobileNumberOf(smsCustomer("live", "089-345678、0987-654-321 陳太太"))).toBe("0987654321");
    expect(mobileNumberOf(smsCustomer("live", null))).toBeUndefined();
  });

  it.each(["+886912345678", "+886-912-345-678", "+886 912 345 678"])(
    "reads the international form %s as the mobile 0912345678",
    (phone) => {
      expect(mobileNumberOf(smsCustomer("live", phone))).toBe("0912345678");
    },
  );

  it("re-reads the raw cell when the stored numbers (parsed before +886 was understood) hold no mobile", () => {
    const customer = smsCustomer("live", "089-345678、+886912345678");
    const stale: Customer = {
      ...customer,
      phones: {
        raw: "089-345678、+886912345678",
        numbers: [{ kind: "landline", national: "089345678", areaCode: "089" }],
        notes: ["+886912345678"],
      },
    };
    expect(mobileNumberOf(stale)).toBe("0912345678");
  });
});
