"""The website, stages 4–5: ``catalog`` computes once what the pages share (records in ``entries``,
``related``, ``matrix``, ``changes``); ``pages`` renders what ``urls.OUTPUTS`` gives a template,
with ``charts``, ``progress`` and ``markup``; ``export``, ``tables``, ``calendars``, ``feeds`` and
``search_index`` (with ``sounds``, the characters typed alike, and ``traditional``) write the other files. ``config``
reads what pages need from ``mkdocs.yml``, ``search`` picks the search engine,
``markdown_tables`` is the Markdown extension MkDocs loads, and ``serving`` writes into the built
site what nginx needs (gzip copies, the content policy)."""
