"""Stored SPARQL queries, safe parameter binding and result formats."""
