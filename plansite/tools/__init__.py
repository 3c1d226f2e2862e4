"""For developers, not the site: benchmarks (``bench_*``), the search evaluation set, synthetic
plans of any size, screenshots, and the harness that serves the built site to Chromium."""
