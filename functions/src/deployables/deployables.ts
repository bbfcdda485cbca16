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
];
