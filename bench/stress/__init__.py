"""``make stress``: mixed load with a database restart and a killed worker (scripts/stress.py)."""
