import { type App, getApps, initializeApp } from "firebase-admin/app";
import { type Firestore, getFirestore } from "firebase-admin/firestore";

/**
 * One firebase-admin App per project id and process. In the emulators the SDK picks up
 * FIRESTORE_EMULATOR_HOST / FIREBASE_AUTH_EMULATOR_HOST itself; in Cloud Functions it
 * uses the runtime service account. Tests pass their own project id for isolation.
 */
export function firebaseApp(projectId: string): App {
  const name = `luckygas-${projectId}`;
  return getApps().find((app) => app.name === name) ?? initializeApp({ projectId }, name);
}

export function firestoreFor(app: App): Firestore {
  return getFirestore(app);
}
