import type { Principal } from "../auth/principal.js";

/** How a person appears in change histories: their e-mail when they have one, else their uid. */
export function actorOf(principal: Principal): string {
  return principal.email ?? principal.uid;
}
