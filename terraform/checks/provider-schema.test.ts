import { describe, expect, it } from "vitest";
import { ProviderSchemas } from "./provider-schema.js";
import { nodeModules } from "./repo-fixture.js";

const schemas = new ProviderSchemas(nodeModules);

describe("ProviderSchemas", () => {
  it("reads a resource's arguments and nested blocks from the generated provider", () => {
    const subscription = schemas.block("google", "resource", "google_pubsub_subscription");
    expect(subscription?.names.has("enable_message_ordering")).toBe(true);
    const push = subscription?.blocks.get("push_config");
    expect([...(push?.blocks.get("oidc_token")?.names ?? [])].sort()).toEqual([
      "audience",
      "service_account_email",
    ]);
    expect(subscription?.blocks.get("dead_letter_policy")?.names.has("max_delivery_attempts")).toBe(true);
  });

  it("reads nested blocks several levels deep", () => {
    const fn = schemas.block("google", "resource", "google_cloudfunctions2_function");
    const storage = fn?.blocks.get("build_config")?.blocks.get("source")?.blocks.get("storage_source");
    expect(storage?.names.has("object")).toBe(true);
    expect(fn?.blocks.get("service_config")?.names.has("max_instance_request_concurrency")).toBe(true);
  });

  it("knows data sources, other providers and provider blocks", () => {
    expect(schemas.block("google", "data", "google_project")?.names.has("project_id")).toBe(true);
    expect(schemas.block("archive", "data", "archive_file")?.names.has("source_dir")).toBe(true);
    expect(
      schemas.block("google-beta", "resource", "google_firebase_hosting_site")?.names.has("site_id"),
    ).toBe(true);
    expect(schemas.providerBlock("google")?.names.has("user_project_override")).toBe(true);
  });

  it("has no type the provider does not have", () => {
    expect(schemas.block("google", "resource", "google_pubsub_subscriptions")).toBeUndefined();
    // google-beta only: the GA provider does not have it.
    expect(schemas.block("google", "resource", "google_firebase_hosting_site")).toBeUndefined();
    expect(schemas.block("google", "data", "google_pubsub_subscription_x")).toBeUndefined();
  });
});
