/**
 * Every deployable function: its entry module, the framework signature and target name.
 * The build, the local stack and Terraform all read this list, so a function is declared once.
 */
export interface Deployable {
  /** Function name (also the functions-framework --target). */
  name: string;
  entry: string;
  signature: "http" | "cloudevent";
}

export const deployables: Deployable[] = [
  { name: "api", entry: "src/deployables/api/index.ts", signature: "http" },
  { name: "syncLegacyRelay", entry: "src/deployables/sync-legacy-relay/index.ts", signature: "http" },
  { name: "syncOutboxRelay", entry: "src/deployables/sync-outbox-relay/index.ts", signature: "http" },
  { name: "syncApplyToNew", entry: "src/deployables/sync-apply-to-new/index.ts", signature: "cloudevent" },
  {
    name: "syncApplyToLegacy",
    entry: "src/deployables/sync-apply-to-legacy/index.ts",
    signature: "cloudevent",
  },
];
