locals {
  repo_root = "${path.module}/../../.."
  # The same files the local stack and `firebase deploy` read: one source for both.
  pubsub_topology  = jsondecode(file("${local.repo_root}/infra/pubsub/topology.json"))
  firestore_config = jsondecode(file("${local.repo_root}/infra/firestore/firestore.indexes.json"))

  services = [
    "artifactregistry.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    "cloudscheduler.googleapis.com",
    "firebase.googleapis.com",
    "firebasehosting.googleapis.com",
    "firebaserules.googleapis.com",
    "firestore.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "identitytoolkit.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "serviceusage.googleapis.com",
    "storage.googleapis.com",
    "sts.googleapis.com",
  ]

  # Containers only; values are added out of band (README, Deploy).
  secrets = {
    legacy-database-url = { purpose = "legacy-database", version = var.secret_versions["legacy-database-url"] }
    page-token-key      = { purpose = "page-token-hmac", version = var.secret_versions["page-token-key"] }
    # {"username","password"} of the bulk-SMS gateway (functions/src/sms/sms-credentials.ts).
    sms-credentials = { purpose = "sms-gateway", version = var.secret_versions["sms-credentials"] }
  }
}

module "project_services" {
  source     = "../project-services"
  project_id = var.project_id
  services   = local.services
}

module "service_accounts" {
  source     = "../service-accounts"
  project_id = var.project_id
  depends_on = [module.project_services]
}

module "firestore" {
  source     = "../firestore"
  project_id = var.project_id
  location   = var.region
  indexes    = local.firestore_config
  rules      = file("${local.repo_root}/infra/firestore/firestore.rules")
  depends_on = [module.project_services]
}

module "secrets" {
  source     = "../secrets"
  project_id = var.project_id
  region     = var.region
  secrets    = local.secrets
  depends_on = [module.project_services]
}

module "functions" {
  source                   = "../functions"
  project_id               = var.project_id
  region                   = var.region
  functions                = local.functions
  bundles_dir              = var.bundles_dir
  build_service_account_id = module.service_accounts.functions_build_id
  common_environment       = { GCLOUD_PROJECT = var.project_id, LOG_LEVEL = var.log_level }
  secret_ids               = module.secrets.ids
  secret_version_names     = module.secrets.version_names
  topic_ids                = module.pubsub.topics
  legacy_connection_budget = var.legacy_connection_budget
  vpc_connector            = var.vpc_connector
  vpc_connector_egress     = var.vpc_connector_egress
}

module "pubsub" {
  source                     = "../pubsub"
  project_id                 = var.project_id
  topology                   = local.pubsub_topology
  push_targets               = module.functions.uris_by_entry_point
  push_invoker_email         = module.service_accounts.push_invoker_email
  pubsub_service_agent_email = module.service_accounts.pubsub_service_agent_email
}

module "scheduler" {
  source        = "../scheduler"
  project_id    = var.project_id
  region        = var.region
  invoker_email = module.service_accounts.scheduler_invoker_email
  jobs = {
    for name, job in local.scheduler_jobs : name => {
      description = job.description
      uri         = "${module.functions.uris_by_entry_point[job.function]}/"
      audience    = module.functions.uris_by_entry_point[job.function]
      schedule    = job.schedule
      # Longer than the relay function's timeout, so the function, not Scheduler, ends a call.
      attempt_deadline_seconds = one([for f in local.functions : f.timeout_seconds if f.entry_point == job.function]) + 30
    }
  }
}

module "monitoring" {
  source              = "../monitoring"
  project_id          = var.project_id
  definitions_dir     = "${local.repo_root}/infra/monitoring"
  notification_emails = var.notification_emails
  depends_on          = [module.project_services]
}

module "hosting" {
  source     = "../hosting"
  project_id = var.project_id
  site_id    = var.project_id
  depends_on = [module.project_services]
}

module "ci_identity" {
  source     = "../ci-identity"
  project_id = var.project_id
  repository = var.ci_repository
  deploy_ref = var.ci_deploy_ref
  depends_on = [module.project_services]
}
