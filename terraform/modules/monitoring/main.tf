locals {
  # infra/monitoring/{alert-policies,dashboards,log-metrics}/*.json, in the Cloud Monitoring and
  # Cloud Logging API's own field names; a file added there is applied on the next apply. The
  # Terraform checks reject a file with a field this module would not apply.
  alert_policies = {
    for file in fileset(var.definitions_dir, "alert-policies/*.json") :
    trimsuffix(basename(file), ".json") => jsondecode(file("${var.definitions_dir}/${file}"))
  }
  dashboards = {
    for file in fileset(var.definitions_dir, "dashboards/*.json") :
    trimsuffix(basename(file), ".json") => file("${var.definitions_dir}/${file}")
  }
  log_metrics = {
    for file in fileset(var.definitions_dir, "log-metrics/*.json") :
    trimsuffix(basename(file), ".json") => jsondecode(file("${var.definitions_dir}/${file}"))
  }
}

resource "google_monitoring_notification_channel" "email" {
  for_each     = toset(var.notification_emails)
  project      = var.project_id
  display_name = "Lucky Gas on-call: ${each.value}"
  type         = "email"
  labels       = { email_address = each.value }
}

resource "google_logging_metric" "metric" {
  for_each         = local.log_metrics
  project          = var.project_id
  name             = each.value.name
  description      = each.value.description
  filter           = each.value.filter
  label_extractors = try(each.value.labelExtractors, null)

  metric_descriptor {
    metric_kind  = each.value.metricDescriptor.metricKind
    value_type   = each.value.metricDescriptor.valueType
    unit         = try(each.value.metricDescriptor.unit, null)
    display_name = try(each.value.metricDescriptor.displayName, null)
    dynamic "labels" {
      for_each = try(each.value.metricDescriptor.labels, [])
      content {
        key         = labels.value.key
        value_type  = try(labels.value.valueType, "STRING")
        description = try(labels.value.description, null)
      }
    }
  }
}

resource "google_monitoring_dashboard" "dashboard" {
  for_each       = local.dashboards
  project        = var.project_id
  dashboard_json = each.value
  depends_on     = [google_logging_metric.metric]
}
