locals {
  # infra/firestore/firestore.indexes.json is also what the emulators and `firebase deploy` read.
  indexes = {
    for index in var.indexes.indexes :
    join("|", concat([index.collectionGroup, index.queryScope], [for f in index.fields : "${f.fieldPath}:${coalesce(f.order, f.arrayConfig, "-")}"])) => index
  }
  field_overrides = { for field in var.indexes.fieldOverrides : "${field.collectionGroup}.${field.fieldPath}" => field }
}

resource "google_firestore_database" "default" {
  project     = var.project_id
  name        = "(default)"
  location_id = var.location
  type        = "FIRESTORE_NATIVE"
  # The migration's ledgers and audit live here: a week of point-in-time recovery, and neither
  # Terraform nor a console click can delete the database by accident.
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"
}

resource "google_firestore_index" "composite" {
  for_each    = local.indexes
  project     = var.project_id
  database    = google_firestore_database.default.name
  collection  = each.value.collectionGroup
  query_scope = each.value.queryScope

  dynamic "fields" {
    for_each = each.value.fields
    content {
      field_path   = fields.value.fieldPath
      order        = fields.value.order
      array_config = fields.value.arrayConfig
    }
  }
}

# TTL policies (syncApplied, syncOutboxPublished, idempotencyKeys, orderCreates expire by expireAt)
# and the single-field index overrides that come with them.
resource "google_firestore_field" "override" {
  for_each   = local.field_overrides
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = each.value.collectionGroup
  field      = each.value.fieldPath

  dynamic "ttl_config" {
    for_each = each.value.ttl ? [true] : []
    content {}
  }

  # An empty list switches the automatic single-field indexes off: nothing queries expireAt.
  index_config {
    dynamic "indexes" {
      for_each = each.value.indexes
      content {
        order        = indexes.value.order
        array_config = indexes.value.arrayConfig
        query_scope  = indexes.value.queryScope
      }
    }
  }
}

resource "google_firebaserules_ruleset" "firestore" {
  project = var.project_id
  source {
    files {
      name    = "firestore.rules"
      content = var.rules
    }
  }
  depends_on = [google_firestore_database.default]
  lifecycle {
    create_before_destroy = true
  }
}

resource "google_firebaserules_release" "firestore" {
  project      = var.project_id
  name         = "cloud.firestore"
  ruleset_name = google_firebaserules_ruleset.firestore.name
}
