"""The sessions' calendar of a dossier, on the Django side (no models).

`actions` is the only writer of the `sessions` section (generate a plan with the domain's
planner, move, add, delete a session); `options` turns what a page or the API received into
the planner's `PlanOptions`; `sessions` lists the sessions with their signature state.
"""
