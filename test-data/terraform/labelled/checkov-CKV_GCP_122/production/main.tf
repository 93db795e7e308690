# Source: https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/tests/terraform/checks/resource/gcp/example_BigTableInstanceDeletionProtection/main.tf (Apache-2.0)
# Labels: https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/tests/terraform/checks/resource/gcp/test_BigTableInstanceDeletionProtection.py (CKV_GCP_122)

resource "google_bigtable_instance" "fail" {
  name = "tf-instance"

  cluster {
    cluster_id   = "tf-instance-cluster"
    num_nodes    = 1
    storage_type = "HDD"
    # kms_key_name = "some value"
  }

  labels = {
    my-label = "prod-label"
  }
}

resource "google_bigtable_instance" "fail2" {
  name = "tf-instance"
  deletion_protection = false
  cluster {
    cluster_id   = "tf-instance-cluster"
    num_nodes    = 1
    storage_type = "HDD"
    # kms_key_name = "some value"
  }

  labels = {
    my-label = "prod-label"
  }
}

resource "google_bigtable_instance" "pass" {
  name = "tf-instance"
  deletion_protection = true
  cluster {
    cluster_id   = "tf-instance-cluster"
    num_nodes    = 1
    storage_type = "HDD"
    kms_key_name = google_kms_crypto_key.example.name
  }

  labels = {
    my-label = "prod-label"
  }
}
