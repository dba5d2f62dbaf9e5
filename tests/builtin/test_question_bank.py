"""The built-in question bank (G14, G15), its loader, and the generator banks share."""

from __future__ import annotations

import difflib
import importlib
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoint.builtin import question_bank
from infoint.builtin.question_bank import (
    KEYS,
    PLACEHOLDERS,
    BankGenerator,
    builtin_bank,
    load_bank,
    load_bank_file,
)
from infoint.errors import ValidationError
from infoint.hookspecs import QuestionGenerator
from infoint.model import (
    Contact,
    Interview,
    Purpose,
    QuestionKind,
    StatusChange,
    SuggestedQuestion,
    Target,
    TargetKind,
)
from infoint.planning import PlanContext
from infoint.plugins import make_plugin_manager

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "question-bank-plugin"
AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

MINIMUM_PER_KIND = {
    QuestionKind.NEEDS: 12,
    QuestionKind.OFFERS: 12,
    QuestionKind.PEOPLE: 8,
    QuestionKind.ADVICE: 8,
    QuestionKind.DAY_IN_THE_LIFE: 10,
    QuestionKind.PATH: 10,
    QuestionKind.BUSINESS: 10,
}

# G15: what a question must never ask about, and what makes it sound like job hunting.
PAY_OR_BENEFITS = re.compile(
    r"\b(pay|pays|paid|salary|salaries|wages?|compensation|bonus(es)?|vacations?|holidays?"
    r"|time off|pto|benefits?|perks?|pensions?|stocks?|equity)\b",
    re.IGNORECASE,
)
JOB_HUNTING = re.compile(
    r"\b(hiring|hire[sd]?|r[ée]sum[ée]s?|cvs?|jobs?|vacanc(y|ies)|openings?|apply|applying"
    r"|applications?|applicants?|positions?|recruit\w*|refer me|employ me)\b",
    re.IGNORECASE,
)


def context(
    *,
    targets: Sequence[tuple[str, str]] = (("occupation", "Data engineer"),),
    role: str = "",
    organization: str = "",
    owns_business: bool = False,
    purposes: Sequence[str] = ("choose-path",),
) -> PlanContext:
    """A PlanContext for an interview with one contact and the given targets."""
    contact = Contact(
        id="c1", name="Grace", role=role, organization=organization, owns_business=owns_business
    )
    target_objects = tuple(
        Target(id=f"t{n}", kind=kind, name=name) for n, (kind, name) in enumerate(targets)
    )
    interview = Interview(
        id="i1",
        contact_id="c1",
        history=[StatusChange(status="idea", at=AT)],
        target_ids=[t.id for t in target_objects],
        purposes=purposes,
    )
    return PlanContext(interview=interview, contact=contact, targets=target_objects)


def question(id: str = "q", kind: str = "needs", **fields: Any) -> SuggestedQuestion:
    return SuggestedQuestion(id=id, kind=kind, formal="Formal?", casual="Casual?", **fields)


def wordings(questions: Sequence[SuggestedQuestion]) -> Iterator[tuple[str, str, str]]:
    for q in questions:
        yield q.id, "formal", q.formal
        yield q.id, "casual", q.casual


# ---------------------------------------------------------------- the built-in bank


def test_g14_builtin_bank_loads_with_at_least_90_questions() -> None:
    bank = builtin_bank()
    assert len(bank) >= 90
    assert all(isinstance(q, SuggestedQuestion) for q in bank)
    assert builtin_bank() is bank  # read once


def test_g14_builtin_bank_is_the_package_file() -> None:
    path = Path(question_bank.__file__).with_name("questions.toml")
    assert tuple(load_bank_file(path)) == builtin_bank()


@pytest.mark.parametrize(("kind", "minimum"), MINIMUM_PER_KIND.items())
def test_g14_builtin_bank_covers_every_kind(kind: QuestionKind, minimum: int) -> None:
    count = Counter(q.kind for q in builtin_bank())[kind]
    assert count >= minimum, f"{kind}: {count} questions, want at least {minimum}"


