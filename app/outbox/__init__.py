"""Outbox: mail written in the same transaction as its cause, delivered later by ``flask mail send``.

The blueprint lives in ``manage.py`` so that ``app.core.mail`` can import the operations without
loading the admin page (and, through it, the parts that send mail).
"""
