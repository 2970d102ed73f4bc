"""Throughput benchmark (``make throughput``): Wijkplein as deployed, under gunicorn.

``scripts/throughput.py`` drives it: ``server`` starts PostgreSQL and gunicorn, ``scenarios``
logs in and finds the demo pages, ``loadgen`` measures them with locust (in its own process),
``browser`` measures a phone's first visit and Lighthouse, and ``report`` checks the targets of
issue 11 and writes ``bench-results/throughput.{json,md}``.

Not a ``make bench`` module: ``scripts/bench.py`` skips this package.
"""
