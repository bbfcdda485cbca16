variable "project_id" {
  description = "Project whose APIs are enabled."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id (6-30 lower-case letters, digits, hyphens)."
  }
}

variable "services" {
  description = "APIs to enable, as service names (e.g. run.googleapis.com)."
  type        = list(string)
  validation {
    condition     = length(var.services) > 0 && alltrue([for s in var.services : endswith(s, ".googleapis.com")])
    error_message = "services must list at least one API, each ending in .googleapis.com."
  }
}