@pytest.mark.parametrize("purpose", list(Purpose))
def test_g2_builtin_bank_has_questions_for_every_purpose(purpose: Purpose) -> None:
    assert sum(purpose in q.purposes for q in builtin_bank()) >= 8


def test_g14_builtin_bank_ids_are_unique_and_kebab_case() -> None:
    ids = [q.id for q in builtin_bank()]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_g14_formal_and_casual_wordings_genuinely_differ() -> None:
    for q in builtin_bank():
        ratio = difflib.SequenceMatcher(None, q.formal.casefold(), q.casual.casefold()).ratio()
        assert ratio < 0.8, f"{q.id}: the two wordings are too alike ({ratio:.2f})"


def test_g14_every_wording_is_a_question() -> None:
    for qid, field, text in wordings(builtin_bank()):
        assert text == text.strip() and "?" in text, f"{qid} {field}: {text!r}"
        assert text[0].isupper(), f"{qid} {field}: {text!r}"


def test_g14_builtin_placeholders_are_only_the_four() -> None:
    for qid, field, text in wordings(builtin_bank()):
        used = set(re.findall(r"\{([^{}]*)\}", text))
        assert used <= set(PLACEHOLDERS), f"{qid} {field}: {used - set(PLACEHOLDERS)}"


def test_g14_the_four_placeholders_are_the_ones_the_planner_fills() -> None:
    assert set(PLACEHOLDERS) == set(context().placeholders)


@pytest.mark.parametrize(
    "ctx",
    [
        context(),
        context(targets=(), role="", organization=""),
        context(targets=(("company", "Acme"), ("industry", "Energy")), role="Nurse"),
    ],
    ids=["occupation", "nothing-known", "company-and-industry"],
)
def test_g14_every_builtin_wording_fills_completely(ctx: PlanContext) -> None:
    for qid, field, text in wordings(builtin_bank()):
        filled = ctx.fill(text)
        assert "{" not in filled and "}" not in filled, f"{qid} {field}: {filled}"


def test_g15_bank_never_asks_about_pay_or_benefits() -> None:
    for qid, field, text in wordings(builtin_bank()):
        found = PAY_OR_BENEFITS.search(text)
        assert found is None, f"{qid} {field} asks about {found[0]!r}: {text}"


def test_g15_bank_never_asks_for_a_job() -> None:
    for qid, field, text in wordings(builtin_bank()):
        found = JOB_HUNTING.search(text)
        assert found is None, f"{qid} {field} sounds like job hunting ({found[0]!r}): {text}"


def test_g15_the_pay_and_job_patterns_catch_what_they_should() -> None:
    # The two tests above prove nothing if their patterns never match.
    for text in [
        "What is the salary?",
        "How much vacation do people get?",
        "Are there good Benefits?",
        "Is there time off in summer?",
        "Any stock options?",
        "Do you offer a pension?",
        "Is PTO generous?",
    ]:
        assert PAY_OR_BENEFITS.search(text), text
    for text in [
        "Are you hiring?",
        "Can you refer me?",
        "Could you pass on my résumé?",
        "May I leave my CV?",
        "Any job openings?",
    ]:
        assert JOB_HUNTING.search(text), text
    assert not PAY_OR_BENEFITS.search("Who paved the way? Which stockings? Is it equitable?")
    assert not JOB_HUNTING.search("How did you reposition the team? Who applied it?")


def test_g14_answer_lengths_fit_an_interview() -> None:
    for q in builtin_bank():
        assert 30 <= q.seconds <= 240, f"{q.id}: {q.seconds} s"
        if q.kind is QuestionKind.PEOPLE:
            assert q.seconds <= 60, f"{q.id}: names of people are a short question"


def test_g14_bank_asks_whom_else_to_contact_in_several_ways() -> None:
    # Any people question the planner picks must itself ask for names.
    people = [q for q in builtin_bank() if q.kind is QuestionKind.PEOPLE]
    assert len(people) >= 8
    assert all("whom-else" in q.tags for q in people)


