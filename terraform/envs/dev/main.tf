provider "google" {
  project = var.project_id
  region  = var.region
  # Firebase and Identity Toolkit APIs bill the quota to the project, not to the caller's credentials.
  user_project_override = true
  billing_project       = var.project_id
  default_labels        = { system = "luckygas", environment = local.environment }
}

provider "google-beta" {
  project               = var.project_id
  region                = var.region
  user_project_override = true
  billing_project       = var.project_id
  default_labels        = { system = "luckygas", environment = local.environment }
}

module "state_bucket" {
  source     = "../../modules/state-bucket"
  project_id = var.project_id
  name       = "${var.project_id}-tfstate"
  location   = var.region
}

module "luckygas" {
  source                        = "../../modules/luckygas"
  project_id                    = var.project_id
  region                        = var.region
  bundles_dir                   = "${path.module}/../../../functions/dist"
  notification_emails           = var.notification_emails
  ci_repository                 = var.ci_repository
  ci_deploy_ref                 = var.ci_deploy_ref
  sms_provider_url              = var.sms_provider_url
  legacy_connection_budget      = var.legacy_connection_budget
  api_min_instances             = local.api_min_instances
  api_max_instances             = local.api_max_instances
  apply_to_legacy_max_instances = local.apply_to_legacy_max_instances
  vpc_connector                 = var.vpc_connector
  vpc_connector_egress          = var.vpc_connector_egress
  secret_versions               = var.secret_versions
}

# Adding Firebase to the project creates its default Hosting site (id = project id); Terraform
# adopts it instead of trying to create it again.
import {
  to = module.luckygas.module.hosting.google_firebase_hosting_site.dashboard
  id = "projects/${var.project_id}/sites/${var.project_id}"
}
