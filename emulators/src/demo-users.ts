import type { Auth } from "firebase-admin/auth";

export const roles = ["admin", "operator", "viewer"] as const;
export type Role = (typeof roles)[number];

/** Synthetic local-only accounts, one per role; the password exists only in the Auth emulator. */
export const demoPassword = "demo-password";
export function demoUser(role: Role): { uid: string; email: string; displayName: string } {
  return { uid: `demo-${role}`, email: `${role}@luckygas.test`, displayName: `Demo ${role}` };
}

/** Creates the demo users with their role claim; running it again changes nothing. */
export async function ensureDemoUsers(auth: Auth): Promise<void> {
  for (const role of roles) {
    const user = demoUser(role);
    try {
      await auth.getUser(user.uid);
    } catch {
      await auth.createUser({ ...user, password: demoPassword, emailVerified: true });
    }
    await auth.setCustomUserClaims(user.uid, { role });
  }
}
