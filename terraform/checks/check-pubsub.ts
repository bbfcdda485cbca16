import type { Finding } from "./findings.js";
import type { HclBody, TerraformTree } from "./hcl-files.js";
import { bodiesOf, expressionText, isBody, type LabelledBlock, localsOf, typedBlocks } from "./hcl-model.js";
import { readTopologyFile, topologyPath } from "./topology-file.js";

/** A block written either statically or as `dynamic "<name>"`, with its content bodies. */
function blockBodies(body: HclBody, name: string): { dynamic?: HclBody; bodies: HclBody[] } {
  const dynamic = bodiesOf(isBody(body.dynamic) ? body.dynamic[name] : undefined)[0];
  if (dynamic !== undefined) return { dynamic, bodies: bodiesOf(dynamic.content) };
  return { bodies: bodiesOf(body[name]) };
}

/** for_each text, with one level of `local.x` replaced by its definition. */
function forEachText(tree: TerraformTree, block: LabelledBlock): string {
  const text = expressionText(block.body.for_each);
  const local = /^local\.(\w+)$/.exec(text)?.[1];
  return local === undefined ? text : expressionText(localsOf(tree, block.file.module)[local]);
}

/** Topology: every subscription dead-letters, or reads a dead-letter topic that a pull hold keeps. */
function topologyDeadLetters(repoRoot: string): Finding[] {
  const topology = readTopologyFile(repoRoot);
  const deadLetterTopics = new Set(
    topology.subscriptions.flatMap((s) => (s.deadLetterTopic ? [s.deadLetterTopic] : [])),
  );
  const held = new Set(
    topology.subscriptions
      .filter((s) => !s.pushToFunction && deadLetterTopics.has(s.topic))
      .map((s) => s.topic),
  );
  return topology.subscriptions
    .filter((s) => !s.deadLetterTopic && !(deadLetterTopics.has(s.topic) && held.has(s.topic)))
    .map((s) => ({
      check: "dead-letters" as const,
      file: topologyPath,
      subject: `subscription ${s.name}`,
      message: deadLetterTopics.has(s.topic)
        ? `reads dead-letter topic ${s.topic}, which has no pull hold subscription keeping every message`
        : "has no deadLetterTopic: a message that always fails would be retried until it expires, then lost",
    }));
}

function grantFindings(tree: TerraformTree, module: string, where: Omit<Finding, "message">): Finding[] {
  const agent = (b: LabelledBlock) =>
    /pubsub_service_agent|gcp-sa-pubsub/.test(expressionText(b.body.member));
  const grants = [
    { type: "google_pubsub_topic_iam_member", role: "roles/pubsub.publisher", on: "dead-letter topic" },
    {
      type: "google_pubsub_subscription_iam_member",
      role: "roles/pubsub.subscriber",
      on: "dead-lettering subscription",
    },
  ];
  return grants.flatMap(({ type, role, on }) => {
    const found = typedBlocks(tree, "resource", { type, module }).some(
      (b) => b.body.role === role && agent(b) && forEachText(tree, b).includes("deadLetterTopic"),
    );
    return found
      ? []
      : [
          {
            ...where,
            message: `the Pub/Sub service agent needs ${role} on each ${on} (a ${type} for each, member the service agent); without it nothing is ever dead-lettered`,
          },
        ];
  });
}

/** Every subscription has a dead-letter policy, and the Pub/Sub service agent may forward to it. */
export function checkDeadLetters(tree: TerraformTree): Finding[] {
  const findings = topologyDeadLetters(tree.repoRoot);
  for (const sub of typedBlocks(tree, "resource", { type: "google_pubsub_subscription" })) {
    const where = {
      check: "dead-letters" as const,
      file: sub.file.path,
      subject: `google_pubsub_subscription.${sub.name}`,
    };
    const policy = blockBodies(sub.body, "dead_letter_policy");
    const content = policy.bodies[0];
    if (content?.dead_letter_topic === undefined || content.max_delivery_attempts === undefined)
      findings.push({
        ...where,
        message: "has no dead_letter_policy with dead_letter_topic and max_delivery_attempts",
      });
    findings.push(...grantFindings(tree, sub.file.module, where));
  }
  return findings;
}

/** Every push carries an OIDC token of the dedicated push invoker, for the target's own URL. */
export function checkPushAuth(tree: TerraformTree): Finding[] {
  const findings: Finding[] = [];
  for (const sub of typedBlocks(tree, "resource", { type: "google_pubsub_subscription" })) {
    const where = {
      check: "push-auth" as const,
      file: sub.file.path,
      subject: `google_pubsub_subscription.${sub.name}`,
    };
    for (const push of blockBodies(sub.body, "push_config").bodies) {
      const token = bodiesOf(push.oidc_token)[0];
      if (token?.service_account_email === undefined || token.audience === undefined)
        findings.push({
          ...where,
          message:
            "push_config has no oidc_token with service_account_email and audience: the function would have to accept unauthenticated pushes",
        });
      else if (!/push_invoker/.test(expressionText(token.service_account_email)))
        findings.push({
          ...where,
          message: `oidc_token.service_account_email is ${expressionText(token.service_account_email)}, not the dedicated push invoker`,
        });
    }
  }
  return findings;
}

/** Every Cloud Scheduler job calls over HTTP with an OIDC token (never unauthenticated, never OAuth). */
export function checkSchedulerAuth(tree: TerraformTree): Finding[] {
  return typedBlocks(tree, "resource", { type: "google_cloud_scheduler_job" }).flatMap((job) => {
    const where = {
      check: "scheduler-auth" as const,
      file: job.file.path,
      subject: `google_cloud_scheduler_job.${job.name}`,
    };
    const target = bodiesOf(job.body.http_target)[0];
    const token = target === undefined ? undefined : bodiesOf(target.oidc_token)[0];
    if (
      token?.service_account_email !== undefined &&
      token.audience !== undefined &&
      target?.oauth_token === undefined
    )
      return [];
    return [
      {
        ...where,
        message: "needs http_target.oidc_token with service_account_email and audience (Cloud Run checks it)",
      },
    ];
  });
}
