"""Guide action 1 ③ on the Django side (no models): the référentiel's competences confirmed
by the work team, kept in the document's `referentiel_confirmation` block. `actions` is its
only writer, `perms` says who may write it."""
