"""Database connection and schema migration."""
