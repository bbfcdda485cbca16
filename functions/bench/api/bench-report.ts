import { type LagPercentiles, lagPercentiles } from "../../src/sync/status/sync-status.js";
import type { ColdStart } from "./cold-start.js";
import type { Tally } from "./open-loop.js";

export interface RouteResult {
  name: string;
  api: Tally;
  bare: Tally;
  /** How busy the whole machine was while the route ran (machine-cpu.ts). */
  busy: string;
  /** CPU time of the api and of the bare process per request they answered, ms. */
  cpuMs: { api: number | null; bare: number | null };
}

/** Targets of the issue: API p95 ≤ 1.5× bare and p99 ≤ 2× bare; cold start ≤ 2× the hello world. */
const targets = { p95: 1.5, p99: 2, coldStart: 2 };

const ms = (value: number | null) => (value === null ? "n/a" : value.toFixed(1)).padStart(8);
const times = (value: number | null, bare: number | null) =>
  value === null || !bare ? "  n/a" : `${(value / bare).toFixed(2)}×`.padStart(6);
const triple = (p: LagPercentiles) => `${ms(p.p50Ms)}${ms(p.p95Ms)}${ms(p.p99Ms)}`;

function errorText(tally: Tally): string {
  const total = [...tally.errors.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return "0";
  return [...tally.errors].map(([status, count]) => `${count}×${status || "none"}`).join(",");
}

function meets(api: LagPercentiles, bare: LagPercentiles): boolean {
  if (api.p95Ms === null || api.p99Ms === null || !bare.p95Ms || !bare.p99Ms) return false;
  return api.p95Ms <= targets.p95 * bare.p95Ms && api.p99Ms <= targets.p99 * bare.p99Ms;
}

/** One line per route: API and bare percentiles (ms, from the scheduled send), ratios, errors, CPU. */
export function routeTable(results: RouteResult[], rate: number, seconds: number): string {
  const head = [
    `Routes: ${rate} requests/s to each side for ${seconds} s (alternating ${"API/bare"} slices); latency in ms from the scheduled send time.`,
    `${"route".padEnd(26)}${"API p50     p95     p99".padStart(24)}${"bare p50     p95     p99".padStart(25)}${"p95×".padStart(7)}${"p99×".padStart(7)}  target  CPU ms/req API / bare  errors API / bare   machine busy`,
  ];
  const lines = results.map(({ name, api, bare, busy, cpuMs }) => {
    const [a, b] = [lagPercentiles(api.latenciesMs), lagPercentiles(bare.latenciesMs)];
    const ratios = `${times(a.p95Ms, b.p95Ms)} ${times(a.p99Ms, b.p99Ms)}`;
    const errors = `${errorText(api)} / ${errorText(bare)}`.padEnd(18);
    const cpu = `${cpuMs.api?.toFixed(2) ?? "n/a"} / ${cpuMs.bare?.toFixed(2) ?? "n/a"}`.padEnd(22);
    return `${name.padEnd(26)}${triple(a)} ${triple(b)}  ${ratios}  ${meets(a, b) ? "met " : "MISS"}    ${cpu} ${errors} ${busy}`;
  });
  return [...head, ...lines].join("\n");
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/** One line per deployable: bundle size, median cold start, the hello world's, the ratio, CPU. */
export function coldStartTable(results: ColdStart[], runs: number): string {
  const head = [
    `Cold starts: process start → first answered request, median of ${runs}, each run after one of a bare functions-framework hello world.`,
    `${"bundle".padEnd(20)}${"index.js (+ map)".padEnd(22)}${"ms".padStart(8)}${"hello ms".padStart(10)}${"ratio".padStart(8)}  target  machine busy`,
  ];
  const lines = results.map((r) => {
    const ratio = r.medianMs / r.helloMs;
    const size = `${kib(r.sizeBytes)} (+ ${kib(r.mapBytes)})`.padEnd(22);
    const verdict = ratio <= targets.coldStart ? "met " : "MISS";
    return `${r.bundle.padEnd(20)}${size}${r.medianMs.toFixed(0).padStart(8)}${r.helloMs.toFixed(0).padStart(10)}${`${ratio.toFixed(2)}×`.padStart(8)}  ${verdict}    ${r.busy}`;
  });
  return [...head, ...lines].join("\n");
}
