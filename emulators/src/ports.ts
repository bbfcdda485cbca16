import { createServer, Socket } from "node:net";

/**
 * True when nothing listens on host:port. We probe by binding, because a bind is exactly what
 * the service will attempt; a failed bind there would otherwise make it exit or hang without saying why.
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

/** Asks the OS for a free port (used by tests so they never collide with `npm start`). */
export function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function isPortOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return canConnect(port, host);
}

function canConnect(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(port, host);
  });
}

export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function waitForPortFree(port: number, timeoutMs: number, host = "127.0.0.1"): Promise<void> {
  return waitUntil(`port ${port} to be released`, () => isPortFree(port, host), timeoutMs);
}

export class PortInUseError extends Error {
  readonly code = "PORT_IN_USE";
  constructor(
    readonly service: string,
    readonly port: number,
  ) {
    super(
      `Port ${port} for ${service} is already in use. Stop whatever holds it (ss -ltnp 'sport = :${port}') ` +
        `or choose another port (see README, "Configuration").`,
    );
  }
}

export async function assertPortFree(service: string, port: number): Promise<void> {
  if (!(await isPortFree(port))) throw new PortInUseError(service, port);
}
