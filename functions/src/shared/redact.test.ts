import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { taiwanCounties } from "../taiwan/address.js";
import { classifyNationalDigits } from "../taiwan/phone-numbers.js";
import { toHalfWidth } from "../taiwan/text-normalise.js";
import { JsonLogger } from "./logger.js";
import { isSensitiveKey, redact, redactedJson } from "./redact.js";

/** A number as someone typed it, and the digits the masked text may still show, in order. */
interface Written {
  text: string;
  kept: string;
}

const digitsOf = (text: string) => toHalfWidth(text).replace(/\D/g, "");
const lastTwo = (digits: string) => digits.slice(-2);
const fullWidth = (text: string) =>
  text.replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));

/** Area codes of the numbering plan with their subscriber lengths (stated here, not imported). */
const areas: readonly [string, number][] = [
  ["02", 8],
  ["03", 7],
  ["037", 6],
  ["04", 7],
  ["04", 8],
  ["049", 7],
  ["05", 7],
  ["06", 7],
  ["07", 7],
  ["08", 7],
  ["089", 6],
  ["082", 6],
  ["0836", 5],
];

/** Subscriber numbers start with 2-8; one that makes 08 read as 089 belongs to the longer code. */
const landline = fc
  .constantFrom(...areas)
  .chain(([area, length]) =>
    fc.stringMatching(new RegExp(`^[2-8]\\d{${length - 1}}$`)).map((subscriber) => ({ area, subscriber })),
  )
  .filter(({ area, subscriber }) => classifyNationalDigits(area + subscriber)?.areaCode === area);
const mobile = fc.stringMatching(/^\d{8}$/).map((subscriber) => ({ area: "09", subscriber }));
const taitung = fc.stringMatching(/^[2-8]\d{5}$/).map((subscriber) => ({ area: "089", subscriber }));
const number = fc.oneof(mobile, landline, taitung);

/** Cuts `digits` into groups of two or more, e.g. 2345-6789 or 12-345-678. */
function grouped(digits: string, cuts: number[], separator: string): string {
  const at = [...new Set(cuts)].filter((cut) => cut >= 2 && cut <= digits.length - 2).sort((a, b) => a - b);
  const kept = at.filter((cut, index) => index === 0 || cut - (at[index - 1] ?? 0) >= 2);
  const bounds = [0, ...kept, digits.length];
  return bounds
    .slice(1)
    .map((end, index) => digits.slice(bounds[index], end))
    .join(separator);
}

const cuts = fc.array(fc.integer({ min: 2, max: 8 }), { maxLength: 2 });
const separator = fc.constantFrom("-", " ", ".");

/** 0912-345-678, 089 345 678, 0912.345.678, 0912345678, 0912-345678. */
const nationalStyle = fc
  .record({ n: number, cuts, separator, mobileLead: fc.boolean() })
  .map(({ n, cuts, separator, mobileLead }): Written => {
    const lead = n.area === "09" && mobileLead ? "0912".length : n.area.length;
    const head = (n.area + n.subscriber).slice(0, lead);
    const tail = (n.area + n.subscriber).slice(lead);
    return {
      text: `${head}${separator}${grouped(tail, cuts, separator)}`,
      kept: n.area + lastTwo(n.subscriber),
    };
  });
const contiguous = number.map(
  (n): Written => ({ text: n.area + n.subscriber, kept: n.area + lastTwo(n.subscriber) }),
);

/** (089)345678, (02) 2345-6789. */
const bracketStyle = fc
  .record({ n: landline, cuts, space: fc.constantFrom("", " "), separator: fc.constantFrom("-", " ") })
  .map(
    ({ n, cuts, space, separator }): Written => ({
      text: `(${n.area})${space}${grouped(n.subscriber, cuts, separator)}`,
      kept: n.area + lastTwo(n.subscriber),
    }),
  );

