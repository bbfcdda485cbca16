import { deliveryStatusCodes } from "../../../src/legacy/mapping/delivery-mapping.js";
import { WritesHeldError } from "../../../src/migration/write-hold.js";
import { NotFoundError } from "../../../src/shared/errors.js";
import type { SyncEntity } from "../../../src/sync/change-message.js";
import {
  type ApiWrites,
  type LoggedWrite,
  NothingThereError,
  newClientRow,
  type Side,
  type Value,
  type VendorWrites,
  type WriteKind,
} from "./chaos-workload.js";

/** One customer as the workload sees it: who writes it, and its live orders. */
export interface CustomerState {
  code: string;
  writers: "both" | Side;
  orders: string[];
  /** Created during the run (so it may be deleted once it has no orders). */
  created: boolean;
  deleted: boolean;
}

export interface GeneratorDeps {
  vendor: VendorWrites;
  api: ApiWrites;
  random: () => number;
  log: LoggedWrite[];
  nextSeq: () => number;
  /** Codes for customers created during the run. */
  nextCode: () => string;
  /** A customer created during the run joins the pilot at once (a customer in `off` is not synced). */
  setStage: (code: string) => Promise<void>;
  /** Refused attempts (legacy down, Firestore restarting, contention) per side: retried. */
  refused: Record<Side, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Columns written on each side, with a value no earlier write of the run had. */
const customerColumns: Record<Side, string[]> = {
  legacy: ["remark", "short_name", "cyl_20", "credit_limit", "balance"],
  new: ["remark", "short_name", "cyl_20", "credit_limit"], // balance is the vendor's (apply README)
};
const orderColumns = ["qty_20", "amount", "remark"];

function uniqueValue(column: string, seq: number): Value {
  if (column === "remark") return `chaos ${seq}`;
  if (column === "short_name") return `客戶${seq}`;
  if (column === "credit_limit") return 10_000 + seq;
  if (column === "balance") return 100_000 + seq;
  if (column === "amount") return 1_000 + seq;
  return 1 + (seq % 30_000); // cyl_20, qty_20: small integers, distinct within any one record
}

/**
 * Runs one acknowledged write through `attempt`, retrying refusals as a user would, and logs it.
 * NothingThereError means the target is gone or not there yet: nothing written, nothing logged.
 */
export async function acknowledged(
  deps: GeneratorDeps,
  base: Omit<LoggedWrite, "seq" | "startedAt" | "ackedAt">,
  attempt: () => Promise<Partial<LoggedWrite>>,
): Promise<LoggedWrite | undefined> {
  const seq = deps.nextSeq();
  const startedAt = Date.now();
  for (;;) {
    try {
      const extra = await attempt();
      const write = { ...base, ...extra, seq, startedAt, ackedAt: Date.now() };
      deps.log.push(write);
      return write;
    } catch (error) {
      if (error instanceof NothingThereError || error instanceof NotFoundError) return undefined;
      // A rollback holds the customer's new-side writes: after it the API writes legacy instead.
      if (error instanceof WritesHeldError) return undefined;
      const code = (error as { code?: string }).code;
      if (code === "23505") return undefined; // a racing vendor number
      if (code === "23503") return undefined; // the customer is not in legacy (yet, or any more)
      deps.refused[base.side] += 1;
      // Every fault ends within a minute: a write refused for longer is a defect to see, not wait out.
      if (Date.now() - startedAt > refusedForMs)
        throw new Error(`a ${base.side} ${base.kind} of ${base.entity} ${base.key} refused for 5 minutes`, {
          cause: error,
        });
      await sleep(250);
    }
  }
}

const refusedForMs = 300_000;

function pick<T>(random: () => number, items: readonly T[]): T | undefined {
  return items[Math.floor(random() * items.length)];
}

function sideFor(deps: GeneratorDeps, customer: CustomerState): Side {
  if (customer.writers !== "both") return customer.writers;
  return deps.random() < 0.5 ? "legacy" : "new";
}

function write(
  deps: GeneratorDeps,
  side: Side,
  kind: WriteKind,
  entity: SyncEntity,
  key: string,
  customer: CustomerState,
  fields: Record<string, Value>,
) {
  return acknowledged(deps, { side, kind, entity, key, customerCode: customer.code, fields }, async () =>
    side === "legacy"
      ? { txid: await deps.vendor.update(entity, key, fields) }
      : { version: await deps.api.update(entity, key, customer.code, fields) },
  );
}

export async function updateCustomer(deps: GeneratorDeps, customer: CustomerState): Promise<void> {
  const side = sideFor(deps, customer);
  const column = pick(deps.random, customerColumns[side]) ?? "remark";
  await write(deps, side, "update", "customer", customer.code, customer, {
    [column]: uniqueValue(column, deps.log.length + 1),
  });
}

export async function updateOrder(deps: GeneratorDeps, customer: CustomerState): Promise<void> {
  const order = pick(deps.random, customer.orders);
  if (!order) return updateCustomer(deps, customer);
  const side = sideFor(deps, customer);
  const column = pick(deps.random, orderColumns) ?? "remark";
  await write(deps, side, "update", "order", order, customer, {
    [column]: uniqueValue(column, deps.log.length + 1),
  });
}

export async function createOrder(deps: GeneratorDeps, customer: CustomerState): Promise<void> {
  const side = sideFor(deps, customer);
  const quantity = 1 + Math.floor(deps.random() * 5);
  const amount = 800 * quantity + deps.log.length;
  const remark = `created ${customer.code} #${deps.log.length}-${Math.floor(deps.random() * 1e9)}`;
  const fields = { client_code: customer.code, qty_20: quantity, amount, remark };
  const base = {
    side,
    kind: "create" as const,
    entity: "order" as const,
    customerCode: customer.code,
    fields,
  };
  const done = await acknowledged(deps, { ...base, key: "" }, async () => {
    if (side === "legacy") {
      const { result, txid } = await deps.vendor.createOrder(customer.code, {
        qty_20: quantity,
        amount,
        remark,
      });
      return { key: result, txid };
    }
    const created = await deps.api.createOrder(customer.code, quantity, amount, remark);
    return { key: created.id, version: created.version };
  });
  if (done) customer.orders.push(done.key);
}

export async function advanceOrder(deps: GeneratorDeps, customer: CustomerState): Promise<void> {
  const order = pick(deps.random, customer.orders);
  if (!order || customer.writers === "legacy") return updateCustomer(deps, customer);
  const base = { side: "new" as const, kind: "transition" as const, entity: "order" as const };
  await acknowledged(deps, { ...base, key: order, customerCode: customer.code, fields: {} }, async () => {
    const { status, version } = await deps.api.advanceOrder(order);
    return { version, fields: { status: deliveryStatusCodes[status] } };
  });
}

export async function deleteOrder(deps: GeneratorDeps, customer: CustomerState): Promise<void> {
  const order = pick(deps.random, customer.orders);
  if (!order) return;
  customer.orders = customer.orders.filter((o) => o !== order); // no further writes of it
  const side = sideFor(deps, customer);
  await acknowledged(
    deps,
    { side, kind: "delete", entity: "order", key: order, customerCode: customer.code, fields: {} },
    async () =>
      side === "legacy"
        ? { txid: await deps.vendor.delete("order", order) }
        : { version: await deps.api.delete("order", order, customer.code) },
  );
}

/** A new customer; one in four is created on both sides at once (each with its own values). */
export async function createCustomer(deps: GeneratorDeps, customers: CustomerState[]): Promise<void> {
  const code = deps.nextCode();
  const both = deps.random() < 0.25;
  const customer: CustomerState = { code, writers: "both", orders: [], created: true, deleted: false };
  const create = (side: Side) => {
    const seq = deps.log.length + (side === "new" ? 500_000 : 0);
    const row = { ...newClientRow(code, seq), credit_limit: 20_000 + seq };
    const fields = {
      short_name: String(row["short_name" as keyof typeof row]),
      credit_limit: row.credit_limit,
    };
    return acknowledged(
      deps,
      { side, kind: "create", entity: "customer", key: code, customerCode: code, fields },
      async () =>
        side === "legacy"
          ? { txid: await deps.vendor.insert("customer", row) }
          : { version: await deps.api.createCustomer(row) },
    );
  };
  const sides: Side[] = both ? ["legacy", "new"] : [deps.random() < 0.5 ? "legacy" : "new"];
  for (;;) {
    try {
      await deps.setStage(code);
      break;
    } catch {
      await sleep(250); // Firestore restarting
    }
  }
  await Promise.all(sides.map(create));
  customers.push(customer);
}

export async function deleteCustomer(deps: GeneratorDeps, customers: CustomerState[]): Promise<void> {
  const customer = pick(
    deps.random,
    customers.filter((c) => c.created && !c.deleted && c.orders.length === 0),
  );
  if (!customer) return;
  customer.deleted = true; // no further writes of it
  const side = deps.random() < 0.5 ? "legacy" : "new";
  await acknowledged(
    deps,
    { side, kind: "delete", entity: "customer", key: customer.code, customerCode: customer.code, fields: {} },
    async () =>
      side === "legacy"
        ? { txid: await deps.vendor.delete("customer", customer.code) }
        : { version: await deps.api.delete("customer", customer.code, customer.code) },
  );
}

/** One write of a random kind for one of the worker's customers. */
export async function step(deps: GeneratorDeps, customers: CustomerState[]): Promise<void> {
  const live = customers.filter((c) => !c.deleted);
  const customer = pick(deps.random, live);
  if (!customer) return;
  const r = deps.random();
  if (r < 0.4) return updateCustomer(deps, customer);
  if (r < 0.58) return updateOrder(deps, customer);
  if (r < 0.7) return createOrder(deps, customer);
  if (r < 0.78) return advanceOrder(deps, customer);
  if (r < 0.83) return deleteOrder(deps, customer);
  if (r < 0.87) return createCustomer(deps, customers);
  if (r < 0.89) return deleteCustomer(deps, customers);
  return updateCustomer(deps, customer);
}
