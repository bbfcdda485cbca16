import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import type { DependencyProbe } from "./health-service.js";

export function firestoreProbe(db: Firestore): DependencyProbe {
  return {
    name: "firestore",
    ping: async () => {
      await db.collection("_health").limit(1).get();
    },
  };
}

export function legacyDatabaseProbe(pool: pg.Pool): DependencyProbe {
  return {
    name: "legacyDatabase",
    ping: async () => {
      await pool.query("select 1");
    },
  };
}