def test_g7_g14_a_phone_interview_can_cover_needs_offers_and_people() -> None:
    # Under 5 minutes, less the introduction and the close, about 2.5 minutes are left.
    shortest = {
        kind: min(q.seconds for q in builtin_bank() if q.kind is kind)
        for kind in (QuestionKind.NEEDS, QuestionKind.OFFERS, QuestionKind.PEOPLE)
    }
    assert sum(shortest.values()) <= 150, shortest


@pytest.mark.parametrize("tag", ["environment", "success", "typical-day", "invite-advice"])
def test_g14_bank_has_the_typical_questions(tag: str) -> None:
    # The good and bad sides of the work environment, what makes people
    # succeed, a typical workday, and always an invitation to give advice.
    assert any(tag in q.tags for q in builtin_bank())


def test_g2e_business_questions_are_for_owners() -> None:
    for q in builtin_bank():
        if q.kind is QuestionKind.BUSINESS:
            assert Purpose.SMALL_BUSINESS in q.purposes, q.id
            assert "owner" in q.tags, q.id


def test_builtin_questions_fit_any_field() -> None:
    assert all(not q.topics for q in builtin_bank())


# ---------------------------------------------------------------- loading


GOOD = """
[[question]]
id = "needs-growth"
kind = "needs"
formal = "Where is {organization} growing?"
casual = "Where's {organization} growing?"
seconds = 90
purposes = ["skills", "break-in"]
target_kinds = ["company"]
topics = ["Nurse", "nursing"]
tags = ["growth"]
why = "to hear about growth"

[[question]]
id = "day-typical"
kind = "day-in-the-life"
formal = "Could you walk me through a typical day?"
casual = "What's a normal day like?"
"""


def test_a_bank_loads_every_field() -> None:
    first, second = load_bank(GOOD, "bank.toml")
    assert first == SuggestedQuestion(
        id="needs-growth",
        kind="needs",
        formal="Where is {organization} growing?",
        casual="Where's {organization} growing?",
        seconds=90,
        purposes=["skills", "break-in"],
        target_kinds=["company"],
        topics=["nurse", "nursing"],
        tags=["growth"],
        why="to hear about growth",
    )
    assert second.seconds == 90  # the default
    assert second.purposes == frozenset() and second.target_kinds == frozenset()


def test_a_bank_loads_from_bytes_and_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "bank.toml"
    path.write_text(GOOD, "utf-8")
    assert load_bank(GOOD.encode(), "b") == load_bank_file(path) == load_bank(GOOD, "s")
    assert load_bank(b"\xef\xbb\xbf" + GOOD.encode(), "bom") == load_bank(GOOD, "s")


