"""The plan's data, stages 1–3: YAML read with every value's place (``load``, ``yaml_nodes``),
validated against the schema and the plan's rules (``validate``, ``fields``, ``rules``,
``unit_rules``, ``dated_rules``, ``characters``), assembled into the frozen ``model.Plan``
(``assemble``, ``targets``) and checked against the official text (``fidelity``,
``official_text``, ``numerals``). ``read`` is the one call; ``history`` dates lines from git.
Nothing here knows the site."""
