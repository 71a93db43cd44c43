"""The Streamlit side of the app, apart from the drawing: the engine and the cached queries, the
reference data as the app holds it, the URL state of every page, the shell (page config,
navigation, sidebar filters), links between pages, the first start and running an import.

Renderers in :mod:`components` never open a file or run a query; pages get what they draw from
here and from :mod:`data_access`.
"""