/** +886912345678, +886-912-345-678, +886 89 345678, +886(0)912345678, +886 (89) 345678. */
const internationalStyle = fc
  .record({
    n: number,
    cuts,
    separator,
    afterCode: fc.constantFrom("", "-", " ", "."),
    trunk: fc.constantFrom("none", "(0)", "bracketed-area"),
  })
  .map(({ n, cuts, separator, afterCode, trunk }): Written => {
    const area = n.area.slice(1);
    const kept = `886${trunk === "(0)" ? "0" : ""}${area}${lastTwo(n.subscriber)}`;
    if (trunk === "bracketed-area") {
      return { text: `+886 (${area}) ${grouped(n.subscriber, cuts, separator)}`, kept };
    }
    const rest = `${area}${separator}${grouped(n.subscriber, cuts, separator)}`;
    return { text: `+886${afterCode}${trunk === "(0)" ? "(0)" : ""}${rest}`, kept };
  });

/** Taitung local numbers without the area code, as the legacy data has them: 345678, 345-678. */
const bareTaitungStyle = taitung.chain((n) =>
  fc.constantFrom<Written>(
    { text: n.subscriber, kept: lastTwo(n.subscriber) },
    { text: `${n.subscriber.slice(0, 3)}-${n.subscriber.slice(3)}`, kept: lastTwo(n.subscriber) },
  ),
);

/** Extensions stay: alone they name a desk, not a person, and the number before them is masked. */
const extension = fc.oneof(
  fc.constant(""),
  fc
    .stringMatching(/^\d{1,4}$/)
    .chain((digits) => fc.constantFrom(`#${digits}`, ` #${digits}`, `轉${digits}`)),
);

const writtenPhone = fc
  .record({
    phone: fc.oneof(nationalStyle, contiguous, bracketStyle, internationalStyle, bareTaitungStyle),
    extension,
    wide: fc.boolean(),
  })
  .map(({ phone, extension, wide }): Written => {
    const text = phone.text + extension;
    return { text: wide ? fullWidth(text) : text, kept: phone.kept + digitsOf(extension) };
  });

/** Text around numbers in notes, messages and errors; no digits, so every digit left is accounted for. */
const before = fc.constantFrom(
  "",
  "電話",
  "請撥 ",
  "call ",
  "陳先生",
  "tel:",
  "(",
  "「",
  "\n",
  "mobile=",
  "聯絡：",
);
const after = fc.constantFrom("", " ", "、", ",", ")", "。", " 去前電", "\n", ".", " now", "晚上打", "」");
const between = fc.constantFrom("、", ", ", " ", " / ", "\n", "；");

/** One to three numbers in one piece of text, with what each may still show. */
const textWithPhones = fc
  .record({ phones: fc.array(writtenPhone, { minLength: 1, maxLength: 3 }), before, after, between })
  .map(
    ({ phones, before, after, between }): Written => ({
      text: before + phones.map((p) => p.text).join(between) + after,
      kept: phones.map((p) => p.kept).join(""),
    }),
  );

function logged(message: string, fields: Record<string, unknown>): Record<string, unknown> {
  const lines: string[] = [];
  new JsonLogger("DEBUG", {}, (line) => lines.push(line)).log("INFO", message, fields);
  return JSON.parse(lines[0] ?? "{}");
}

