# The identities that are not one function's own (each function's runtime account is created with
# it in modules/functions): who may invoke the functions, and who builds them.

# Pub/Sub signs every push to the apply functions with an OIDC token of this account; only it
# (and nobody else) holds roles/run.invoker on the push targets.
resource "google_service_account" "push_invoker" {
  project      = var.project_id
  account_id   = "push-invoker"
  display_name = "Pub/Sub push invoker"
  description  = "Identity of the OIDC tokens on push subscriptions to the sync apply functions."
}

# Cloud Scheduler calls the relays with an OIDC token of this account.
resource "google_service_account" "scheduler_invoker" {
  project      = var.project_id
  account_id   = "scheduler-invoker"
  display_name = "Cloud Scheduler invoker"
  description  = "Identity of the OIDC tokens on Cloud Scheduler jobs that call functions."
}

# Cloud Build runs the functions' builds as this account instead of the default compute account
# (which, on older projects, holds roles/editor).
resource "google_service_account" "functions_build" {
  project      = var.project_id
  account_id   = "functions-build"
  display_name = "Cloud Functions build"
  description  = "Builds the function bundles into container images."
}

resource "google_project_iam_member" "functions_build" {
  for_each = toset(["roles/cloudbuild.builds.builder", "roles/logging.logWriter", "roles/artifactregistry.writer"])
  project  = var.project_id
  role     = each.value
  member   = "serviceAccount:${google_service_account.functions_build.email}"
}

# The Pub/Sub service agent (service-<number>@gcp-sa-pubsub.iam.gserviceaccount.com) is created
# with the API; this makes sure it exists before anything grants it a role.
resource "google_project_service_identity" "pubsub" {
  provider = google-beta
  project  = var.project_id
  service  = "pubsub.googleapis.com"
}

# The agent mints the push tokens of the push invoker, so it needs to act as that account
# (automatic on projects created after April 2021, stated here so older projects work too).
resource "google_service_account_iam_member" "pubsub_mints_push_tokens" {
  service_account_id = google_service_account.push_invoker.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:${google_project_service_identity.pubsub.email}"
}
