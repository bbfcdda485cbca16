# State lives in the bucket this configuration creates (module.state_bucket); the bucket's name is
# given at init: terraform init -backend-config="bucket=<project_id>-tfstate". The very first apply
# runs with local state instead (README, Deploy: bootstrap_override.tf), then migrates here.
terraform {
  backend "gcs" {
    prefix = "envs/prod"
  }
}
