import { classifyNationalDigits, type PhoneNumber, recogniseDigits } from "./phone-numbers.js";
import { toHalfWidth } from "./text-normalise.js";

/** One group of digits as written, e.g. 345 in 0912-345-678. */
export interface DigitGroup {
  digits: string;
  /** Text index of the first digit; the digits are contiguous. */
  start: number;
  /** Text between the previous group and this one ("" for the first): "-", " ", ") ". */
  separator: string;
  /** A new number may begin here: at the start of a run or after whitespace, not after - . or ). */
  opensNumber: boolean;
}

export interface PhoneSpan {
  phone: PhoneNumber;
  /** Text index of every digit written, a country code's included, in order. */
  digitIndices: number[];
  /** How many leading digits only say where the line is: country code, trunk 0, area code. */
  locationDigits: number;
}

export interface NumberScan {
  phones: PhoneSpan[];
  /** Digit groups standing alone that are no phone number: tax ids, customer codes, counts. */
  otherNumbers: DigitGroup[];
}

/** A bracketed area code sticks to the digits after it: (089)345678, (02) 2345-6789. */
const group = String.raw`(?:\(\d{1,4}\)\s?\d+|\d+)`;
/**
 * Digit groups joined by single - or . or whitespace, maybe after +886. A run never touches a
 * word (D11511280001, abc123), continues a decimal (3.141592) or sits inside a hyphenated id
 * (UUID groups, 12345678-abcd), so ids stay whole. A backslash escape (\n) may precede it because
 * JSON text is scanned too. An extension (345678#12, 345678 轉 12, 分機12, ext. 12) begins no
 * run: it names a desk, not a person, and joined to the next number by a space it would make
 * a different number of the two (0912 + 089 345 678 reads as the mobile 0912089345).
 */
const notAfter = String.raw`(?<!(?<!\\)\w|[+＋]|\d\.|\w-|\d\s?[#轉]\s?|分機\s?|(?<![A-Za-z])[Ee]xt\.?\s?)`;
/** A thousands group of an amount (the 082 of NT$634,082) is no area code. */
const notThousands = String.raw`(?!(?<=(?<![\d,])\d{1,3}(?:,\d{3})*,)\d{3}(?!\d))`;
const runPattern = new RegExp(
  String.raw`${notAfter}${notThousands}(?:[+＋]\s?886[\s.-]?)?${group}(?:(?:\s+|[.-])${group})*(?!\w|-\w|\.\d)`,
  "g",
);
/** Longest number in groups: +886 2 2345 6789 is five groups, the country code included. */
const maxGroupsPerNumber = 6;
const countryCodeDigits = 3;

/**
 * Finds Taiwanese phone numbers in free text as people write them (0912-345-678,
 * (089)345678, +886 89 345678, 0912.345.678, a bare Taitung 345678 or 345-678, a lost-zero
 * 912345678), checked against the numbering plan so that ids, codes and counts are not taken
 * for numbers. Full-width digits count; indices are indices into `text`.
 */
export function scanNumbers(text: string): NumberScan {
  const scan: NumberScan = { phones: [], otherNumbers: [] };
  for (const run of toHalfWidth(text).matchAll(runPattern)) {
    scanRun(run[0], run.index, scan);
  }
  return scan;
}

function scanRun(run: string, offset: number, scan: NumberScan): void {
  const groups = groupsOf(run, offset);
  let next = 0;
  if (/^[+＋]/.test(run)) {
    const international = longestPhone(groups, 0, readInternational);
    if (international) {
      scan.phones.push(international.span);
      next = international.end;
    } else {
      next = 1; // 886 alone is a country code, not a number of its own
    }
  }
  while (next < groups.length) {
    const current = groups[next] as DigitGroup;
    const found = current.opensNumber ? longestPhone(groups, next, readNational) : undefined;
    if (found) {
      scan.phones.push(found.span);
      next = found.end;
      continue;
    }
    // A group joined to the next by - or . is part of an id (an all-digit UUID), not a number.
    const standsAlone = current.opensNumber && groups[next + 1]?.opensNumber !== false;
    if (standsAlone) scan.otherNumbers.push(current);
    next += 1;
  }
}

function groupsOf(run: string, offset: number): DigitGroup[] {
  // +886912345678: the country code is a group of its own even when nothing separates it.
  const digitGroups = /^[+＋]/.test(run) ? /(?<=^[+＋]\s?)886|\d+/g : /\d+/g;
  return [...run.matchAll(digitGroups)].map((match, index, all) => {
    const previous = all[index - 1];
    const separator = previous ? run.slice(previous.index + previous[0].length, match.index) : "";
    return {
      digits: match[0],
      start: offset + match.index,
      separator,
      opensNumber: index === 0 || (/\s/.test(separator) && !separator.includes(")")),
    };
  });
}

