"""Postgres as Django's own backend, guarded in the web process against a database that
stops answering (delivery/database/base.py)."""
