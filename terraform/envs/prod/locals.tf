locals {
  environment = "prod"
  # prod: one warm api instance, so the office never waits for a cold start in the morning.
  api_min_instances             = 1
  api_max_instances             = 3
  apply_to_legacy_max_instances = 2
}
