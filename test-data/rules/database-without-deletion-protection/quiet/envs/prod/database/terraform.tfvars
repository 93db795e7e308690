protect_ledger = true
