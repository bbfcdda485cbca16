output "default_url" {
  description = "The site's default URL (https://<site>.web.app)."
  value       = google_firebase_hosting_site.dashboard.default_url
}

# The web API key identifies the project to Firebase Auth and ships to every browser (it is not a
# credential), but the provider treats it as sensitive, so the output is too.
output "runtime_config" {
  description = "web/dist/runtime-config.json for the deployed dashboard: same-origin API, the web app's API key and auth domain."
  sensitive   = true
  value = jsonencode({
    projectId  = var.project_id
    apiBaseUrl = ""
    apiKey     = data.google_firebase_web_app_config.dashboard.api_key
    authDomain = data.google_firebase_web_app_config.dashboard.auth_domain
  })
}
