# The deployed functions, one per entry of functions/src/deployables/deployables.ts (the map key is
# the function id and Cloud Run service name; entry_point is the deployable's name, its bundle
# directory functions/dist/<entry_point> and the name infra/pubsub/topology.json pushes to).
#
# Sizing. Every instance of a function that talks to the legacy PostgreSQL holds up to
# legacy_connections_per_instance connections, so max_instances × that, summed, must stay within
# var.legacy_connection_budget (modules/functions refuses the plan otherwise). With the defaults:
#   api                   3 × 5  (createLegacyPool's default pool)                = 15
#   sync-apply-to-legacy  2 × 16 (SYNC_LEGACY_POOL_MAX = its concurrency)          = 32
#   sync-legacy-relay     2 × 6  (default pool of 5 + the LISTEN connection)       = 12
#                                                                                  = 59 of 60
# syncApplyToLegacy's concurrency equals its pool, so a push never waits for a connection: 32 applies
# in flight at ~100 ms each is ~300 changes/s, six times the 50/s the sync was benchmarked at, and
# ordering keys (customers) are what limits parallelism anyway. Past max_instances × concurrency,
# Cloud Run answers 429, Pub/Sub backs off and redelivers, nothing is lost.
# Timeouts: an apply answers within the subscriptions' 60 s ack deadline (a later answer counts as a
# failure anyway); a relay call relays for RELAY_DRAIN_SECONDS (90 s, longer than the scheduler's
# minute) and must not be cut off, so its timeout is 150 s; the api sits behind Hosting, whose
# rewrites wait 60 s. Concurrency above 1 needs a whole CPU on Cloud Run, hence cpu = "1".
locals {
  relay_drain_seconds = 90
  # parseFunctionEnv (functions/src/shared/config.ts) requires these two names of every function in a
  # cloud project, also of those that never read them; a name is not the value, and only the
  # functions listed under `secrets` are granted access.
  named_secrets = {
    LEGACY_DATABASE_URL_SECRET = "legacy-database-url"
    PAGE_TOKEN_KEY_SECRET      = "page-token-key"
  }

  functions = {
    api = {
      entry_point                     = "api"
      description                     = "The /v1 and /ofrep API behind Firebase Hosting."
      ingress                         = "ALLOW_ALL" # Hosting's rewrites reach it from the internet
      min_instances                   = var.api_min_instances
      max_instances                   = var.api_max_instances
      concurrency                     = 80
      cpu                             = "1"
      memory                          = "512Mi"
      timeout_seconds                 = 60
      legacy_connections_per_instance = 5
      # firebaseauth.admin: admins set role claims and revoke sessions; datastore.user: Firestore.
      project_roles = ["roles/datastore.user", "roles/firebaseauth.admin"]
      # An operator's dead-letter replay republishes the change to the topic it came from.
      publishes_to = ["legacy-changes", "new-changes"]
      secrets = {
        LEGACY_DATABASE_URL_SECRET = "legacy-database-url"
        PAGE_TOKEN_KEY_SECRET      = "page-token-key"
        SMS_CREDENTIALS_SECRET     = "sms-credentials"
      }
      secret_names_only = {}
      environment = merge(
        { TRUSTED_PROXY_HOPS = "1" }, # Google's front end appends the caller's address
        var.sms_provider_url == null ? {} : { SMS_PROVIDER_URL = var.sms_provider_url },
        var.firebase_auth_project == null ? {} : { FIREBASE_AUTH_PROJECT = var.firebase_auth_project },
      )
      # Firebase Hosting calls it unauthenticated; every route checks the Firebase ID token itself.
      invokers = ["allUsers"]
    }
    sync-apply-to-new = {
      entry_point                     = "syncApplyToNew"
      description                     = "Applies legacy changes to Firestore (push from legacy-changes-apply)."
      ingress                         = "ALLOW_INTERNAL_ONLY" # Pub/Sub push counts as internal
      min_instances                   = 0
      max_instances                   = 5
      concurrency                     = 40
      cpu                             = "1"
      memory                          = "512Mi"
      timeout_seconds                 = 60
      legacy_connections_per_instance = 0
      project_roles                   = ["roles/datastore.user"]
      publishes_to                    = []
      secrets                         = {}
      secret_names_only               = local.named_secrets
      environment                     = {}
      invokers                        = ["serviceAccount:${module.service_accounts.push_invoker_email}"]
    }
    sync-apply-to-legacy = {
      entry_point                     = "syncApplyToLegacy"
      description                     = "Applies Firestore changes to the legacy database (push from new-changes-apply)."
      ingress                         = "ALLOW_INTERNAL_ONLY"
      min_instances                   = 0
      max_instances                   = var.apply_to_legacy_max_instances
      concurrency                     = var.apply_to_legacy_pool_size
      cpu                             = "1"
      memory                          = "512Mi"
      timeout_seconds                 = 60
      legacy_connections_per_instance = var.apply_to_legacy_pool_size
      project_roles                   = ["roles/datastore.user"]
      publishes_to                    = []
      secrets                         = { LEGACY_DATABASE_URL_SECRET = "legacy-database-url" }
      secret_names_only               = { PAGE_TOKEN_KEY_SECRET = "page-token-key" }
      environment                     = { SYNC_LEGACY_POOL_MAX = tostring(var.apply_to_legacy_pool_size) }
      invokers                        = ["serviceAccount:${module.service_accounts.push_invoker_email}"]
    }
    sync-legacy-relay = {
      entry_point                     = "syncLegacyRelay"
      description                     = "Relays legacy sync.changes to topic legacy-changes (Cloud Scheduler, every minute)."
      ingress                         = "ALLOW_INTERNAL_ONLY" # Cloud Scheduler counts as internal
      min_instances                   = 0
      max_instances                   = 2 # two overlapping scheduled calls at most
      concurrency                     = 2
      cpu                             = "1"
      memory                          = "512Mi"
      timeout_seconds                 = 150
      legacy_connections_per_instance = 6
      project_roles                   = ["roles/datastore.user"] # run lease, audit outbox sweep
      publishes_to                    = ["legacy-changes"]
      secrets                         = { LEGACY_DATABASE_URL_SECRET = "legacy-database-url" }
      secret_names_only               = { PAGE_TOKEN_KEY_SECRET = "page-token-key" }
      environment                     = { RELAY_MODE = "scheduled", RELAY_DRAIN_SECONDS = tostring(local.relay_drain_seconds) }
      invokers                        = ["serviceAccount:${module.service_accounts.scheduler_invoker_email}"]
    }
    sync-outbox-relay = {
      entry_point                     = "syncOutboxRelay"
      description                     = "Relays Firestore syncOutbox to topic new-changes (Cloud Scheduler, every minute)."
      ingress                         = "ALLOW_INTERNAL_ONLY"
      min_instances                   = 0
      max_instances                   = 2
      concurrency                     = 2
      cpu                             = "1"
      memory                          = "512Mi"
      timeout_seconds                 = 150
      legacy_connections_per_instance = 0
      project_roles                   = ["roles/datastore.user"]
      publishes_to                    = ["new-changes"]
      secrets                         = {}
      secret_names_only               = local.named_secrets
      environment                     = { RELAY_MODE = "scheduled", RELAY_DRAIN_SECONDS = tostring(local.relay_drain_seconds) }
      invokers                        = ["serviceAccount:${module.service_accounts.scheduler_invoker_email}"]
    }
  }

  # Cloud Scheduler jobs by name, each calling one function (by entry point). The monitor, verifier
  # and guard jobs join here when those deployables exist in deployables.ts; the checks refuse a
  # job whose function is not defined above.
  scheduler_jobs = {
    sync-legacy-relay = {
      function    = "syncLegacyRelay"
      description = "Relays legacy changes for RELAY_DRAIN_SECONDS; calls overlap and hand over through the run lease."
      schedule    = "* * * * *"
    }
    sync-outbox-relay = {
      function    = "syncOutboxRelay"
      description = "Relays the Firestore outbox for RELAY_DRAIN_SECONDS; calls overlap and hand over through the run lease."
      schedule    = "* * * * *"
    }
  }
}
