import { z } from "zod";

/**
 * Where the API and (locally) the Auth emulator are. `npm start` writes runtime-config.json;
 * in production Hosting serves one with an empty apiBaseUrl (the /v1 rewrite is same-origin).
 */
export const runtimeConfigSchema = z.object({
  projectId: z.string().min(1),
  apiBaseUrl: z.string(),
  authEmulatorUrl: z.string().url().optional(),
  apiKey: z.string().default("demo-api-key"),
  authDomain: z.string().optional(),
});
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch("/runtime-config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`runtime-config.json: HTTP ${response.status}`);
  return runtimeConfigSchema.parse(await response.json());
}
