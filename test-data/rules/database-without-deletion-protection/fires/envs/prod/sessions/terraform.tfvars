sessions_protected = false