def bank_with(extra: str, *, replace: tuple[str, str] | None = None) -> str:
    """GOOD with its first question changed: a line added, or a line replaced."""
    text = GOOD
    if replace:
        assert replace[0] in text
        text = text.replace(replace[0], replace[1], 1)
    return text.replace('id = "needs-growth"\n', f'id = "needs-growth"\n{extra}', 1)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            bank_with("", replace=('kind = "needs"', 'kind = "gossip"')),
            "bank.toml: question 1 (needs-growth): kind: 'gossip' is not one of:"
            " needs, offers, people, advice, day-in-the-life, path, business",
        ),
        (
            bank_with("", replace=("seconds = 90", "seconds = 0")),
            "bank.toml: question 1 (needs-growth): seconds: is 0; must be between 5 and 3600",
        ),
        (
            bank_with("", replace=("seconds = 90", "seconds = 3601")),
            "bank.toml: question 1 (needs-growth): seconds: is 3601; must be between 5 and 3600",
        ),
        (
            bank_with("", replace=("seconds = 90", 'seconds = "90"')),
            "bank.toml: question 1 (needs-growth): seconds: must be a whole number of seconds,"
            " not text",
        ),
        (
            bank_with("secs = 30\n"),
            "bank.toml: question 1 (needs-growth): secs: is not a known key;"
            " did you mean 'seconds'?",
        ),
        (
            bank_with("colour = 'red'\n"),
            "bank.toml: question 1 (needs-growth): colour: is not a known key; the keys are"
            " id, kind, formal, casual, seconds, purposes, target_kinds, topics, tags, why",
        ),
        (
            bank_with("", replace=("Where's {organization}", "Where's {company}")),
            "bank.toml: question 1 (needs-growth): casual: unknown placeholder {company};"
            " use {organization}, {role}, {industry} or {occupation}",
        ),
        (
            bank_with("", replace=("Where is {organization}", "Where is {Organization}")),
            "bank.toml: question 1 (needs-growth): formal: unknown placeholder {Organization};"
            " use {organization}, {role}, {industry} or {occupation}",
        ),
        (
            bank_with("", replace=("Where is {organization}", "Where is {organization")),
            "bank.toml: question 1 (needs-growth): formal: has a { or } that is not part of a"
            " placeholder such as {organization}",
        ),
        (
            GOOD.replace('id = "day-typical"', 'id = "needs-growth"'),
            "bank.toml: question 2 (needs-growth): id: is also the id of question 1",
        ),
        (
            bank_with("", replace=('formal = "Where is {organization} growing?"\n', "")),
            "bank.toml: question 1 (needs-growth): formal: is missing",
        ),
        (
            bank_with("", replace=('formal = "Where is {organization} growing?"', 'formal = " "')),
            "bank.toml: question 1 (needs-growth): formal: must not be empty",
        ),
        (
            bank_with("", replace=('formal = "Where is', 'formal = "Where\\nis')),
            "bank.toml: question 1 (needs-growth): formal: must be one line,"
            " without control characters",
        ),
        (
            bank_with("", replace=('formal = "Where is {organization} growing?"', "formal = 3")),
            "bank.toml: question 1 (needs-growth): formal: must be text, not a number",
        ),
        (
            GOOD.replace('id = "needs-growth"\n', ""),
            "bank.toml: question 1: id: is missing",
        ),
        (
            GOOD.replace('id = "needs-growth"', 'id = "Needs Growth"'),
            "bank.toml: question 1: id: 'Needs Growth' is not kebab-case (lower-case letters"
            " and digits joined by single hyphens, like 'needs-growth')",
        ),
        (
            bank_with("", replace=('"skills", "break-in"', '"skills", "networking"')),
            "bank.toml: question 1 (needs-growth): purposes: 'networking' is not one of:"
            " choose-path, decide-study, break-in, skills, small-business",
        ),
        (
            bank_with("", replace=('purposes = ["skills", "break-in"]', 'purposes = "skills"')),
            "bank.toml: question 1 (needs-growth): purposes: must be a list of text,"
            ' like ["a", "b"]',
        ),
        (
            bank_with("", replace=('target_kinds = ["company"]', 'target_kinds = ["firm"]')),
            "bank.toml: question 1 (needs-growth): target_kinds: 'firm' is not one of:"
            " occupation, company, industry",
        ),
        (
            bank_with("", replace=('"Nurse", "nursing"', '"registered nurse"')),
            "bank.toml: question 1 (needs-growth): topics: 'registered nurse' is not one word;"
            ' list each word on its own, as in ["data", "engineer"]',
        ),
        (
            bank_with("", replace=('tags = ["growth"]', 'tags = ["growth", ""]')),
            "bank.toml: question 1 (needs-growth): tags: must not contain an empty entry",
        ),
        (
            bank_with("", replace=('why = "to hear about growth"', "why = 2026-01-01")),
            "bank.toml: question 1 (needs-growth): why: must be text, not a date or time",
        ),
        (
            'title = "my bank"\n' + GOOD,
            "bank.toml: title: is not a known key; a bank holds [[question]] tables",
        ),
        ("# nothing yet\n", "bank.toml: has no [[question]] tables"),
        ("question = []\n", "bank.toml: has no [[question]] tables"),
        (
            '[question]\nid = "x"\n',
            "bank.toml: question: must be tables, each one starting with [[question]]",
        ),
    ],
)
def test_a_malformed_bank_is_one_line_naming_file_question_and_field(
    source: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        load_bank(source, "bank.toml")
    assert str(caught.value) == message


def test_a_bank_that_is_not_toml_is_an_error_naming_the_place() -> None:
    with pytest.raises(ValidationError) as caught:
        load_bank('[[question]]\nid = "x"\nkind = needs\n', "bank.toml")
    message = str(caught.value)
    assert message.startswith("bank.toml: is not valid TOML: ")
    assert message.endswith("(at line 3, column 8)") and "\n" not in message


def test_a_bank_that_is_not_utf8_is_an_error() -> None:
    with pytest.raises(ValidationError, match=r"^bank.toml: is not UTF-8 text \(byte 0\)$"):
        load_bank(b"\xff[[question]]", "bank.toml")


def test_an_error_names_the_file_path(tmp_path: Path) -> None:
    path = tmp_path / "nursing.toml"
    path.write_text(GOOD.replace("seconds = 90", "seconds = 4"), "utf-8")
    with pytest.raises(ValidationError, match=re.escape(f"{path}: question 1 (needs-growth)")):
        load_bank_file(path)


TOML_VALUES = st.sampled_from(
    ['"text"', '""', '"{organization}"', '"{x}"', "3", "-1", "3.5", "true", "[]", '["skills"]',
     "[1, 2]", '["a b"]', "{ a = 1 }", "2026-01-01", '"needs"', '"A?"']
)  # fmt: skip


@given(
    entries=st.lists(
        st.dictionaries(
            st.sampled_from([*KEYS, "extra"]), TOML_VALUES, min_size=0, max_size=len(KEYS) + 1
        ),
        max_size=3,
    )
)
def test_any_bank_loads_or_is_one_validation_error_on_one_line(
    entries: list[dict[str, str]],
) -> None:
    source = "".join(
        "[[question]]\n" + "".join(f"{key} = {value}\n" for key, value in entry.items())
        for entry in entries
    )
    try:
        loaded: int | str = len(load_bank(source, "fuzz.toml"))
    except ValidationError as err:
        loaded = str(err)
    if isinstance(loaded, str):
        assert loaded.startswith("fuzz.toml: ") and "\n" not in loaded
    else:
        assert loaded == len(entries)


@given(st.text(max_size=200))
def test_any_text_loads_or_is_a_validation_error(text: str) -> None:
    message = "fuzz.toml: "
    try:
        load_bank(text, "fuzz.toml")
    except ValidationError as err:
        message = str(err)
    assert message.startswith("fuzz.toml: ")


WORDING = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="{}"),
    min_size=1,
    max_size=40,
).filter(str.strip)


