import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { registerAuditRoutes } from "../audit/audit-routes.js";
import { FirestoreAuditLog } from "../audit/firestore-audit-log.js";
import { LegacyAuditOutbox } from "../audit/legacy-audit-outbox.js";
import type { Router } from "../http/router.js";
import { FirestoreOrderSide } from "../orders/firestore-order-store.js";
import { LegacyOrderSide } from "../orders/legacy-order-store.js";
import type { OrderNotifier } from "../orders/order-notifier.js";
import { registerOrderRoutes } from "../orders/order-routes.js";
import { OrderService } from "../orders/order-service.js";
import { LegacyReferenceReader } from "../reference/legacy-reference-reader.js";
import { registerReferenceRoutes } from "../reference/reference-routes.js";
import { FirestoreSmsLogReader } from "../reference/sms-log-reader.js";
import { registerCustomerRoutes } from "./customer-routes.js";
import type { CustomerRouting } from "./customer-routing.js";
import { CustomerService } from "./customer-service.js";
import { FirestoreCustomerSide } from "./firestore-customer-store.js";
import { FirestoreReadComparisonRecorder } from "./firestore-read-comparison-recorder.js";
import { FirestoreStageDirectory } from "./firestore-stage-directory.js";
import { LegacyCustomerLister } from "./legacy-customer-lister.js";
import { LegacyCustomerSide } from "./legacy-customer-store.js";
import { SampledReadComparisonRecorder } from "./read-comparison.js";

export interface CoreApiDeps {
  db: Firestore;
  legacyPool: pg.Pool;
  /** MigrationRouter: where each customer's reads and writes go. */
  routing: CustomerRouting;
  notifier: OrderNotifier;
  readComparisonSampleRatio: number;
}

/**
 * Part of the `api` composition root (called only from deployables/api/compose.ts): builds the
 * real adapters of the core REST API and registers customers, orders, reference data and audit.
 */
export function registerCoreApi(router: Router, deps: CoreApiDeps): void {
  const { db, legacyPool, routing } = deps;
  const audit = new FirestoreAuditLog(db);
  const legacyAudit = new LegacyAuditOutbox(legacyPool, db);
  const comparisons = new SampledReadComparisonRecorder(
    new FirestoreReadComparisonRecorder(db),
    deps.readComparisonSampleRatio,
  );
  const customers = new CustomerService({
    routing,
    sides: { legacy: new LegacyCustomerSide(legacyPool, legacyAudit), new: new FirestoreCustomerSide(db) },
    lister: new LegacyCustomerLister(legacyPool),
    stages: new FirestoreStageDirectory(db),
    comparisons,
  });
  const orders = new OrderService({
    routing,
    sides: { legacy: new LegacyOrderSide(legacyPool, legacyAudit), new: new FirestoreOrderSide(db) },
    customers,
    comparisons,
    notifier: deps.notifier,
  });
  registerCustomerRoutes(router, { customers });
  registerOrderRoutes(router, { orders });
  registerReferenceRoutes(router, {
    reference: new LegacyReferenceReader(legacyPool),
    smsLogs: new FirestoreSmsLogReader(db),
    legacyPool,
  });
  registerAuditRoutes(router, { audit });
}
