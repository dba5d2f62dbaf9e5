"""The planner (G7, G14) and the prep sheet (G9-G13): properties and exact examples."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
from hypothesis import given
from hypothesis import strategies as st

from infoint.model import (
    Contact,
    DressCode,
    Interview,
    Mode,
    Profile,
    Purpose,
    QuestionKind,
    Relationship,
    ResearchNote,
    Status,
    StatusChange,
    SuggestedQuestion,
    Target,
    TargetKind,
)
from infoint.planning import (
    BRING_IN_PERSON,
    ESSENTIAL,
    PlanContext,
    build_prep_sheet,
    minutes_before,
    plan_questions,
)
from infoint.rules import LintContext, LintFinding, PitchLength, Policy, finding, lint

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
POLICY = Policy()


class Forbidden:
    """A lint rule for the properties: flags the word 'forbidden'."""

    name = "forbidden"

    def check(self, text: str, context: LintContext) -> list[LintFinding]:
        return [
            finding(self.name, text, m.start(), m.end(), "forbidden word")
            for m in re.finditer(r"forbidden", text, re.IGNORECASE)
        ]


RULES = [Forbidden(), PitchLength()]

words = st.sampled_from(
    "team growth challenge forbidden day work mentor skills path people advice"
    " customers data field tools".split()
)
suggestions = st.builds(
    SuggestedQuestion,
    id=st.text("abcdefghij", min_size=1, max_size=6),
    kind=st.sampled_from(QuestionKind),
    formal=st.lists(words, min_size=2, max_size=8).map(lambda w: " ".join(w).capitalize() + "?"),
    casual=st.lists(words, min_size=2, max_size=8).map(lambda w: " ".join(w) + "?"),
    seconds=st.integers(5, 300),
    purposes=st.sets(st.sampled_from(Purpose), max_size=2),
    target_kinds=st.sets(st.sampled_from(TargetKind), max_size=2),
    boost=st.integers(0, 6),
    source=st.sampled_from(["bank", "other"]),
)


@st.composite
def contexts(draw: st.DrawFn) -> PlanContext:
    mode = draw(st.sampled_from(Mode))
    interview = Interview(
        id="i1",
        contact_id="c1",
        history=(StatusChange(status=Status.IDEA, at=T0),),
        mode=mode,
        agreed_minutes=draw(st.none() | st.integers(1, 60)),
        purposes=draw(st.lists(st.sampled_from(Purpose), unique=True, min_size=1, max_size=3)),
    )
    contact = Contact(id="c1", name="Ada", relationship=draw(st.sampled_from(Relationship)))
    targets = [Target(id="t1", kind=draw(st.sampled_from(TargetKind)), name="Data")]
    pitch = " ".join(draw(st.lists(words, max_size=90)))
    return PlanContext(
        interview=interview, contact=contact, targets=targets, profile=Profile(pitch=pitch)
    )


def _plan(context: PlanContext, items: Iterable[SuggestedQuestion], minutes: int | None = None):  # type: ignore[no-untyped-def]
    return plan_questions(context, items, RULES, POLICY, minutes=minutes)


@given(contexts(), st.lists(suggestions, max_size=40, unique_by=lambda s: (s.source, s.id)))
def test_g14_the_plan_never_exceeds_its_budget(
    context: PlanContext, items: list[SuggestedQuestion]
) -> None:
    plan = _plan(context, items)
    assert plan.used_seconds == sum(q.seconds for q in plan.questions)
    assert plan.used_seconds <= plan.budget_seconds
    assert plan.intro_seconds + plan.budget_seconds + plan.closing_seconds <= max(
        plan.minutes * 60, plan.intro_seconds + plan.closing_seconds
    )
    marks = [q.at_second for q in plan.questions]
    assert marks == sorted(marks)
    assert all(q.at_second >= plan.intro_seconds for q in plan.questions)


@given(contexts(), st.lists(suggestions, max_size=40, unique_by=lambda s: (s.source, s.id)))
def test_g14_covers_needs_offers_people_whenever_the_shortest_fit(
    context: PlanContext, items: list[SuggestedQuestion]
) -> None:
    plan = _plan(context, items)
    usable = [
        s
        for s in items
        if not lint(context.fill(s.wording(context.register)), RULES, LintContext())
    ]
    shortest = {}
    for kind in ESSENTIAL:
        lengths = [s.seconds for s in usable if s.kind is kind]
        if lengths:
            shortest[kind] = min(lengths)
    if len(shortest) == 3 and sum(shortest.values()) <= plan.budget_seconds:
        assert set(ESSENTIAL) <= plan.kinds
        assert plan.questions[-1].kind is QuestionKind.PEOPLE  # ends asking whom else to contact


@given(contexts(), st.lists(suggestions, max_size=40, unique_by=lambda s: (s.source, s.id)))
def test_g15_no_flagged_question_is_ever_planned(
    context: PlanContext, items: list[SuggestedQuestion]
) -> None:
    plan = _plan(context, items)
    for question in plan.questions:
        assert "forbidden" not in question.text.lower()
        assert lint(question.text, RULES, LintContext()) == []


@given(
    contexts(),
    st.lists(suggestions, max_size=40, unique_by=lambda s: (s.source, s.id)),
    st.randoms(),
)
def test_the_same_input_gives_the_same_plan(
    context: PlanContext, items: list[SuggestedQuestion], rnd: object
) -> None:
    assert _plan(context, items) == _plan(context, list(items))


@given(
    contexts(),
    st.lists(suggestions, max_size=40, unique_by=lambda s: (s.source, s.id)),
    st.integers(1, 120),
)
def test_g7_a_phone_interview_never_plans_more_than_fits_in_5_minutes(
    context: PlanContext, items: list[SuggestedQuestion], minutes: int
) -> None:
    phone = attrs.evolve(context, interview=attrs.evolve(context.interview, mode=Mode.PHONE))
    plan = _plan(phone, items, minutes=minutes)
    assert plan.intro_seconds + plan.used_seconds + plan.closing_seconds < 5 * 60 or (
        plan.questions == () and plan.used_seconds == 0
    )
    if minutes >= 5:
        assert any("less than 5 minutes" in w for w in plan.warnings)


# ---------------------------------------------------------------- examples


def _q(id_: str, kind: QuestionKind, seconds: int, **kw: object) -> SuggestedQuestion:
    text = kw.pop("text", f"Question {id_} about {{organization}}?")
    return SuggestedQuestion(
        id=id_,
        kind=kind,
        formal=str(text),
        casual=f"casual {id_}?",
        seconds=seconds,
        source="bank",
        **kw,
    )


BANK = [
    _q(
        "n-long",
        QuestionKind.NEEDS,
        150,
        purposes=[Purpose.BREAK_IN],
        text="What challenges will {organization} face over the next years?",
    ),
    _q("n-short", QuestionKind.NEEDS, 40, text="Which skill is scarce on your team?"),
    _q("o-long", QuestionKind.OFFERS, 150, text="How do newcomers grow and learn here?"),
    _q("o-short", QuestionKind.OFFERS, 40, text="Is there mentoring for juniors?"),
    _q("p-closing", QuestionKind.PEOPLE, 40, text="Whom else should I talk to?"),
    _q("a-advice", QuestionKind.ADVICE, 90, text="What advice would you give me?"),
    _q("d-day", QuestionKind.DAY_IN_THE_LIFE, 120, text="What does a typical day look like?"),
    _q("x-pay", QuestionKind.OFFERS, 30, text="What forbidden perks come with the job?"),
]


def _context(mode: Mode = Mode.IN_PERSON, minutes: int | None = 20, **kw: object) -> PlanContext:
    interview = Interview(
        id="i1",
        contact_id="c1",
        history=(StatusChange(status=Status.IDEA, at=T0),),
        mode=mode,
        agreed_minutes=minutes,
        purposes=(Purpose.BREAK_IN,),
        **kw,  # type: ignore[arg-type]
    )
    contact = Contact(id="c1", name="Ada Lovelace", role="Data engineer", organization="Acme")
    return PlanContext(
        interview=interview,
        contact=contact,
        targets=[Target(id="t1", kind=TargetKind.COMPANY, name="Acme")],
        profile=Profile(pitch="I am Sam and I analyse data."),
    )


def test_g7_phone_gets_two_or_three_short_questions_ending_with_people() -> None:
    plan = _plan(_context(Mode.PHONE, 4), BANK)
    assert [q.id for q in plan.questions] == ["bank:n-short", "bank:o-short", "bank:p-closing"]
    assert plan.budget_seconds == 4 * 60 - 30 - 60
    assert plan.warnings == ()


def test_g14_in_person_gets_a_full_set_in_conversation_order_with_reasons() -> None:
    plan = _plan(_context(), BANK)
    ids = [q.id.removeprefix("bank:") for q in plan.questions]
    assert ids == ["d-day", "n-long", "n-short", "o-short", "o-long", "a-advice", "p-closing"]
    assert plan.questions[1].text == "What challenges will Acme face over the next years?"
    assert "suits your purpose break-in" in plan.questions[1].why
    assert plan.questions[-1].why.startswith("asks whom else to talk to (G14c)")
    assert [d.id for d in plan.dropped] == ["x-pay"]
    assert plan.dropped[0].reason == "flagged by forbidden"
    assert [q.at_second for q in plan.questions[:3]] == [30, 150, 300]


def test_g14_casual_wording_for_a_friend() -> None:
    context = _context()
    friend = attrs.evolve(
        context, contact=attrs.evolve(context.contact, relationship=Relationship.FRIEND)
    )
    assert all(q.text.startswith("casual") for q in _plan(friend, BANK).questions)


def test_near_duplicates_are_dropped_keeping_the_better() -> None:
    twins = [
        _q("a", QuestionKind.NEEDS, 60, text="What skills does your team need most right now?"),
        _q("b", QuestionKind.NEEDS, 60, text="What skills does the team need most now?", boost=3),
    ]
    plan = _plan(_context(), twins)
    assert [q.id for q in plan.questions] == ["bank:b"]
    assert plan.dropped[0].reason == "like bank:b"


def test_topics_keep_a_field_bank_to_its_field() -> None:
    nursing = _q("ward", QuestionKind.NEEDS, 60, topics=["nurse", "nursing"])
    software = _q("review", QuestionKind.NEEDS, 60, topics=["software", "engineer"])
    plan = _plan(_context(), [nursing, software])
    assert [q.id for q in plan.questions] == ["bank:review"]  # the contact is a data engineer


def test_g7_lengths_outside_the_rule_are_warned() -> None:
    assert "lasts 15 to 30 minutes" in _plan(_context(minutes=45), BANK).warnings[0]
    assert _plan(_context(minutes=None), BANK).minutes_assumed


# ---------------------------------------------------------------- the prep sheet

PARIS = ZoneInfo("Europe/Paris")


def _sheet(**kw: object):  # type: ignore[no-untyped-def]
    context = _context(**kw)
    profile = Profile(pitch=" ".join(["word"] * 80))
    context = attrs.evolve(context, profile=profile)
    return build_prep_sheet(context, _plan(context, BANK), POLICY)


def test_g12_arrival_and_leave_by_across_a_daylight_saving_change() -> None:
    # Paris clocks jump from 02:00 to 03:00 on 2026-03-29.
    starts = datetime(2026, 3, 29, 3, 20, tzinfo=PARIS)
    sheet = _sheet(starts_at=starts, travel_minutes=25, place="Mill St")
    assert sheet.arrive_at == datetime(2026, 3, 29, 3, 10, tzinfo=PARIS)
    assert sheet.leave_by is not None
    assert sheet.leave_by.isoformat() == "2026-03-29T01:45:00+01:00"  # 35 real minutes earlier
    assert (starts.astimezone(UTC) - sheet.leave_by.astimezone(UTC)) == timedelta(minutes=35)
    assert sheet.ends_at == datetime(2026, 3, 29, 3, 40, tzinfo=PARIS)


def test_g9_g10_g13_bring_dress_and_pitch() -> None:
    sheet = _sheet(
        dress_code=DressCode.BUSINESS_CASUAL, starts_at=datetime(2026, 12, 1, 14, tzinfo=PARIS)
    )
    assert sheet.dress_recommended is DressCode.BUSINESS_PROFESSIONAL
    assert "one step above" in sheet.dress_advice
    assert sheet.bring == BRING_IN_PERSON
    assert "can look like expecting a job offer" in sheet.leave_behind
    assert sheet.pitch_seconds == 32
    assert any("keep it under 30 seconds" in w for w in sheet.warnings)
    assert "a firm handshake" in sheet.manners
    assert any("no place recorded" in w for w in sheet.warnings)


def test_g7_a_phone_interview_gets_the_short_sheet() -> None:
    sheet = _sheet(mode=Mode.PHONE, minutes=4, starts_at=datetime(2026, 12, 1, 14, tzinfo=PARIS))
    assert sheet.short
    assert sheet.leave_by is None and sheet.dress_recommended is None and sheet.leave_behind == ""
    assert "a firm handshake" not in sheet.manners
    assert len(sheet.questions) == 3


def test_unknown_dress_code_means_dress_as_for_a_job_interview() -> None:
    sheet = _sheet()
    assert sheet.dress_recommended is DressCode.BUSINESS_PROFESSIONAL
    assert "dress code unknown" in sheet.dress_advice


def test_minutes_before_is_real_time() -> None:
    after_jump = datetime(2026, 3, 29, 3, 5, tzinfo=PARIS)
    assert minutes_before(after_jump, 10).isoformat() == "2026-03-29T01:55:00+01:00"


def test_g5_research_is_listed_with_its_subject() -> None:
    note = ResearchNote(subject="organization", text="They opened an office in Lyon")
    sheet = _sheet(research=(note,))
    assert sheet.research == ("(organization) They opened an office in Lyon",)


def test_g15_a_target_named_like_a_perk_does_not_drop_questions() -> None:
    from infoint.rules import BUILTIN_RULES

    context = _context()
    insurance = attrs.evolve(
        context, targets=[Target(id="t1", kind=TargetKind.INDUSTRY, name="Employee benefits")]
    )
    question = _q("trend", QuestionKind.NEEDS, 60, text="What is changing in {industry}?")
    plan = plan_questions(insurance, [question], BUILTIN_RULES, POLICY)
    assert [q.text for q in plan.questions] == ["What is changing in Employee benefits?"]
