resource "google_monitoring_alert_policy" "policy" {
  for_each              = local.alert_policies
  project               = var.project_id
  display_name          = each.value.displayName
  combiner              = each.value.combiner
  severity              = try(each.value.severity, null)
  enabled               = try(each.value.enabled, true)
  user_labels           = try(each.value.userLabels, null)
  notification_channels = [for channel in google_monitoring_notification_channel.email : channel.id]

  # What the on-call person reads in the notification: the checks require it of every policy.
  documentation {
    content   = each.value.documentation.content
    mime_type = try(each.value.documentation.mimeType, "text/markdown")
    subject   = try(each.value.documentation.subject, null)
  }

  dynamic "alert_strategy" {
    for_each = try([each.value.alertStrategy], [])
    content {
      auto_close = try(alert_strategy.value.autoClose, null)
    }
  }

  dynamic "conditions" {
    for_each = each.value.conditions
    content {
      display_name = conditions.value.displayName

      dynamic "condition_threshold" {
        for_each = try([conditions.value.conditionThreshold], [])
        content {
          filter          = condition_threshold.value.filter
          comparison      = condition_threshold.value.comparison
          threshold_value = try(condition_threshold.value.thresholdValue, null)
          duration        = condition_threshold.value.duration
          dynamic "aggregations" {
            for_each = try(condition_threshold.value.aggregations, [])
            content {
              alignment_period     = try(aggregations.value.alignmentPeriod, null)
              per_series_aligner   = try(aggregations.value.perSeriesAligner, null)
              cross_series_reducer = try(aggregations.value.crossSeriesReducer, null)
              group_by_fields      = try(aggregations.value.groupByFields, null)
            }
          }
          dynamic "trigger" {
            for_each = try([condition_threshold.value.trigger], [])
            content {
              count   = try(trigger.value.count, null)
              percent = try(trigger.value.percent, null)
            }
          }
        }
      }

      dynamic "condition_absent" {
        for_each = try([conditions.value.conditionAbsent], [])
        content {
          filter   = condition_absent.value.filter
          duration = condition_absent.value.duration
          dynamic "aggregations" {
            for_each = try(condition_absent.value.aggregations, [])
            content {
              alignment_period     = try(aggregations.value.alignmentPeriod, null)
              per_series_aligner   = try(aggregations.value.perSeriesAligner, null)
              cross_series_reducer = try(aggregations.value.crossSeriesReducer, null)
              group_by_fields      = try(aggregations.value.groupByFields, null)
            }
          }
          dynamic "trigger" {
            for_each = try([condition_absent.value.trigger], [])
            content {
              count   = try(trigger.value.count, null)
              percent = try(trigger.value.percent, null)
            }
          }
        }
      }
    }
  }

  # A policy on a log-based metric can only be created once the metric exists.
  depends_on = [google_logging_metric.metric]
}