@given(
    qid=st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True),
    kind=st.sampled_from(list(QuestionKind)),
    formal=WORDING,
    casual=WORDING,
    placeholder=st.sampled_from(PLACEHOLDERS),
    seconds=st.integers(5, 3600),
    purposes=st.sets(st.sampled_from(list(Purpose))),
    target_kinds=st.sets(st.sampled_from(list(TargetKind))),
    topics=st.sets(st.from_regex(r"[a-z]{1,10}", fullmatch=True), max_size=3),
)
def test_a_valid_question_survives_writing_and_loading(
    qid: str,
    kind: QuestionKind,
    formal: str,
    casual: str,
    placeholder: str,
    seconds: int,
    purposes: set[Purpose],
    target_kinds: set[TargetKind],
    topics: set[str],
) -> None:
    formal = f"{formal} {{{placeholder}}}"

    def toml_list(values: set[Any]) -> str:
        return json.dumps(sorted(str(v) for v in values))

    source = (
        "[[question]]\n"
        f"id = {json.dumps(qid)}\n"
        f'kind = "{kind}"\n'
        f"formal = {json.dumps(formal, ensure_ascii=False)}\n"
        f"casual = {json.dumps(casual, ensure_ascii=False)}\n"
        f"seconds = {seconds}\n"
        f"purposes = {toml_list(purposes)}\n"
        f"target_kinds = {toml_list(target_kinds)}\n"
        f"topics = {toml_list(topics)}\n"
    )
    assert load_bank(source, "x.toml") == [
        SuggestedQuestion(
            id=qid,
            kind=kind,
            formal=formal,
            casual=casual,
            seconds=seconds,
            purposes=purposes,
            target_kinds=target_kinds,
            topics=topics,
        )
    ]


