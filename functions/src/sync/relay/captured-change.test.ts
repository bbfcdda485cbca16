import { describe, expect, it } from "vitest";
import { sampleClientRow, sampleDeliveryRow } from "../../legacy/mapping/legacy-fixtures.js";
import { changeMessageSchema } from "../change-message.js";
import { capturedChangeToMessage, legacyChangeId, toPgRowShape } from "./captured-change.js";

const committedAt = new Date("2026-11-28T01:02:03.456Z");

describe("captured legacy changes", () => {
  it("restores numeric text and char padding that jsonb loses", () => {
    const row = sampleClientRow({ avg_daily_kg: "12.50", monthly_kg: "38.0", same_day: " " });
    const asJsonb = { ...row, avg_daily_kg: 12.5, monthly_kg: 38, same_day: "", upd_time: "093005" };
    expect(toPgRowShape("clients", asJsonb)).toEqual(row);
  });

  it("refuses a row that is not a legacy row (unknown column)", () => {
    expect(() => toPgRowShape("deliveries", { ...sampleDeliveryRow(), extra: 1 })).toThrow();
  });

  it("builds a valid message: delete keeps the old row, version is the change id, id is stable", () => {
    const message = capturedChangeToMessage({
      id: 42,
      tableName: "deliveries",
      op: "D",
      pk: "D11411280007",
      customerCode: "0100001",
      row: { ...sampleDeliveryRow(), flow_kg: 3 },
      committedAt,
    });
    expect(changeMessageSchema.parse(message)).toEqual(message);
    expect(message).toMatchObject({
      source: "legacy",
      entity: "order",
      op: "delete",
      key: "D11411280007",
      sourceVersion: 42,
      committedAt: "2026-11-28T01:02:03.456Z",
    });
    expect(message.data?.flow_kg).toBe("3.0");
    expect(message.changeId).toBe(legacyChangeId(42));
    expect(legacyChangeId(43)).not.toBe(legacyChangeId(42));
  });

  it("marks an INSERT as created (legacy had no row with the key), and only an insert", () => {
    const base = { pk: "D11411280007", customerCode: "0100001", row: sampleDeliveryRow(), committedAt };
    const insert = capturedChangeToMessage({ ...base, id: 7, tableName: "deliveries", op: "I" });
    const update = capturedChangeToMessage({ ...base, id: 8, tableName: "deliveries", op: "U" });
    expect([insert.created, update.created]).toEqual([true, undefined]);
  });

  it("rejects a change whose customer code cannot be an ordering key", () => {
    expect(() =>
      capturedChangeToMessage({
        id: 1,
        tableName: "clients",
        op: "I",
        pk: "12AB",
        customerCode: "12AB",
        row: sampleClientRow({ client_code: "12AB" }),
        committedAt,
      }),
    ).toThrow();
  });
});
