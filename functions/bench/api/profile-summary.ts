/**
 * Where a V8 CPU profile's time went (BENCH_CPU_PROFILE=1 writes one of the api process):
 * self time by package or source file, and time spent inside each of our source files
 * (the bundle's positions mapped back through its source map).
 *   npx tsx functions/bench/api/profile-summary.ts .run/bench-api-profile/<file>.cpuprofile [bundle dir]
 */
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot } from "../sync/bench-stack.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [profilePath, bundleDir = join(repoRoot, "functions", "dist", "api")] = process.argv.slice(2);
if (!profilePath) {
  console.error("usage: profile-summary.ts <file.cpuprofile> [bundle dir]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(profilePath, "utf8")) as Profile;
const bundle = join(bundleDir, "index.js");
const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, "utf8")));

/** A frame's place: our source file (through the map), an npm package, node itself, or V8's own. */
function placeOf({ callFrame }: ProfileNode): string {
  const { url, functionName, lineNumber, columnNumber } = callFrame;
  if (url === "") return functionName.startsWith("(") ? functionName : `(${functionName || "v8"})`;
  if (url.startsWith("node:")) return url;
  const path = url.startsWith("file:") ? fileURLToPath(url) : url;
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inPackage) return `npm ${inPackage[1]}`;
  if (path === bundle) {
    const entry = map.findEntry(lineNumber, columnNumber) as { originalSource?: string };
    const source = entry.originalSource?.replace(/^(\.\.\/)+/, "");
    return source ?? "bundle (unmapped)";
  }
  return path;
}

const parents = new Map<number, ProfileNode>();
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node);
const places = new Map(profile.nodes.map((node) => [node.id, placeOf(node)]));

const self = new Map<string, number>();
const selfByFunction = new Map<string, number>();
const inside = new Map<string, number>();
let total = 0;
let idle = 0;
profile.samples.forEach((id, index) => {
  const ms = (profile.timeDeltas[index] ?? 0) / 1000;
  total += ms;
  const place = places.get(id) ?? "?";
  if (place === "(idle)") {
    idle += ms;
    return;
  }
  self.set(place, (self.get(place) ?? 0) + ms);
  const name = `${place} ${byId.get(id)?.callFrame.functionName || "(anonymous)"}`;
  selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + ms);
  const seen = new Set<string>();
  for (let node = byId.get(id); node; node = parents.get(node.id)) seen.add(places.get(node.id) ?? "?");
  for (const file of seen) if (file.startsWith("src/")) inside.set(file, (inside.get(file) ?? 0) + ms);
});

function top(title: string, table: Map<string, number>, count = 25): void {
  console.log(`\n${title}`);
  for (const [place, ms] of [...table].sort((a, b) => b[1] - a[1]).slice(0, count))
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${place}`);
}

console.log(`profile ${(total / 1000).toFixed(1)} s, busy ${((1 - idle / total) * 100).toFixed(0)} %`);
top("Self time by place:", self);
top("Self time by function:", selfByFunction, Number(process.env.TOP ?? 30));
top("Time with one of our files on the stack (inclusive):", inside);
