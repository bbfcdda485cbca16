import { DomainError, type ErrorCode } from "../domain/domain-error.js";
import { toHalfWidth } from "./text-normalise.js";

/** ROC (民國) year 1 is 1912. */
export const rocYearOffset = 1911;
/** Asia/Taipei is UTC+8 all year (no DST since 1979), so a fixed offset is exact. */
export const taipeiOffset = "+08:00";
const taipeiOffsetMs = 8 * 60 * 60 * 1000;

/** Why a ROC date or time did not parse; the codes live in the one list of error codes. */
export type RocDateErrorCode = Extract<ErrorCode, `roc-${string}`>;

/** Stable, catchable error for callers that prefer exceptions to results. */
export class RocDateError extends DomainError {
  /** Narrowed so callers can branch on which part failed; the base stores it. */
  declare readonly code: RocDateErrorCode;
  constructor(
    code: RocDateErrorCode,
    readonly input: string | null,
  ) {
    super(code, `${code}: ${JSON.stringify(input)}`);
    this.name = "RocDateError";
  }
}

export type RocResult<T> = { ok: true; value: T } | { ok: false; error: RocDateError };

const fail = <T>(code: RocDateErrorCode, input: string | null): RocResult<T> => ({
  ok: false,
  error: new RocDateError(code, input),
});

const compactDate = /^(\d{2,3})(\d{2})(\d{2})$/;
const separatedDate = /^(\d{1,3})\s*[/.\-年]\s*(\d{1,2})\s*[/.\-月]\s*(\d{1,2})\s*日?$/;

/** 1141128, 0991231, 991231, 114/11/28, 114-11-28, 114年11月28日 → 2025-11-28. */
export function rocDateToIso(input: string | null): RocResult<string> {
  const text = toHalfWidth(input ?? "").trim();
  if (text === "") return fail("roc-date-blank", input);
  const match = compactDate.exec(text) ?? separatedDate.exec(text);
  if (!match) return fail("roc-date-format", input);
  const [rocYear, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const year = rocYear + rocYearOffset;
  if (rocYear < 1 || !isCalendarDate(year, month, day)) return fail("roc-date-calendar", input);
  return { ok: true, value: `${year}-${pad(month, 2)}-${pad(day, 2)}` };
}

export type RocDateStyle = "compact" | "slash" | "chinese";

/** 2025-11-28 → 1141128 (compact, the vendor's char(7)), 114/11/28 or 114年11月28日. */
export function isoToRocDate(iso: string, style: RocDateStyle = "compact"): RocResult<string> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return fail("roc-date-format", iso);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const rocYear = year - rocYearOffset;
  if (rocYear < 1 || rocYear > 999 || !isCalendarDate(year, month, day))
    return fail("roc-date-calendar", iso);
  if (style === "slash") return { ok: true, value: `${rocYear}/${pad(month, 2)}/${pad(day, 2)}` };
  if (style === "chinese") return { ok: true, value: `${rocYear}年${month}月${day}日` };
  return { ok: true, value: `${pad(rocYear, 3)}${pad(month, 2)}${pad(day, 2)}` };
}

/** upd_date 1141128 + upd_time 093005 (Taipei wall clock) → 2025-11-28T09:30:05+08:00. */
export function rocDateTimeToIso(rocDate: string | null, hhmmss: string | null): RocResult<string> {
  const date = rocDateToIso(rocDate);
  if (!date.ok) return date;
  const time = /^([01]\d|2[0-3])([0-5]\d)([0-5]\d)$/.exec((hhmmss ?? "").trim());
  if (!time) return fail("roc-time-format", hhmmss);
  return { ok: true, value: `${date.value}T${time[1]}:${time[2]}:${time[3]}${taipeiOffset}` };
}

/** Any ISO instant → { date: 1141128, time: 093005 } on the Taipei wall clock. */
export function isoToRocDateTime(iso: string): RocResult<{ date: string; time: string }> {
  const instant = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(instant)) return fail("roc-date-format", iso);
  const taipei = new Date(instant + taipeiOffsetMs).toISOString(); // shifted so UTC fields read as Taipei
  const date = isoToRocDate(taipei.slice(0, 10));
  if (!date.ok) return date;
  const time = taipei.slice(11, 19).replaceAll(":", "");
  return { ok: true, value: { date: date.value, time } };
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** The Taipei calendar date `days` days before `now`'s (0: today in Taipei), as YYYY-MM-DD. */
export function taipeiDateDaysBefore(now: Date, days: number): string {
  return new Date(now.getTime() + taipeiOffsetMs - days * 86_400_000).toISOString().slice(0, 10);
}
