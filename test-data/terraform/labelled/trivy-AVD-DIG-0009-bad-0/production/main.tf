# Source: https://github.com/aquasecurity/trivy-checks/blob/80e5382269707262f35cf893bdc0805cb72217e9/checks/cloud/digitalocean/spaces/disable_force_destroy.yaml (Apache-2.0)
# terraform.bad[0] of that file; AVD-DIG-0009 (a failure expected)

resource "digitalocean_spaces_bucket" "bad_example" {
  name          = "foobar"
  region        = "nyc3"
  force_destroy = true
}
