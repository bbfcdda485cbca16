import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "@cdktf/hcl2json";

/** A parsed HCL body as @cdktf/hcl2json renders it: blocks are arrays of bodies, expressions "${…}" strings. */
export type HclBody = Record<string, unknown>;

export interface TerraformFile {
  /** Path relative to the repository root, for messages (terraform/modules/pubsub/main.tf). */
  path: string;
  /** Directory of the file relative to the repository root: the module it belongs to. */
  module: string;
  kind: "tf" | "tfvars";
  text: string;
  body: HclBody;
}

export interface TerraformTree {
  repoRoot: string;
  files: TerraformFile[];
}

/** Local state, provider caches and the checks' own folder hold no configuration of ours. */
const skippedDirectories = new Set([".terraform", "checks", "node_modules"]);

function listFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skippedDirectories.has(entry.name)) found.push(...listFiles(join(dir, entry.name)));
    } else if (entry.name.endsWith(".tf") || entry.name.endsWith(".tfvars")) {
      found.push(join(dir, entry.name));
    }
  }
  return found.sort();
}

/** Parses every .tf and .tfvars file under `<repoRoot>/terraform`; a syntax error names its file. */
export async function loadTerraform(repoRoot: string): Promise<TerraformTree> {
  const files: TerraformFile[] = [];
  for (const absolute of listFiles(join(repoRoot, "terraform"))) {
    const path = relative(repoRoot, absolute);
    const text = readFileSync(absolute, "utf8");
    let body: HclBody;
    try {
      body = (await parse(path, text)) as HclBody;
    } catch (error) {
      throw new Error(`${path}: not valid HCL: ${String(error)}`);
    }
    const module = path.slice(0, path.lastIndexOf("/"));
    files.push({ path, module, kind: path.endsWith(".tfvars") ? "tfvars" : "tf", text, body });
  }
  return { repoRoot, files };
}
