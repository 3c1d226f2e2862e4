"""Turn the plan's structured YAML into validated data and the pages of its website.

``build.build()`` runs the stages, each a module, in this order, and returns every file:

1. ``load``      read ``data/measures.yaml`` safely, keeping every value's line and column;
2. ``validate``  check it against ``schema/measures.schema.json`` (jsonschema) and the plan's
                 own rules (``rules``, ``dated_rules``), collecting every problem first;
3. ``model``     build the typed, frozen ``Plan`` (its targets in ``targets``);
4. ``catalog``   the indexes the pages share (by department, chapter, topic and year, with
                 ``related`` measures and the department × chapter ``matrix``), computed once;
                 ``progress`` the dashboard's counts by status;
5. ``pages``     the pages, from ``templates/``, with ``charts`` (inline SVG), each at the path
                 the URL map (``urls``) gives it, its data text made inert by ``markup`` (which
                 also escapes what the theme prints: titles, the nav, the site's name);
6. exports       ``export`` (``plan.json``), ``tables`` (CSV), ``calendars`` (iCalendar) and
                 ``search`` (jieba's dictionary, the fixed search worker).

``write`` then publishes the output atomically. Around them: ``cli`` (the command line),
``preview`` (live preview for editors), ``config`` (what pages need from ``mkdocs.yml``),
``importer`` (drafts the YAML from a plan's text), ``official_text`` (reassembles the official
document, which proves the data complete), ``ledger_book`` / ``ledger_read`` / ``ledger_import``
(each department's task ledger, reading a returned one within bounds, merging its reports into
the data), ``history`` (when each line of the data last
changed, from git) and ``markdown_tables`` (a Python-Markdown extension ``mkdocs.yml`` names).
"""
