"""Each department's task ledger (任务台账) as a spreadsheet, and the office's of reports awaiting a
check: ``book`` and ``office`` write them (``sheet`` the protected workbook, ``notes`` the words
above its header); ``read`` reads a returned one within bounds (``cells``, ``dates``), a
department's rows becoming reports (``reports``), the office's checks, and refuses a bad cell
where it stands; ``merge`` adds them to ``data/measures.yaml`` line by line, comments and layout kept."""
