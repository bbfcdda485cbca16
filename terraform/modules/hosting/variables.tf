variable "project_id" {
  description = "Firebase project of the site."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "site_id" {
  description = "Hosting site id: the project's default site (its id is the project id), imported by the environment."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{2,61}[a-z0-9]$", var.site_id))
    error_message = "site_id must be 4-63 lower-case letters, digits and hyphens."
  }
}
