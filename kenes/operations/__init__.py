"""Running Kenes: backup and restore, health checks, structured logs (docs/operations.md)."""
