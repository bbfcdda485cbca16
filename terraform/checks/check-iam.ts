import type { Finding } from "./findings.js";
import type { TerraformFile, TerraformTree } from "./hcl-files.js";
import { bodiesOf, expressionText, isBody, stringsIn, typedBlocks } from "./hcl-model.js";

/** The basic roles: each grants every permission of a whole product family. */
const primitiveRole = /\broles\/(owner|editor|viewer)\b/;

/** Top-level subjects of a file (resource addresses, locals, variables…) with their bodies. */
function subjectsOf(file: TerraformFile): Array<{ subject: string; value: unknown }> {
  if (file.kind === "tfvars")
    return Object.entries(file.body).map(([key, value]) => ({ subject: key, value }));
  const subjects: Array<{ subject: string; value: unknown }> = [];
  for (const [kind, content] of Object.entries(file.body)) {
    if (!isBody(content)) {
      subjects.push({ subject: kind, value: content });
      continue;
    }
    for (const [label, value] of Object.entries(content)) {
      const nested = kind === "resource" || kind === "data";
      if (!nested) subjects.push({ subject: `${kind}.${label}`, value });
      else if (isBody(value))
        for (const [name, body] of Object.entries(value))
          subjects.push({ subject: `${label}.${name}`, value: body });
    }
  }
  return subjects;
}

/** A copy without `validation` blocks: those name the basic roles only to refuse them. */
function withoutValidations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutValidations);
  if (!isBody(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "validation")
      .map(([key, item]) => [key, withoutValidations(item)]),
  );
}

/** No owner, editor or viewer role anywhere: not granted, not listed, not defaulted. */
export function checkPrimitiveRoles(tree: TerraformTree): Finding[] {
  const findings: Finding[] = [];
  for (const file of tree.files)
    for (const { subject, value } of subjectsOf(file))
      for (const found of stringsIn(withoutValidations(value)))
        if (primitiveRole.test(found.value))
          findings.push({
            check: "primitive-roles",
            file: file.path,
            subject,
            message: `basic role ${primitiveRole.exec(found.value)?.[0]} at ${found.path || "(value)"}: grant a predefined role with only the permissions needed`,
          });
  return findings;
}

/**
 * Each function runs as its own account: the function resource's service_account_email is
 * google_service_account.<x>[each.key].email, where <x> is created for each function (the same
 * for_each) with an account id derived from the function's key.
 */
export function checkFunctionAccounts(tree: TerraformTree): Finding[] {
  const findings: Finding[] = [];
  for (const fn of typedBlocks(tree, "resource", { type: "google_cloudfunctions2_function" })) {
    const where = {
      check: "function-accounts" as const,
      file: fn.file.path,
      subject: `${fn.type}.${fn.name}`,
    };
    const email = expressionText(bodiesOf(fn.body.service_config)[0]?.service_account_email ?? "");
    const reference = /^google_service_account\.(\w+)\[each\.key\]\.email$/.exec(email);
    const account =
      reference?.[1] === undefined
        ? undefined
        : typedBlocks(tree, "resource", { type: "google_service_account", module: fn.file.module }).find(
            (block) => block.name === reference[1],
          );
    if (account === undefined) {
      findings.push({
        ...where,
        message: `service_config.service_account_email is "${email || "(unset)"}"; it must be google_service_account.<name>[each.key].email of an account created for each function`,
      });
      continue;
    }
    const sameSet = expressionText(account.body.for_each) === expressionText(fn.body.for_each);
    const ownId = expressionText(account.body.account_id).includes("each.key");
    if (!sameSet || !ownId)
      findings.push({
        ...where,
        message: `google_service_account.${account.name} must have the function's for_each (${expressionText(fn.body.for_each)}) and an account_id made from each.key, so no two functions share an account`,
      });
  }
  return findings;
}
