locals {
  # Everything a function may open on the legacy PostgreSQL at once: instances × connections each.
  legacy_connections = sum([for f in values(var.functions) : f.max_instances * f.legacy_connections_per_instance])

  project_roles = merge([
    for name, f in var.functions : { for role in f.project_roles : "${name}|${role}" => { function = name, role = role } }
  ]...)
  secret_grants = merge([
    for name, f in var.functions : { for secret in distinct(values(f.secrets)) : "${name}|${secret}" => { function = name, secret = secret } }
  ]...)
  topic_grants = merge([
    for name, f in var.functions : { for topic in f.publishes_to : "${name}|${topic}" => { function = name, topic = topic } }
  ]...)
  # Keyed by position: a member can be an account email not known until the account exists, and
  # for_each keys must be known when planning.
  invoker_grants = merge([
    for name, f in var.functions : { for i, member in f.invokers : "${name}|${i}" => { function = name, member = member } }
  ]...)
}

# Bundles of `npm run build -w functions` (functions/dist/<name>: index.js + package.json). The
# object name carries the content hash, so a changed bundle is a new object and a new build.
resource "google_storage_bucket" "source" {
  project                     = var.project_id
  name                        = "${var.project_id}-functions-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true

  # Cloud Functions copies the source when it builds; old uploads are only clutter.
  lifecycle_rule {
    condition {
      age = 30
    }
    action {
      type = "Delete"
    }
  }
}

data "archive_file" "bundle" {
  for_each    = var.functions
  type        = "zip"
  source_dir  = "${var.bundles_dir}/${each.value.entry_point}"
  output_path = "${path.root}/.terraform/bundles/${each.key}.zip"
  excludes    = ["index.js.map"]
}

resource "google_storage_bucket_object" "bundle" {
  for_each = var.functions
  bucket   = google_storage_bucket.source.name
  name     = "${each.key}/${data.archive_file.bundle[each.key].output_md5}.zip"
  source   = data.archive_file.bundle[each.key].output_path
}

# One runtime identity per function, holding only that function's grants below.
resource "google_service_account" "function" {
  for_each     = var.functions
  project      = var.project_id
  account_id   = "fn-${each.key}"
  display_name = "Function ${each.key}"
  description  = "Runtime identity of the ${each.key} function only."
}

resource "google_project_iam_member" "function" {
  for_each = local.project_roles
  project  = var.project_id
  role     = each.value.role
  member   = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

# Secret access is granted per secret, to the functions that read it, and to no one else.
resource "google_secret_manager_secret_iam_member" "function" {
  for_each  = local.secret_grants
  project   = var.project_id
  secret_id = var.secret_ids[each.value.secret]
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

resource "google_pubsub_topic_iam_member" "function" {
  for_each = local.topic_grants
  project  = var.project_id
  topic    = var.topic_ids[each.value.topic]
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${google_service_account.function[each.value.function].email}"
}
