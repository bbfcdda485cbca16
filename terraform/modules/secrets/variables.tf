variable "project_id" {
  description = "Project that owns the secrets."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "region" {
  description = "The one region every secret is replicated to."
  type        = string
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a Google Cloud region such as asia-east1."
  }
}

variable "secrets" {
  description = "Secrets to create, by secret id, with a short purpose label and the version the functions read."
  type = map(object({
    purpose = string
    version = optional(string, "latest")
  }))
  validation {
    condition     = alltrue([for id, s in var.secrets : can(regex("^[a-z][a-z0-9-]{0,254}$", id))])
    error_message = "Secret ids must be lower-case letters, digits and hyphens."
  }
  validation {
    condition     = alltrue([for s in var.secrets : can(regex("^[a-z0-9_-]{1,63}$", s.purpose))])
    error_message = "purpose must be a valid label value (lower-case letters, digits, _ and -)."
  }
  validation {
    condition     = alltrue([for s in var.secrets : can(regex("^(latest|[1-9][0-9]*)$", s.version))])
    error_message = "version must be \"latest\" or a version number."
  }
}
