import type { Finding } from "./findings.js";
import type { HclBody, TerraformTree } from "./hcl-files.js";
import { bodiesOf, isBody, type LabelledBlock, namedBlocks, typedBlocks } from "./hcl-model.js";
import type { BlockSchema, ProviderName, ProviderSchemas } from "./provider-schema.js";

/** Terraform's own arguments of every resource and data block, which no provider schema lists. */
const metaArguments = new Set([
  "count",
  "for_each",
  "provider",
  "depends_on",
  "lifecycle",
  "provisioner",
  "connection",
]);
const providerMeta = new Set(["alias"]);

function providerOf(block: LabelledBlock): ProviderName | undefined {
  const explicit =
    typeof block.body.provider === "string" ? /^\$\{([\w-]+)(\.\w+)?\}$/.exec(block.body.provider) : null;
  if (explicit?.[1] !== undefined) return explicit[1] as ProviderName;
  if (block.type.startsWith("google_")) return "google";
  if (block.type.startsWith("archive_")) return "archive";
  return undefined;
}

/** Names in `body` the schema does not accept, as dotted paths (dynamic blocks checked as blocks). */
function unknownNames(body: HclBody, schema: BlockSchema, prefix: string, skip: Set<string>): string[] {
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (skip.has(name)) continue;
    if (name === "dynamic") {
      for (const [blockName, dynamics] of Object.entries(isBody(value) ? value : {}))
        for (const dynamic of bodiesOf(dynamics))
          unknown.push(...nestedUnknown(blockName, bodiesOf(dynamic.content), schema, prefix));
      continue;
    }
    if (!schema.names.has(name)) {
      unknown.push(`${prefix}${name}`);
      continue;
    }
    // Nested blocks are arrays of bodies; an object attribute (labels = {…}) has keys of its own.
    if (Array.isArray(value)) unknown.push(...nestedUnknown(name, bodiesOf(value), schema, prefix));
  }
  return unknown;
}

function nestedUnknown(name: string, bodies: HclBody[], schema: BlockSchema, prefix: string): string[] {
  const nested = schema.blocks.get(name);
  if (nested === undefined) return schema.names.has(name) || bodies.length === 0 ? [] : [`${prefix}${name}`];
  return bodies.flatMap((body) => unknownNames(body, nested, `${prefix}${name}.`, new Set()));
}

function checkBlock(block: LabelledBlock, kind: "resource" | "data", schemas: ProviderSchemas): Finding[] {
  const address = `${kind === "data" ? "data." : ""}${block.type}.${block.name}`;
  const provider = providerOf(block);
  const schema = provider === undefined ? undefined : schemas.block(provider, kind, block.type);
  const where = { check: "hcl-schema" as const, file: block.file.path, subject: address };
  if (schema === undefined)
    return [
      {
        ...where,
        message: `${kind} type ${block.type} does not exist in the ${provider ?? "(no)"} provider's schema${
          provider === "google" ? " (a google-beta type needs provider = google-beta)" : ""
        }`,
      },
    ];
  return unknownNames(block.body, schema, "", metaArguments).map((name) => ({
    ...where,
    message: `argument or block ${name} does not exist in ${block.type} (${provider} provider schema)`,
  }));
}

/** Every resource type, data source and argument must exist in the pinned providers' schemas. */
export function checkSchema(tree: TerraformTree, schemas: ProviderSchemas): Finding[] {
  const findings: Finding[] = [];
  for (const kind of ["resource", "data"] as const)
    for (const block of typedBlocks(tree, kind)) findings.push(...checkBlock(block, kind, schemas));
  for (const block of namedBlocks(tree, "provider")) {
    const schema = schemas.providerBlock(block.name as ProviderName);
    const where = { check: "hcl-schema" as const, file: block.file.path, subject: `provider.${block.name}` };
    if (schema === undefined) findings.push({ ...where, message: `unknown provider ${block.name}` });
    else
      for (const name of unknownNames(block.body, schema, "", providerMeta))
        findings.push({ ...where, message: `provider argument ${name} does not exist` });
  }
  return findings;
}
