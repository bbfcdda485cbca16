# Containers only: no value is ever in Terraform (code, variables or state). Each version is added
# out of band (`gcloud secrets versions add`, README "Deploy"), and the functions read it at cold
# start through the *_SECRET variables (functions/src/shared/secrets.ts).
resource "google_secret_manager_secret" "secret" {
  for_each  = var.secrets
  project   = var.project_id
  secret_id = each.key
  labels    = { purpose = each.value.purpose }

  # Kept in the region the functions run in, so the data stays in Taiwan.
  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }
}
