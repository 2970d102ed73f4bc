"""The targets of issue 11, their checks, and bench-results/throughput.{json,md}."""

from __future__ import annotations

import json
from pathlib import Path

CEILING = "hello world (ceiling)"

# Issue 11's targets, all in one place. Throughput and latency are checked at TARGETS["users"]
# concurrent users; "fraction" is a page's requests per second over the hello-world ceiling's at
# the same number of users (same machine, same client, same gunicorn settings). 1 KB = 1000 B.
TARGETS: dict = {
    "users": 8,
    "fraction_of_ceiling": {"anonymous": 0.3, "logged-in": 0.05},
    "p95_ms": 100,
    "first_visit_kb": {"/": 50, "/agenda": 50, "/kaart": 150},
    "lighthouse_score": 95,
    "lcp_s": 2.5,
    # Judged on PSS, not RSS: with preload_app the workers share the master's pages, which RSS
    # counts in full in every process; PSS divides them among the sharers (docs/benchmark.md).
    "worker_pss_mb": 100,
}


def _fmt(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}"


def ceiling_rps(results: list[dict]) -> dict[int, float]:
    """Mean of the ceiling's runs (measured before and after the pages) per user count."""
    runs: dict[int, list[float]] = {}
    for row in results:
        if row["scenario"] == CEILING:
            runs.setdefault(row["users"], []).append(row["rps"])
    return {users: sum(values) / len(values) for users, values in runs.items() if values}


def add_fractions(results: list[dict]) -> None:
    ceiling = ceiling_rps(results)
    for row in results:
        top = ceiling.get(row["users"])
        row["fraction"] = row["rps"] / top if top else None


def check(summary: dict) -> list[dict]:
    """Return one line per target: what it is, what was measured, and pass/FAIL/NOT MEASURED."""
    checks: list[dict] = []

    def add(target: str, measured: float | None, limit: str, ok: bool | None, note: str = ""):
        result = "NOT MEASURED" if ok is None else ("pass" if ok else "FAIL")
        checks.append(
            {"target": target, "measured": measured, "limit": limit, "result": result, "note": note}
        )

    users = TARGETS["users"]
    for row in summary.get("throughput", []):
        if row["users"] != users or row["scenario"] == CEILING:
            continue
        floor = TARGETS["fraction_of_ceiling"][row["group"]]
        fraction = row.get("fraction")
        add(
            f"{row['scenario']}: req/s over ceiling at {users} users ({row['group']})",
            None if fraction is None else round(fraction, 3),
            f"≥ {floor}",
            None if fraction is None else fraction >= floor,
        )
        p95 = row.get("p95_ms")
        add(
            f"{row['scenario']}: p95 at {users} users",
            p95,
            f"< {TARGETS['p95_ms']} ms",
            None if p95 is None else p95 < TARGETS["p95_ms"],
        )
        failures = row.get("failures", 0) + sum(
            other.get("failures", 0) for other in row.get("other_rows", {}).values()
        )
        if failures:
            add(
                f"{row['scenario']}: no failed requests",
                failures,
                "0",
                False,
                "; ".join(row.get("errors", [])),
            )
    for path, limit in TARGETS["first_visit_kb"].items() if "first_visit" in summary else ():
        visit = summary["first_visit"].get(path, {})
        kb = visit["bytes"] / 1000 if "bytes" in visit else None
        add(
            f"first visit {path}: bytes as served",
            None if kb is None else round(kb, 1),
            f"< {limit} KB",
            None if kb is None else kb < limit,
            visit.get("error", f"gzip would make it {visit.get('gzip_bytes', 0) / 1000:.1f} KB"),
        )
    for path, found in summary.get("lighthouse", {}).items():
        score, lcp = found.get("score"), found.get("lcp_s")
        note = found.get("error", "")
        add(
            f"Lighthouse {path}: mobile performance",
            score,
            f"≥ {TARGETS['lighthouse_score']}",
            None if score is None else score >= TARGETS["lighthouse_score"],
            note,
        )
        add(
            f"Lighthouse {path}: LCP",
            lcp,
            f"< {TARGETS['lcp_s']} s",
            None if lcp is None else lcp < TARGETS["lcp_s"],
            note,
        )
    if "workers" in summary:
        peaks = list(summary["workers"]["peak_mb"].values())
        pss = max((p["pss"] for p in peaks if "pss" in p), default=None)
        rss = max((p["rss"] for p in peaks), default=None)
        uss = max((p["uss"] for p in peaks if "uss" in p), default=None)
        add(
            "gunicorn worker PSS (highest seen)",
            None if pss is None else round(pss, 1),
            f"< {TARGETS['worker_pss_mb']} MB",
            None if pss is None else pss < TARGETS["worker_pss_mb"],
            f"at their highest RSS {_fmt(rss, 1)} MB, USS {_fmt(uss, 1)} MB (RSS counts the "
            "pages shared with the master in full in every worker)",
        )
    return checks


