variable "project_id" {
  description = "Project the pipeline deploys to."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "repository" {
  description = "Repository whose pipeline may deploy, as owner/name (the `repository` claim of its OIDC token)."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.repository))
    error_message = "repository must be owner/name."
  }
}

variable "deploy_ref" {
  description = "Git ref whose runs may deploy (the `ref` claim), e.g. refs/heads/main."
  type        = string
  default     = "refs/heads/main"
  validation {
    condition     = startswith(var.deploy_ref, "refs/")
    error_message = "deploy_ref must be a full ref such as refs/heads/main."
  }
}

variable "issuer_uri" {
  description = "OIDC issuer of the CI provider's tokens (GitHub Actions by default)."
  type        = string
  default     = "https://token.actions.githubusercontent.com"
  validation {
    condition     = startswith(var.issuer_uri, "https://")
    error_message = "issuer_uri must be an https:// URL."
  }
}

variable "deployer_roles" {
  description = "Predefined roles the deployer needs to apply this configuration and deploy Hosting."
  type        = list(string)
  default = [
    "roles/artifactregistry.admin",
    "roles/cloudfunctions.admin",
    "roles/cloudscheduler.admin",
    "roles/datastore.owner",
    "roles/firebasehosting.admin",
    "roles/firebaserules.admin",
    "roles/iam.serviceAccountAdmin",
    "roles/iam.serviceAccountUser",
    "roles/iam.workloadIdentityPoolAdmin",
    "roles/logging.configWriter",
    "roles/monitoring.editor",
    "roles/pubsub.admin",
    "roles/resourcemanager.projectIamAdmin",
    "roles/run.admin",
    "roles/secretmanager.admin",
    "roles/serviceusage.serviceUsageAdmin",
    "roles/storage.admin",
  ]
  validation {
    condition     = alltrue([for role in var.deployer_roles : !contains(["roles/owner", "roles/editor", "roles/viewer"], role)])
    error_message = "The deployer gets predefined roles only, never owner, editor or viewer."
  }
}
