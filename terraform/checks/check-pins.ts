import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "./findings.js";
import type { TerraformTree } from "./hcl-files.js";
import { bodiesOf, isBody } from "./hcl-model.js";

/** The package each provider's schema comes from, and so the version the environments must pin. */
const schemaPackages: Record<string, string> = {
  google: "@cdktf/provider-google",
  "google-beta": "@cdktf/provider-google-beta",
  archive: "@cdktf/provider-archive",
};

function schemaVersion(nodeModules: string, pkg: string): string {
  const manifest = JSON.parse(readFileSync(join(nodeModules, pkg, "package.json"), "utf8")) as {
    cdktf?: { provider?: { version?: string } };
  };
  return manifest.cdktf?.provider?.version ?? "(unknown)";
}

/** Environments pin each provider to exactly the version whose schema the checks read. */
export function checkProviderPins(tree: TerraformTree, nodeModules: string): Finding[] {
  const findings: Finding[] = [];
  const envFiles = tree.files.filter((f) => f.module.startsWith("terraform/envs/"));
  for (const env of new Set(envFiles.map((f) => f.module))) {
    const required = Object.assign(
      {},
      ...envFiles
        .filter((f) => f.module === env)
        .flatMap((f) => bodiesOf(f.body.terraform))
        .flatMap((t) => bodiesOf(t.required_providers)),
    ) as Record<string, unknown>;
    for (const [provider, pkg] of Object.entries(schemaPackages)) {
      const entry = required[provider];
      const pinned = isBody(entry) ? entry.version : undefined;
      const expected = schemaVersion(nodeModules, pkg);
      if (pinned !== expected)
        findings.push({
          check: "provider-pins",
          file: `${env}/versions.tf`,
          subject: `provider ${provider}`,
          message: `pinned to ${String(pinned ?? "(nothing)")}, but the checks read the schema of ${expected} (${pkg}): pin version = "${expected}"`,
        });
    }
  }
  return findings;
}
