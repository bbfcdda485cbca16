output "state_bucket" {
  description = "Bucket holding this environment's Terraform state (for terraform init -backend-config)."
  value       = module.state_bucket.name
}

output "function_uris" {
  description = "Cloud Run URL of each function."
  value       = module.luckygas.function_uris
}

output "secret_ids" {
  description = "Secrets to add versions to with gcloud (names only)."
  value       = module.luckygas.secret_ids
}

output "hosting_url" {
  description = "Default URL of the dashboard."
  value       = module.luckygas.hosting_url
}

output "legacy_connections" {
  description = "Legacy PostgreSQL connections the functions may hold at their maximum scale."
  value       = module.luckygas.legacy_connections
}

output "ci_workload_identity_provider" {
  description = "Workload Identity provider for the pipeline's auth step."
  value       = module.luckygas.ci_workload_identity_provider
}

output "ci_deployer_email" {
  description = "Service account the pipeline impersonates."
  value       = module.luckygas.ci_deployer_email
}

output "dashboard_runtime_config" {
  description = "Write to web/dist/runtime-config.json before `firebase deploy --only hosting` (terraform output -raw)."
  sensitive   = true
  value       = module.luckygas.dashboard_runtime_config
}
