"""Turn a plan's structured YAML into validated data and the files of its website.

``build.build()`` reads as its stages; each stage is a module:

1. ``data.load``       read ``data/measures.yaml`` (or text already held) safely, keeping every
                       value's line and column (``data.yaml_nodes``); a file the parser refuses
                       is told in Chinese (``data.yaml_syntax``), the slips of a Chinese input
                       method first, where they were typed, and then read on as they should
                       have been typed (``data.keyboard``);
2. ``data.validate``   check it against ``schema/measures.schema.json`` and the plan's own rules
                       (``data.rules``, ``data.unit_rules``, ``data.dated_rules``,
                       ``data.follow_up_rules``), every problem collected first (``problems``,
                       whose kinds are ``problem_rules``) and placed by ``data.reporter``; a
                       value or field name a keyboard made wrong is explained (``data.value_hints``);
3. ``data.assemble``   the typed, frozen ``data.model.Plan``, from parts that import one way:
                       departments and their names (``data.departments``), the reports on
                       targets and measures and their checks (``data.targets``), measures and
                       their chapters (``data.measures``), related documents and validity
                       (``data.follow_up``), the document (``data.document``); the reporting
                       cycle in ``data.reporting``; then
                       ``data.fidelity`` proves it says what the official text says
                       (``data.official_text``; a department's renamed name is told once, at
                       the department, by ``data.unit_names``); ``data.read`` runs stages 1–3;
4. ``site.catalog``    every fact the pages share, computed once: the records of each index
                       (``site.entries``), related measures, the department × chapter matrix, the
                       as-of date (``site.as_of``), where the reporting cycle stands and which
                       measures are late, the change list (``site.changes``) by measure and department;
5. the files           ``urls.OUTPUTS`` declares every page and file once (path, template, nav,
                       search, feed); ``site.pages`` renders the pages (``site.charts``,
                       ``site.progress``, ``site.markup``), and beside them ``site.export``
                       (plan.json), ``site.tables`` (CSV), ``site.calendars``, ``site.feeds``,
                       ``site.search_index`` (``site.sounds``, ``site.traditional``),
                       ``ledger.book`` (each department's workbook, a row per measure and
                       target, its notes in ``ledger.notes``, made by
                       ``ledger.sheet``) and ``ledger.office`` (the office's, of reports awaiting
                       a check);
6. ``write``           publish the result atomically: a failed or killed run leaves the old output.

`make site` then builds the static site with MkDocs and writes into it what the web server needs
(``site.serving``: each text file's gzip copy, the content policy with the theme's script hashes),
which ``deploy/site.conf`` serves and ``tools.nginx`` runs on this machine.

Around the pipeline: ``commands`` (what ``scripts/`` and ``make`` run, one error handler in
``commands.errors``; the live preview's MkDocs server and plugin in ``commands.preview_mkdocs``, the
files its watchers stamp in ``commands.watching``),
``ledger`` (a returned workbook read within bounds, ``ledger.cells``, its dates as clerks type
them, ``ledger.dates``, its rows as reports, ``ledger.reports``, and merged into the data),
``adopt`` (another city's plan text drafted into data), ``tools`` (benchmarks, screenshots, the
browser harness), ``repository`` (where the project's files are), ``kept`` (workbooks and the
card a run keeps in ``.cache/`` for the next) and ``site.markdown_tables``
(a Markdown extension ``mkdocs.yml`` names). ``data`` imports nothing from ``site``, ``site``
nothing from ``commands``; ``tests/test_structure.py`` holds the code to that.
"""
