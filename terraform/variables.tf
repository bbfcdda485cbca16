variable "project_id" {
  description = "Google Cloud project that hosts the new system."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a valid Google Cloud project id."
  }
}

variable "region" {
  description = "Region for Cloud Functions and Firestore (Taiwan by default: closest to Taitung)."
  type        = string
  default     = "asia-east1"
}

variable "workloads" {
  description = "One service account per deployed workload, by name, with the project roles it needs."
  type        = map(list(string))
  default = {
    # pubsub.publisher: an operator's dead-letter replay republishes the change to its topic.
    # firebaseauth.admin: admins set users' role claims and revoke their sessions (PUT /v1/users/{uid}/role);
    # no narrower predefined role can update a user.
    api                  = ["roles/datastore.user", "roles/secretmanager.secretAccessor", "roles/firebaseauth.admin", "roles/pubsub.publisher"]
    sync-apply-to-new    = ["roles/datastore.user"]
    sync-apply-to-legacy = ["roles/datastore.user", "roles/secretmanager.secretAccessor"]
    sync-relay           = ["roles/datastore.user", "roles/pubsub.publisher", "roles/secretmanager.secretAccessor"]
  }
}
