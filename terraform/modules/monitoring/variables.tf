variable "project_id" {
  description = "Project monitored."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "definitions_dir" {
  description = "Path of infra/monitoring, holding alert-policies/, dashboards/ and log-metrics/ JSON files."
  type        = string
  validation {
    condition     = fileexists("${var.definitions_dir}/README.md")
    error_message = "definitions_dir must be infra/monitoring (it holds a README.md)."
  }
}

variable "notification_emails" {
  description = "Addresses every alert is sent to (the on-call rota's)."
  type        = list(string)
  validation {
    condition     = length(var.notification_emails) > 0 && alltrue([for e in var.notification_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "notification_emails must list at least one e-mail address: an alert nobody receives is no alert."
  }
}
