"""Benchmarks run by ``make bench``: one module per part, each with ``run(bench)``."""
