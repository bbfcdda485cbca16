locals {
  subscriptions = { for subscription in var.topology.subscriptions : subscription.name => subscription }
  # Every subscription that dead-letters, and every topic it dead-letters to: the Pub/Sub service
  # agent must be able to acknowledge on the one and publish on the other, or nothing is ever
  # forwarded and a poison message is retried until it expires.
  dead_lettered_subscriptions = { for name, s in local.subscriptions : name => s if s.deadLetterTopic != null }
  dead_letter_topics          = toset([for s in local.dead_lettered_subscriptions : s.deadLetterTopic])
}

resource "google_pubsub_topic" "topic" {
  for_each = { for topic in var.topology.topics : topic.name => topic }
  project  = var.project_id
  name     = each.key
}

resource "google_pubsub_subscription" "subscription" {
  for_each                = local.subscriptions
  project                 = var.project_id
  name                    = each.key
  topic                   = google_pubsub_topic.topic[each.value.topic].id
  ack_deadline_seconds    = each.value.ackDeadlineSeconds
  enable_message_ordering = each.value.enableMessageOrdering

  # Our own push subscription to the function's Cloud Run URL, not an Eventarc trigger: Eventarc
  # creates a subscription of its own without message ordering, our backoff or a dead-letter
  # topic (terraform/README.md). The path carries the topic, which functions-framework reads
  # when it turns the push body into a CloudEvent (as emulators/src/services/pubsub-topology.ts).
  dynamic "push_config" {
    for_each = each.value.pushToFunction == null ? [] : [each.value.pushToFunction]
    content {
      push_endpoint = "${var.push_targets[push_config.value]}/projects/${var.project_id}/topics/${each.value.topic}"
      # Cloud Run accepts only tokens of an account it lets invoke, for its own URL.
      oidc_token {
        service_account_email = var.push_invoker_email
        audience              = var.push_targets[push_config.value]
      }
    }
  }

  dynamic "dead_letter_policy" {
    for_each = each.value.deadLetterTopic == null ? [] : [each.value.deadLetterTopic]
    content {
      dead_letter_topic     = google_pubsub_topic.topic[dead_letter_policy.value].id
      max_delivery_attempts = each.value.maxDeliveryAttempts
    }
  }

  retry_policy {
    minimum_backoff = "${each.value.minimumBackoffSeconds}s"
    maximum_backoff = "${each.value.maximumBackoffSeconds}s"
  }

  # Never deleted for inactivity: a dead-letter hold may see nothing for months, and must be
  # there (with its 7 days of messages) the day something is dead-lettered.
  expiration_policy {
    ttl = ""
  }

  lifecycle {
    precondition {
      condition     = each.value.pushToFunction == null || contains(keys(var.push_targets), coalesce(each.value.pushToFunction, "-"))
      error_message = "Subscription ${each.key} pushes to ${coalesce(each.value.pushToFunction, "-")}, which is not a deployed function."
    }
  }
}

resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = local.dead_letter_topics
  project  = var.project_id
  topic    = google_pubsub_topic.topic[each.key].name
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${var.pubsub_service_agent_email}"
}

resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  for_each     = local.dead_lettered_subscriptions
  project      = var.project_id
  subscription = google_pubsub_subscription.subscription[each.key].name
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:${var.pubsub_service_agent_email}"
}
