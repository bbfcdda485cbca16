import { auditDraft } from "../audit/audit-draft.js";
import type { Customer, CustomerType, MigrationStage } from "../domain/customer.js";
import type { CustomerCreateInput, CustomerPatchInput } from "../domain/customer-input.js";
import type { DataSide } from "../migration/migration-stage.js";
import { NotFoundError } from "../shared/errors.js";
import type { Precondition } from "../shared/precondition.js";
import { applyCustomerPatch, newCustomer } from "./customer-edits.js";
import {
  authoritativeSide,
  type CustomerRouting,
  readRouted,
  type WriteContext,
} from "./customer-routing.js";
import type {
  CustomerLister,
  CustomerPage,
  CustomerSide,
  StageDirectory,
  Versioned,
} from "./customer-store.js";
import type { ReadComparisonRecorder } from "./read-comparison.js";

export interface CustomerServiceDeps {
  routing: CustomerRouting;
  sides: Record<DataSide, CustomerSide>;
  lister: CustomerLister;
  stages: StageDirectory;
  comparisons: ReadComparisonRecorder;
  now?: () => Date;
}

export interface CustomerListQuery {
  area?: string;
  type?: CustomerType;
  stage?: MigrationStage;
  q?: string;
  pageSize: number;
  after?: string;
}

/** Customers read and written on whichever side the customer's migration stage says. */
export class CustomerService {
  private readonly now: () => Date;

  constructor(private readonly deps: CustomerServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async get(code: string): Promise<Versioned<Customer>> {
    const route = await this.deps.routing.routeFor(code);
    const found = await readRouted(route, (side) => this.deps.sides[side].get(code), this.deps.comparisons, {
      entity: "customer",
      key: code,
      customerCode: code,
    });
    if (!found) throw new NotFoundError(`No customer ${code}.`);
    return {
      etag: found.etag,
      value: { ...found.value, migration: { ...found.value.migration, stage: route.stage } },
    };
  }

  async list(query: CustomerListQuery): Promise<CustomerPage> {
    const page = await this.listByStage(query);
    // Legacy rows know nothing of the migration: each item shows its assigned stage (none = off).
    const stages = await this.deps.stages.stagesOf(page.items.map((item) => item.code));
    const items = page.items.map((item) => ({
      ...item,
      migration: { ...item.migration, stage: stages.get(item.code) ?? "off" },
    }));
    return { ...page, items };
  }

  private async listByStage(query: CustomerListQuery): Promise<CustomerPage> {
    const { stage, ...rest } = query;
    if (stage === undefined) return this.deps.lister.list(rest);
    // Customers without an assignment are `off`.
    if (stage === "off")
      return this.deps.lister.list({ ...rest, excludeCodes: await this.deps.stages.codesNotOff() });
    return this.deps.lister.list({ ...rest, includeCodes: await this.deps.stages.codesInStage(stage) });
  }

  async create(input: CustomerCreateInput, context: WriteContext): Promise<Versioned<Customer>> {
    const route = await this.deps.routing.routeFor(input.code);
    const customer = newCustomer(input, this.now());
    const draft = auditDraft(context, { action: "create", entity: "customer", key: input.code }, this.now());
    return this.deps.sides[authoritativeSide(route)].create(customer, draft);
  }

  async patch(code: string, patch: CustomerPatchInput, precondition: Precondition, context: WriteContext) {
    const route = await this.deps.routing.routeFor(code);
    const now = this.now();
    const { after } = await this.deps.sides[authoritativeSide(route)].update(
      code,
      precondition,
      (current) => applyCustomerPatch(current, patch, now),
      auditDraft(context, { action: "update", entity: "customer", key: code }, now),
    );
    return after;
  }
}
