db_password = "AgLintPrdPw9Ab3Cd6Ef0Gh2Ij5Kl"
