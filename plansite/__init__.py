"""Turn the plan's structured YAML into validated data and the pages of its website.

The stages, each a module, run in this order:

1. ``load``      read ``data/measures.yaml`` safely, keeping every value's line and column;
2. ``validate``  check it against ``schema/measures.schema.json`` and the plan's own rules,
                 collecting every problem before stopping;
3. ``model``     build the typed, frozen ``Plan``; ``catalog`` adds the indexes the pages
                 share (by department, chapter, topic and year), computed once, and
                 ``progress`` the dashboard's counts by status;
4. ``render``    the pages, from ``templates/``, with ``charts`` (inline SVG); ``export`` the
                 public ``plan.json``, ``tables`` the CSV files, ``calendars`` the iCalendar files;
5. ``write``     publish the output atomically, only after all of the above succeeded.

Beside them: ``cli`` (the command line), ``preview`` (live preview for editors), ``importer``
(drafts the YAML from a plan's text), ``official_text`` (reassembles the official document,
which proves the data complete), ``search`` (Chinese search) and ``history`` (when each line
of the data last changed, from git).
"""
