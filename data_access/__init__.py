"""Everything that reads or writes the unified database, in folders by kind: the database itself
(``db/``), the domain rules (``rules/``), one query module per subject (``queries/``) and the two
writers (``demo/``, ``ingest/``); ``reference.py`` holds what ships in ``assets/`` and
``settings.py`` every threshold.

Pages and components never talk to the database: they call the query modules here, which
return pandas DataFrames and typed values. Nothing in this package imports Streamlit, so the
same code serves the app, the command-line tools, the benchmark and the tests.
"""
