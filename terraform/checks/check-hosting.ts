import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Finding } from "./findings.js";
import { compositionModule, type FunctionCatalog } from "./function-catalog.js";
import type { TerraformTree } from "./hcl-files.js";
import { namedBlocks } from "./hcl-model.js";

export const firebaseJsonPath = "firebase.json";

const firebaseJsonSchema = z.object({
  hosting: z.object({
    rewrites: z.array(
      z
        .object({
          source: z.string(),
          function: z.object({ functionId: z.string(), region: z.string() }).optional(),
        })
        .loose(),
    ),
    headers: z.array(
      z.object({ source: z.string(), headers: z.array(z.object({ key: z.string(), value: z.string() })) }),
    ),
  }),
});

/** What every page of the dashboard must be served with, and why. */
const requiredHeaders: Array<{ key: string; valid: (value: string) => boolean; why: string }> = [
  {
    key: "Content-Security-Policy",
    valid: (v) =>
      /default-src 'self'/.test(v) &&
      /frame-ancestors 'none'/.test(v) &&
      !/unsafe-inline|unsafe-eval/.test(v),
    why: "scripts only from the site itself, never framed",
  },
  {
    key: "Strict-Transport-Security",
    valid: (v) => Number(/max-age=(\d+)/.exec(v)?.[1] ?? 0) >= 31_536_000,
    why: "HTTPS only, for at least a year",
  },
  { key: "X-Content-Type-Options", valid: (v) => v === "nosniff", why: "no content sniffing" },
  { key: "X-Frame-Options", valid: (v) => v === "DENY", why: "no framing by older browsers" },
  {
    key: "Referrer-Policy",
    valid: (v) => /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/.test(v),
    why: "no full URLs to other sites",
  },
];

function readFirebaseJson(repoRoot: string): z.infer<typeof firebaseJsonSchema> {
  return firebaseJsonSchema.parse(JSON.parse(readFileSync(join(repoRoot, firebaseJsonPath), "utf8")));
}

/** firebase.json serves every path with the security headers (Hosting is the dashboard's front). */
export function checkHostingHeaders(tree: TerraformTree): Finding[] {
  const all = readFirebaseJson(tree.repoRoot).hosting.headers.find((h) => h.source === "**")?.headers ?? [];
  const findings: Finding[] = requiredHeaders.flatMap(({ key, valid, why }) => {
    const value = all.find((h) => h.key.toLowerCase() === key.toLowerCase())?.value;
    if (value !== undefined && valid(value)) return [];
    return [
      {
        check: "hosting-headers" as const,
        file: firebaseJsonPath,
        subject: `headers for "**"`,
        message: `${key} is ${value === undefined ? "missing" : `"${value}"`}; it must give: ${why}`,
      },
    ];
  });
  const site = namedBlocks(tree, "module", compositionModule).some((m) => m.body.source === "../hosting");
  if (!site)
    findings.push({
      check: "hosting-headers",
      file: `${compositionModule}/main.tf`,
      subject: "module hosting",
      message: "the composition must manage the Hosting site (../hosting)",
    });
  return findings;
}

/** Every Hosting rewrite to a function names a function Terraform deploys, in its region. */
export function checkRewriteTargets(tree: TerraformTree, catalog: FunctionCatalog): Finding[] {
  const region = namedBlocks(tree, "variable", compositionModule).find((v) => v.name === "region")?.body
    .default;
  return readFirebaseJson(tree.repoRoot).hosting.rewrites.flatMap((rewrite) => {
    const target = rewrite.function;
    if (target === undefined) return [];
    const where = {
      check: "function-targets" as const,
      file: firebaseJsonPath,
      subject: `rewrite ${rewrite.source}`,
    };
    if (!catalog.functions.some((f) => f.id === target.functionId))
      return [
        {
          ...where,
          message: `targets function ${target.functionId}, which local.functions (${catalog.file}) does not define`,
        },
      ];
    if (target.region !== region)
      return [
        {
          ...where,
          message: `targets region ${target.region}, but the functions are deployed to ${String(region)}`,
        },
      ];
    return [];
  });
}
