variable "tfc_agent_k8s_secrets" {
  type        = string
  description = "Name for the k8s secret required to configure the agent"
  default     = "tfc-agent-k8s-secrets"
}

variable "db_password" {
  type      = string
  sensitive = true
}
