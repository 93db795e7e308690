db_password = "AgLintStgPw2Lm5Np8Qr1St4Uv7Wx"
