"""Neighbourhoods (wijken): everything in Wijkplein belongs to one.

The blueprint lives in ``views.py`` (its staff pages nested in it from ``manage.py``) so that
every part can import the models and queries without loading the pages (and, through them,
the accounts that import these models).
"""
