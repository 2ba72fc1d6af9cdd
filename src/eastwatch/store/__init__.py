"""store: the database (SQLite by default, PostgreSQL by URL): schema, idempotent batch ingest, queries.

tables.py  the schema (SQLAlchemy Core)        db.py       engines, SQLite pragmas, full-text index
rows.py    model objects <-> rows, both ways   dates.py    ISO values -> first/last day for range queries
ingest.py  ingest(items, db_url, kb), Writer (batched commits), write_document, write_facts, delete_facts
queries.py list_documents, get_document, load_document, search, totals
"""
