import { SecretManagerServiceClient } from "@google-cloud/secret-manager";
import type { SecretReader } from "../shared/secrets.js";

/** The client is created on first use, so local runs that never read a secret never build one. */
export class SecretManagerReader implements SecretReader {
  private client: SecretManagerServiceClient | undefined;

  constructor(private readonly createClient = () => new SecretManagerServiceClient()) {}

  async read(resourceName: string): Promise<string> {
    this.client ??= this.createClient();
    const [version] = await this.client.accessSecretVersion({ name: resourceName });
    const data = version.payload?.data;
    if (!data) throw new Error(`Secret ${resourceName} has no payload`);
    return typeof data === "string" ? data : Buffer.from(data).toString("utf8");
  }
}
