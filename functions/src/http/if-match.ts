import type { IncomingHttpHeaders } from "node:http";
import { PreconditionRequiredError, ValidationError } from "../shared/errors.js";
import type { Precondition } from "../shared/precondition.js";

/** What a route declares: edits need If-Match; a create-or-replace (PUT) also takes If-None-Match: *. */
export type PreconditionRule = "if-match" | "if-match-or-create";

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

const strongTag = /^"[\x21\x23-\x7e]*"$/;

/** `"a", "b"` → its tags; weak tags (W/"…") are refused, since If-Match compares strongly. */
function parseTagList(value: string, name: string): string[] {
  const tags = value.split(",").map((tag) => tag.trim());
  for (const tag of tags) {
    if (tag.startsWith("W/")) {
      throw new ValidationError(`${name} needs a strong ETag.`, [
        { path: `header.${name}`, message: "weak ETags (W/…) never match in If-Match (RFC 9110 §13.1.1)" },
      ]);
    }
    if (!strongTag.test(tag)) {
      throw new ValidationError(`Malformed ${name}.`, [
        { path: `header.${name}`, message: 'expected an ETag as the API sent it, e.g. "N-7"' },
      ]);
    }
  }
  return tags;
}

export function parsePrecondition(headers: IncomingHttpHeaders, rule: PreconditionRule): Precondition {
  const ifMatch = header(headers, "if-match")?.trim();
  const ifNoneMatch = header(headers, "if-none-match")?.trim();
  if (ifMatch !== undefined && ifMatch !== "") {
    if (ifMatch === "*") return { kind: "any" };
    return { kind: "tags", tags: parseTagList(ifMatch, "If-Match") };
  }
  if (rule === "if-match-or-create" && ifNoneMatch === "*") return { kind: "absent" };
  throw new PreconditionRequiredError(
    rule === "if-match-or-create"
      ? "Send If-Match with the ETag you read (or If-None-Match: * to create); edits without it could overwrite someone else's."
      : "Send If-Match with the ETag you read; edits without it could overwrite someone else's.",
  );
}
