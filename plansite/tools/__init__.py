"""For developers, not the site: benchmarks (``bench_*``), the search evaluation set, synthetic
plans of any size, screenshots, the harness that serves the built site to Chromium, and
``nginx``, which serves it with the shipped configuration (`make serve-nginx`, the browser tests)."""
