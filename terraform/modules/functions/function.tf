resource "google_cloudfunctions2_function" "function" {
  for_each    = var.functions
  project     = var.project_id
  name        = each.key
  location    = var.region
  description = each.value.description

  # No event_trigger: every function is an HTTP service. The apply functions are targets of our own
  # push subscriptions (modules/pubsub); functions-framework turns the push body into the CloudEvent
  # their cloudEvent() registration expects.
  build_config {
    runtime         = "nodejs20"
    entry_point     = each.value.entry_point
    service_account = var.build_service_account_id
    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.bundle[each.key].name
      }
    }
  }

  service_config {
    service_account_email            = google_service_account.function[each.key].email
    min_instance_count               = each.value.min_instances
    max_instance_count               = each.value.max_instances
    max_instance_request_concurrency = each.value.concurrency
    available_cpu                    = each.value.cpu
    available_memory                 = each.value.memory
    timeout_seconds                  = each.value.timeout_seconds
    ingress_settings                 = each.value.ingress
    all_traffic_on_latest_revision   = true
    vpc_connector                    = var.vpc_connector
    vpc_connector_egress_settings    = var.vpc_connector == null ? null : var.vpc_connector_egress
    # Secrets are passed by version name (never by value, never as Cloud Run secret variables,
    # which functions/src/shared/config.ts refuses); the function reads them with its own identity.
    environment_variables = merge(
      var.common_environment,
      each.value.environment,
      { for variable, secret in merge(each.value.secret_names_only, each.value.secrets) : variable => var.secret_version_names[secret] },
    )
  }

  lifecycle {
    precondition {
      condition     = local.legacy_connections <= var.legacy_connection_budget
      error_message = "The functions may open ${local.legacy_connections} legacy connections at once (max instances × connections per instance), more than legacy_connection_budget = ${var.legacy_connection_budget}."
    }
    precondition {
      condition     = each.value.concurrency == 1 || tonumber(each.value.cpu) >= 1
      error_message = "Function ${each.key}: Cloud Run serves concurrent requests only with at least one CPU."
    }
  }

  # A function reads its secrets at cold start: its grants must exist before its first instance.
  depends_on = [google_project_iam_member.function, google_secret_manager_secret_iam_member.function]
}

# Who may call each function: the push or scheduler invoker, or allUsers for the api behind
# Firebase Hosting (which checks Firebase ID tokens itself).
resource "google_cloud_run_v2_service_iam_member" "invoker" {
  for_each = local.invoker_grants
  project  = var.project_id
  location = var.region
  name     = google_cloudfunctions2_function.function[each.value.function].service_config[0].service
  role     = "roles/run.invoker"
  member   = each.value.member
}