def markdown(summary: dict) -> str:
    """The report as Markdown; a run of some steps only (``--only``) leaves the others out."""
    machine = summary["machine"]
    lines = [
        "# Wijkplein throughput benchmark",
        "",
        f"{summary['started']} · commit {machine['commit']} · {machine['nproc']} CPUs "
        f"({machine['cpu']}) · load average at start {machine['load_start']}, at the end "
        f"{machine['load_end']} · {summary['mode']} · data: {summary['data']}",
        "",
        f"Steps: {', '.join(summary.get('steps', []))}. gunicorn -c gunicorn.conf.py, "
        f"{summary['workers_count']} sync workers, WIJKPLEIN_ENV=production, PostgreSQL on "
        "loopback.",
    ]
    if "throughput" in summary:
        lines[-1] += (
            " locust FastHttpUser with no think time, "
            f"{summary['duration']} s per cell after {summary['warmup']} s warm-up (a slow page's "
            "cell runs on until 20 answers came back, at most 4× as long or 20 s)."
        )
    if "throughput" in summary:
        lines += [
            "",
            "## Throughput",
            "",
            "| page | users | req/s | p50 ms | p95 ms | fraction of ceiling | failures |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in summary["throughput"]:
            lines.append(
                f"| {row['scenario']} | {row['users']} | {_fmt(row['rps'], 1)} | "
                f"{_fmt(row.get('p50_ms'))} | {_fmt(row.get('p95_ms'))} | "
                f"{_fmt(row.get('fraction'), 3)} | {row.get('failures', 0)} |"
            )
    if "first_visit" in summary:
        lines += [
            "",
            "## A phone's first visit (Chromium, empty cache, map tiles excluded)",
            "",
            "| page | bytes as served | Content-Encoding | gzip -6 would be | requests |",
            "| --- | ---: | --- | ---: | ---: |",
        ]
        for path, visit in summary["first_visit"].items():
            if "error" in visit:
                lines.append(f"| {path} | {visit['error']} | | | |")
                continue
            lines.append(
                f"| {path} | {visit['bytes']:,} | {', '.join(visit['encodings'])} | "
                f"{visit['gzip_bytes']:,} | {visit['requests']} |"
            )
    if "lighthouse" in summary:
        lines += [
            "",
            f"## Lighthouse (mobile, load average {summary.get('lighthouse_load', '–')})",
            "",
            "| page | performance | LCP s |",
            "| --- | ---: | ---: |",
        ]
        for path, found in summary["lighthouse"].items():
            if "error" in found:
                lines.append(f"| {path} | {found['error']} | |")
            else:
                lines.append(f"| {path} | {found['score']} | {_fmt(found['lcp_s'], 2)} |")
    if "workers" in summary:
        lines += _memory_lines(summary["workers"])
    checks = summary["checks"]
    passed = sum(1 for c in checks if c["result"] == "pass")
    lines += [
        "",
        f"## Targets (issue 11): {passed} of {len(checks)} pass",
        "",
        "| target | measured | limit | result | note |",
        "| --- | ---: | --- | --- | --- |",
    ]
    for c in checks:
        measured = "–" if c["measured"] is None else c["measured"]
        lines.append(f"| {c['target']} | {measured} | {c['limit']} | {c['result']} | {c['note']} |")
    lines += ["", "## Notes", ""] + [f"- {note}" for note in summary["notes"]]
    return "\n".join(lines) + "\n"


def _memory_lines(workers: dict) -> list[str]:
    lines = [
        "",
        f"## gunicorn workers' memory ({workers.get('after', 'after the run')})",
        "",
        "PSS shares each page among the processes that hold it: the PSS of all processes adds up "
        "to what the machine spends. RSS counts the pages shared with the preloading master in "
        "full in every worker; USS is what only that worker holds.",
        "",
        "| process | RSS after MB | PSS after MB | USS after MB | highest RSS MB "
        "| highest PSS MB | highest USS MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    master = workers.get("master_mb") or {}
    if master:
        lines.append(
            f"| master | {_fmt(master.get('rss'), 1)} | {_fmt(master.get('pss'), 1)} | "
            f"{_fmt(master.get('uss'), 1)} | | | |"
        )
    for pid, peak in sorted(workers["peak_mb"].items()):
        after = workers["after_mb"].get(pid, {})
        lines.append(
            f"| worker {pid} | {_fmt(after.get('rss'), 1)} | {_fmt(after.get('pss'), 1)} | "
            f"{_fmt(after.get('uss'), 1)} | {_fmt(peak.get('rss'), 1)} | "
            f"{_fmt(peak.get('pss'), 1)} | {_fmt(peak.get('uss'), 1)} |"
        )
    lines += ["", f"Worker crashes in the server log: {workers.get('crashes', 0)}."]
    return lines


def write(summary: dict, folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data, text = folder / "throughput.json", folder / "throughput.md"
    data.write_text(json.dumps(summary, indent=1, default=str) + "\n")
    text.write_text(markdown(summary))
    return data, text
