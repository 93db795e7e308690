variable "warehouse_password" {
  type    = string
  default = "Rk8wLq2Zx9Tv4Mn7Bp3c"
}
