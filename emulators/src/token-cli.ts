import { parseArgs } from "node:util";
import { z } from "zod";
import { demoPassword, demoUser, roles } from "./demo-users.js";

/**
 * Prints an ID token of the demo user of a role, signed in against the local Auth emulator:
 *   npm run token -- --role operator
 *   curl -H "Authorization: Bearer $(npm run -s token -- --role viewer)" …
 * Exit codes: 0 token printed, 1 emulator unreachable or sign-in refused, 2 bad arguments.
 */
const argsSchema = z.strictObject({
  role: z.enum(roles),
  host: z.string().regex(/^[\w.-]+:\d{1,5}$/, "must be host:port"),
});
const usage = `usage: token-cli --role ${roles.join("|")} [--host 127.0.0.1:9099]`;

function parseCommandLine(argv: string[]): z.infer<typeof argsSchema> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { role: { type: "string" }, host: { type: "string" } },
      strict: true,
    });
    return argsSchema.parse({
      role: values.role,
      host: values.host ?? process.env.FIREBASE_AUTH_EMULATOR_HOST ?? "127.0.0.1:9099",
    });
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
    console.error(`${detail}\n${usage}`);
    process.exit(2);
  }
}

/** The emulator accepts any API key; a real project would need its web API key here. */
const emulatorApiKey = "local-emulator";

async function signIn(host: string, email: string): Promise<string> {
  const url = `http://${host}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=${emulatorApiKey}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: demoPassword, returnSecureToken: true }),
    });
  } catch {
    throw new Error(
      `The Auth emulator is not reachable at ${host}. Start the local stack with \`npm start\`.`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as {
    idToken?: string;
    error?: { message?: string };
  };
  if (!response.ok || !body.idToken) {
    throw new Error(
      `Sign-in of ${email} was refused (${body.error?.message ?? response.status}); the demo users are created by \`npm start\`.`,
    );
  }
  return body.idToken;
}

async function main(): Promise<void> {
  const args = parseCommandLine(process.argv.slice(2));
  console.log(await signIn(args.host, demoUser(args.role).email));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
