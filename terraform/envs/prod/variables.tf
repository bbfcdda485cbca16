variable "project_id" {
  description = "Google Cloud project of this environment."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id)) && !startswith(var.project_id, "demo-")
    error_message = "project_id must be a real Google Cloud project id."
  }
}

variable "region" {
  description = "Region of everything regional."
  type        = string
  default     = "asia-east1"
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a Google Cloud region such as asia-east1."
  }
}

variable "notification_emails" {
  description = "E-mail addresses every alert goes to."
  type        = list(string)
  validation {
    condition     = length(var.notification_emails) > 0
    error_message = "At least one address must receive the alerts."
  }
}

variable "ci_repository" {
  description = "Repository (owner/name) whose pipeline may deploy this environment."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.ci_repository))
    error_message = "ci_repository must be owner/name."
  }
}

variable "ci_deploy_ref" {
  description = "Git ref whose pipeline runs may deploy this environment."
  type        = string
  default     = "refs/heads/main"
  validation {
    condition     = startswith(var.ci_deploy_ref, "refs/")
    error_message = "ci_deploy_ref must be a full ref such as refs/heads/main."
  }
}

variable "sms_provider_url" {
  description = "Bulk-SMS gateway origin; null switches order SMS off."
  type        = string
  default     = null
  validation {
    condition     = var.sms_provider_url == null || startswith(coalesce(var.sms_provider_url, "-"), "https://")
    error_message = "sms_provider_url must be an https:// URL or null."
  }
}

variable "legacy_connection_budget" {
  description = "Connections the functions together may hold on the legacy PostgreSQL."
  type        = number
  default     = 60
  validation {
    condition     = var.legacy_connection_budget >= 1
    error_message = "legacy_connection_budget must be at least 1."
  }
}

variable "vpc_connector" {
  description = "Serverless VPC Access connector to a private legacy database, or null."
  type        = string
  default     = null
  validation {
    condition     = var.vpc_connector == null || can(regex("^projects/[^/]+/locations/[^/]+/connectors/[^/]+$", coalesce(var.vpc_connector, "-")))
    error_message = "vpc_connector must be a connector resource name (projects/…/locations/…/connectors/…) or null."
  }
}

variable "vpc_connector_egress" {
  description = "What goes through vpc_connector: PRIVATE_RANGES_ONLY (a legacy database on a private network or VPN) or ALL_TRAFFIC (a public one that allow-lists the Cloud NAT address)."
  type        = string
  default     = "PRIVATE_RANGES_ONLY"
  validation {
    condition     = contains(["PRIVATE_RANGES_ONLY", "ALL_TRAFFIC"], var.vpc_connector_egress)
    error_message = "vpc_connector_egress must be PRIVATE_RANGES_ONLY or ALL_TRAFFIC."
  }
}

variable "secret_versions" {
  description = "Version of each secret the functions read: \"latest\", or a number to pin one (a changed number deploys new revisions, which read it)."
  type        = map(string)
  default = {
    legacy-database-url = "latest"
    page-token-key      = "latest"
    sms-credentials     = "latest"
  }
  validation {
    condition     = alltrue([for v in values(var.secret_versions) : can(regex("^(latest|[1-9][0-9]*)$", v))])
    error_message = "Each version must be \"latest\" or a version number."
  }
}
