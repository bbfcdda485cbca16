variable "project_id" {
  description = "Project of the topics and subscriptions."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

# The defaults are the local stack's (emulators/src/services/pubsub-topology.ts), so a field left
# out of infra/pubsub/topology.json means the same in the emulator and in the cloud; the
# Terraform checks compare the two.
variable "topology" {
  description = "Decoded infra/pubsub/topology.json: topics and subscriptions shared with the local stack."
  type = object({
    topics = list(object({ name = string }))
    subscriptions = list(object({
      name                  = string
      topic                 = string
      pushToFunction        = optional(string)
      enableMessageOrdering = optional(bool, false)
      ackDeadlineSeconds    = optional(number, 60)
      deadLetterTopic       = optional(string)
      maxDeliveryAttempts   = optional(number, 5)
      minimumBackoffSeconds = optional(number, 10)
      maximumBackoffSeconds = optional(number, 600)
    }))
  })
  validation {
    condition     = alltrue([for s in var.topology.subscriptions : contains([for t in var.topology.topics : t.name], s.topic)])
    error_message = "Every subscription's topic must be one of the topology's topics."
  }
  validation {
    condition     = alltrue([for s in var.topology.subscriptions : s.deadLetterTopic == null || contains([for t in var.topology.topics : t.name], coalesce(s.deadLetterTopic, "-"))])
    error_message = "Every deadLetterTopic must be one of the topology's topics."
  }
  validation {
    condition = alltrue([for s in var.topology.subscriptions :
      s.ackDeadlineSeconds >= 10 && s.ackDeadlineSeconds <= 600 &&
      s.maxDeliveryAttempts >= 5 && s.maxDeliveryAttempts <= 100 &&
      s.minimumBackoffSeconds >= 0 && s.minimumBackoffSeconds <= s.maximumBackoffSeconds && s.maximumBackoffSeconds <= 600
    ])
    error_message = "Pub/Sub limits: ack deadline 10-600 s, 5-100 delivery attempts, backoff 0-600 s with minimum <= maximum."
  }
}

variable "push_targets" {
  description = "Cloud Run URL of each function a subscription pushes to, by function name (pushToFunction)."
  type        = map(string)
  validation {
    condition     = alltrue([for url in values(var.push_targets) : startswith(url, "https://")])
    error_message = "Push targets must be https:// URLs."
  }
}

variable "push_invoker_email" {
  description = "Service account whose OIDC token Pub/Sub attaches to every push."
  type        = string
  validation {
    condition     = endswith(var.push_invoker_email, ".iam.gserviceaccount.com")
    error_message = "push_invoker_email must be a service account email."
  }
}

variable "pubsub_service_agent_email" {
  description = "The project's Pub/Sub service agent, which forwards messages to dead-letter topics."
  type        = string
  validation {
    condition     = endswith(var.pubsub_service_agent_email, "@gcp-sa-pubsub.iam.gserviceaccount.com")
    error_message = "pubsub_service_agent_email must be the Pub/Sub service agent (…@gcp-sa-pubsub.iam.gserviceaccount.com)."
  }
}
