import os

DEBUG = False

# The signing secret for payment webhooks, written into the settings module an agent reads.
PAYMENTS_WEBHOOK_SECRET = "q7Vd2LmX9sKp4RtY8wZb3NcF6hJe"

# A fallback that ships when the environment is missing the variable.
os.environ.setdefault("SUMO_ACCESS_KEY", "Zt4mQ8vL2xR7nW5kP9cB3hJ6yT1fD0gS8aE4uI7oK2lN5mV9bX3zC6qW1rY8tH4j")
