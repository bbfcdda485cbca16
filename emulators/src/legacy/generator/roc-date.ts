/**
 * Dates as the legacy system writes them: ROC calendar (民國 year = Gregorian − 1911), `YYYMMDD`.
 * Internally days are whole UTC epoch days so arithmetic is exact and time-zone free.
 */
const msPerDay = 86_400_000;

export function epochDay(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / msPerDay);
}

export function dateOfEpochDay(day: number): Date {
  return new Date(day * msPerDay);
}

export function rocDate(day: number): string {
  const date = dateOfEpochDay(day);
  const year = String(date.getUTCFullYear() - 1911).padStart(3, "0");
  const month = String(date.getUTCMonth() + 1).padStart(2, "0");
  const dayOfMonth = String(date.getUTCDate()).padStart(2, "0");
  return `${year}${month}${dayOfMonth}`;
}

/** `HHMMSS` from seconds since midnight. */
export function rocTime(secondsOfDay: number): string {
  const hours = Math.floor(secondsOfDay / 3600);
  const minutes = Math.floor((secondsOfDay % 3600) / 60);
  const seconds = secondsOfDay % 60;
  return [hours, minutes, seconds].map((part) => String(part).padStart(2, "0")).join("");
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return dateOfEpochDay(day).getUTCDay();
}