@given(name=st.from_regex(r"\w{1,12}", fullmatch=True).filter(lambda n: n not in PLACEHOLDERS))
def test_any_other_placeholder_is_refused(name: str) -> None:
    source = GOOD.replace("Where is {organization}", f"Where is {{{name}}}")
    with pytest.raises(
        ValidationError, match=re.escape(f"formal: unknown placeholder {{{name}}}")
    ):
        load_bank(source, "bank.toml")


# ---------------------------------------------------------------- BankGenerator


def test_bank_generator_is_a_question_generator() -> None:
    generator = BankGenerator("nursing", [question()])
    assert isinstance(generator, QuestionGenerator)
    assert generator.name == "nursing"
    assert repr(generator) == "BankGenerator('nursing', <1 questions>)"


def test_bank_generator_needs_a_name() -> None:
    with pytest.raises(ValidationError, match="name: must not be empty"):
        BankGenerator(" ", [])


def test_bank_generator_sets_its_name_as_source_unless_one_is_given() -> None:
    generator = BankGenerator("mine", [question("a"), question("b", source="theirs")])
    assert [q.source for q in generator.generate(context())] == ["mine", "theirs"]


@pytest.mark.parametrize(
    ("ctx", "expected"),
    [
        (context(targets=(("occupation", "Registered Nurse"),)), ["any", "nursing"]),
        (context(targets=(("occupation", "Data engineer"),)), ["any"]),
        (context(targets=(), role="Nurse practitioner"), ["any", "nursing"]),
        (context(targets=(), organization="NURSING HOME Ltd"), ["any", "nursing"]),
        (context(targets=(("industry", "Nursing"), ("company", "Acme"))), ["any", "nursing"]),
        (context(targets=(("occupation", "Nurses"),)), ["any"]),  # words, not stems
    ],
)
def test_bank_generator_keeps_a_topic_question_only_for_matching_words(
    ctx: PlanContext, expected: list[str]
) -> None:
    nursing = question("nursing", topics=["Nurse", "nursing"])
    generator = BankGenerator("b", [question("any"), nursing])
    assert [q.id for q in generator.generate(ctx)] == expected


@given(
    topics=st.sets(st.from_regex(r"[a-z]{1,6}", fullmatch=True), min_size=1, max_size=3),
    name_words=st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), min_size=1, max_size=4),
)
def test_bank_generator_topic_rule_holds_for_any_words(
    topics: set[str], name_words: list[str]
) -> None:
    ctx = context(targets=(("occupation", " ".join(name_words).title()),))
    generated = BankGenerator("b", [question(topics=topics)]).generate(ctx)
    assert bool(generated) == bool(topics & set(name_words))


@pytest.mark.parametrize(
    ("owns_business", "purposes", "expected"),
    [
        (False, ["choose-path"], ["needs"]),
        (False, [], ["needs"]),
        (True, ["choose-path"], ["needs", "owner"]),
        (False, ["skills", "small-business"], ["needs", "owner"]),
    ],
)
def test_g2e_business_questions_only_for_an_owner_or_the_small_business_purpose(
    owns_business: bool, purposes: list[str], expected: list[str]
) -> None:
    generator = BankGenerator("b", [question("needs"), question("owner", kind="business")])
    ctx = context(owns_business=owns_business, purposes=purposes)
    assert [q.id for q in generator.generate(ctx)] == expected


