variable "project_id" {
  description = "Project of the Firestore database."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "location" {
  description = "Firestore location (cannot be changed once the database exists)."
  type        = string
  validation {
    condition     = length(var.location) > 0
    error_message = "location must not be empty."
  }
}

variable "indexes" {
  description = "Decoded infra/firestore/firestore.indexes.json: composite indexes and field overrides (TTL)."
  type = object({
    indexes = list(object({
      collectionGroup = string
      queryScope      = optional(string, "COLLECTION")
      fields = list(object({
        fieldPath   = string
        order       = optional(string)
        arrayConfig = optional(string)
      }))
    }))
    fieldOverrides = optional(list(object({
      collectionGroup = string
      fieldPath       = string
      ttl             = optional(bool, false)
      indexes = optional(list(object({
        order       = optional(string)
        arrayConfig = optional(string)
        queryScope  = optional(string, "COLLECTION")
      })), [])
    })), [])
  })
  validation {
    condition = alltrue(flatten([
      for index in var.indexes.indexes : [
        for f in index.fields : (f.order == null) != (f.arrayConfig == null)
      ]
    ]))
    error_message = "Each index field needs exactly one of order or arrayConfig."
  }
}

variable "rules" {
  description = "Text of infra/firestore/firestore.rules."
  type        = string
  validation {
    condition     = can(regex("rules_version", var.rules))
    error_message = "rules must be the text of a Firestore rules file."
  }
}
