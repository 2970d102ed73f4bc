"""Cron jobs run on one server at a time."""

from __future__ import annotations

import zlib

import pytest
from sqlalchemy import text

from app.extensions import db


@pytest.mark.postgres_only
@pytest.mark.parametrize(
    ("command", "job"),
    [
        (["helpboard", "escalate"], "helpboard-escalate"),
        (["helpboard", "digest"], "helpboard-digest"),
        (["helpboard", "retention"], "helpboard-retention"),
        (["map", "remind-stale"], "map-remind-stale"),
        (["activities", "remind"], "activities-remind"),
    ],
)
def test_a_job_does_nothing_while_another_server_runs_it(app, runner, command, job):
    with db.engine.connect() as other_server:
        other_server.execute(text("SELECT pg_advisory_lock(:k)"), {"k": zlib.crc32(job.encode())})
        try:
            result = runner.invoke(args=command)
        finally:
            other_server.execute(text("SELECT pg_advisory_unlock_all()"))
    assert result.exit_code == 0, result.output
    assert "nothing done" in result.output

    result = runner.invoke(args=command)
    assert result.exit_code == 0, result.output
    assert "nothing done" not in result.output
