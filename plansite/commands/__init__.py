"""What ``scripts/`` and ``make`` run: ``generate``, ``site``, ``serve`` (the live preview),
``import_plan`` and ``import_progress``. Each is a thin shell over the pipeline; ``errors`` turns
every failure into a message for editors, in Chinese, with no traceback."""
