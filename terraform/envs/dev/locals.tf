locals {
  environment = "dev"
  # dev: scale to zero, the same ceilings as prod so load tests there mean something.
  api_min_instances             = 0
  api_max_instances             = 3
  apply_to_legacy_max_instances = 2
}
