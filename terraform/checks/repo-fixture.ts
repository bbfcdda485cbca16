import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository these checks live in. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const nodeModules = join(repoRoot, "node_modules");

/** What the checks read besides terraform/ (kept to these, so a copy is small and quick). */
const copied = ["infra", "firebase.json", "functions/src/deployables/deployables.ts"];

export interface Fixture {
  root: string;
  /** Replaces one exact piece of text in a copied file; throws when the text is not there. */
  edit(file: string, from: string, to: string): void;
  remove(): void;
}

/** A copy of the real Terraform and its inputs in a temporary directory, to break on purpose. */
export function copyRepo(): Fixture {
  const root = mkdtempSync(join(tmpdir(), "terraform-checks-"));
  cpSync(join(repoRoot, "terraform"), join(root, "terraform"), {
    recursive: true,
    filter: (source) => !/[/\\](checks|\.terraform)([/\\]|$)/.test(source.slice(repoRoot.length)),
  });
  for (const path of copied) cpSync(join(repoRoot, path), join(root, path), { recursive: true });
  return {
    root,
    edit(file, from, to) {
      const path = join(root, file);
      const text = readFileSync(path, "utf8");
      if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
      writeFileSync(path, text.replace(from, to));
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
