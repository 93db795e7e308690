# Source: https://github.com/aquasecurity/trivy-checks/blob/80e5382269707262f35cf893bdc0805cb72217e9/checks/cloud/digitalocean/spaces/disable_force_destroy.yaml (Apache-2.0)
# terraform.good[0] of that file; AVD-DIG-0009 (no failure expected)

resource "digitalocean_spaces_bucket" "good_example" {
  name   = "foobar"
  region = "nyc3"
}
