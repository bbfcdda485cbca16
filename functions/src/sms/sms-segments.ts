/**
 * How a message is split into billable SMS parts. GSM 03.38 text packs 7-bit characters
 * (160 per SMS, 153 per part once a concatenation header is needed); anything outside that
 * alphabet — every Chinese character — forces UCS-2 (70 per SMS, 67 per part).
 */
export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (extension characters take two), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

const gsmBasic = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
/** Reached through the escape character, so each costs two septets. */
const gsmExtension = new Set("^{}\\[~]|€\f");

const limits: Record<SmsEncoding, { single: number; perPart: number }> = {
  "GSM-7": { single: 160, perPart: 153 },
  "UCS-2": { single: 70, perPart: 67 },
};

function gsmSeptets(text: string): number | undefined {
  let septets = 0;
  for (const char of text) {
    if (gsmBasic.has(char)) septets += 1;
    else if (gsmExtension.has(char)) septets += 2;
    else return undefined;
  }
  return septets;
}

export function countSegments(text: string): SegmentCount {
  const septets = gsmSeptets(text);
  // UCS-2 counts UTF-16 code units: an emoji outside the BMP takes two.
  const encoding: SmsEncoding = septets === undefined ? "UCS-2" : "GSM-7";
  const units = septets ?? text.length;
  const { single, perPart } = limits[encoding];
  const segments = units <= single ? 1 : Math.ceil(units / perPart);
  return { encoding, units, segments };
}

const decimalPattern = /^\d+(\.\d+)?$/;

/**
 * NT$ cost of `segments` parts at `pricePerSegment` (decimal text such as "0.85"), computed
 * in scaled integers so no float rounding creeps into billing figures.
 */
export function smsCost(segments: number, pricePerSegment: string): string {
  if (!decimalPattern.test(pricePerSegment)) {
    throw new RangeError(`price per segment must be decimal text, got "${pricePerSegment}"`);
  }
  if (!Number.isInteger(segments) || segments < 0) {
    throw new RangeError(`segments must be a non-negative integer, got ${segments}`);
  }
  const [whole = "0", fraction = ""] = pricePerSegment.split(".");
  const scaled = BigInt(whole + fraction) * BigInt(segments);
  if (fraction.length === 0) return scaled.toString();
  const digits = scaled.toString().padStart(fraction.length + 1, "0");
  return `${digits.slice(0, -fraction.length)}.${digits.slice(-fraction.length)}`;
}