def test_bank_generator_leaves_purposes_and_target_kinds_to_the_planner() -> None:
    picky = question(purposes=["decide-study"], target_kinds=["company"])
    ctx = context(targets=(("industry", "Energy"),), purposes=["break-in"])
    assert BankGenerator("b", [picky]).generate(ctx) == [attrs.evolve(picky, source="b")]


def test_the_builtin_generator_offers_business_questions_only_to_owners() -> None:
    generator = BankGenerator("bank", builtin_bank())
    student = generator.generate(context(purposes=["decide-study"]))
    owner = generator.generate(context(owns_business=True))
    assert QuestionKind.BUSINESS not in {q.kind for q in student}
    assert len(owner) == len(builtin_bank())
    assert len(student) == len(builtin_bank()) - sum(
        q.kind is QuestionKind.BUSINESS for q in builtin_bank()
    )


# ---------------------------------------------------------------- the hook


def test_the_hook_provides_the_builtin_bank_named_bank() -> None:
    pm = make_plugin_manager(entry_points=False, disabled=[])
    generators = pm.provided("infoint_question_generators")
    bank = generators["bank"]
    assert isinstance(bank, BankGenerator) and isinstance(bank, QuestionGenerator)
    assert bank.questions == builtin_bank()
    suggested = bank.generate(context())
    assert suggested and {q.source for q in suggested} == {"bank"}


def test_the_builtin_bank_can_be_disabled_by_plugin_name() -> None:
    pm = make_plugin_manager(entry_points=False, disabled=["question-bank"])
    assert "bank" not in pm.provided("infoint_question_generators")


def test_the_bank_file_is_not_read_when_plugins_are_loaded() -> None:
    code = (
        "import infoint.plugins as p; p.make_plugin_manager(entry_points=False, disabled=[]);"
        " from infoint.builtin.question_bank import builtin_bank;"
        " print(builtin_bank.cache_info().currsize)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "0"


# ---------------------------------------------------------------- the example plugin


@pytest.fixture
def software_questions(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The example plugin's module, imported from its source tree (not installed)."""
    monkeypatch.syspath_prepend(str(EXAMPLE / "src"))
    monkeypatch.delitem(sys.modules, "infoint_software_questions", raising=False)
    yield importlib.import_module("infoint_software_questions")
    sys.modules.pop("infoint_software_questions", None)


def test_example_bank_loads_and_follows_the_house_rules(software_questions: ModuleType) -> None:
    bank = software_questions.questions()
    assert len(bank) >= 12
    for q in bank:
        assert q.topics, f"{q.id}: an example question must name its topics"
        # Never the bare "engineer": that would match a civil engineer too.
        assert "software" in q.topics or "devops" in q.topics, q.id
        assert not q.topics & {"engineer", "engineering"}, q.id
        assert 30 <= q.seconds <= 240
    for qid, field, text in wordings(bank):
        assert not PAY_OR_BENEFITS.search(text), f"{qid} {field}: {text}"
        assert not JOB_HUNTING.search(text), f"{qid} {field}: {text}"


def test_example_plugin_provides_its_generator_only_for_software_targets(
    software_questions: ModuleType,
) -> None:
    pm = make_plugin_manager(
        entry_points=False, disabled=[], plugins=[("software_questions", software_questions)]
    )
    generators = pm.provided("infoint_question_generators")
    assert {"bank", "software-engineering"} <= set(generators)
    software = generators["software-engineering"]
    matching = software.generate(context(targets=(("occupation", "Software engineer"),)))
    assert len(matching) == len(software_questions.questions())
    assert {q.source for q in matching} == {"software-engineering"}
    assert software.generate(context(targets=(("occupation", "Nurse"),))) == []


def test_example_plugin_is_registered_under_the_infoint_entry_point_group() -> None:
    import tomllib

    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["name"] == "infoint-software-questions"
    assert project["project"]["entry-points"]["infoint"] == {
        "software_questions": "infoint_software_questions"
    }
    assert project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == [
        "src/infoint_software_questions"
    ]
