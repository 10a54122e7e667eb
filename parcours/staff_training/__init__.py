"""Guide step 4, on the Django side (no models): the tutor's and trainers' trainings and
the working time set aside for them, kept in the document's `staff_training` block.

`actions` is the block's only writer; `perms` says who may write it."""
