import fc from "fast-check";
import {
  type LegacyClientRow,
  type LegacyDeliveryRow,
  legacyClientRowSchema,
  legacyDeliveryRowSchema,
} from "../legacy-rows.js";

/**
 * Generators of legacy rows as `pg` returns them, weighted towards the messy values seen in
 * the vendor data. Reusable by any test that needs realistic rows (sync, import, seeding).
 */
const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 8 });
const messy = <T>(common: readonly T[], other: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constantFrom(...common), weight: 4 }, { arbitrary: other, weight: 1 });
/** Text a varchar(n) can hold: at most n code points, no NUL (PostgreSQL text cannot store it). */
const anyText = (maxLength: number) =>
  fc
    .string({ unit: "grapheme", maxLength })
    .map((text) => text.replaceAll("\u0000", ""))
    .filter((text) => [...text].length <= maxLength);
const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
/** char(n) columns come back blank-padded. */
const padded = (length: number, arb: fc.Arbitrary<string>) => arb.map((text) => text.padEnd(length, " "));

export const clientCodeArbitrary = digits(7);
const smallint = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 20 }), weight: 5 },
  { arbitrary: fc.integer({ min: -32768, max: 32767 }), weight: 1 },
);
const money = fc.integer({ min: -2147483648, max: 2147483647 });
const decimalText = (scale: number, maxWhole: number) =>
  fc
    .tuple(fc.boolean(), fc.integer({ min: 0, max: maxWhole }), fc.integer({ min: 0, max: 10 ** scale - 1 }))
    .map(
      ([negative, whole, fraction]) =>
        `${negative && whole + fraction > 0 ? "-" : ""}${whole}.${String(fraction).padStart(scale, "0")}`,
    );

export const rocDateArbitrary = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => {
    const [year, month, day] = date.toISOString().slice(0, 10).split("-").map(Number) as [
      number,
      number,
      number,
    ];
    return `${String(year - 1911).padStart(3, "0")}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`;
  });
const messyRocDate = orNull(
  messy(
    ["       ", "1140230", "1141301", "abcdefg"],
    fc.oneof(rocDateArbitrary, rocDateArbitrary, padded(7, anyText(7))),
  ),
);
const hhmmss = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
  .map((parts) => parts.map((part) => String(part).padStart(2, "0")).join(""));
const messyTime = orNull(
  messy(["      ", "250000", "12:30 "], fc.oneof(hhmmss, hhmmss, padded(6, anyText(6)))),
);
const charFlag = orNull(messy(["V", " ", " ", "v"], padded(1, fc.constantFrom("Y", "X", "1"))));
const timeSlot = orNull(messy(["0", "1", "2", "3", ""], fc.constantFrom(" ", "4", "9")));

export const phoneCellArbitrary = orNull(
  messy(
    [
      "089-123456",
      "0912345678",
      "0912-345-678、089-345678",
      "去前電",
      "912345678",
      "89345678",
      "",
      "陳太太0933123456",
      "(089)345678 晚上打",
      "345678",
      "12",
    ],
    fc.oneof(
      anyText(30),
      fc.array(fc.oneof(digits(10), digits(9), digits(8)), { maxLength: 3 }).map((parts) => parts.join("、")),
    ),
  ),
);
export const areaArbitrary = orNull(
  messy(
    [
      "A-瑞光",
      "B-四維",
      "C-漢中",
      "D-東方大鎮",
      "E-力國",
      "G-都蘭線",
      "Y-富岡",
      "L-大武線",
      "F-成功線",
      "H-鹿野線",
      "M-商校商圈",
      "K-東大線",
      "J-知本線",
      "I-池上線",
      "H-鹿野縣",
      "",
      "瑞光",
      "Z-外島",
      "h 鹿野線",
    ],
    anyText(12),
  ),
);
export const closedDaysArbitrary = orNull(
  messy(
    [
      "",
      "6",
      "6.7",
      "1.2.3",
      "Red",
      "見紅休",
      "10.20.30",
      "7(初一十五)",
      "2.2999999999999998",
      "6.7000000000000002",
      "週日",
      "6 看心情",
    ],
    anyText(20),
  ),
);
export const addressArbitrary = messy(
  [
    "臺東縣臺東市中華路一段100號",
    "台東縣卑南鄉太平村10鄰太平路100之2號3樓",
    "950台東縣台東市更生路12巷3號",
    "台東市中華路1號",
    "都蘭部落入口右轉",
    "臺東縣成功鎮港邊路25-1號",
    "",
  ],
  anyText(60),
);
export const taxIdArbitrary = orNull(
  messy(["", "04595257", "01615476", "04595256", "12345678", "1234567"], digits(8)),
);

