variable "project_id" {
  description = "Google Cloud project that hosts the new system (Firebase added to it)."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id)) && !startswith(var.project_id, "demo-")
    error_message = "project_id must be a real Google Cloud project id (demo- ids are the emulators')."
  }
}

variable "region" {
  description = "Region of the functions, Firestore, secrets and jobs (Taiwan by default: closest to Taitung)."
  type        = string
  default     = "asia-east1"
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a Google Cloud region such as asia-east1."
  }
}

variable "bundles_dir" {
  description = "Path of functions/dist, written by `npm run build -w functions` before every plan."
  type        = string
  validation {
    condition     = fileexists("${var.bundles_dir}/api/index.js")
    error_message = "bundles_dir has no api/index.js: run `npm run build -w functions` first."
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
  description = "Repository (owner/name) whose pipeline deploys through Workload Identity Federation."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.ci_repository))
    error_message = "ci_repository must be owner/name."
  }
}

variable "ci_deploy_ref" {
  description = "Git ref whose pipeline runs may deploy."
  type        = string
  default     = "refs/heads/main"
  validation {
    condition     = startswith(var.ci_deploy_ref, "refs/")
    error_message = "ci_deploy_ref must be a full ref such as refs/heads/main."
  }
}

variable "log_level" {
  description = "LOG_LEVEL of every function."
  type        = string
  default     = "INFO"
  validation {
    condition     = contains(["DEBUG", "INFO", "WARNING", "ERROR"], var.log_level)
    error_message = "log_level must be DEBUG, INFO, WARNING or ERROR."
  }
}

variable "secret_versions" {
  description = "Version of each secret the functions read: \"latest\", or a number to pin one (rotation then needs an apply)."
  type        = map(string)
  default = {
    legacy-database-url = "latest"
    page-token-key      = "latest"
    sms-credentials     = "latest"
  }
  validation {
    condition     = length(setsubtract(["legacy-database-url", "page-token-key", "sms-credentials"], keys(var.secret_versions))) == 0
    error_message = "secret_versions must name legacy-database-url, page-token-key and sms-credentials."
  }
}

variable "sms_provider_url" {
  description = "Origin of the bulk-SMS gateway's HTTP API; null switches order SMS off (the api says so in its log)."
  type        = string
  default     = null
  validation {
    condition     = var.sms_provider_url == null || startswith(coalesce(var.sms_provider_url, "-"), "https://")
    error_message = "sms_provider_url must be an https:// URL or null."
  }
}

variable "firebase_auth_project" {
  description = "Project whose Firebase Auth issues the ID tokens the api accepts; null: this project."
  type        = string
  default     = null
  validation {
    condition     = var.firebase_auth_project == null || can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", coalesce(var.firebase_auth_project, "-")))
    error_message = "firebase_auth_project must be a project id or null."
  }
}

variable "legacy_connection_budget" {
  description = "Connections all functions together may hold on the legacy PostgreSQL: its max_connections (100 by default) less the vendor application's pool and the superuser reserve."
  type        = number
  default     = 60
  validation {
    condition     = var.legacy_connection_budget >= 1 && var.legacy_connection_budget <= 1000
    error_message = "legacy_connection_budget must be between 1 and 1000."
  }
}

variable "api_min_instances" {
  description = "Warm api instances (0: a cold start of a few seconds after idle periods)."
  type        = number
  default     = 0
  validation {
    condition     = var.api_min_instances >= 0 && var.api_min_instances <= 3
    error_message = "api_min_instances must be 0-3."
  }
}

variable "api_max_instances" {
  description = "Most api instances (5 legacy connections each)."
  type        = number
  default     = 3
  validation {
    condition     = var.api_max_instances >= 1 && var.api_max_instances <= 20
    error_message = "api_max_instances must be 1-20."
  }
}

variable "apply_to_legacy_max_instances" {
  description = "Most syncApplyToLegacy instances."
  type        = number
  default     = 2
  validation {
    condition     = var.apply_to_legacy_max_instances >= 1 && var.apply_to_legacy_max_instances <= 10
    error_message = "apply_to_legacy_max_instances must be 1-10."
  }
}

variable "apply_to_legacy_pool_size" {
  description = "Legacy connections per syncApplyToLegacy instance (SYNC_LEGACY_POOL_MAX), also its request concurrency."
  type        = number
  default     = 16
  validation {
    condition     = var.apply_to_legacy_pool_size >= 1 && var.apply_to_legacy_pool_size <= 100
    error_message = "apply_to_legacy_pool_size must be 1-100 (SYNC_LEGACY_POOL_MAX's range)."
  }
}

variable "vpc_connector" {
  description = "Serverless VPC Access connector for a legacy database on a private network; null when it is reached over the internet (with sslmode=require in its URL)."
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
