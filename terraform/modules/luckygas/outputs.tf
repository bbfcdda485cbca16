output "function_uris" {
  description = "Cloud Run URL of each function, by function id."
  value       = module.functions.uris
}

output "function_service_accounts" {
  description = "Runtime service account of each function, by function id."
  value       = module.functions.service_account_emails
}

output "legacy_connections" {
  description = "Legacy PostgreSQL connections the functions may hold at their maximum scale."
  value       = module.functions.legacy_connections
}

output "secret_ids" {
  description = "Secret Manager secrets to add versions to (names only; no value is ever in Terraform)."
  value       = module.secrets.ids
}

output "topics" {
  description = "Pub/Sub topic ids, by name."
  value       = module.pubsub.topics
}

output "hosting_url" {
  description = "Default URL of the dashboard's Hosting site."
  value       = module.hosting.default_url
}

output "ci_workload_identity_provider" {
  description = "Workload Identity provider the pipeline authenticates through."
  value       = module.ci_identity.workload_identity_provider
}

output "ci_deployer_email" {
  description = "Service account the pipeline impersonates."
  value       = module.ci_identity.deployer_email
}

output "dashboard_runtime_config" {
  description = "Contents of web/dist/runtime-config.json for `firebase deploy --only hosting`."
  sensitive   = true
  value       = module.hosting.runtime_config
}
