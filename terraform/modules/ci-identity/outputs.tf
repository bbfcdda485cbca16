output "workload_identity_provider" {
  description = "Full provider name the pipeline's auth step takes (projects/<number>/locations/global/workloadIdentityPools/ci-pipeline/providers/ci-oidc)."
  value       = google_iam_workload_identity_pool_provider.ci.name
}

output "deployer_email" {
  description = "Service account the pipeline impersonates."
  value       = google_service_account.deployer.email
}
