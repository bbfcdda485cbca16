output "name" {
  description = "Name of the state bucket, for `terraform init -backend-config=bucket=…`."
  value       = google_storage_bucket.state.name
}
