"""Reviews held and end-of-module evaluations (issue [5]): `actions` writes them into the
dossier's document (`reviews`, `evaluations`), `perms` says who may. No models: both live in
the `parcours-dossier/1` document."""
