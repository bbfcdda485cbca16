import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Finding } from "./findings.js";
import type { HclBody, TerraformTree } from "./hcl-files.js";
import { bodiesOf, isBody, namedBlocks, typedBlocks } from "./hcl-model.js";

const moduleFiles = ["main.tf", "variables.tf", "outputs.tf", "versions.tf"];
const moduleMeta = new Set(["source", "version", "providers", "depends_on", "count", "for_each"]);

type Where = Omit<Finding, "message">;
const structure = (file: string, subject: string): Where => ({ check: "module-structure", file, subject });

function subdirectories(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : [];
}

/** Cloud Foundation Toolkit layout: main, variables, outputs, versions; environments also a gcs backend. */
function layoutFindings(tree: TerraformTree): Finding[] {
  const findings: Finding[] = [];
  const dirs = [
    ...subdirectories(join(tree.repoRoot, "terraform/modules")).map((d) => ({
      dir: `terraform/modules/${d}`,
      env: false,
    })),
    ...subdirectories(join(tree.repoRoot, "terraform/envs")).map((d) => ({
      dir: `terraform/envs/${d}`,
      env: true,
    })),
  ];
  for (const { dir, env } of dirs) {
    for (const file of env ? [...moduleFiles, "backend.tf"] : moduleFiles)
      if (!existsSync(join(tree.repoRoot, dir, file)))
        findings.push({ ...structure(dir, dir), message: `has no ${file}` });
    const terraform = tree.files.filter((f) => f.module === dir).flatMap((f) => bodiesOf(f.body.terraform));
    if (env && !terraform.some((t) => isBody(t.backend) && "gcs" in t.backend))
      findings.push({
        ...structure(`${dir}/backend.tf`, dir),
        message: 'needs a backend "gcs" block (remote state in the bucket)',
      });
  }
  return findings;
}

/** Providers a module's blocks use: google, google-beta (provider = google-beta), archive. */
function providersUsed(tree: TerraformTree, module: string): Set<string> {
  const used = new Set<string>();
  for (const kind of ["resource", "data"] as const)
    for (const block of typedBlocks(tree, kind, { module })) {
      const explicit =
        typeof block.body.provider === "string" ? /^\$\{([\w-]+)/.exec(block.body.provider)?.[1] : undefined;
      used.add(explicit ?? block.type.split("_")[0] ?? "");
    }
  return used;
}

function versionFindings(tree: TerraformTree, module: string): Finding[] {
  const where = structure(`${module}/versions.tf`, module);
  const terraform = tree.files.filter((f) => f.module === module).flatMap((f) => bodiesOf(f.body.terraform));
  const findings: Finding[] = [];
  if (!terraform.some((t) => typeof t.required_version === "string"))
    findings.push({ ...where, message: "does not pin the Terraform version (required_version)" });
  const required: HclBody = Object.assign({}, ...terraform.flatMap((t) => bodiesOf(t.required_providers)));
  for (const provider of providersUsed(tree, module)) {
    const entry = required[provider];
    if (!isBody(entry) || typeof entry.source !== "string" || typeof entry.version !== "string")
      findings.push({
        ...where,
        message: `uses the ${provider} provider without pinning it in required_providers (source and version)`,
      });
  }
  return findings;
}

function documentationFindings(tree: TerraformTree): Finding[] {
  const findings: Finding[] = [];
  for (const v of namedBlocks(tree, "variable")) {
    const missing = ["description", "type", "validation"].filter(
      (key) => v.body[key] === undefined || v.body[key] === "",
    );
    if (missing.length > 0)
      findings.push({ ...structure(v.file.path, `var.${v.name}`), message: `has no ${missing.join(", ")}` });
  }
  for (const o of namedBlocks(tree, "output"))
    if (typeof o.body.description !== "string" || o.body.description === "")
      findings.push({ ...structure(o.file.path, `output.${o.name}`), message: "has no description" });
  return findings;
}

/** Each module call names an existing module, passes only its variables and every required one. */
function callFindings(tree: TerraformTree): Finding[] {
  const findings: Finding[] = [];
  for (const call of namedBlocks(tree, "module")) {
    const where = structure(call.file.path, `module.${call.name}`);
    const source = typeof call.body.source === "string" ? call.body.source : "";
    const target = resolve(tree.repoRoot, call.file.module, source);
    const targetModule = target.slice(resolve(tree.repoRoot).length + 1);
    if (!source.startsWith(".") || !existsSync(join(target, "main.tf"))) {
      findings.push({ ...where, message: `source ${source} is not a module of this repository` });
      continue;
    }
    const variables = namedBlocks(tree, "variable", targetModule);
    const names = new Set(variables.map((v) => v.name));
    for (const argument of Object.keys(call.body))
      if (!moduleMeta.has(argument) && !names.has(argument))
        findings.push({ ...where, message: `passes ${argument}, which ${targetModule} does not declare` });
    for (const v of variables)
      if (!("default" in v.body) && !(v.name in call.body))
        findings.push({ ...where, message: `does not pass ${v.name}, which ${targetModule} requires` });
  }
  return findings;
}

/** Modules in the Cloud Foundation Toolkit style: layout, pinned versions, documented and validated interface. */
export function checkModuleStructure(tree: TerraformTree): Finding[] {
  const modules = [...new Set(tree.files.filter((f) => f.kind === "tf").map((f) => f.module))];
  return [
    ...layoutFindings(tree),
    ...modules.flatMap((module) => versionFindings(tree, module)),
    ...documentationFindings(tree),
    ...callFindings(tree),
  ];
}
