import { type CloudEvent, cloudEvent } from "@google-cloud/functions-framework";
import { initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";

/**
 * The bench's bare path: a pushed message becomes one Firestore document, nothing else.
 * Same transport (Pub/Sub push → functions-framework CloudEvent) as the apply functions, and the
 * same measurement: once the write is done, a lag sample (publish → written) is left beside it,
 * as LagRecordingApplier does for the sync's changes (source commit → applied).
 */
const db = getFirestore(initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? "demo-bench" }));

interface PushedMessage {
  message?: { attributes?: Record<string, string> };
}

cloudEvent<PushedMessage>("benchBareApply", async (event: CloudEvent<PushedMessage>) => {
  const attributes = event.data?.message?.attributes;
  const id = attributes?.benchId;
  const sentAt = Number(attributes?.sentAt);
  if (!id || !Number.isFinite(sentAt)) return; // not a bench message: acknowledge and ignore
  await db
    .collection("benchBare")
    .doc(id)
    .set({ code: attributes.customerCode ?? null });
  await db
    .collection("benchBareLag")
    .doc(id)
    .set({ sentAt, lagMs: Date.now() - sentAt });
});
