skip_final_snapshot = true
