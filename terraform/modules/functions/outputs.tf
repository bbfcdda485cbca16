output "uris" {
  description = "Cloud Run URL of each function, by function id."
  value       = { for id, f in google_cloudfunctions2_function.function : id => f.service_config[0].uri }
}

output "uris_by_entry_point" {
  description = "Cloud Run URL of each function, by entry point (the name infra/pubsub/topology.json uses)."
  value       = { for id, f in google_cloudfunctions2_function.function : var.functions[id].entry_point => f.service_config[0].uri }
}

output "service_account_emails" {
  description = "Runtime service account of each function, by function id."
  value       = { for id, account in google_service_account.function : id => account.email }
}

output "legacy_connections" {
  description = "Legacy PostgreSQL connections the functions may hold at once at their maximum scale."
  value       = local.legacy_connections
}
