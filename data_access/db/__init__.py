"""The database itself: which one and how to connect (:mod:`connect`), the schema, native bulk
loads and reads, and preparing a database for the app (schema, first-start demo data)."""
