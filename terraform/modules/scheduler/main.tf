resource "google_cloud_scheduler_job" "job" {
  for_each    = var.jobs
  project     = var.project_id
  region      = var.region
  name        = each.key
  description = each.value.description
  schedule    = each.value.schedule
  time_zone   = var.time_zone
  # Scheduler waits for the answer; the function's own timeout ends the call before this does.
  attempt_deadline = "${each.value.attempt_deadline_seconds}s"

  # A failed call is not retried: the next one comes within the period anyway, and a retry would
  # only queue behind it for the relay's run lease.
  retry_config {
    retry_count = 0
  }

  http_target {
    # An empty POST, as the relay's route expects (functions/src/sync/relay/relay-http.ts).
    http_method = "POST"
    uri         = each.value.uri
    oidc_token {
      service_account_email = var.invoker_email
      audience              = each.value.audience
    }
  }
}
