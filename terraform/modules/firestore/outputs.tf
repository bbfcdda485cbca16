output "database_name" {
  description = "Name of the Firestore database."
  value       = google_firestore_database.default.name
}

output "index_ids" {
  description = "Composite index ids by their key (collection, scope and fields)."
  value       = { for key, index in google_firestore_index.composite : key => index.id }
}

output "ttl_fields" {
  description = "Fields with a TTL policy, as collection.field."
  value       = [for key, field in google_firestore_field.override : key if local.field_overrides[key].ttl]
}