export const legacyClientRowArbitrary: fc.Arbitrary<LegacyClientRow> = fc
  .record({
    client_code: clientCodeArbitrary,
    short_name: anyText(20),
    invoice_title: orNull(anyText(30)),
    tax_id: taxIdArbitrary,
    address: addressArbitrary,
    phone: phoneCellArbitrary,
    area: areaArbitrary,
    client_type: orNull(
      messy(["", "", "", "夜市", "學校", "市場", "餐車", "辦桌", "商業", "工廠"], anyText(6)),
    ),
    pricing_method: orNull(messy(["桶裝", "流量", "桶裝現金", ""], anyText(6))),
    payment_method: orNull(messy(["現金", "月結", "收現", ""], anyText(4))),
    cyl_50: orNull(smallint),
    cyl_20: orNull(smallint),
    cyl_16: orNull(smallint),
    cyl_10: orNull(smallint),
    cyl_4: orNull(smallint),
    cyl_ying20: orNull(smallint),
    cyl_ying16: orNull(smallint),
    cyl_haoyun20: orNull(smallint),
    cyl_haoyun16: orNull(smallint),
    cyl_pingan10: orNull(smallint),
    cyl_xingfuwan: orNull(smallint),
    time_slot: timeSlot,
    vehicle: orNull(messy(["0", "1", "2", ""], fc.constantFrom(" ", "3", "x"))),
    closed_days: closedDaysArbitrary,
    subscription: charFlag,
    same_day: charFlag,
    terminated: charFlag,
    avg_daily_kg: orNull(decimalText(2, 999999)),
    max_cycle_days: orNull(smallint),
    can_delay_days: orNull(smallint),
    monthly_kg: orNull(decimalText(1, 99999999)),
    credit_limit: orNull(money),
    balance: orNull(money),
    remark: orNull(anyText(80)),
    upd_date: messyRocDate,
    upd_time: messyTime,
  })
  .map((row) => legacyClientRowSchema.parse(row));

export const deliveryStatusArbitrary = messy(
  ["01", "02", "03", "04", "05", "06", "07"],
  fc.constantFrom("08", "  ", "99"),
);

/** Deliveries for the given client codes (or any 7-digit code). */
export function legacyDeliveryRowArbitrary(clientCodes?: readonly string[]): fc.Arbitrary<LegacyDeliveryRow> {
  const clientCode =
    clientCodes && clientCodes.length > 0 ? fc.constantFrom(...clientCodes) : clientCodeArbitrary;
  return fc
    .record({
      delivery_no: fc.oneof(
        fc.tuple(rocDateArbitrary, digits(4)).map(([date, sequence]) => `D${date}${sequence}`),
        anyText(14).filter((text) => text.trim() !== ""),
      ),
      client_code: clientCode,
      order_date: messyRocDate,
      delivery_date: messyRocDate,
      time_slot: timeSlot,
      qty_50: orNull(smallint),
      qty_20: orNull(smallint),
      qty_16: orNull(smallint),
      qty_10: orNull(smallint),
      qty_4: orNull(smallint),
      flow_kg: orNull(decimalText(1, 9999999)),
      empties_returned: orNull(smallint),
      amount: orNull(money),
      status: fc.oneof(
        { arbitrary: deliveryStatusArbitrary, weight: 9 },
        { arbitrary: fc.constant(null), weight: 1 },
      ),
      driver_code: orNull(messy(["DR01", "DR02", ""], anyText(6))),
      urgent: charFlag,
      remark: orNull(anyText(80)),
      upd_date: messyRocDate,
      upd_time: messyTime,
    })
    .map((row) => legacyDeliveryRowSchema.parse(row)); // plain objects, as pg returns, and proof the arbitrary fits the schema
}
