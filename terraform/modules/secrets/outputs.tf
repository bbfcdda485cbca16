output "ids" {
  description = "Secret resource ids (projects/…/secrets/…) by secret id, for IAM bindings."
  value       = { for id, secret in google_secret_manager_secret.secret : id => secret.id }
}

output "version_names" {
  description = "The version each function reads (projects/…/secrets/…/versions/…), by secret id; a name, not a value."
  value       = { for id, secret in google_secret_manager_secret.secret : id => "${secret.id}/versions/${var.secrets[id].version}" }
}
