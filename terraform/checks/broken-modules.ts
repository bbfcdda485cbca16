import type { CheckId } from "./findings.js";

/** One deliberate fault in a copy of the real configuration, and the one check that must catch it. */
export interface BrokenModule {
  name: string;
  check: CheckId;
  edits: Array<{ file: string; from: string; to: string }>;
}

const pubsub = "terraform/modules/pubsub/main.tf";
const catalog = "terraform/modules/luckygas/functions.tf";
const composition = "terraform/modules/luckygas/main.tf";

export const brokenModules: BrokenModule[] = [
  {
    name: "an argument the resource does not have",
    check: "hcl-schema",
    edits: [
      {
        file: "terraform/modules/state-bucket/main.tf",
        from: "uniform_bucket_level_access = true",
        to: "uniform_bucket_access = true",
      },
    ],
  },
  {
    name: "a google-beta resource without provider = google-beta",
    check: "hcl-schema",
    edits: [{ file: "terraform/modules/hosting/main.tf", from: "  provider = google-beta\n", to: "" }],
  },
  {
    name: "a module call passing a variable the module does not declare",
    check: "module-structure",
    edits: [
      {
        file: composition,
        from: "  invoker_email = module.service_accounts.scheduler_invoker_email\n",
        to: '  invoker_email = module.service_accounts.scheduler_invoker_email\n  colour        = "blue"\n',
      },
    ],
  },
  {
    name: "a variable without description",
    check: "module-structure",
    edits: [
      {
        file: "terraform/modules/scheduler/variables.tf",
        from: '  description = "Time zone of the schedules (tz database name)."\n',
        to: "",
      },
    ],
  },
  {
    name: "an environment pinning another provider version than the checked schema",
    check: "provider-pins",
    edits: [
      {
        file: "terraform/envs/prod/versions.tf",
        from: 'source  = "hashicorp/google"\n      version = "6.50.0"',
        to: 'source  = "hashicorp/google"\n      version = "6.49.0"',
      },
    ],
  },
  {
    name: "a primitive role",
    check: "primitive-roles",
    edits: [
      {
        file: catalog,
        from: 'project_roles = ["roles/datastore.user", "roles/firebaseauth.admin"]',
        to: 'project_roles = ["roles/editor", "roles/firebaseauth.admin"]',
      },
    ],
  },
  {
    name: "functions sharing one service account",
    check: "function-accounts",
    edits: [
      {
        file: "terraform/modules/functions/function.tf",
        from: "google_service_account.function[each.key].email",
        to: 'google_service_account.function["api"].email',
      },
    ],
  },
  {
    name: "a subscription without dead-letter topic",
    check: "dead-letters",
    edits: [
      { file: "infra/pubsub/topology.json", from: '"deadLetterTopic": "new-changes-dead-letter",', to: "" },
    ],
  },
  {
    name: "subscriptions without dead_letter_policy",
    check: "dead-letters",
    edits: [
      {
        file: pubsub,
        from: '  dynamic "dead_letter_policy" {\n    for_each = each.value.deadLetterTopic == null ? [] : [each.value.deadLetterTopic]\n    content {\n      dead_letter_topic     = google_pubsub_topic.topic[dead_letter_policy.value].id\n      max_delivery_attempts = each.value.maxDeliveryAttempts\n    }\n  }\n',
        to: "",
      },
    ],
  },
  {
    name: "no subscriber role for the Pub/Sub service agent on dead-lettering subscriptions",
    check: "dead-letters",
    edits: [
      {
        file: pubsub,
        from: 'role         = "roles/pubsub.subscriber"',
        to: 'role         = "roles/pubsub.viewer"',
      },
    ],
  },
  {
    name: "a push subscription without oidc_token",
    check: "push-auth",
    edits: [
      {
        file: pubsub,
        from: "      oidc_token {\n        service_account_email = var.push_invoker_email\n        audience              = var.push_targets[push_config.value]\n      }\n",
        to: "",
      },
    ],
  },
  {
    name: "a push target that is public",
    check: "push-auth",
    edits: [
      {
        file: catalog,
        from: "      environment                     = {}\n      invokers                        = [",
        to: '      environment                     = {}\n      invokers                        = ["allUsers", ',
      },
    ],
  },
  {
    name: "a scheduler job without oidc_token",
    check: "scheduler-auth",
    edits: [
      {
        file: "terraform/modules/scheduler/main.tf",
        from: "    oidc_token {\n      service_account_email = var.invoker_email\n      audience              = each.value.audience\n    }\n",
        to: "",
      },
    ],
  },
  {
    name: "a scheduler job targeting a function Terraform does not define",
    check: "function-targets",
    edits: [{ file: catalog, from: 'function    = "syncOutboxRelay"', to: 'function    = "syncMonitor"' }],
  },
  {
    name: "a subscription pushing to a function Terraform does not define",
    check: "function-targets",
    edits: [
      {
        file: "infra/pubsub/topology.json",
        from: '"pushToFunction": "syncApplyToLegacy",\n      "ackDeadlineSeconds": 60,\n      "minimumBackoffSeconds"',
        to: '"pushToFunction": "syncVerifier",\n      "ackDeadlineSeconds": 60,\n      "minimumBackoffSeconds"',
      },
    ],
  },
  {
    name: "an inline secret value",
    check: "secrets",
    edits: [
      {
        file: "terraform/modules/secrets/main.tf",
        from: 'resource "google_secret_manager_secret" "secret" {',
        to: 'resource "google_secret_manager_secret_version" "inline" {\n  secret      = google_secret_manager_secret.secret["page-token-key"].id\n  secret_data = "not-a-real-key"\n}\n\nresource "google_secret_manager_secret" "secret" {',
      },
    ],
  },
  {
    name: "a secret no function reads",
    check: "secrets",
    edits: [
      {
        file: composition,
        from: "  secrets = {\n",
        to: '  secrets = {\n    unused-key = { purpose = "unused", version = "latest" }\n',
      },
    ],
  },
  {
    name: "a plain-text database URL in a function's environment",
    check: "secrets",
    edits: [
      {
        file: catalog,
        from: "environment                     = { SYNC_LEGACY_POOL_MAX",
        to: 'environment                     = { LEGACY_DATABASE_URL = "postgres://sync:s3cret@10.0.0.5/legacy", SYNC_LEGACY_POOL_MAX',
      },
    ],
  },
  {
    name: "an output passing on a sensitive module output without sensitive = true",
    check: "secrets",
    edits: [
      {
        file: "terraform/envs/dev/outputs.tf",
        from: '(terraform output -raw)."\n  sensitive   = true\n',
        to: '(terraform output -raw)."\n',
      },
    ],
  },
  {
    name: "an alert policy without documentation",
    check: "alert-documentation",
    edits: [
      {
        file: "infra/monitoring/alert-policies/sync-apply-backlog.json",
        from: '"documentation": {\n    "subject"',
        to: '"notes": {\n    "subject"',
      },
    ],
  },
  {
    name: "a topology default that differs from the local stack's",
    check: "topology",
    edits: [
      {
        file: "terraform/modules/pubsub/variables.tf",
        from: "minimumBackoffSeconds = optional(number, 10)",
        to: "minimumBackoffSeconds = optional(number, 5)",
      },
    ],
  },
  {
    name: "message ordering not taken from the topology",
    check: "topology",
    edits: [
      {
        file: pubsub,
        from: "enable_message_ordering = each.value.enableMessageOrdering",
        to: "enable_message_ordering = false",
      },
    ],
  },
  {
    name: "Hosting without HSTS",
    check: "hosting-headers",
    edits: [
      {
        file: "firebase.json",
        from: '" },\n          { "key": "Strict-Transport-Security", "value": "max-age=31536000; includeSubDomains" }',
        to: '" }',
      },
    ],
  },
];
