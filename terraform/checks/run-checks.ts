import { join } from "node:path";
import { checkHostingHeaders, checkRewriteTargets } from "./check-hosting.js";
import { checkFunctionAccounts, checkPrimitiveRoles } from "./check-iam.js";
import { checkModuleStructure } from "./check-modules.js";
import { checkMonitoring } from "./check-monitoring.js";
import { checkProviderPins } from "./check-pins.js";
import { checkDeadLetters, checkPushAuth, checkSchedulerAuth } from "./check-pubsub.js";
import { checkSchema } from "./check-schema.js";
import { checkSecrets } from "./check-secrets.js";
import { checkFunctionTargets, checkInvokers } from "./check-targets.js";
import { checkTopology } from "./check-topology.js";
import type { Finding } from "./findings.js";
import { readCatalog } from "./function-catalog.js";
import { loadTerraform } from "./hcl-files.js";
import { ProviderSchemas } from "./provider-schema.js";

export interface CheckOptions {
  /** Holds terraform/, infra/, firebase.json and functions/src/deployables/deployables.ts. */
  repoRoot: string;
  /** Where the @cdktf/provider-* packages are installed (the schemas). */
  nodeModules?: string;
  /** Shared between runs: the schemas take a second to read. */
  schemas?: ProviderSchemas;
}

/** Every Terraform check, over the configuration under `<repoRoot>/terraform`. */
export async function runChecks(options: CheckOptions): Promise<Finding[]> {
  const nodeModules = options.nodeModules ?? join(options.repoRoot, "node_modules");
  const schemas = options.schemas ?? new ProviderSchemas(nodeModules);
  const tree = await loadTerraform(options.repoRoot);
  const catalog = readCatalog(tree);
  return [
    ...checkSchema(tree, schemas),
    ...checkModuleStructure(tree),
    ...checkProviderPins(tree, nodeModules),
    ...checkPrimitiveRoles(tree),
    ...checkFunctionAccounts(tree),
    ...checkDeadLetters(tree),
    ...checkPushAuth(tree),
    ...checkSchedulerAuth(tree),
    ...checkInvokers(tree, catalog),
    ...checkFunctionTargets(tree, catalog),
    ...checkRewriteTargets(tree, catalog),
    ...checkSecrets(tree, catalog),
    ...checkMonitoring(tree),
    ...checkTopology(tree),
    ...checkHostingHeaders(tree),
  ];
}
