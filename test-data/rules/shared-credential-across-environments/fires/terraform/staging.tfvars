# Case: staging and production tfvars share the database password.
db_username = "app_owner"
db_password = "AgLintSharedPw7Qx2Vb9Nm4Kz8Rt"