describe("redact: phone numbers", () => {
  it("leaves no digit of any written Taiwanese number but its area code and last two", () => {
    fc.assert(
      fc.property(textWithPhones, ({ text, kept }) => {
        const masked = redact(text);
        expect(digitsOf(masked)).toBe(kept);
        expect(masked).toHaveLength(text.length); // the shape stays readable
      }),
      { numRuns: 2000 },
    );
  });

  it("masks them as well in log messages, nested fields and the JSON text of a line", () => {
    fc.assert(
      fc.property(textWithPhones, ({ text, kept }) => {
        const entry = logged(text, { detail: { note: text, list: [text] } });
        expect(digitsOf(String(entry.message))).toBe(kept);
        expect(digitsOf(JSON.stringify(entry.detail))).toBe(kept.repeat(2));
        // The text scan also holds on a JSON line, escapes (\n) and quotes around the number.
        expect(digitsOf(redact(JSON.stringify({ note: text })))).toBe(kept);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ["(089)345678", "(089)****78"],
    ["089 345 678", "089 *** *78"],
    ["+886912345678", "+8869******78"],
    ["+886-912-345-678", "+886-9**-***-*78"],
    ["+886 89 345678", "+886 89 ****78"],
    ["0912.345.678", "09**.***.*78"],
    ["345678 / 345-678", "****78 / ***-*78"],
    ["089-345678#123", "089-****78#123"],
    ["陳先生(0912345678)、0987 654 321 去前電", "陳先生(09******78)、09** *** *21 去前電"],
  ])("%s → %s", (text, masked) => {
    expect(redact(text)).toBe(masked);
  });
});

describe("redact: tax ids and addresses", () => {
  it("masks every standalone 8-digit number as a 統一編號, valid checksum or not", () => {
    const context = fc.constantFrom(["統一編號", ""], ["統編:", "。"], ["tax id ", " ok"], ["(", ")"]);
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), context, (taxId, [head, tail]) => {
        const masked = redact(`${head}${taxId}${tail}`);
        expect(masked).toBe(`${head}******${lastTwo(taxId)}${tail}`);
      }),
    );
  });

  const tai = (name: string) => fc.constantFrom(name, name.replaceAll("臺", "台"));
  const county = fc.oneof(fc.constant(""), fc.constantFrom(...taiwanCounties).chain(tai));
  const district = fc.constantFrom(
    "臺東市",
    "台東市",
    "卑南鄉",
    "成功鎮",
    "關山鎮",
    "太麻里鄉",
    "信義區",
    "東區",
  );
  const road = fc.constantFrom(
    "中華路",
    "更生路",
    "中山路",
    "四維路",
    "正氣北路",
    "老街路",
    "鐵花路",
    "博愛街",
  );
  const numeral = fc.oneof(
    fc.integer({ min: 1, max: 999 }).map(String),
    fc.constantFrom("一", "二", "十", "二十五"),
  );
  const street = fc.oneof(
    fc
      .record({
        road,
        section: fc.oneof(
          fc.constant(""),
          numeral.map((n) => `${n}段`),
        ),
        lane: fc.oneof(
          fc.constant(""),
          numeral.map((n) => `${n}巷`),
        ),
        alley: fc.oneof(
          fc.constant(""),
          numeral.map((n) => `${n}弄`),
        ),
      })
      .map(({ road, section, lane, alley }) => road + section + lane + alley),
    fc
      .record({
        village: fc.constantFrom("利嘉村", "豐里里", "寶桑里"),
        neighbourhood: numeral.map((n) => `${n}鄰`),
      })
      .map(({ village, neighbourhood }) => village + neighbourhood),
  );
  const houseNumber = fc.oneof(
    numeral.map((n) => `${n}號`),
    fc.tuple(numeral, numeral).map(([n, m]) => `${n}之${m}號`),
    fc.tuple(numeral, numeral).map(([n, m]) => `${n}-${m}號`),
  );
  const floor = fc.constantFrom("", "3樓", "3樓之2", "12樓", "5F", "B1");
  const address = fc.record({ county, district, street, houseNumber, floor, wide: fc.boolean() });

  it("keeps county and district and masks village, road, lane, number and floor", () => {
    const head = fc.constantFrom("", "地址：", "送貨到 ", "deliver to ", "\n");
    const tail = fc.constantFrom("", " ", "，請準時", "、陳先生", "\n", "。");
    fc.assert(
      fc.property(address, head, tail, (a, before, after) => {
        const street = a.street + a.houseNumber + a.floor;
        const written = a.county + a.district + (a.wide ? fullWidth(street) : street);
        expect(redact(before + written + after)).toBe(`${before}${a.county}${a.district}***${after}`);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ["臺東縣臺東市中華路一段1號", "臺東縣臺東市***"],
    ["台東市更生路100巷5號3樓", "台東市***"],
    ["臺東縣卑南鄉利嘉村1鄰10號", "臺東縣卑南鄉***"],
    ["改送 台東市更生路100巷5號3樓，電話 089-345678", "改送 台東市***，電話 089-****78"],
  ])("%s → %s", (text, masked) => {
    expect(redact(text)).toBe(masked);
  });

  it("does not take a number without a street (5號出口, 第3號桶) for an address", () => {
    expect(redact("5號出口 第3號桶")).toBe("5號出口 第3號桶");
  });
});

/** Tokens operators need in logs, each unchanged by redaction. */
const readable = fc.oneof(
  fc
    .date({
      min: new Date("2000-01-01T00:00:00Z"),
      max: new Date("2099-12-31T23:59:59Z"),
      noInvalidDate: true,
    })
    .chain((date) => fc.constantFrom(date.toISOString(), `${date.toISOString().slice(0, 19)}+08:00`)),
  fc.uuid(),
  fc.stringMatching(/^\d{7}$/), // customer code: seven digits, never a phone number's length
  fc.stringMatching(/^D\d{11}$/), // order id
  fc.stringMatching(/^D\d{11}$/).chain((id) => fc.uuid().map((uuid) => `${id}-confirmed-${uuid}-a2`)),
  fc.stringMatching(/^[0-9a-f]{32}$/).map((trace) => `projects/p/traces/${trace}`),
  fc.nat({ max: 99_999 }).map((ms) => `${ms}ms`),
  fc.nat({ max: 99_999 }).map(String), // a count in text; six digits would be a Taitung number
  fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99)).map((parts) => `v${parts.join(".")}`),
  fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99)).map((parts) => parts.join(".")),
  fc.integer({ min: 100, max: 599 }).map(String), // HTTP status
  fc.integer({ min: 1, max: 65_535 }).map((port) => `127.0.0.1:${port}`),
  fc.integer({ min: 1, max: 65_535 }).map((port) => `localhost:${port}`),
  fc.nat({ max: 9_999_999 }).map((amount) => `NT$${amount.toLocaleString("en-US")}`),
  fc.float({ min: 0, max: 1000, noNaN: true }).map(String),
);

