"""overleg.ingest"""
