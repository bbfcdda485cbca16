import { readFileSync } from "node:fs";
import { cpus } from "node:os";

/** Jiffies from the first line of /proc/stat: all of them, and the idle ones (idle + iowait). */
interface CpuTimes {
  total: number;
  idle: number;
}

function readCpuTimes(): CpuTimes | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    if (fields.length < 5 || fields.some((value) => !Number.isFinite(value))) return null;
    const [, , , idle = 0, iowait = 0] = fields;
    return { total: fields.reduce((sum, value) => sum + value, 0), idle: idle + iowait };
  } catch {
    return null; // not Linux: the figure is simply not printed
  }
}

/**
 * How busy the whole machine was while `work` ran (every process: emulators, functions, the
 * load generator). The ratios compare paths that load the machine very differently, so the
 * benchmark prints this beside them: a path that keeps the cores nearly saturated queues.
 */
export async function withMachineCpu<T>(work: () => Promise<T>): Promise<{ result: T; busy: string }> {
  const before = readCpuTimes();
  const result = await work();
  const after = readCpuTimes();
  if (!before || !after || after.total <= before.total) return { result, busy: "n/a" };
  const busyShare = 1 - (after.idle - before.idle) / (after.total - before.total);
  return { result, busy: `${Math.round(busyShare * 100)} % of ${cpus().length} cores` };
}
