variable "project_id" {
  description = "Project that owns the state bucket."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "name" {
  description = "Globally unique bucket name, conventionally <project_id>-tfstate."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$", var.name))
    error_message = "name must be a valid Cloud Storage bucket name (3-63 characters)."
  }
}

variable "location" {
  description = "Bucket location (a region keeps the state beside the workloads)."
  type        = string
  validation {
    condition     = length(var.location) > 0
    error_message = "location must not be empty."
  }
}
