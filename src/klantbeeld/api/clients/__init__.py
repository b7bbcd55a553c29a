"""API clients (applicaties): credentials and scopes for the systems that use the APIs."""
