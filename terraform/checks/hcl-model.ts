import { resolve } from "node:path";
import type { HclBody, TerraformFile, TerraformTree } from "./hcl-files.js";

/** One labelled block of a file: `resource "type" "name"`, `module "name"`, `variable "name"`… */
export interface LabelledBlock {
  file: TerraformFile;
  /** resource / data: the type; other blocks: "". */
  type: string;
  name: string;
  body: HclBody;
}

export function isBody(value: unknown): value is HclBody {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A block's bodies: hcl2json renders `x { … }` as [{…}], and one attribute-style object as {…}. */
export function bodiesOf(value: unknown): HclBody[] {
  if (Array.isArray(value)) return value.filter(isBody);
  return isBody(value) ? [value] : [];
}

function tfFiles(tree: TerraformTree, module?: string): TerraformFile[] {
  return tree.files.filter((file) => file.kind === "tf" && (module === undefined || file.module === module));
}

/** Every `resource` (or `data`) block, optionally of one type and one module. */
export function typedBlocks(
  tree: TerraformTree,
  kind: "resource" | "data",
  filter: { type?: string; module?: string } = {},
): LabelledBlock[] {
  const blocks: LabelledBlock[] = [];
  for (const file of tfFiles(tree, filter.module)) {
    for (const [type, byName] of Object.entries(isBody(file.body[kind]) ? file.body[kind] : {})) {
      if (filter.type !== undefined && type !== filter.type) continue;
      for (const [name, bodies] of Object.entries(isBody(byName) ? byName : {}))
        for (const body of bodiesOf(bodies)) blocks.push({ file, type, name, body });
    }
  }
  return blocks;
}

/** Every block of a kind with one label: module, variable, output, provider. */
export function namedBlocks(
  tree: TerraformTree,
  kind: "module" | "variable" | "output" | "provider",
  module?: string,
): LabelledBlock[] {
  const blocks: LabelledBlock[] = [];
  for (const file of tfFiles(tree, module)) {
    const byName = file.body[kind];
    for (const [name, bodies] of Object.entries(isBody(byName) ? byName : {}))
      for (const body of bodiesOf(bodies)) blocks.push({ file, type: "", name, body });
  }
  return blocks;
}

/** The module's `locals` merged across its files. */
export function localsOf(tree: TerraformTree, module: string): HclBody {
  const merged: HclBody = {};
  for (const file of tfFiles(tree, module))
    for (const body of bodiesOf(file.body.locals)) Object.assign(merged, body);
  return merged;
}

/** The module directories that hold .tf files. */
export function modulesOf(tree: TerraformTree): string[] {
  return [...new Set(tfFiles(tree).map((file) => file.module))].sort();
}

/** `${local.x}` → the local's value; anything else as it is. */
export function resolveLocal(value: unknown, locals: HclBody): unknown {
  const match = typeof value === "string" ? /^\$\{local\.(\w+)\}$/.exec(value) : null;
  return match?.[1] !== undefined && match[1] in locals ? locals[match[1]] : value;
}

/** Whether `${` at the start of `text` closes at its very end (a whole expression, not a template). */
function wholeExpression(text: string): boolean {
  if (!text.startsWith("${") || !text.endsWith("}")) return false;
  let depth = 0;
  for (let i = 1; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i === text.length - 1;
  }
  return false;
}

/** An expression without its `${ }` wrapper and with its whitespace collapsed, for comparisons. */
export function expressionText(value: unknown): string {
  const text = (typeof value === "string" ? value : JSON.stringify(value)) ?? "";
  return (wholeExpression(text) ? text.slice(2, -1) : text).replace(/\s+/g, " ").trim();
}

/** Every string anywhere in a value, with the path it was found at. */
export function stringsIn(value: unknown, path = ""): Array<{ path: string; value: string }> {
  if (typeof value === "string") return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, `${path}[${i}]`));
  if (isBody(value))
    return Object.entries(value).flatMap(([key, item]) => stringsIn(item, path ? `${path}.${key}` : key));
  return [];
}

/**
 * The file path a module's path expression names (`${local.repo_root}/infra/…`, `${path.module}/…`),
 * absolute; undefined when it uses anything else.
 */
export function resolvePathExpression(
  tree: TerraformTree,
  module: string,
  expression: string,
): string | undefined {
  const repoRoot = localsOf(tree, module).repo_root;
  const path = expression
    .replace(/\$\{local\.repo_root\}/g, typeof repoRoot === "string" ? repoRoot : "(no local.repo_root)")
    .replace(/\$\{path\.module\}/g, resolve(tree.repoRoot, module));
  return path.includes("${") ? undefined : resolve(path);
}
