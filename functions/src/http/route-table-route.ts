import type { Router } from "./router.js";

/**
 * `GET /v1/routes` (admins): the router's own table — every route with the role it needs, whether it
 * pages and which precondition it takes. The generated route × role test reads it, so a route added
 * anywhere is tried with every kind of caller without anyone listing it by hand.
 */
export function registerRouteTableRoute(router: Router): void {
  router.add({
    method: "GET",
    path: "/v1/routes",
    access: "admin",
    handle: async () => ({ status: 200, body: { routes: router.routes() } }),
  });
}
