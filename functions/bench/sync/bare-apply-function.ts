import { type CloudEvent, cloudEvent } from "@google-cloud/functions-framework";
import { initializeApp } from "firebase-admin/app";
import { FieldValue, getFirestore, Timestamp } from "firebase-admin/firestore";

/**
 * The bench's bare path: a pushed message becomes one Firestore document, nothing else.
 * Same transport (Pub/Sub push → functions-framework CloudEvent) as the apply functions, and the
 * same measurement: the document carries its publish time and its commit's server time, as the
 * sync's lag samples carry source commit and apply commit (src/sync/status/apply-lag.ts).
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
    .set({
      code: attributes.customerCode ?? null,
      sentAt: Timestamp.fromMillis(sentAt),
      appliedAt: FieldValue.serverTimestamp(),
    });
});
