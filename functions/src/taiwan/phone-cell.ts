import { type PhoneNumber, recogniseDigits, recogniseInternational } from "./phone-numbers.js";
import { toHalfWidth } from "./text-normalise.js";

export interface ParsedPhoneCell {
  numbers: PhoneNumber[];
  /** Text that is not a number (去前電, 陳先生, 晚上打) and digit runs that match no plan. */
  notes: string[];
  raw: string | null;
}

/** Separators people use between numbers in one cell. Spaces are handled separately. */
const strongSeparators = /[、,;/|\n\r\t]+/;
/**
 * A number as written: digits with hyphens, dots, brackets or spaces between groups, maybe
 * after the country code (+886-912-345-678, +886(0)912345678).
 */
const writtenNumber = /(?:[+＋]\s?886[\s.-]*)?\(?\d[\d\s().-]*\d/g;
/** Characters that may sit between the digit groups of one number. */
const groupSeparators = /[\s().-]/g;

/**
 * Parses the free-text phone column. Never throws: anything not recognised is kept as a
 * note, so nothing typed by the office is lost.
 */
export function parsePhoneCell(raw: string | null): ParsedPhoneCell {
  const cell: ParsedPhoneCell = { numbers: [], notes: [], raw };
  if (raw === null) return cell;
  for (const chunk of toHalfWidth(raw).split(strongSeparators)) {
    parseChunk(chunk.trim(), cell);
  }
  return cell;
}

function parseChunk(chunk: string, cell: ParsedPhoneCell): void {
  if (chunk === "") return;
  const whole = recogniseDigits(chunk.replace(groupSeparators, ""));
  if (whole && /^[\d\s().-]+$/.test(chunk)) {
    cell.numbers.push(whole);
    return;
  }
  let rest = chunk;
  for (const written of chunk.match(writtenNumber) ?? []) {
    const numbers = recogniseWritten(written);
    if (numbers.length === 0) continue;
    cell.numbers.push(...numbers);
    rest = rest.replace(written, " ");
  }
  const note = rest.replace(/\s+/g, " ").trim();
  if (note !== "") cell.notes.push(note);
}

/** One written run, or several numbers separated only by spaces (0912345678 089345678). */
function recogniseWritten(written: string): PhoneNumber[] {
  if (/^[+＋]/.test(written)) {
    // A +886 number is read as a whole or not at all: lost-zero or Taitung repairs of its
    // digits would turn the country code into an area code.
    const international = recogniseInternational(written);
    return international ? [international] : [];
  }
  const whole = recogniseDigits(written.replace(/\D/g, ""));
  if (whole) return [whole];
  const parts = written.split(/\s+/).map((part) => recogniseDigits(part.replace(/\D/g, "")));
  return parts.every((part) => part !== undefined) ? (parts as PhoneNumber[]) : [];
}
