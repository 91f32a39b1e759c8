"""What the fund makes searchable."""
