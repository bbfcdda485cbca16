import { join } from "node:path";
import type { Finding } from "./findings.js";
import type { FunctionCatalog } from "./function-catalog.js";
import type { TerraformFile, TerraformTree } from "./hcl-files.js";
import { bodiesOf, expressionText, isBody, namedBlocks, stringsIn, typedBlocks } from "./hcl-model.js";

/** Resources that would put a secret value (or a key) into Terraform code and state. */
const valueResources = [
  "google_secret_manager_secret_version",
  "google_secret_manager_regional_secret_version",
  "google_service_account_key",
];
/** What functions/src/shared/config.ts refuses in a cloud project: secrets in plain text. */
const plainSecretVariables = ["LEGACY_DATABASE_URL", "PAGE_TOKEN_KEY", "SMS_USERNAME", "SMS_PASSWORD"];
const secretLooking = [
  { pattern: /postgres(ql)?:\/\/[^\s/:@]+:[^\s/@]+@/, what: "a database URL with a password" },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: "a private key" },
  { pattern: /^[A-Za-z0-9+/=_]{32,}$/, what: "a long token-like string" },
];
const secretNamedKey = /(password|passwd|secret|token|api_?key|private_?key)$/i;

function valueFindings(file: TerraformFile): Finding[] {
  const findings: Finding[] = [];
  for (const found of stringsIn(file.body)) {
    if (found.value.startsWith("${")) continue;
    const hit = secretLooking.find(({ pattern }) => pattern.test(found.value));
    const key = found.path.split(".").pop() ?? "";
    if (hit !== undefined)
      findings.push({
        check: "secrets",
        file: file.path,
        subject: found.path,
        message: `holds ${hit.what}: secrets belong in Secret Manager, added out of band`,
      });
    else if (file.kind === "tfvars" && secretNamedKey.test(key))
      findings.push({
        check: "secrets",
        file: file.path,
        subject: found.path,
        message: "a secret-named value in a .tfvars file: pass a Secret Manager secret instead",
      });
  }
  return findings;
}

function resourceFindings(tree: TerraformTree): Finding[] {
  const findings: Finding[] = [];
  for (const type of valueResources)
    for (const block of typedBlocks(tree, "resource", { type }))
      findings.push({
        check: "secrets",
        file: block.file.path,
        subject: `${type}.${block.name}`,
        message:
          "puts a secret value or key into Terraform state: add versions out of band, use Workload Identity instead of keys",
      });
  for (const fn of typedBlocks(tree, "resource", { type: "google_cloudfunctions2_function" })) {
    const config = bodiesOf(fn.body.service_config)[0] ?? {};
    const dynamicNames = Object.keys(isBody(config.dynamic) ? config.dynamic : {});
    for (const name of ["secret_environment_variables", "secret_volumes"])
      if (name in config || dynamicNames.includes(name))
        findings.push({
          check: "secrets",
          file: fn.file.path,
          subject: `google_cloudfunctions2_function.${fn.name}`,
          message: `${name}: the functions read secrets by version name (*_SECRET) and refuse injected values`,
        });
  }
  return findings;
}

function catalogFindings(catalog: FunctionCatalog): Finding[] {
  const findings: Finding[] = [];
  const defined = new Set(Object.keys(isBody(catalog.locals.secrets) ? catalog.locals.secrets : {}));
  const where = (subject: string) => ({ check: "secrets" as const, file: catalog.file, subject });
  const read = new Set(catalog.functions.flatMap((f) => Object.values(f.secrets)));
  for (const secret of defined)
    if (!read.has(secret))
      findings.push({
        ...where(`secret ${secret}`),
        message: "no function reads it (local.functions[*].secrets): remove it or grant it where it is used",
      });
  for (const f of catalog.functions) {
    for (const secret of [...Object.values(f.secrets), ...Object.values(f.secret_names_only)])
      if (!defined.has(secret))
        findings.push({
          ...where(`function ${f.id}`),
          message: `names secret ${secret}, which local.secrets does not define`,
        });
    const environment =
      typeof f.environment === "string" ? f.environment : Object.keys(f.environment).join(" ");
    for (const variable of plainSecretVariables)
      if (new RegExp(`\\b${variable}\\b`).test(environment))
        findings.push({
          ...where(`function ${f.id}`),
          message: `sets ${variable} in plain text; set ${variable === "SMS_USERNAME" || variable === "SMS_PASSWORD" ? "SMS_CREDENTIALS" : variable}_SECRET through secrets instead`,
        });
    for (const role of f.project_roles)
      if (role.startsWith("roles/secretmanager."))
        findings.push({
          ...where(`function ${f.id}`),
          message: `${role} on the project opens every secret to it; grant secrets one by one through secrets`,
        });
  }
  return findings;
}

/** Attributes that carry credentials (or that the provider treats as sensitive). */
const sensitiveAttributes = /secret_data|private_key|access_token|api_key|google_service_account_key|payload/;

/** Whether `module.<call>.<output>` in `module` names an output its module marks sensitive. */
function sensitiveModuleOutput(tree: TerraformTree, module: string, call: string, output: string): boolean {
  const source = namedBlocks(tree, "module", module).find((m) => m.name === call)?.body.source;
  if (typeof source !== "string") return false;
  const target = join(module, source);
  return namedBlocks(tree, "output", target).some((o) => o.name === output && o.body.sensitive === true);
}

/** Outputs carrying anything sensitive, directly or through a module's sensitive output, say so. */
function outputFindings(tree: TerraformTree): Finding[] {
  return namedBlocks(tree, "output").flatMap((o) => {
    if (o.body.sensitive === true) return [];
    const value = expressionText(o.body.value);
    const viaModule = [...value.matchAll(/module\.(\w+)\.(\w+)/g)].some((m) =>
      sensitiveModuleOutput(tree, o.file.module, m[1] ?? "", m[2] ?? ""),
    );
    if (!viaModule && !sensitiveAttributes.test(value)) return [];
    return [
      {
        check: "secrets" as const,
        file: o.file.path,
        subject: `output.${o.name}`,
        message: "carries sensitive data and must be marked sensitive = true",
      },
    ];
  });
}

/** No secret value anywhere; every secret is read by some function, through Secret Manager only. */
export function checkSecrets(tree: TerraformTree, catalog: FunctionCatalog): Finding[] {
  return [
    ...tree.files.flatMap(valueFindings),
    ...resourceFindings(tree),
    ...catalogFindings(catalog),
    ...outputFindings(tree),
  ];
}
