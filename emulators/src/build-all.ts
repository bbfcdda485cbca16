import { execFileSync } from "node:child_process";

/** Builds the function bundles and the dashboard exactly as a deployment would. */
export function buildAll(repoRoot: string): void {
  for (const workspace of ["functions", "web"]) {
    execFileSync("npm", ["run", "build", "--silent", "-w", workspace], { cwd: repoRoot, stdio: "inherit" });
  }
}
