"""One query module per subject. Each function takes a SQLAlchemy connection and plain values
(a :class:`~data_access.rules.fiscal.Period`, a :class:`~data_access.rules.scope.Scope`, codes)
and returns DataFrames or typed values."""
