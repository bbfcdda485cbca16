output "topics" {
  description = "Topic ids by name."
  value       = { for name, topic in google_pubsub_topic.topic : name => topic.id }
}

output "subscriptions" {
  description = "Subscription ids by name."
  value       = { for name, subscription in google_pubsub_subscription.subscription : name => subscription.id }
}

output "push_endpoints" {
  description = "Push endpoint of each push subscription, by subscription name."
  value       = { for name, subscription in google_pubsub_subscription.subscription : name => try(subscription.push_config[0].push_endpoint, null) if local.subscriptions[name].pushToFunction != null }
}
