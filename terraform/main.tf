locals {
  # The same topology file the local stack applies to the Pub/Sub emulator.
  pubsub_topology = jsondecode(file("${path.module}/../infra/pubsub/topology.json"))
  services = [
    "cloudfunctions.googleapis.com",
    "run.googleapis.com",
    "eventarc.googleapis.com",
    "firestore.googleapis.com",
    "pubsub.googleapis.com",
    "secretmanager.googleapis.com",
    "monitoring.googleapis.com",
    "cloudscheduler.googleapis.com",
  ]
}

resource "google_project_service" "enabled" {
  for_each           = toset(local.services)
  service            = each.value
  disable_on_destroy = false
}

resource "google_firestore_database" "default" {
  name        = "(default)"
  location_id = var.region
  type        = "FIRESTORE_NATIVE"
  depends_on  = [google_project_service.enabled]
}

resource "google_service_account" "workload" {
  for_each     = var.workloads
  account_id   = "lg-${each.key}"
  display_name = "Lucky Gas ${each.key}"
}

resource "google_project_iam_member" "workload" {
  for_each = merge([
    for name, roles in var.workloads : { for role in roles : "${name}/${role}" => { name = name, role = role } }
  ]...)
  project = var.project_id
  role    = each.value.role
  member  = "serviceAccount:${google_service_account.workload[each.value.name].email}"
}

resource "google_secret_manager_secret" "legacy_database_url" {
  secret_id = "legacy-database-url"
  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }
  depends_on = [google_project_service.enabled]
}

# The HMAC key the api signs its page tokens with (PAGE_TOKEN_KEY_SECRET): at least 32 random
# characters, added as a version out of band so no value is ever in Terraform state.
resource "google_secret_manager_secret" "page_token_key" {
  secret_id = "page-token-key"
  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }
  depends_on = [google_project_service.enabled]
}

module "pubsub" {
  source   = "./modules/pubsub"
  topology = local.pubsub_topology
  # Push endpoints are filled in when the functions are deployed (Eventarc), by function name.
  push_endpoints = {}
  depends_on     = [google_project_service.enabled]
}
