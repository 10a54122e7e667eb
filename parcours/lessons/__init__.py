"""Guide action 5 ⑤ and step 6 on the Django side: each party's lessons learned at the end
of the parcours and the final debrief, kept in the document's `lessons` block.

`actions` is the only writer; `perms` says who may write what; `models.LessonAnswer` mirrors
each answer's « would you do it again » in a plain column, so that the OPCO's dashboard
counts them with one aggregate query instead of reading every dossier's JSON."""
