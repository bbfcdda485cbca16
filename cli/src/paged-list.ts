import { z } from "zod";
import { type CommandContext, type OptionSpecs, positiveIntText } from "./command.js";
import { formatRecords } from "./format-table.js";

/** `{ items, nextPageToken }`, the page every list route of the API answers with. */
const pageSchema = z.looseObject({ items: z.array(z.unknown()), nextPageToken: z.string().nullish() });

export const pageOptions = {
  "page-size": { type: "string", value: "n", description: "items per page (the API's default otherwise)" },
  "page-token": { type: "string", value: "token", description: "continue from this page" },
  all: { type: "boolean", description: "follow every page to the end" },
} satisfies OptionSpecs;

export const pageValues = {
  "page-size": positiveIntText.optional(),
  "page-token": z.string().min(1).optional(),
  all: z.boolean().default(false),
};

export interface PageRequest {
  "page-size"?: number;
  "page-token"?: string;
  all: boolean;
}

/**
 * Prints one page (or, with `--all`, every page) of a list route: a table, or with `--json` the
 * answer as it is (all pages' items in one `items` array). An answer that is no page is printed as JSON.
 */
export async function printPagedList(
  context: CommandContext,
  path: string,
  request: PageRequest,
  query: Record<string, string | undefined> = {},
): Promise<number> {
  const api = await context.api();
  const first = await api.get(path, pageQuery(request, request["page-token"], query));
  const page = pageSchema.safeParse(first);
  if (!page.success) {
    context.output.out(JSON.stringify(first, null, 2));
    return 0;
  }
  const items = [...page.data.items];
  let next = page.data.nextPageToken ?? undefined;
  while (request.all && next !== undefined) {
    const more = pageSchema.parse(await api.get(path, pageQuery(request, next, query)));
    items.push(...more.items);
    next = more.nextPageToken ?? undefined;
  }
  if (context.json) {
    context.output.out(JSON.stringify(request.all ? { items } : first, null, 2));
    return 0;
  }
  context.output.out(items.length === 0 ? "(none)" : formatRecords(items));
  if (next !== undefined) context.output.err(`more: add --page-token ${next} (or --all)`);
  return 0;
}

function pageQuery(
  request: PageRequest,
  token: string | undefined,
  query: Record<string, string | undefined>,
) {
  return { ...query, pageSize: request["page-size"], pageToken: token };
}
