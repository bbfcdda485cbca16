import { scanNumbers } from "../taiwan/phone-spans.js";
import { normaliseTai, toHalfWidth } from "../taiwan/text-normalise.js";

/** What the value of a personal-data field is logged as, whatever its shape. */
export const redactedValue = "[redacted]";
/** What the street part of an address is logged as. */
export const redactedStreet = "***";

/**
 * Field names whose whole value is personal data, matched on the words of the name so that
 * customerPhone, phone_cell, TAX-ID and tel2 count, and telemetry or hotelId do not. A value
 * under such a key is dropped whole (a phones object, an address with its parsed parts, a
 * number typed as a JSON number), which the text scan alone could not promise.
 */
const sensitiveWords = new Set([
  "phone",
  "phones",
  "mobile",
  "mobiles",
  "tel",
  "telephone",
  "cellphone",
  "fax",
  "address",
  "addresses",
  "addr",
  "dstaddr",
  "msisdn",
  "taxid",
  "ubn",
]);
const sensitivePairs: readonly (readonly [string, string])[] = [
  ["tax", "id"],
  ["tax", "number"],
  ["invoice", "title"],
];
/** An ip, remote or server address is not personal and is what debugging a connection needs. */
const networkWords = new Set(["ip", "remote", "local", "server", "host", "bind", "listen", "socket", "mac"]);

export function isSensitiveKey(key: string): boolean {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .replace(/([a-zA-Z])(\d)/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z\d]+/);
  if (words.some((word) => networkWords.has(word))) return false;
  if (words.some((word) => sensitiveWords.has(word))) return true;
  return sensitivePairs.some(([first, second]) =>
    words.some((word, index) => word === first && words[index + 1] === second),
  );
}

/**
 * Masks personal data in free text (messages, error strings): phone numbers, 統一編號 and the
 * street part of addresses. Ids, codes, timestamps and counts are left as they are.
 */
export function redact(text: string): string {
  return maskNumbers(maskStreets(text));
}

/**
 * JSON for one log line: a field under a personal-data key is replaced whole, and every string
 * (and object key) is scanned with `redact`. JSON numbers are not scanned: no phone number is a
 * JSON number (the trunk 0 cannot survive) and latencies, counts and ports are. null, missing
 * and true/false under such a key stay: "no phone", "taxId valid" name no one and help debugging.
 */
export function redactedJson(entry: unknown): string {
  return JSON.stringify(entry, (key: string, value: unknown) => {
    if (key !== "" && isPersonalValue(value) && isSensitiveKey(key)) return redactedValue;
    if (typeof value === "string") return redact(value);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return withRedactedKeys(value);
    return value;
  });
}

function isPersonalValue(value: unknown): boolean {
  return value !== undefined && value !== null && typeof value !== "boolean";
}

/** A map keyed by phone number must not log its keys; other objects are passed on untouched. */
function withRedactedKeys(value: object): object {
  const entries = Object.entries(value);
  if (entries.every(([key]) => redact(key) === key)) return value;
  return Object.fromEntries(entries.map(([key, field]) => [redact(key), field]));
}

/** Digits kept at the end of a masked number, so a line can be matched with what a customer says. */
const keptTrailingDigits = 2;
const taxIdDigits = 8;

/**
 * Phones keep what only says where the line is (country code, area code or 09) and their last
 * two digits: `0912-345-678` → `09**-***-*78`, `(089)345678` → `(089)****78`, `+886 89 345678`
 * → `+886 89 ****78`. Every standalone 8-digit number is taken for a 統一編號 whatever its
 * checksum (a mistyped one still names a customer; so does an 8-digit Taipei number written
 * without 02): `04595257` → `******57`. The shape is kept so a reader still sees what was there.
 */
function maskNumbers(text: string): string {
  const { phones, otherNumbers } = scanNumbers(text);
  const hidden: number[] = [];
  for (const phone of phones) {
    hidden.push(...phone.digitIndices.slice(phone.locationDigits, -keptTrailingDigits));
  }
  for (const number of otherNumbers) {
    if (number.digits.length !== taxIdDigits) continue;
    for (let offset = 0; offset < taxIdDigits - keptTrailingDigits; offset += 1) {
      hidden.push(number.start + offset);
    }
  }
  if (hidden.length === 0) return text;
  const units = text.split("");
  for (const index of hidden) units[index] = "*";
  return units.join("");
}

const numeral = "[0-9〇零一二三四五六七八九十百千]";
/** A character of a road, lane or village name: any CJK character but a county or district suffix. */
const nameChar = "(?:(?![縣市區鄉鎮])[\\u3400-\\u9fff])";
const village = `(?:${nameChar}{1,6}?[村里])?(?:${numeral}+鄰)?`;
const way = `(?:${nameChar}{1,12}?(?:路|街|大道)(?:${numeral}+段)?|${nameChar}{1,12}?巷)?`;
const lanes = `(?:${numeral}+巷)?(?:${numeral}+弄)?`;
const houseNumber = `${numeral}+(?:[之-]${numeral}+)?號(?:之${numeral}+)?`;
const floor = `(?:\\s?(?:${numeral}+樓(?:之${numeral}+)?|\\d+[Ff](?![A-Za-z])|[Bb]\\d+(?![A-Za-z\\d])|[\\dA-Za-z]+室))*`;
/** Group 1 is the street; a bare 5號 (a counter, a platform) has none and is not an address. */
const streetPattern = new RegExp(`(${village}${way}${lanes})\\s*${houseNumber}${floor}`, "g");

/**
 * Addresses keep the county and the district or township (臺東縣臺東市, 台東市, 卑南鄉): that
 * is where the gas went, which operators need and which names no one. Village, 鄰, road, lane,
 * number and floor are what find a household, so they become ***:
 * `臺東縣臺東市中華路一段1號` → `臺東縣臺東市***`, `台東市更生路100巷5號3樓` → `台東市***`.
 * A road name stops at a county or district suffix, so the kept part is exactly what precedes
 * the road; words typed right before a road with no district (送到中華路1號) go with it.
 */
function maskStreets(text: string): string {
  let masked = "";
  let copied = 0;
  // 台/臺 and full-width digits are matched as one; both mappings keep indices, so raw text is cut.
  for (const match of normaliseTai(toHalfWidth(text)).matchAll(streetPattern)) {
    if (match[1] === "") continue;
    masked += text.slice(copied, match.index) + redactedStreet;
    copied = match.index + match[0].length;
  }
  return copied === 0 ? text : masked + text.slice(copied);
}
