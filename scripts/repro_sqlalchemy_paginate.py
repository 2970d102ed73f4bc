"""Standalone reproduction attempt for issue 9.8, fit for an upstream report (SQLAlchemy only).

What Wijkplein's `/kaart` does on city-scale data, without Flask or the app: a SQLite file with
many services (each with an organisation, a location, categories, languages, opening hours),
then, from one or more threads, what Flask-SQLAlchemy's ``db.paginate`` runs: a COUNT over the
statement as a subquery and one page of it with ``joinedload`` + ``selectinload``, each time
with a freshly built statement (so every call generates its cache key again, through the
compiled ``_gen_cache_key`` of SQLAlchemy 2.1) and with the garbage collector made eager
(``--gc``), since the one crash caught here was during garbage collection.

    python scripts/repro_sqlalchemy_paginate.py --services 20000 --threads 4 --rounds 200
    python -X faulthandler scripts/repro_sqlalchemy_paginate.py ...        # a traceback on crash
    gdb -batch -ex run -ex bt --args python scripts/repro_sqlalchemy_paginate.py ...

Exit code 0 when every round ran; a segmentation fault shows as -11 (139 in a shell).
Needs only ``sqlalchemy`` (prints its version and whether its compiled extensions are loaded).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import threading
import time
from pathlib import Path

import sqlalchemy
from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    create_engine,
    func,
    insert,
    select,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    joinedload,
    lazyload,
    mapped_column,
    relationship,
    selectinload,
)


class Base(DeclarativeBase):
    pass


service_categories = Table(
    "service_categories",
    Base.metadata,
    Column("service_id", ForeignKey("services.id"), primary_key=True),
    Column("category_id", ForeignKey("categories.id"), primary_key=True),
)


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Location(Base):
    __tablename__ = "locations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]


class Category(Base):
    __tablename__ = "categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80))


class Service(Base):
    __tablename__ = "services"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(2000))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    organisation: Mapped[Organisation] = relationship()
    location: Mapped[Location | None] = relationship()
    categories: Mapped[list[Category]] = relationship(secondary=service_categories)
    languages: Mapped[list[Language]] = relationship()
    hours: Mapped[list[Hours]] = relationship()


class Language(Base):
    __tablename__ = "service_languages"
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(8), primary_key=True)


class Hours(Base):
    __tablename__ = "opening_hours"
    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    weekday: Mapped[int] = mapped_column(Integer)
    opens: Mapped[str] = mapped_column(String(5))
    closes: Mapped[str] = mapped_column(String(5))


def build(url: str, services: int) -> None:
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(Organisation), [{"id": i, "name": f"Org {i}"} for i in range(1, 501)])
        conn.execute(
            insert(Location),
            [
                {"id": i, "name": f"Plek {i}", "latitude": 51.8, "longitude": 4.6}
                for i in range(1, 2001)
            ],
        )
        conn.execute(insert(Category), [{"id": i, "slug": f"cat-{i}"} for i in range(1, 41)])
        conn.execute(
            insert(Service),
            [
                {
                    "id": i,
                    "name": f"Dienst {i}",
                    "description": "Hulp bij formulieren, taal en geld. " * 10,
                    "is_active": i % 10 != 0,
                    "organisation_id": i % 500 + 1,
                    "location_id": i % 2000 + 1 if i % 7 else None,
                }
                for i in range(1, services + 1)
            ],
        )
        conn.execute(
            insert(service_categories),
            [
                {"service_id": i, "category_id": (i + k) % 40 + 1}
                for i in range(1, services + 1)
                for k in (1, 3)
            ],
        )
        conn.execute(
            insert(Language),
            [
                {"service_id": i, "code": code}
                for i in range(1, services + 1)
                for code in ("nl", "en")
            ],
        )
        conn.execute(
            insert(Hours),
            [
                {"service_id": i, "weekday": d, "opens": "09:00", "closes": "17:00"}
                for i in range(1, services + 1)
                for d in range(5)
            ],
        )
    engine.dispose()


def statement():
    """A fresh statement each time, as a request builds one."""
    return select(Service).where(Service.is_active).order_by(Service.name, Service.id)


def paginate(session: Session, page: int, per_page: int = 20) -> tuple[int, int]:
    """What flask_sqlalchemy's SelectPagination runs: a COUNT of the subquery, then the page."""
    stmt = statement().options(
        joinedload(Service.organisation),
        joinedload(Service.location),
        selectinload(Service.categories),
        selectinload(Service.languages),
        selectinload(Service.hours),
    )
    sub = stmt.options(lazyload("*")).order_by(None).subquery()
    total = session.execute(select(func.count()).select_from(sub)).scalar_one()
    items = (
        session.execute(stmt.limit(per_page).offset((page - 1) * per_page)).unique().scalars().all()
    )
    return total, len(items)


def work(engine, rounds: int, number: int, failures: list) -> None:
    try:
        for round_ in range(rounds):
            with Session(engine) as session:
                paginate(session, page=1 + (round_ + number) % 50)
                # the map page's markers: every active service with its location, at once
                session.execute(statement().options(joinedload(Service.location))).unique().all()
    except Exception as error:  # noqa: BLE001 — reported, not hidden
        failures.append((number, repr(error)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="SQLite file (built when missing)")
    parser.add_argument("--services", type=int, default=20000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--gc", action="store_true", help="collect garbage very often")
    args = parser.parse_args()
    from sqlalchemy.util import _has_cython

    print(
        f"SQLAlchemy {sqlalchemy.__version__}, compiled extensions: {_has_cython.HAS_CYEXTENSION},"
        f" Python {sys.version.split()[0]}, sqlite {__import__('sqlite3').sqlite_version}",
        flush=True,
    )
    database = args.db or Path(tempfile.mkdtemp()) / "repro.db"
    url = f"sqlite:///{database}"
    if not database.exists():
        build(url, args.services)
    if args.gc:
        gc.set_threshold(50, 2, 2)
    engine = create_engine(url)
    failures: list = []
    started = time.perf_counter()
    threads = [
        threading.Thread(target=work, args=(engine, args.rounds, n, failures))
        for n in range(args.threads)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"{args.threads} threads x {args.rounds} rounds in {time.perf_counter() - started:.1f} s")
    for failure in failures:
        print("failed:", *failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
