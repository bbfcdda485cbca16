import { resolve } from "node:path";
import type { Finding } from "./findings.js";
import { compositionModule } from "./function-catalog.js";
import type { HclBody, TerraformTree } from "./hcl-files.js";
import {
  bodiesOf,
  expressionText,
  isBody,
  localsOf,
  namedBlocks,
  resolvePathExpression,
  typedBlocks,
} from "./hcl-model.js";
import {
  asEmulatorCreatesIt,
  readTopologyFile,
  type TopologySubscription,
  topologyPath,
} from "./topology-file.js";

type Where = Omit<Finding, "message">;

/** `jsondecode(file("${local.repo_root}/…"))` in the composition module must read the real file. */
function topologySource(tree: TerraformTree, where: Where): Finding[] {
  const expression = expressionText(localsOf(tree, compositionModule).pubsub_topology);
  const path = /^jsondecode\(file\("([^"]+)"\)\)$/.exec(expression)?.[1];
  const resolved = path === undefined ? undefined : resolvePathExpression(tree, compositionModule, path);
  const ok = resolved === resolve(tree.repoRoot, topologyPath);
  const passed = namedBlocks(tree, "module", compositionModule).some(
    (call) =>
      expressionText(call.body.topology) === "local.pubsub_topology" && call.body.source === "../pubsub",
  );
  const findings: Finding[] = [];
  if (!ok)
    findings.push({ ...where, message: `local.pubsub_topology must be jsondecode(file(…/${topologyPath}))` });
  if (!passed)
    findings.push({
      ...where,
      message: "module pubsub (../pubsub) must get topology = local.pubsub_topology",
    });
  return findings;
}

/** Attribute → default of `subscriptions = list(object({ … }))` in the pubsub module's variable type. */
function declaredFields(typeExpression: string): Map<string, unknown> | undefined {
  const block = /subscriptions\s*=\s*list\(object\(\{([\s\S]*?)\}\)\)/.exec(typeExpression)?.[1];
  if (block === undefined) return undefined;
  const fields = new Map<string, unknown>();
  for (const match of block.matchAll(/(\w+)\s*=\s*(optional\(\s*\w+\s*(?:,\s*([^)]+?))?\s*\)|\w+)/g)) {
    const fallback = match[3];
    fields.set(match[1] ?? "", fallback === undefined ? null : JSON.parse(fallback));
  }
  return fields;
}

/** What Terraform creates for one subscription: the file's values, else its type's defaults. */
function asTerraformCreatesIt(
  s: TopologySubscription,
  fields: Map<string, unknown>,
): Record<string, unknown> {
  const value = (name: keyof TopologySubscription) => s[name] ?? fields.get(name) ?? null;
  return {
    topic: value("topic"),
    pushToFunction: value("pushToFunction"),
    enableMessageOrdering: value("enableMessageOrdering"),
    ackDeadlineSeconds: value("ackDeadlineSeconds"),
    deadLetterTopic: value("deadLetterTopic"),
    maxDeliveryAttempts: s.deadLetterTopic ? value("maxDeliveryAttempts") : null,
    minimumBackoffSeconds: value("minimumBackoffSeconds"),
    maximumBackoffSeconds: value("maximumBackoffSeconds"),
  };
}

/** Expected text of each argument of the subscription resource, by topology field. */
const expectedArguments: Array<{ field: string; get: (body: HclBody) => unknown; expected: RegExp }> = [
  { field: "name", get: (b) => expressionText(b.name), expected: /^each\.key$/ },
  {
    field: "topic",
    get: (b) => expressionText(b.topic),
    expected: /^google_pubsub_topic\.\w+\[each\.value\.topic\]\.(id|name)$/,
  },
  {
    field: "ackDeadlineSeconds",
    get: (b) => expressionText(b.ack_deadline_seconds),
    expected: /^each\.value\.ackDeadlineSeconds$/,
  },
  {
    field: "enableMessageOrdering",
    get: (b) => expressionText(b.enable_message_ordering),
    expected: /^each\.value\.enableMessageOrdering$/,
  },
  {
    field: "minimumBackoffSeconds",
    get: (b) => bodiesOf(b.retry_policy)[0]?.minimum_backoff,
    expected: /^\$\{each\.value\.minimumBackoffSeconds\}s$/,
  },
  {
    field: "maximumBackoffSeconds",
    get: (b) => bodiesOf(b.retry_policy)[0]?.maximum_backoff,
    expected: /^\$\{each\.value\.maximumBackoffSeconds\}s$/,
  },
  {
    field: "deadLetterTopic",
    get: (b) => dynamicText(b, "dead_letter_policy", "dead_letter_topic"),
    expected:
      /each\.value\.deadLetterTopic.*google_pubsub_topic\.\w+\[dead_letter_policy\.value\]\.(id|name)$/,
  },
  {
    field: "maxDeliveryAttempts",
    get: (b) => dynamicText(b, "dead_letter_policy", "max_delivery_attempts"),
    expected: /^.*each\.value\.deadLetterTopic.* \| each\.value\.maxDeliveryAttempts$/,
  },
  {
    field: "pushToFunction",
    get: (b) => dynamicText(b, "push_config", "push_endpoint"),
    expected:
      /each\.value\.pushToFunction.*var\.push_targets\[push_config\.value\]\}\/projects\/\$\{var\.project_id\}\/topics\/\$\{each\.value\.topic\}$/,
  },
];

