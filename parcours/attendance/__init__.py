"""Attendance (émargement): signatures as their own records, chained by SHA-256.

`actions` writes them (the only writer), `perms` says who may sign which line, `verify`
checks the chain on the database. The chain itself is pure domain
(`parcours.domain.attendance`)."""
