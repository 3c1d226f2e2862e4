"""Each department's task ledger (任务台账) as a spreadsheet: ``book`` writes it, ``read`` reads a
returned one within bounds and refuses a bad cell where it stands, ``merge`` adds its reports to
``data/measures.yaml`` line by line, comments and layout kept."""
