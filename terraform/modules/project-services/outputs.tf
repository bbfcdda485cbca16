output "services" {
  description = "The enabled APIs by service name; depend on this output to wait for them."
  value       = { for name, service in google_project_service.service : name => service.id }
}
