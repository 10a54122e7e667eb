"""Guide action 6, on the Django side (no models): the welcome checklist's ticks, kept in the
document's `onboarding` block.

`actions` is the block's only writer; `perms` says who may tick."""
