variable "topology" {
  description = "Decoded infra/pubsub/topology.json: topics and subscriptions shared with the local stack."
  type = object({
    topics        = list(object({ name = string }))
    subscriptions = list(any)
  })
}

variable "push_endpoints" {
  description = "Push endpoint URL per function name; a push subscription whose function has none is created as pull."
  type        = map(string)
  default     = {}
}

resource "google_pubsub_topic" "topic" {
  for_each = { for topic in var.topology.topics : topic.name => topic }
  name     = each.key
}

resource "google_pubsub_subscription" "subscription" {
  for_each                = { for sub in var.topology.subscriptions : sub.name => sub }
  name                    = each.key
  topic                   = google_pubsub_topic.topic[each.value.topic].id
  ack_deadline_seconds    = try(each.value.ackDeadlineSeconds, 60)
  enable_message_ordering = try(each.value.enableMessageOrdering, false)

  dynamic "push_config" {
    for_each = try(var.push_endpoints[each.value.pushToFunction], null) == null ? [] : [each.value.pushToFunction]
    content {
      push_endpoint = var.push_endpoints[push_config.value]
    }
  }

  dynamic "dead_letter_policy" {
    for_each = try(each.value.deadLetterTopic, null) == null ? [] : [each.value.deadLetterTopic]
    content {
      dead_letter_topic     = google_pubsub_topic.topic[dead_letter_policy.value].id
      max_delivery_attempts = try(each.value.maxDeliveryAttempts, 5)
    }
  }

  retry_policy {
    minimum_backoff = "${try(each.value.minimumBackoffSeconds, 10)}s"
    maximum_backoff = "${try(each.value.maximumBackoffSeconds, 600)}s"
  }
}

output "topics" {
  description = "Topic ids by name."
  value       = { for name, topic in google_pubsub_topic.topic : name => topic.id }
}
