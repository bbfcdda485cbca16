# The pipeline authenticates with its CI provider's OIDC token, exchanged through Workload Identity
# Federation for a short-lived token of the deployer account: no service-account key exists.
resource "google_iam_workload_identity_pool" "ci" {
  project                   = var.project_id
  workload_identity_pool_id = "ci-pipeline"
  display_name              = "CI pipeline"
  description               = "Identities of the deployment pipeline's runs."
}

resource "google_iam_workload_identity_pool_provider" "ci" {
  project                            = var.project_id
  workload_identity_pool_id          = google_iam_workload_identity_pool.ci.workload_identity_pool_id
  workload_identity_pool_provider_id = "ci-oidc"
  display_name                       = "CI OIDC"
  attribute_mapping = {
    "google.subject"       = "assertion.sub"
    "attribute.repository" = "assertion.repository"
    "attribute.ref"        = "assertion.ref"
  }
  # Only runs of this repository's deploy branch can exchange a token at all.
  attribute_condition = "assertion.repository == \"${var.repository}\" && assertion.ref == \"${var.deploy_ref}\""
  oidc {
    issuer_uri = var.issuer_uri
  }
}

resource "google_service_account" "deployer" {
  project      = var.project_id
  account_id   = "ci-deployer"
  display_name = "CI deployer"
  description  = "Runs terraform apply and firebase deploy from the pipeline (through Workload Identity Federation)."
}

resource "google_service_account_iam_member" "deployer_federation" {
  service_account_id = google_service_account.deployer.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.ci.name}/attribute.repository/${var.repository}"
}

resource "google_project_iam_member" "deployer" {
  for_each = toset(var.deployer_roles)
  project  = var.project_id
  role     = each.value
  member   = "serviceAccount:${google_service_account.deployer.email}"
}
