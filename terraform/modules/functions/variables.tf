variable "project_id" {
  description = "Project the functions run in."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "region" {
  description = "Region of the functions and their source bucket."
  type        = string
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a Google Cloud region such as asia-east1."
  }
}

variable "functions" {
  description = "The deployed functions by function id (modules/luckygas/functions.tf explains each number)."
  type = map(object({
    entry_point                     = string
    description                     = string
    ingress                         = string
    min_instances                   = number
    max_instances                   = number
    concurrency                     = number
    cpu                             = string
    memory                          = string
    timeout_seconds                 = number
    legacy_connections_per_instance = number
    project_roles                   = list(string)
    publishes_to                    = list(string)
    secrets                         = map(string)
    secret_names_only               = map(string)
    environment                     = map(string)
    invokers                        = list(string)
  }))
  validation {
    condition     = alltrue([for id, f in var.functions : can(regex("^[a-z][a-z0-9-]{0,24}[a-z0-9]$", id))])
    error_message = "Function ids are lower-case kebab-case, at most 26 characters (the runtime account is fn-<id>)."
  }
  validation {
    condition     = alltrue([for f in var.functions : contains(["ALLOW_ALL", "ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"], f.ingress)])
    error_message = "ingress must be ALLOW_ALL, ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB."
  }
  validation {
    condition = alltrue([for f in var.functions :
      f.min_instances >= 0 && f.max_instances >= 1 && f.min_instances <= f.max_instances &&
      f.concurrency >= 1 && f.concurrency <= 1000 && f.timeout_seconds >= 1 && f.timeout_seconds <= 3600
    ])
    error_message = "Instances 0 <= min <= max (max >= 1), concurrency 1-1000, timeout 1-3600 s."
  }
  validation {
    condition     = alltrue(flatten([for f in var.functions : [for role in f.project_roles : !contains(["roles/owner", "roles/editor", "roles/viewer"], role)]]))
    error_message = "Functions get predefined roles only, never owner, editor or viewer."
  }
  validation {
    condition     = alltrue(flatten([for f in var.functions : [for k in keys(f.environment) : !can(regex("(PASSWORD|USERNAME|_KEY|_URL_SECRET|DATABASE_URL)$", k))]]))
    error_message = "Secrets go in secrets/secret_names_only (Secret Manager version names), never in environment."
  }
}

variable "bundles_dir" {
  description = "Directory holding one bundle per function (functions/dist after `npm run build -w functions`)."
  type        = string
  validation {
    condition     = fileexists("${var.bundles_dir}/api/index.js")
    error_message = "bundles_dir has no api/index.js: run `npm run build -w functions` first."
  }
}

variable "build_service_account_id" {
  description = "Resource id of the account Cloud Build builds the functions as."
  type        = string
  validation {
    condition     = can(regex("^projects/[^/]+/serviceAccounts/[^/]+@[^/]+$", var.build_service_account_id))
    error_message = "build_service_account_id must be projects/…/serviceAccounts/<email>."
  }
}

variable "common_environment" {
  description = "Environment variables every function gets (project id, log level)."
  type        = map(string)
  validation {
    condition     = contains(keys(var.common_environment), "GCLOUD_PROJECT")
    error_message = "common_environment must set GCLOUD_PROJECT: Cloud Functions 2nd gen does not, and the functions refuse to start without it."
  }
}

variable "secret_ids" {
  description = "Secret resource ids by secret id, for the accessor grants."
  type        = map(string)
  validation {
    condition     = alltrue([for id in values(var.secret_ids) : can(regex("^projects/[^/]+/secrets/[^/]+$", id))])
    error_message = "secret_ids values must be projects/…/secrets/…."
  }
}

variable "secret_version_names" {
  description = "Secret version names (projects/…/secrets/…/versions/…) by secret id: names, not values."
  type        = map(string)
  validation {
    condition     = alltrue([for name in values(var.secret_version_names) : can(regex("^projects/[^/]+/secrets/[^/]+/versions/[^/]+$", name))])
    error_message = "Secret version names must be projects/…/secrets/…/versions/…."
  }
}

variable "topic_ids" {
  description = "Pub/Sub topic ids by topic name, for the publisher grants."
  type        = map(string)
  validation {
    condition     = alltrue([for id in values(var.topic_ids) : can(regex("^projects/[^/]+/topics/[^/]+$", id))])
    error_message = "topic_ids values must be projects/…/topics/…."
  }
}

variable "legacy_connection_budget" {
  description = "Most connections all functions together may hold on the legacy PostgreSQL (its max_connections less what the vendor application needs)."
  type        = number
  validation {
    condition     = var.legacy_connection_budget >= 1
    error_message = "legacy_connection_budget must be at least 1."
  }
}

variable "vpc_connector" {
  description = "Serverless VPC Access connector (projects/…/locations/…/connectors/…) when the legacy database is on a private network; null when it is reached over the internet with TLS."
  type        = string
  default     = null
  validation {
    condition     = var.vpc_connector == null || can(regex("^projects/[^/]+/locations/[^/]+/connectors/[^/]+$", coalesce(var.vpc_connector, "-")))
    error_message = "vpc_connector must be a connector resource name or null."
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
