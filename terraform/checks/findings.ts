/** One problem one check found: which check, where, and what to do about it. */
export interface Finding {
  check: CheckId;
  /** File relative to the repository root. */
  file: string;
  /** The resource, module, variable or definition concerned (resource addresses as Terraform writes them). */
  subject: string;
  message: string;
}

export const checkIds = [
  "hcl-schema",
  "module-structure",
  "provider-pins",
  "primitive-roles",
  "function-accounts",
  "dead-letters",
  "push-auth",
  "scheduler-auth",
  "function-targets",
  "secrets",
  "alert-documentation",
  "topology",
  "hosting-headers",
] as const;
export type CheckId = (typeof checkIds)[number];

export function formatFinding(finding: Finding): string {
  return `[${finding.check}] ${finding.file}: ${finding.subject}: ${finding.message}`;
}
