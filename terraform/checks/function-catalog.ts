import { z } from "zod";
import type { TerraformTree } from "./hcl-files.js";
import { isBody, localsOf, resolveLocal } from "./hcl-model.js";

/** The composition module whose locals declare the functions and the scheduler jobs. */
export const compositionModule = "terraform/modules/luckygas";

// Numbers may be expressions (var.api_max_instances); the checks need names, roles and links.
const stringMap = z.record(z.string(), z.string());
const functionSchema = z.object({
  entry_point: z.string(),
  project_roles: z.array(z.string()),
  publishes_to: z.array(z.string()),
  secrets: stringMap,
  secret_names_only: stringMap,
  environment: z.union([stringMap, z.string()]),
  invokers: z.array(z.string()),
  timeout_seconds: z.union([z.number(), z.string()]),
});
export type CatalogFunction = z.infer<typeof functionSchema> & { id: string };

const jobSchema = z.object({ function: z.string(), schedule: z.string(), description: z.string() });
export type CatalogJob = z.infer<typeof jobSchema> & { name: string };

export interface FunctionCatalog {
  file: string;
  functions: CatalogFunction[];
  jobs: CatalogJob[];
  locals: Record<string, unknown>;
}

/** Reads `local.functions` and `local.scheduler_jobs` of the composition module; a shape error throws. */
export function readCatalog(tree: TerraformTree): FunctionCatalog {
  const locals = localsOf(tree, compositionModule);
  const file =
    tree.files.find((f) => f.module === compositionModule && /\bfunctions\s*=\s*\{/.test(f.text))?.path ??
    `${compositionModule}/functions.tf`;
  const rawFunctions = isBody(locals.functions) ? locals.functions : {};
  const functions = Object.entries(rawFunctions).map(([id, raw]) => {
    const entry = isBody(raw)
      ? Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, resolveLocal(value, locals)]))
      : raw;
    const parsed = functionSchema.safeParse(entry);
    if (!parsed.success)
      throw new Error(`${file}: local.functions.${id} is malformed: ${parsed.error.message}`);
    return { ...parsed.data, id };
  });
  const rawJobs = isBody(locals.scheduler_jobs) ? locals.scheduler_jobs : {};
  const jobs = Object.entries(rawJobs).map(([name, raw]) => {
    const parsed = jobSchema.safeParse(raw);
    if (!parsed.success)
      throw new Error(`${file}: local.scheduler_jobs.${name} is malformed: ${parsed.error.message}`);
    return { ...parsed.data, name };
  });
  return { file, functions, jobs, locals };
}
