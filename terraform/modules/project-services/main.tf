resource "google_project_service" "service" {
  for_each = toset(var.services)
  project  = var.project_id
  service  = each.value
  # Switching an API off would break whatever else in the project uses it (and the state bucket):
  # destroying this configuration leaves the APIs on.
  disable_on_destroy         = false
  disable_dependent_services = false
}
