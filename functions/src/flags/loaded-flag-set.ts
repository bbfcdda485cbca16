import { MemoryStorage } from "@openfeature/flagd-core";
import type { Logger } from "@openfeature/server-sdk";
import type { FlagSnapshot } from "./flag-model.js";
import { buildFlagdConfig, type FlagdConfig, isPureSplit } from "./flagd-config.js";

export interface LoadedFlagSet {
  /** flagd document to hand to flagd-core. */
  json: string;
  /** Flags whose targeting is one fractional split (served with reason SPLIT). */
  splitFlags: ReadonlySet<string>;
}

/**
 * Turns a store snapshot into a flagd document that is sure to load. Writes are validated, but a
 * document edited by hand in the console could still be broken: one bad flag must not take all
 * the others down, so it is left out (and then answers FLAG_NOT_FOUND) and logged.
 */
export function loadFlagSet(snapshot: FlagSnapshot, logger: Logger): LoadedFlagSet {
  const config = buildFlagdConfig(snapshot);
  const loadable = loadsWhole(config) ? config : onlyLoadableFlags(config, logger);
  const evaluators = loadable.$evaluators ?? {};
  const splitFlags = new Set(
    Object.entries(loadable.flags)
      .filter(([, definition]) => isPureSplit(definition, evaluators))
      .map(([key]) => key),
  );
  return { json: JSON.stringify(loadable), splitFlags };
}

function loadsWhole(config: FlagdConfig): boolean {
  try {
    new MemoryStorage(silent).setConfigurations(JSON.stringify(config), false);
    return true;
  } catch {
    return false;
  }
}

function onlyLoadableFlags(config: FlagdConfig, logger: Logger): FlagdConfig {
  const flags: FlagdConfig["flags"] = {};
  for (const [key, definition] of Object.entries(config.flags)) {
    if (loadsWhole({ ...config, flags: { [key]: definition } })) flags[key] = definition;
    else logger.error(`flag ${key} cannot be loaded and is not served`);
  }
  return { ...config, flags };
}

const noop = (): void => {};
const silent: Logger = { error: noop, warn: noop, info: noop, debug: noop };