/** Reads candidate groups as one number; `following` is the group after them, if any. */
type Reader = (groups: DigitGroup[], following?: DigitGroup) => Omit<PhoneSpan, "digitIndices"> | undefined;

/** Tries groups[from..] from the most groups down, so 089 345 678 is one number, not three. */
function longestPhone(
  groups: DigitGroup[],
  from: number,
  read: Reader,
): { span: PhoneSpan; end: number } | undefined {
  for (let end = Math.min(groups.length, from + maxGroupsPerNumber); end > from; end -= 1) {
    const candidate = groups.slice(from, end);
    const reading = read(candidate, groups[end]);
    if (reading) return { span: { ...reading, digitIndices: digitIndicesOf(candidate) }, end };
  }
  return undefined;
}

function digitIndicesOf(groups: DigitGroup[]): number[] {
  return groups.flatMap((g) => Array.from(g.digits, (_, index) => g.start + index));
}

/** +886 then the number without (or, by some, with) its trunk 0. */
function readInternational([countryCode, ...groups]: DigitGroup[]):
  | Omit<PhoneSpan, "digitIndices">
  | undefined {
  if (countryCode?.digits !== "886" || groups.length === 0) return undefined;
  const digits = groups.map((g) => g.digits).join("");
  const trunkWritten = digits.startsWith("0");
  const phone = classifyNationalDigits(trunkWritten ? digits : `0${digits}`);
  if (!phone) return undefined;
  const areaDigits = areaCodeOf(phone).length - (trunkWritten ? 0 : 1);
  return { phone, locationDigits: countryCodeDigits + areaDigits };
}

function readNational(
  groups: DigitGroup[],
  following?: DigitGroup,
): Omit<PhoneSpan, "digitIndices"> | undefined {
  return groups[0]?.digits.startsWith("0") ? readWithTrunk(groups) : readWithoutTrunk(groups, following);
}

/**
 * The plan must agree and the digits be grouped as people group a number: all in one, or
 * starting with the area code (02 2345 6789, 089-345678) or, for a mobile, with four digits
 * (0912-345-678). So "0 2345 67890" stays three counts and "0891234 56" a customer code and a count.
 */
function readWithTrunk(groups: DigitGroup[]): Omit<PhoneSpan, "digitIndices"> | undefined {
  const phone = classifyNationalDigits(groups.map((g) => g.digits).join(""));
  if (!phone || !groupedAsWritten(phone, groups)) return undefined;
  return { phone, locationDigits: areaCodeOf(phone).length };
}

/**
 * Only the shapes the legacy data has: a Taitung local number, 345678 or 345-678 (a range such
 * as 100-200 is masked with it; "345 678" is not taken, or "200 500" in a status line would
 * be), and one group that lost its leading
 * zero (912345678). Seven digits are never read as a number: a Taitung local number has six,
 * one with a lost zero eight or nine. That is how a 7-digit customer code (1000123) stays
 * readable; the price is that a 7-digit local number of another area written without its
 * area code (1234567 for 07-1234567) is not masked, and the legacy data has none. Such weak
 * evidence also needs the number to stand alone: 75003840-0000-… is an all-digit UUID.
 */
function readWithoutTrunk(
  groups: DigitGroup[],
  following?: DigitGroup,
): Omit<PhoneSpan, "digitIndices"> | undefined {
  if (following?.opensNumber === false) return undefined;
  const [first, second] = groups;
  const taitungPair =
    groups.length === 2 &&
    first?.digits.length === 3 &&
    second?.digits.length === 3 &&
    second.separator === "-";
  if (groups.length !== 1 && !taitungPair) return undefined;
  const phone = recogniseDigits(groups.map((g) => g.digits).join(""));
  if (!phone || (taitungPair && phone.repaired !== "taitung-area-code")) return undefined;
  // The area code was never written, so no digit here merely says where the line is.
  return { phone, locationDigits: 0 };
}

const mobileLeadDigits = 4;

function groupedAsWritten(phone: PhoneNumber, groups: DigitGroup[]): boolean {
  const first = groups[0]?.digits ?? "";
  if (groups.length === 1 || first.length === areaCodeOf(phone).length) return true;
  return phone.kind === "mobile" && first.length === mobileLeadDigits;
}

function areaCodeOf(phone: PhoneNumber): string {
  return phone.areaCode ?? phone.national.slice(0, 2);
}
