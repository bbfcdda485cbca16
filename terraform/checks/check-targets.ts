import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "./findings.js";
import { compositionModule, type FunctionCatalog } from "./function-catalog.js";
import type { TerraformTree } from "./hcl-files.js";
import { expressionText, namedBlocks } from "./hcl-model.js";
import { readTopologyFile, topologyPath } from "./topology-file.js";

export const deployablesPath = "functions/src/deployables/deployables.ts";

/** The names in deployables.ts (`{ name: "api", entry: … }`): what the build bundles. */
export function readDeployables(repoRoot: string): string[] {
  const text = readFileSync(join(repoRoot, deployablesPath), "utf8");
  return [...text.matchAll(/\{\s*name:\s*"([^"]+)",\s*entry:/g)].map((m) => m[1] ?? "");
}

/** Every function a subscription or a job targets is defined in Terraform, and every deployable is. */
export function checkFunctionTargets(tree: TerraformTree, catalog: FunctionCatalog): Finding[] {
  const defined = new Set(catalog.functions.map((f) => f.entry_point));
  const findings: Finding[] = [];
  const missing = (file: string, subject: string, target: string) =>
    findings.push({
      check: "function-targets",
      file,
      subject,
      message: `targets function ${target}, which local.functions (${catalog.file}) does not define`,
    });
  for (const s of readTopologyFile(tree.repoRoot).subscriptions)
    if (s.pushToFunction && !defined.has(s.pushToFunction))
      missing(topologyPath, `subscription ${s.name}`, s.pushToFunction);
  for (const job of catalog.jobs)
    if (!defined.has(job.function)) missing(catalog.file, `scheduler job ${job.name}`, job.function);
  const deployables = readDeployables(tree.repoRoot);
  for (const f of catalog.functions)
    if (!deployables.includes(f.entry_point))
      findings.push({
        check: "function-targets",
        file: catalog.file,
        subject: `function ${f.id}`,
        message: `entry point ${f.entry_point} is not a deployable in ${deployablesPath}, so the build makes no bundle for it`,
      });
  for (const name of deployables)
    if (!defined.has(name))
      findings.push({
        check: "function-targets",
        file: catalog.file,
        subject: `deployable ${name}`,
        message: `${deployablesPath} lists ${name}, but Terraform deploys no function for it`,
      });
  return findings;
}

/** The expression the composition passes as `argument` to the module from `source`. */
function passedIdentity(tree: TerraformTree, source: string, argument: string): string | undefined {
  const call = namedBlocks(tree, "module", compositionModule).find((m) => m.body.source === source);
  const value = call?.body[argument];
  return value === undefined ? undefined : expressionText(value);
}

function invokerFindings(
  catalog: FunctionCatalog,
  targets: Map<string, string>,
  identity: string | undefined,
  check: "push-auth" | "scheduler-auth",
): Finding[] {
  const findings: Finding[] = [];
  for (const [target, by] of targets) {
    const fn = catalog.functions.find((f) => f.entry_point === target);
    if (fn === undefined) continue; // function-targets reports it
    const where = { check, file: catalog.file, subject: `function ${fn.id}` };
    const invokers = fn.invokers.map((member) => expressionText(member.replace(/^serviceAccount:/, "")));
    if (identity === undefined || !invokers.includes(identity))
      findings.push({
        ...where,
        message: `${by} calls it with a token of ${identity ?? "(no identity)"}, which its invokers do not list`,
      });
    if (fn.invokers.some((member) => member === "allUsers" || member === "allAuthenticatedUsers"))
      findings.push({
        ...where,
        message: `${by} calls it, so it must not be public (invokers list ${fn.invokers.join(", ")})`,
      });
  }
  return findings;
}

/** Push targets may be invoked by the push invoker (and only a dedicated one), scheduled ones by the scheduler's. */
export function checkInvokers(tree: TerraformTree, catalog: FunctionCatalog): Finding[] {
  const push = passedIdentity(tree, "../pubsub", "push_invoker_email");
  const scheduler = passedIdentity(tree, "../scheduler", "invoker_email");
  const pushTargets = new Map(
    readTopologyFile(tree.repoRoot).subscriptions.flatMap((s) =>
      s.pushToFunction ? [[s.pushToFunction, `subscription ${s.name}`] as const] : [],
    ),
  );
  const jobTargets = new Map(catalog.jobs.map((job) => [job.function, `scheduler job ${job.name}`] as const));
  const findings = [
    ...invokerFindings(catalog, pushTargets, push, "push-auth"),
    ...invokerFindings(catalog, jobTargets, scheduler, "scheduler-auth"),
  ];
  if (push !== undefined && push === scheduler)
    findings.push({
      check: "push-auth",
      file: `${compositionModule}/main.tf`,
      subject: "module pubsub",
      message: "pushes must use a dedicated invoker account, not the scheduler's",
    });
  return findings;
}
