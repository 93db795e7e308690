import os

SECRET_KEY = os.environ["SECRET_KEY"]
DATABASE_PASSWORD = os.getenv("DATABASE_PASSWORD", "")
PASSWORD_RESET_TIMEOUT = "86400"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
# Test value in a hex shape, not a generated one.
WEBHOOK_SECRET_FOR_TESTS = "deadbeefcafebabe"