describe("redact: what must stay readable", () => {
  it("leaves timestamps, uuids, customer codes, order ids, latencies, versions, counts, statuses and ports alone", () => {
    fc.assert(
      fc.property(fc.array(readable, { minLength: 1, maxLength: 6 }), between, (tokens, separator) => {
        const text = tokens.join(separator);
        expect(redact(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it("logs such fields and JSON numbers of any size unchanged", () => {
    const fields = fc.record({
      correlationId: fc.uuid(),
      customerCode: fc.stringMatching(/^\d{7}$/),
      orderId: fc.stringMatching(/^D\d{11}$/),
      latencyMs: fc.nat(),
      count: fc.nat(),
      status: fc.integer({ min: 100, max: 599 }),
      port: fc.integer({ min: 1, max: 65_535 }),
      version: fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99)).map((parts) => parts.join(".")),
    });
    fc.assert(
      fc.property(fields, fc.array(readable, { maxLength: 4 }), (values, words) => {
        const message = words.join(" ");
        expect(logged(message, values)).toMatchObject({ message, ...values });
      }),
      { numRuns: 500 },
    );
  });
});

describe("redact: cases the properties once found", () => {
  it.each([
    "NT$634,082\n127.0.0.1:1", // 082 after a thousands comma is not the Kinmen area code
    "NT$1,595,037 10.10.10",
    "00000000-0000-1000-8000-000000000000", // all-digit UUID groups are not a tax id
    "75003840-0000-1000-8000-000000000000", // nor a landline that lost its zero
    "0891234 56", // a customer code and a count, not 089-123456
    "0 2345 67890",
  ])("%j stays as it is", (text) => {
    expect(redact(text)).toBe(text);
  });

  it("does not let an extension join the next number", () => {
    expect(redact("089-345678#0912 089 345 678")).toBe("089-****78#0912 089 *** *78");
    expect(redact("089-345678 ext. 12, next 0912345678")).toBe("089-****78 ext. 12, next 09******78");
  });
});

describe("field keys", () => {
  it.each(["phone", "phones", "mobile", "tel", "tel2", "contactTel", "customer_phone", "fax", "address"])(
    "%s is personal data",
    (key) => {
      expect(isSensitiveKey(key)).toBe(true);
    },
  );

  it.each(["taxId", "tax_id", "TAXID", "invoiceTitle", "invoice_title", "billingAddress", "dstaddr"])(
    "%s is personal data",
    (key) => {
      expect(isSensitiveKey(key)).toBe(true);
    },
  );

  it.each([
    "telemetry",
    "hotelId",
    "customerCode",
    "orderId",
    "latencyMs",
    "ipAddress",
    "remoteAddress",
    "status",
  ])("%s is not", (key) => {
    expect(isSensitiveKey(key)).toBe(false);
  });

  it("keeps null, missing and true/false personal fields: knowing there is no phone names no one", () => {
    expect(redactedJson({ phone: null, address: undefined, taxId: "04595257", taxIdValid: true })).toBe(
      '{"phone":null,"taxId":"[redacted]","taxIdValid":true}',
    );
  });
});
