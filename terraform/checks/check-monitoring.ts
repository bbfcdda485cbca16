import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { z } from "zod";
import type { Finding } from "./findings.js";
import { compositionModule } from "./function-catalog.js";
import type { TerraformTree } from "./hcl-files.js";
import { expressionText, namedBlocks, resolvePathExpression } from "./hcl-model.js";
import { alertPolicySchema, dashboardSchema, logMetricSchema } from "./monitoring-definitions.js";

export const monitoringPath = "infra/monitoring";

const folders: Array<{ folder: string; schema: z.ZodType; what: string }> = [
  { folder: "alert-policies", schema: alertPolicySchema, what: "alert policy" },
  { folder: "log-metrics", schema: logMetricSchema, what: "log-based metric" },
  { folder: "dashboards", schema: dashboardSchema, what: "dashboard" },
];

function definitionFindings(repoRoot: string, folder: string, schema: z.ZodType, what: string): Finding[] {
  const dir = join(repoRoot, monitoringPath, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .flatMap((name) => {
      const file = `${monitoringPath}/${folder}/${name}`;
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(join(dir, name), "utf8"));
      } catch (error) {
        return [
          {
            check: "alert-documentation" as const,
            file,
            subject: what,
            message: `not JSON: ${String(error)}`,
          },
        ];
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) return [];
      return parsed.error.issues.map((issue) => ({
        check: "alert-documentation" as const,
        file,
        subject: what,
        message: `${issue.path.join(".") || "(file)"}: ${issue.message}`,
      }));
    });
}

/** The composition must point modules/monitoring at infra/monitoring, or no definition is applied. */
function wiringFindings(tree: TerraformTree): Finding[] {
  const call = namedBlocks(tree, "module", compositionModule).find((m) => m.body.source === "../monitoring");
  const dir = resolvePathExpression(
    tree,
    compositionModule,
    expressionText(call?.body.definitions_dir ?? ""),
  );
  if (call !== undefined && dir === resolve(tree.repoRoot, monitoringPath)) return [];
  return [
    {
      check: "alert-documentation",
      file: `${compositionModule}/main.tf`,
      subject: "module monitoring",
      message: `definitions_dir must be ${monitoringPath}`,
    },
  ];
}

/** Every alert policy (and metric, dashboard) in infra/monitoring is valid and documented. */
export function checkMonitoring(tree: TerraformTree): Finding[] {
  return [
    ...wiringFindings(tree),
    ...folders.flatMap(({ folder, schema, what }) => definitionFindings(tree.repoRoot, folder, schema, what)),
  ];
}
