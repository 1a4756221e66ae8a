"""Postgres as Django's own backend, guarded in the web process against a database that
stops answering (kindness/database/base.py)."""
