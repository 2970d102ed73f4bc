"""The one ranking function: its ordering and its reasons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.helpboard.matching import Candidate, Need, distance_m, rank_questions, rank_volunteers

# A Tuesday morning in Amsterdam.
NOW = datetime(2026, 11, 17, 8, 0, tzinfo=UTC)
HERE = (51.7950, 4.6670)
NEED = Need(
    category_id=1, language="tr", parts_of_day=("morning",), latitude=HERE[0], longitude=HERE[1]
)


def cand(user_id: int, **kwargs) -> Candidate:
    values = dict(
        user_id=user_id,
        name=f"V{user_id}",
        skills=frozenset(),
        languages=frozenset({"nl"}),
        availability=frozenset(),
        latitude=None,
        longitude=None,
        open_count=0,
        max_open=3,
        last_helped_at=None,
    )
    values.update(kwargs)
    return Candidate(**values)


@pytest.fixture(autouse=True)
def _context(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def ids(matches) -> list[int]:
    return [m.candidate.user_id for m in matches]


def test_skill_outweighs_language_which_outweighs_availability():
    skill = cand(1, skills=frozenset({1}))
    language = cand(2, languages=frozenset({"nl", "tr"}))
    free = cand(3, availability=frozenset({"tue-morning"}))
    assert ids(rank_volunteers(NEED, [free, language, skill], NOW)) == [1, 2, 3]


def test_nearer_volunteers_come_first_all_else_equal():
    near = cand(1, latitude=HERE[0] + 0.001, longitude=HERE[1])
    far = cand(2, latitude=HERE[0] + 0.02, longitude=HERE[1])
    assert ids(rank_volunteers(NEED, [far, near], NOW)) == [1, 2]


def test_a_lighter_load_comes_first_and_a_full_volunteer_is_left_out():
    busy = cand(1, open_count=2, max_open=3)
    free = cand(2, open_count=0, max_open=3)
    full = cand(3, open_count=3, max_open=3)
    assert ids(rank_volunteers(NEED, [busy, full, free], NOW)) == [2, 1]


def test_who_helped_longer_ago_comes_before_who_helped_yesterday():
    yesterday = cand(1, last_helped_at=NOW - timedelta(days=1))
    long_ago = cand(2, last_helped_at=NOW - timedelta(days=50))
    assert ids(rank_volunteers(NEED, [yesterday, long_ago], NOW)) == [2, 1]


def test_ties_are_broken_by_user_id_so_the_order_is_stable():
    assert ids(rank_volunteers(NEED, [cand(5), cand(2), cand(9)], NOW)) == [2, 5, 9]


def test_the_limit_keeps_the_best_few():
    many = [cand(i, skills=frozenset({1}) if i == 7 else frozenset()) for i in range(1, 10)]
    assert ids(rank_volunteers(NEED, many, NOW, limit=2)) == [7, 1]


def test_reasons_read_like_a_sentence():
    volunteer = cand(
        1,
        skills=frozenset({1}),
        languages=frozenset({"tr"}),
        availability=frozenset({"tue-morning"}),
        latitude=HERE[0] + 0.0036,
        longitude=HERE[1],
    )
    match = rank_volunteers(NEED, [volunteer], NOW)[0]
    text = match.reason_text
    assert "speaks Turkish" in text
    assert "free Tuesday mornings" in text
    assert "400 m away" in text
    assert "knows this subject" in text


def test_the_next_free_slot_is_named_from_today_on():
    volunteer = cand(1, availability=frozenset({"mon-morning", "thu-morning"}))
    assert "free Thursday mornings" in rank_volunteers(NEED, [volunteer], NOW)[0].reason_text


def test_questions_for_a_volunteer_are_ranked_with_the_same_function():
    volunteer = cand(1, skills=frozenset({2}), languages=frozenset({"nl"}))
    needs = [(10, Need(category_id=1)), (11, Need(category_id=2)), (12, Need(category_id=3))]
    assert [qid for qid, _m in rank_questions(volunteer, needs, NOW)] == [11, 10, 12]


def test_distance_is_in_metres():
    assert distance_m(51.795, 4.667, 51.804, 4.667) == pytest.approx(1000, rel=0.01)


@pytest.mark.parametrize(
    ("last_helped", "words"),
    [
        (datetime(2026, 11, 17, 7, 0, tzinfo=UTC), "last helped today"),
        (datetime(2026, 11, 16, 22, 0, tzinfo=UTC), "last helped yesterday"),
        (datetime(2026, 11, 15, 9, 0, tzinfo=UTC), "last helped 2 days ago"),
        (NOW - timedelta(days=30), "last helped 30 days ago"),
    ],
)
def test_when_a_volunteer_last_helped_is_said_in_days(last_helped, words):
    text = rank_volunteers(NEED, [cand(1, last_helped_at=last_helped)], NOW)[0].reason_text
    assert words in text
    assert " 0 days" not in text


@pytest.mark.parametrize(
    ("open_count", "words"),
    [(1, "helps with 1 other question"), (2, "helps with 2 other questions")],
)
def test_other_questions_are_counted_with_the_right_plural(open_count, words):
    text = rank_volunteers(NEED, [cand(1, open_count=open_count)], NOW)[0].reason_text
    assert words in text.split(", ")
    assert "(s)" not in text
