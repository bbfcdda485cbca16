import { z } from "zod";
import { demoPassword, demoUser, type Role, roles } from "../../emulators/src/demo-users.js";
import { type LocalStack, localStack } from "../../emulators/src/local-stack.js";
import { UsageError } from "./cli-error.js";
import type { OptionSpecs } from "./command.js";
import type { SignInTarget } from "./sign-in.js";

const httpUrlSchema = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });

/** The options every command takes; `--as admin` is the default, so the local stack needs no flags. */
export const globalOptions = {
  as: {
    type: "string",
    value: "role",
    description: "sign in as the Auth emulator's demo user: viewer, operator or admin (default admin)",
  },
  email: {
    type: "string",
    value: "address",
    description:
      "sign in as this user (password in LUCKYGAS_PASSWORD; a real project also needs LUCKYGAS_API_KEY and --api)",
  },
  api: {
    type: "string",
    value: "url",
    description: "the API's base URL (default LUCKYGAS_API_URL, then the local stack's)",
  },
  json: { type: "boolean", description: "print the JSON answer as it is, for scripts" },
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies OptionSpecs;

export const globalArgsSchema = z
  .strictObject({
    as: z.enum(roles, { error: `must be one of ${roles.join(", ")}` }).optional(),
    email: z.email({ error: "must be an e-mail address" }).optional(),
    api: httpUrlSchema.optional(),
    json: z.boolean().default(false),
    help: z.boolean().default(false),
  })
  .refine((args) => args.as === undefined || args.email === undefined, {
    path: ["email"],
    error: "give --as or --email, not both",
  });
export type GlobalArgs = z.infer<typeof globalArgsSchema>;

/** An exported but empty variable counts as unset, as shells and CI files often leave them. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const cliEnvironmentSchema = z.object({
  LUCKYGAS_API_URL: unsetIfEmpty(httpUrlSchema),
  LUCKYGAS_API_KEY: unsetIfEmpty(z.string().min(1)),
  LUCKYGAS_PASSWORD: unsetIfEmpty(z.string().min(1)),
  FIREBASE_AUTH_EMULATOR_HOST: unsetIfEmpty(z.string().regex(/^[\w.-]+:\d{1,5}$/, "must be host:port")),
});
export type CliEnvironment = z.infer<typeof cliEnvironmentSchema>;

export interface Connection {
  apiUrl: string;
  signIn: SignInTarget;
}

export function parseCliEnvironment(env: NodeJS.ProcessEnv): CliEnvironment {
  const parsed = cliEnvironmentSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UsageError(`${issue?.path.join(".")}: ${issue?.message}`);
}

/**
 * Where the API is and who signs in. Demo users (`--as`) live in the Auth emulator, the local
 * stack's unless FIREBASE_AUTH_EMULATOR_HOST names another. `--email` signs in on that emulator
 * when the variable is set (as the Firebase SDKs do), otherwise on the real project, which then
 * needs its web API key and the API's address: the local stack is never a real project's API.
 */
export function resolveConnection(args: GlobalArgs, env: NodeJS.ProcessEnv): Connection {
  const vars = parseCliEnvironment(env);
  const configuredApi = args.api ?? vars.LUCKYGAS_API_URL;
  const emulatorHost = vars.FIREBASE_AUTH_EMULATOR_HOST;
  if (args.email === undefined) {
    const role: Role = args.as ?? "admin";
    return {
      apiUrl: configuredApi ?? stackOf(env).apiUrl,
      signIn: {
        kind: "emulator",
        host: emulatorHost ?? stackOf(env).authEmulatorHost,
        email: demoUser(role).email,
        password: demoPassword,
      },
    };
  }
  const password = vars.LUCKYGAS_PASSWORD;
  if (password === undefined)
    throw new UsageError(`--email ${args.email} needs its password in LUCKYGAS_PASSWORD`);
  if (emulatorHost !== undefined) {
    return {
      apiUrl: configuredApi ?? stackOf(env).apiUrl,
      signIn: { kind: "emulator", host: emulatorHost, email: args.email, password },
    };
  }
  if (vars.LUCKYGAS_API_KEY === undefined) {
    throw new UsageError("--email signs in to a real project: set its web API key in LUCKYGAS_API_KEY");
  }
  if (configuredApi === undefined) {
    throw new UsageError(
      "--email signs in to a real project: say where its API is with --api or LUCKYGAS_API_URL",
    );
  }
  return {
    apiUrl: configuredApi,
    signIn: { kind: "firebase", apiKey: vars.LUCKYGAS_API_KEY, email: args.email, password },
  };
}

function stackOf(env: NodeJS.ProcessEnv): LocalStack {
  try {
    return localStack(env);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
