import { z } from "zod";
import { formatCount, formatDuration, formatValue } from "./format-figures.js";
import { formatTable } from "./format-table.js";

/** GET /v1/waves/{id}; statuses beyond the four known ones are shown as they come. */
export const waveStatusSchema = z.looseObject({
  id: z.string(),
  cohortId: z.string().optional(),
  stage: z.string(),
  status: z.string(),
  progress: z
    .looseObject({ done: z.number(), total: z.number(), etaSeconds: z.number().nullish() })
    .nullish(),
  gates: z.array(z.unknown()).nullish(),
  customers: z.record(z.string(), z.number()).nullish(),
});
export type WaveStatus = z.infer<typeof waveStatusSchema>;

/** ETA: the API's when it gives one (it knows its backfill), else the remaining work at the observed rate. */
export function waveEtaSeconds(wave: WaveStatus, ratePerSecond: number | undefined): number | undefined {
  const progress = wave.progress;
  if (!progress) return undefined;
  if (typeof progress.etaSeconds === "number") return progress.etaSeconds;
  if (ratePerSecond === undefined || ratePerSecond <= 0) return undefined;
  return Math.max(0, progress.total - progress.done) / ratePerSecond;
}

export function formatWaveStatus(wave: WaveStatus): string {
  const lines = [
    `wave ${wave.id}${wave.cohortId ? ` (cohort ${wave.cohortId})` : ""}: stage ${wave.stage}, ${wave.status}`,
  ];
  if (wave.progress) {
    const { done, total } = wave.progress;
    const percent = total === 0 ? 100 : (100 * done) / total;
    const eta = waveEtaSeconds(wave, undefined);
    lines.push(
      `progress ${formatCount(done)}/${formatCount(total)} (${percent.toFixed(1)}%)${eta === undefined ? "" : `, ETA ${formatDuration(eta)}`}`,
    );
  }
  if (wave.customers && Object.keys(wave.customers).length > 0) {
    const counts = Object.entries(wave.customers).map(([stage, count]) => `${stage} ${formatCount(count)}`);
    lines.push(`customers by stage: ${counts.join(", ")}`);
  }
  if (wave.gates && wave.gates.length > 0) lines.push("", formatGates(wave.gates));
  return lines.join("\n");
}

const gateSchema = z.looseObject({
  name: z.string().optional(),
  gate: z.string().optional(),
  id: z.string().optional(),
  ok: z.boolean().optional(),
  passed: z.boolean().optional(),
  status: z.string().optional(),
  reason: z.string().optional(),
  reasons: z.array(z.unknown()).optional(),
  detail: z.string().optional(),
  message: z.string().optional(),
});

/** The gate's shape is the API's to grow ("monitoring" adds metric gates), so read it leniently. */
function formatGates(gates: readonly unknown[]): string {
  const rows = gates.map((gate) => {
    const parsed = gateSchema.safeParse(gate);
    if (!parsed.success) return ["gate", "—", formatValue(gate)];
    const g = parsed.data;
    const passed = g.ok ?? g.passed;
    const state = passed === undefined ? (g.status ?? "—") : passed ? "pass" : "FAIL";
    const detail = g.reasons?.map(formatValue).join("; ") ?? g.reason ?? g.detail ?? g.message ?? "";
    return [g.name ?? g.gate ?? g.id ?? "gate", state, detail];
  });
  return formatTable(["gate", "state", "detail"], rows);
}
