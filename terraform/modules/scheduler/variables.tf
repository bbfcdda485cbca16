variable "project_id" {
  description = "Project of the jobs."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "region" {
  description = "Region Cloud Scheduler runs the jobs in."
  type        = string
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a Google Cloud region such as asia-east1."
  }
}

variable "time_zone" {
  description = "Time zone of the schedules (tz database name)."
  type        = string
  default     = "Asia/Taipei"
  validation {
    condition     = can(regex("^[A-Za-z]+/[A-Za-z_]+$", var.time_zone))
    error_message = "time_zone must be a tz database name such as Asia/Taipei."
  }
}

variable "jobs" {
  description = "Jobs by name: the function URL to POST to, its OIDC audience, the cron schedule and how long to wait for an answer."
  type = map(object({
    description              = string
    uri                      = string
    audience                 = string
    schedule                 = string
    attempt_deadline_seconds = number
  }))
  validation {
    condition     = alltrue([for job in var.jobs : startswith(job.uri, "https://") && startswith(job.audience, "https://")])
    error_message = "Jobs call https:// URLs with an https:// audience."
  }
  validation {
    condition     = alltrue([for job in var.jobs : job.attempt_deadline_seconds >= 15 && job.attempt_deadline_seconds <= 1800])
    error_message = "Cloud Scheduler allows an HTTP attempt deadline of 15 s to 30 min."
  }
}

variable "invoker_email" {
  description = "Service account whose OIDC token authenticates every call."
  type        = string
  validation {
    condition     = endswith(var.invoker_email, ".iam.gserviceaccount.com")
    error_message = "invoker_email must be a service account email."
  }
}
