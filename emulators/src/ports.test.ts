import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { assertPortFree, findFreePort, isPortFree, PortInUseError } from "./ports.js";

describe("ports", () => {
  it("reports a port in use at once, naming the service and the port", async () => {
    const server = createServer();
    const port = await findFreePort();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    try {
      expect(await isPortFree(port)).toBe(false);
      const failure = assertPortFree("the Firestore emulator", port);
      await expect(failure).rejects.toBeInstanceOf(PortInUseError);
      await expect(failure).rejects.toThrow(`Port ${port} for the Firestore emulator is already in use`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await isPortFree(port)).toBe(true);
  });
});
