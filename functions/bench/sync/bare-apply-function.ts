import { type CloudEvent, cloudEvent } from "@google-cloud/functions-framework";
import { initializeApp } from "firebase-admin/app";
import { FieldValue, getFirestore } from "firebase-admin/firestore";

/**
 * The bench's bare path: a pushed message becomes one Firestore document, nothing else.
 * Same transport (Pub/Sub push → functions-framework CloudEvent) as the apply functions.
 */
const db = getFirestore(initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? "demo-bench" }));

interface PushedMessage {
  message?: { attributes?: Record<string, string> };
}

cloudEvent<PushedMessage>("benchBareApply", async (event: CloudEvent<PushedMessage>) => {
  const id = event.data?.message?.attributes?.benchId;
  if (!id) return; // not a bench message: acknowledge and ignore
  await db.collection("benchBare").doc(id).set({ appliedAt: FieldValue.serverTimestamp() });
});
