import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The arguments a resource, data source or provider block accepts, from the Terraform provider schema
 * that the @cdktf/provider-* packages were generated from. The packages ship no schema JSON, but each
 * generated class turns its configuration into Terraform's own names (`synthesizeAttributes`, and one
 * `<struct>ToTerraform` function per nested block), so those names are the provider's argument names.
 */
export interface BlockSchema {
  /** Every argument and nested block name accepted here. */
  names: ReadonlySet<string>;
  /** Nested blocks (and object attributes) by name. */
  blocks: ReadonlyMap<string, BlockSchema>;
}

export type ProviderName = "google" | "google-beta" | "archive";
export type BlockKind = "resource" | "data";

const packages: Record<ProviderName, { pkg: string; prefix: string; strip: string }> = {
  // google: resource google_pubsub_topic → lib/pubsub-topic, data google_project → lib/data-google-project
  google: { pkg: "@cdktf/provider-google", prefix: "", strip: "google_" },
  // google-beta keeps the prefix: lib/google-firebase-hosting-site, lib/data-google-project
  "google-beta": { pkg: "@cdktf/provider-google-beta", prefix: "google-", strip: "google_" },
  archive: { pkg: "@cdktf/provider-archive", prefix: "", strip: "archive_" },
};

const entryPattern = /^\s+(\w+): (.+),$/gm;
// A generated struct converter called without the `cdktf.` prefix names a nested block.
const structCall = /(?:^|[^.\w])(\w+)ToTerraform\b/;

function entries(objectBody: string): Array<{ name: string; struct: string | undefined }> {
  return [...objectBody.matchAll(entryPattern)].map((match) => ({
    name: match[1] ?? "",
    struct: structCall.exec(match[2] ?? "")?.[1],
  }));
}

/** Every `function <name>ToTerraform(struct) { … return { … }; }` of a generated module, by name. */
function structBodies(source: string): Map<string, string> {
  const bodies = new Map<string, string>();
  const functionPattern = /^function (\w+)ToTerraform\(struct\) \{$([\s\S]*?)^\}$/gm;
  for (const match of source.matchAll(functionPattern)) {
    const returned = /return \{\n([\s\S]*?)\n\s*\};/.exec(match[2] ?? "");
    if (returned?.[1] !== undefined) bodies.set(match[1] ?? "", returned[1]);
  }
  return bodies;
}

function buildBlock(body: string, structs: Map<string, string>, depth = 0): BlockSchema {
  const names = new Set<string>();
  const blocks = new Map<string, BlockSchema>();
  for (const entry of entries(body)) {
    names.add(entry.name);
    const nested = entry.struct === undefined ? undefined : structs.get(entry.struct);
    // Recursive types (a few exist) are cut off; nothing in this project nests that deep.
    if (nested !== undefined && depth < 12) blocks.set(entry.name, buildBlock(nested, structs, depth + 1));
  }
  return { names, blocks };
}

function moduleSource(dir: string): string {
  const files = [join(dir, "index.js")];
  const structsDir = join(dir, "index-structs");
  if (existsSync(structsDir))
    for (const file of readdirSync(structsDir)) if (file.endsWith(".js")) files.push(join(structsDir, file));
  return files.map((file) => readFileSync(file, "utf8")).join("\n");
}

/** Reads the schemas lazily, one generated module at a time, and keeps what it read. */
export class ProviderSchemas {
  private readonly cache = new Map<string, BlockSchema | undefined>();

  constructor(private readonly nodeModules: string) {}

  block(provider: ProviderName, kind: BlockKind, type: string): BlockSchema | undefined {
    const key = `${provider}/${kind}/${type}`;
    if (!this.cache.has(key)) this.cache.set(key, this.load(provider, kind, type));
    return this.cache.get(key);
  }

  /** The provider's own configuration block (`provider "google" { … }`). */
  providerBlock(provider: ProviderName): BlockSchema | undefined {
    const key = `${provider}/provider`;
    if (!this.cache.has(key)) {
      const dir = join(this.nodeModules, packages[provider].pkg, "lib", "provider");
      this.cache.set(key, existsSync(dir) ? this.parse(moduleSource(dir), undefined) : undefined);
    }
    return this.cache.get(key);
  }

  private load(provider: ProviderName, kind: BlockKind, type: string): BlockSchema | undefined {
    const { pkg, prefix, strip } = packages[provider];
    if (!type.startsWith(strip)) return undefined;
    const base = type.slice(strip.length).replaceAll("_", "-");
    const dirName = kind === "data" ? `data-${type.replaceAll("_", "-")}` : `${prefix}${base}`;
    const dir = join(this.nodeModules, pkg, "lib", dirName);
    if (!existsSync(join(dir, "index.js"))) return undefined;
    return this.parse(moduleSource(dir), type);
  }

  private parse(source: string, type: string | undefined): BlockSchema | undefined {
    // The module must be the one for this type: a name that only looks alike is not accepted.
    if (type !== undefined && !source.includes(`.tfResourceType = "${type}";`)) return undefined;
    const attributes = /synthesizeAttributes\(\) \{\s*return \{\n([\s\S]*?)\n\s*\};/.exec(source);
    if (attributes?.[1] === undefined) return undefined;
    return buildBlock(attributes[1], structBodies(source));
  }
}
