import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { deployables } from "./src/deployables/deployables.js";

/**
 * One bundle per deployable: our code is bundled, npm dependencies stay external and are
 * listed with their exact versions in the bundle's package.json, which is what Cloud
 * Functions installs (Google's clients load .proto files from disk, so they cannot be inlined).
 */
const root = dirname(fileURLToPath(import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
};

for (const deployable of deployables) {
  const outdir = join(root, "dist", deployable.name);
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(root, deployable.entry)],
    outfile: join(outdir, "index.js"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
  const packageJson = {
    name: `luckygas-${deployable.name}`,
    private: true,
    type: "module",
    main: "index.js",
    engines: { node: "20" },
    dependencies: manifest.dependencies,
  };
  writeFileSync(join(outdir, "package.json"), `${JSON.stringify(packageJson, null, 2)}\n`);
  console.log(`built ${deployable.name} → ${outdir}`);
}
