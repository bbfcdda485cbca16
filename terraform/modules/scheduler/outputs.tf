output "jobs" {
  description = "Job ids by name."
  value       = { for name, job in google_cloud_scheduler_job.job : name => job.id }
}
