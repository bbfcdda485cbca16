import { toHalfWidth } from "./text-normalise.js";

/**
 * Taiwan fixed-line area codes with the subscriber-number lengths the NCC numbering plan
 * assigns (longest prefix first, so 089 wins over 08 and 0836 over 08).
 */
export const landlineAreaCodes: readonly { areaCode: string; subscriberDigits: readonly number[] }[] = [
  { areaCode: "0836", subscriberDigits: [5] }, // 馬祖 Matsu
  { areaCode: "0826", subscriberDigits: [5] }, // 烏坵 Wuqiu
  { areaCode: "089", subscriberDigits: [6] }, // 臺東 Taitung
  { areaCode: "082", subscriberDigits: [6] }, // 金門 Kinmen
  { areaCode: "049", subscriberDigits: [7] }, // 南投 Nantou
  { areaCode: "037", subscriberDigits: [6] }, // 苗栗 Miaoli
  { areaCode: "02", subscriberDigits: [8] }, // 臺北 新北 基隆
  { areaCode: "03", subscriberDigits: [7] }, // 桃園 新竹 宜蘭 花蓮
  { areaCode: "04", subscriberDigits: [7, 8] }, // 臺中 (8) 彰化 (7)
  { areaCode: "05", subscriberDigits: [7] }, // 嘉義 雲林
  { areaCode: "06", subscriberDigits: [7] }, // 臺南 澎湖
  { areaCode: "07", subscriberDigits: [7] }, // 高雄
  { areaCode: "08", subscriberDigits: [7] }, // 屏東
];

export const taitungAreaCode = "089";

export type PhoneRepair = "leading-zero" | "taitung-area-code";

export interface PhoneNumber {
  kind: "mobile" | "landline";
  /** National significant form with the trunk 0, digits only: 0912345678, 089345678. */
  national: string;
  areaCode?: string;
  repaired?: PhoneRepair;
}

/** Classifies an all-digit string that already starts with its trunk 0. */
export function classifyNationalDigits(digits: string): PhoneNumber | undefined {
  if (/^09\d{8}$/.test(digits)) return { kind: "mobile", national: digits };
  for (const { areaCode, subscriberDigits } of landlineAreaCodes) {
    if (!digits.startsWith(areaCode)) continue;
    const subscriberLength = digits.length - areaCode.length;
    if (subscriberDigits.includes(subscriberLength)) return { kind: "landline", national: digits, areaCode };
    return undefined; // a longer prefix matched: a shorter one must not reinterpret it
  }
  return undefined;
}

/**
 * Recognises one number written as digits. Spreadsheet round trips in the vendor app dropped
 * leading zeros (912345678, 89345678); Taitung customers often write a bare 6-digit local
 * number. Both are repaired and the repair is named so the report can count it.
 */
export function recogniseDigits(digits: string): PhoneNumber | undefined {
  const direct = classifyNationalDigits(digits);
  if (direct) return direct;
  if (!digits.startsWith("0")) {
    const withZero = classifyNationalDigits(`0${digits}`);
    if (withZero) return { ...withZero, repaired: "leading-zero" };
  }
  if (/^[1-9]\d{5}$/.test(digits)) {
    return {
      kind: "landline",
      national: `${taitungAreaCode}${digits}`,
      areaCode: taitungAreaCode,
      repaired: "taitung-area-code",
    };
  }
  return undefined;
}

/**
 * Taiwan's country code as people write it before a number: +886, +886-, +886 (0), ＋886.
 * The trunk 0 is dropped after it, but some keep it, bracketed (0) or not.
 */
export const internationalPrefix = /^[+＋]\s?886[\s.-]*(?:\(0\)[\s.-]*)?/;

/**
 * Reads +886 912 345 678 (any separators) as the national number 0912345678. No repairs:
 * whoever wrote the country code wrote the whole number, so a wrong length is not guessed at.
 */
export function recogniseInternational(written: string): PhoneNumber | undefined {
  const text = toHalfWidth(written).trim();
  const prefix = internationalPrefix.exec(text);
  if (!prefix) return undefined;
  const rest = text.slice(prefix[0].length);
  if (!/^[\d\s().-]+$/.test(rest)) return undefined;
  const digits = rest.replace(/\D/g, "");
  return classifyNationalDigits(digits.startsWith("0") ? digits : `0${digits}`);
}

/** Area code as written by people: 089-345678, (089)345678. */
export function formatPhone(phone: PhoneNumber): string {
  if (phone.kind === "landline" && phone.areaCode) {
    return `${phone.areaCode}-${phone.national.slice(phone.areaCode.length)}`;
  }
  return phone.national;
}

/**
 * Masks the middle of every run of 6+ digits (hyphens/spaces inside a number allowed) so logs
 * never carry a whole phone number: 0912345678 → 0912***678, 089-345678 → 0893**678.
 */
export function maskPhone(text: string): string {
  return toHalfWidth(text).replace(/\d[\d\s()-]{4,}\d/g, (run) => {
    const digits = run.replace(/\D/g, "");
    if (digits.length < 6) return run;
    const shown = digits.length >= 9 ? 4 : 2;
    const tail = digits.length >= 9 ? 3 : 2;
    return digits.slice(0, shown) + "*".repeat(digits.length - shown - tail) + digits.slice(-tail);
  });
}
