import type { Firestore } from "firebase-admin/firestore";
import type { MigrationStage } from "../domain/customer.js";
import { assignmentsCollection } from "../migration/firestore-stage-assignment-store.js";
import type { StageDirectory } from "./customer-store.js";

/** Reads the migration engineer's `migrationAssignments` collection for the list's stage filter. */
export class FirestoreStageDirectory implements StageDirectory {
  constructor(private readonly db: Firestore) {}

  async codesInStage(stage: MigrationStage): Promise<string[]> {
    const snapshot = await this.db
      .collection(assignmentsCollection)
      .where("stage", "==", stage)
      .select()
      .get();
    return snapshot.docs.map((doc) => doc.id);
  }

  async stagesOf(codes: readonly string[]): Promise<Map<string, MigrationStage>> {
    if (codes.length === 0) return new Map();
    const refs = codes.map((code) => this.db.collection(assignmentsCollection).doc(code));
    const snapshots = await this.db.getAll(...refs, { fieldMask: ["stage"] });
    return new Map(
      snapshots.filter((doc) => doc.exists).map((doc) => [doc.id, doc.get("stage") as MigrationStage]),
    );
  }

  async codesNotOff(): Promise<string[]> {
    const snapshot = await this.db
      .collection(assignmentsCollection)
      .where("stage", "!=", "off")
      .select()
      .get();
    return snapshot.docs.map((doc) => doc.id);
  }
}
