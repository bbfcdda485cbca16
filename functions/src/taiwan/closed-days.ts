import { toHalfWidth } from "./text-normalise.js";

export type LunarDay = 1 | 15;

/** 公休日 — days a customer takes no delivery. */
export interface ClosedDays {
  /** ISO weekdays, 1 = Monday … 7 = Sunday (the vendor's numbering). */
  weekdays: number[];
  daysOfMonth: number[];
  /** 見紅休 / Red: closed on public holidays (red-letter days on the calendar). */
  redLetterDays: boolean;
  /** Lunar days of month: 1 = 初一, 15 = 十五. */
  lunar: LunarDay[];
  /** Whatever could not be understood, kept for a human to read. */
  unparsed?: string;
  /** The vendor app stored some values through a float: 2.3 became 2.2999999999999998. */
  repaired?: "float-artifact";
  raw: string | null;
}

const redLetterPattern = /red|見紅休?|紅/gi;
const lunarWords: readonly [RegExp, LunarDay][] = [
  [/初一|初1/g, 1],
  [/十五|15日?\(農曆\)/g, 15],
];
const weekdayWords: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
};
const weekdayWordPattern = /(?:週|周|星期|禮拜)([一二三四五六日天])/g;
const fillerPattern = /農曆|公休|休|[()[\]]/g;

export function parseClosedDays(raw: string | null): ClosedDays {
  const result: ClosedDays = { weekdays: [], daysOfMonth: [], redLetterDays: false, lunar: [], raw };
  let text = toHalfWidth(raw ?? "").trim();
  const repairedFloat = repairFloatArtifact(text);
  if (repairedFloat !== undefined) {
    text = repairedFloat;
    result.repaired = "float-artifact";
  }
  text = text.replace(redLetterPattern, () => {
    result.redLetterDays = true;
    return " ";
  });
  for (const [pattern, day] of lunarWords) {
    text = text.replace(pattern, () => {
      result.lunar.push(day);
      return " ";
    });
  }
  const namedWeekdays: number[] = [];
  text = text.replace(weekdayWordPattern, (_, word: string) => {
    namedWeekdays.push(weekdayWords[word] ?? 0);
    return " ";
  });
  const leftovers = assignNumbers(text.replace(fillerPattern, " "), result);
  result.weekdays = sortedUnique([...result.weekdays, ...namedWeekdays]);
  result.lunar = sortedUnique(result.lunar);
  if (leftovers.length > 0) result.unparsed = leftovers.join(" ");
  return result;
}

/**
 * Bare numbers are weekdays (6.7 = Sat, Sun) unless one is above 7, in which case the list
 * is days of the month (10.20.30): the vendor never mixes the two in one cell.
 */
function assignNumbers(text: string, result: ClosedDays): string[] {
  const tokens = text.split(/[\s.、,;/+&和及]+/).filter((token) => token !== "");
  const leftovers: string[] = [];
  const bare: number[] = [];
  for (const token of tokens) {
    const explicitDay = /^(\d{1,2})[日號号]$/.exec(token);
    if (explicitDay && isDayOfMonth(Number(explicitDay[1]))) result.daysOfMonth.push(Number(explicitDay[1]));
    else if (/^\d{1,2}$/.test(token)) bare.push(Number(token));
    else leftovers.push(token);
  }
  const asDaysOfMonth = bare.some((n) => n > 7);
  for (const n of bare) {
    if (asDaysOfMonth && isDayOfMonth(n)) result.daysOfMonth.push(n);
    else if (!asDaysOfMonth && n >= 1) result.weekdays.push(n);
    else leftovers.push(String(n));
  }
  result.daysOfMonth = sortedUnique(result.daysOfMonth);
  return leftovers;
}

function isDayOfMonth(n: number): boolean {
  return n >= 1 && n <= 31;
}

/** "2.2999999999999998" → "2.3"; undefined when the text is not a float artifact. */
function repairFloatArtifact(text: string): string | undefined {
  if (!/^\d+\.\d{8,}$/.test(text)) return undefined;
  const rounded = String(Number(Number(text).toPrecision(8)));
  return rounded !== text && /^\d+(\.\d{1,2})?$/.test(rounded) ? rounded : undefined;
}

function sortedUnique<T extends number>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/**
 * Canonical text for a structure that has no raw (an edit made in the new system). Days of
 * month get a 日 suffix unless the vendor's bare form (10.20.30) already reads unambiguously.
 */
export function formatClosedDays(days: Omit<ClosedDays, "raw">): string {
  const bareDaysOfMonth = days.weekdays.length === 0 && days.daysOfMonth.some((day) => day > 7);
  const daysOfMonth = days.daysOfMonth.map((day) => (bareDaysOfMonth ? `${day}` : `${day}日`));
  const parts = [days.weekdays.join("."), daysOfMonth.join(".")].filter((part) => part !== "");
  if (days.redLetterDays) parts.push("見紅休");
  if (days.lunar.length > 0)
    parts.push(`(${days.lunar.map((day) => (day === 1 ? "初一" : "十五")).join("")})`);
  return parts.join(" ");
}
