output "service_accounts" {
  description = "Email of each workload's service account, by workload name."
  value       = { for name, account in google_service_account.workload : name => account.email }
}

output "legacy_database_url_secret" {
  description = "Secret Manager secret holding the legacy database URL (add a version out of band)."
  value       = google_secret_manager_secret.legacy_database_url.id
}

output "page_token_key_secret" {
  description = "Secret Manager secret holding the api's page-token HMAC key (add a version out of band)."
  value       = google_secret_manager_secret.page_token_key.id
}

output "topics" {
  description = "Pub/Sub topic ids, by name."
  value       = module.pubsub.topics
}
