output "alert_policies" {
  description = "Alert policy ids by definition file name."
  value       = { for name, policy in google_monitoring_alert_policy.policy : name => policy.id }
}

output "dashboards" {
  description = "Dashboard ids by definition file name."
  value       = { for name, dashboard in google_monitoring_dashboard.dashboard : name => dashboard.id }
}

output "log_metrics" {
  description = "Log-based metric ids by definition file name."
  value       = { for name, metric in google_logging_metric.metric : name => metric.id }
}