/** "<for_each> | <content argument>" of a dynamic block, so one pattern sees both. */
function dynamicText(body: HclBody, block: string, argument: string): string {
  const dynamic = bodiesOf(isBody(body.dynamic) ? body.dynamic[block] : undefined)[0];
  const content = bodiesOf(dynamic?.content)[0];
  if (dynamic === undefined || content === undefined) return "(no dynamic block)";
  return `${expressionText(dynamic.for_each)} | ${expressionText(content[argument])}`;
}

function mappingFindings(tree: TerraformTree): Finding[] {
  const findings: Finding[] = [];
  for (const sub of typedBlocks(tree, "resource", { type: "google_pubsub_subscription" })) {
    const where = {
      check: "topology" as const,
      file: sub.file.path,
      subject: `google_pubsub_subscription.${sub.name}`,
    };
    if (
      !expressionText(sub.body.for_each).includes("var.topology.subscriptions") &&
      !/^local\.subscriptions$/.test(expressionText(sub.body.for_each))
    )
      findings.push({
        ...where,
        message: `subscriptions must be created for each entry of ${topologyPath} (for_each over var.topology.subscriptions), not listed by hand`,
      });
    // A missing dead-letter policy is the dead-letters check's finding, not a second one here.
    const hasDeadLetters = isBody(sub.body.dynamic) && "dead_letter_policy" in sub.body.dynamic;
    for (const { field, get, expected } of expectedArguments) {
      if (!hasDeadLetters && (field === "deadLetterTopic" || field === "maxDeliveryAttempts")) continue;
      const actual = String(get(sub.body) ?? "(unset)");
      if (!expected.test(actual.replace(/\s+/g, " ")))
        findings.push({
          ...where,
          message: `topology field ${field} is not applied as the file says: found ${actual}`,
        });
    }
  }
  return findings;
}

/** Terraform's pubsub resources equal infra/pubsub/topology.json, read as the local stack reads it. */
export function checkTopology(tree: TerraformTree): Finding[] {
  const topology = readTopologyFile(tree.repoRoot);
  const variable = namedBlocks(tree, "variable").find(
    (v) => v.name === "topology" && v.file.module.endsWith("/pubsub"),
  );
  const file = variable?.file.path ?? "terraform/modules/pubsub/variables.tf";
  const where = { check: "topology" as const, file, subject: "var.topology" };
  const findings = [
    ...topologySource(tree, {
      ...where,
      file: `${compositionModule}/main.tf`,
      subject: "local.pubsub_topology",
    }),
  ];
  const fields = declaredFields(typeof variable?.body.type === "string" ? variable.body.type : "");
  if (fields === undefined)
    return [
      ...findings,
      {
        ...where,
        message:
          "the topology variable must be typed as object({ topics, subscriptions = list(object({…})) })",
      },
    ];
  for (const field of topology.fields)
    if (!fields.has(field))
      findings.push({ ...where, message: `${topologyPath} uses ${field}, which the variable's type drops` });
  for (const s of topology.subscriptions) {
    const emulator = JSON.stringify(asEmulatorCreatesIt(s));
    const terraform = JSON.stringify(asTerraformCreatesIt(s, fields));
    if (emulator !== terraform)
      findings.push({
        ...where,
        subject: `subscription ${s.name}`,
        message: `Terraform creates ${terraform}, the local stack ${emulator}`,
      });
  }
  return [...findings, ...mappingFindings(tree)];
}
