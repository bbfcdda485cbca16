# The dashboard's Firebase Hosting site. Its content, rewrites (/v1/**, /ofrep/**, /healthz → the api
# function) and security headers (CSP, HSTS, X-Frame-Options, nosniff, Referrer-Policy) are in
# firebase.json and go out with `firebase deploy --only hosting`, as one Hosting version: a version
# made here would carry no files. The Terraform checks verify those headers.
resource "google_firebase_hosting_site" "dashboard" {
  provider = google-beta
  project  = var.project_id
  site_id  = var.site_id
}

# The dashboard's Firebase web app: its configuration (the public web API key and auth domain) goes
# into web/dist/runtime-config.json at deploy time (README, Deploy), as `npm start` writes its own.
resource "google_firebase_web_app" "dashboard" {
  provider        = google-beta
  project         = var.project_id
  display_name    = "Lucky Gas dashboard"
  deletion_policy = "DELETE"
}

data "google_firebase_web_app_config" "dashboard" {
  provider   = google-beta
  project    = var.project_id
  web_app_id = google_firebase_web_app.dashboard.app_id
}
