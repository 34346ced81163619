"""CLI commands, one module per verb."""
