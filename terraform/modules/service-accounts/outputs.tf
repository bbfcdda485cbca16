output "push_invoker_email" {
  description = "Email of the account whose OIDC tokens authenticate Pub/Sub pushes."
  value       = google_service_account.push_invoker.email
}

output "scheduler_invoker_email" {
  description = "Email of the account whose OIDC tokens authenticate Cloud Scheduler calls."
  value       = google_service_account.scheduler_invoker.email
}

output "functions_build_id" {
  description = "Resource id (projects/…/serviceAccounts/…) of the account Cloud Build builds functions as."
  value       = google_service_account.functions_build.id
}

output "pubsub_service_agent_email" {
  description = "Email of the project's Pub/Sub service agent, which pushes and dead-letters."
  value       = google_project_service_identity.pubsub.email
}

output "invoker_emails" {
  description = "Emails of the invoker and build accounts, by purpose (for the pipeline's act-as grants)."
  value = {
    push_invoker      = google_service_account.push_invoker.email
    scheduler_invoker = google_service_account.scheduler_invoker.email
    functions_build   = google_service_account.functions_build.email
  }
}
