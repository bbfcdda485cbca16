# Copy to prod.tfvars (committed: the pipeline applies with it) and fill in. No secret belongs here: secrets are added
# with gcloud (README, Deploy), and the functions read them at cold start.
project_id          = "luckygas-prod-000000"
notification_emails = ["oncall@example.com"]
ci_repository       = "luckygas/migration"
# sms_provider_url  = "https://sms-gateway.example.com.tw"
# legacy_connection_budget = 60
