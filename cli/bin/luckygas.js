#!/usr/bin/env node
// The command line is TypeScript, run as the rest of the repository runs it (tsx), so there is no
// build step to forget. Registered here rather than with `node --import tsx`, which would resolve
// tsx from the caller's working directory instead of from this package.
import { register } from "tsx/esm/api";

register();
await import(new URL("../src/luckygas.ts", import.meta.url).href);
