"""Adopting another city's plan: ``importer`` drafts the data from a plan's text (its notice read by
``notice_reader``, each measure by ``measure_line``, written out by ``draft_yaml``) or refuses it
at the line; ``replace`` puts the text, the draft and the city's facts in place."""
