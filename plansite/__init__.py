"""Turn the plan's structured YAML into validated, published data.

The stages, each a module, run in this order:

1. ``load``      read ``data/measures.yaml`` safely, keeping every value's line and column;
2. ``validate``  check it against ``schema/measures.schema.json`` and the plan's own rules,
                 collecting every problem before stopping;
3. ``model``     build the typed, frozen ``Plan`` that everything downstream reads;
4. ``export``    render the plan as ``plan.json`` (the public data contract);
5. ``write``     put the output in place atomically, only after all of the above succeeded.

``importer`` drafts the YAML from a plan's text; ``official_text`` reassembles the
official document from the model, which proves the data complete.
"""
