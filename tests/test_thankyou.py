"""The thank-you note (G19): its lint rules (short, spelled right, no job asking, no pay)
and the draft, which always passes them.

The tables are notes a seeker might really send. Each bad note names the rules and the
exact words they must flag; a good note must not be flagged by any rule.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoint.errors import ValidationError
from infoint.model import (
    Contact,
    Interview,
    Note,
    NoteKind,
    Profile,
    Referral,
    Register,
    Relationship,
    StatusChange,
    ThankYouMedium,
)
from infoint.plugins import make_plugin_manager
from infoint.rules import (
    BUILTIN_RULES,
    JobAsking,
    LintContext,
    LintFinding,
    PayAndPerks,
    Policy,
    Spelling,
    TextKind,
    ThankYouLength,
    finding,
    lint,
)
from infoint.thankyou import SUBJECT, draft_thank_you, quote_clause, thank_you_names

T = TextKind.THANK_YOU
SPELLING = "spelling"
LENGTH = "thank-you-length"
JOB = "job-asking"
PAY = "pay-and-perks"
AT = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


def found(
    text: str, names: tuple[str, ...] = (), kind: TextKind = T, policy: Policy | None = None
) -> list[tuple[str, str]]:
    """``(rule, excerpt)`` of every finding of the built-in rules."""
    context = LintContext(kind=kind, policy=policy or Policy(), names=names)
    return [(f.rule, f.excerpt) for f in lint(text, BUILTIN_RULES, context)]


def words(n: int) -> str:
    return " ".join(["thanks"] * n)


# ---------------------------------------------------------------- good notes

GOOD = [
    (
        "Dear Siobhán Kelly,\n\nThank you for your time yesterday. Your advice on data"
        " pipelines was exactly what I needed.\n\nKind regards,\nAda",
        ("Siobhán Kelly", "Ada"),
    ),
    ("Hi Chinedu, thanks for the chat! Okonkwo's team sounds wonderful.", ("Chinedu Okonkwo",)),
    ("Thank you for telling me how you got started at Zyxware Ltd.", ("Zyxware Ltd",)),
    ("thanks again, siobhán! say hi to okonkwo for me.", ("Siobhán", "OKONKWO")),
    ("Dear Ms Nguyen, thank you for the tour.", ()),  # the dictionary knows Nguyen
    ("Thanks for the advice on my résumé; I have already shortened it.", ()),
    (
        "I realised how carefully your organisation plans its programme; the colour coding"
        " of the roadmap was my favourite part.",
        (),
    ),
    ("I’m grateful, and I’ll keep you posted on how it goes.", ()),
    (
        "I read the NASA report at https://example.org/the-reprot and will write to"
        " grace@zyxwre.example.com as you suggested.",
        (),
    ),
    ("I'll read the 2nd chapter and the Q3 report before my 30-minute call.", ()),
    (
        "As I mentioned, I am looking for work in data engineering, and your advice on where"
        " to start helps a lot.",
        (),
    ),
    ("Your advice already paid off: I went to a meetup last night.", ()),
    ("Thank you, Дмитрий, for the introduction to the team.", ()),
    ("Thanks for the tips on LinkedIn and for the podcasts you recommended.", ()),
    ("Thanks for explaining the differences between the Kubernetes teams.", ("Kubernetes",)),
    (words(150), ()),
]


@pytest.mark.parametrize(("text", "names"), GOOD)
def test_g19_good_thank_you_notes_pass(text: str, names: tuple[str, ...]) -> None:
    assert found(text, names) == []


# ---------------------------------------------------------------- bad notes

BAD = [
    ("I recieved so much good advice from you.", (), [(SPELLING, "recieved")]),
    ("You were definately right about SQL.", (), [(SPELLING, "definately")]),
    ("Thank you for the oppurtunity to talk.", (), [(SPELLING, "oppurtunity")]),
    ("Recieved with thanks.", (), [(SPELLING, "Recieved")]),
    ("Dear Siobhán, thank you.", (), [(SPELLING, "Siobhán")]),
    ("Thanks, Okonkwo!", (), [(SPELLING, "Okonkwo")]),
    ("Thank you for showing me around Zyxware Ltd.", (), [(SPELLING, "Zyxware")]),
    ("Okonkwo's team sounds wonderful.", ("Siobhán Kelly",), [(SPELLING, "Okonkwo's")]),
    (
        "I recieved it, and I recieved more.",
        (),
        [(SPELLING, "recieved"), (SPELLING, "recieved")],
    ),
    ("Thanks again! What is the salary for juniors?", (), [(PAY, "salary")]),
    ("Thank you! Does the role come with stock options?", (), [(PAY, "stock options")]),
    (
        "Please keep me in mind for any openings.",
        (),
        [(JOB, "keep me in mind for any openings")],
    ),
    (
        "Please let me know if any position opens up.",
        (),
        [(JOB, "let me know if any position opens up")],
    ),
    ("Thank you again. Is your team hiring?", (), [(JOB, "Is your team hiring")]),
    (
        "Thank you! Are you hiring? I recieved great advice.",
        (),
        [(JOB, "Are you hiring"), (SPELLING, "recieved")],
    ),
    (words(160), (), [(LENGTH, " ".join(["thanks"] * 10))]),
    (
        "Please let me know if any positions open up.",
        (),
        [(JOB, "let me know if any positions open up")],
    ),
    (
        "I've attached my resume for any openings.",
        (),
        [(JOB, "attached my resume for any openings")],
    ),
]


@pytest.mark.parametrize(("text", "names", "expected"), BAD)
def test_g19_bad_thank_you_notes_are_flagged(
    text: str, names: tuple[str, ...], expected: list[tuple[str, str]]
) -> None:
    assert found(text, names) == expected


def test_g19_tables_are_big_enough() -> None:
    assert len(GOOD) >= 12
    assert len(BAD) >= 12


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dear Siobhán, thank you.", "Siobhán Kelly"),
        ("Thanks, Okonkwo!", "Chinedu Okonkwo"),
        ("Thank you for showing me around Zyxware Ltd.", "Zyxware Ltd"),
        ("Hi Aoife, thanks!", "aoife"),
        ("Your help with Xochitl's question meant a lot.", "Xochitl"),
    ],
)
def test_g19_spelling_unknown_names_pass_only_when_given(text: str, name: str) -> None:
    assert [rule for rule, _ in found(text)] == [SPELLING]
    assert found(text, (name,)) == []


# ---------------------------------------------------------------- spelling


@pytest.mark.parametrize(
    ("word", "fix"),
    [("recieved", "received"), ("definately", "definitely"), ("oppurtunity", "opportunity")],
)
def test_g19_spelling_suggests_the_likely_word(word: str, fix: str) -> None:
    text = f"Thank you, it was a great {word}."
    [f] = Spelling().check(text, LintContext(kind=T))
    assert f.rule == SPELLING
    assert (f.start, f.end, f.excerpt) == (text.index(word), text.index(word) + len(word), word)
    assert f.suggestion == f"did you mean '{fix}'?"
    assert f.message == f'"{word}" is not in the English dictionary: check its spelling (G19)'


def test_g19_spelling_keeps_the_capital_in_its_suggestion() -> None:
    [f] = Spelling().check("Definately, thanks.", LintContext(kind=T))
    assert f.suggestion == "did you mean 'Definitely'?"


def test_g19_spelling_without_a_guess_still_says_what_to_do() -> None:
    [f] = Spelling().check("Thanks, Zyxware.", LintContext(kind=T))
    assert f.suggestion == "check the spelling (a name the dictionary does not know is fine)"


def test_g19_spelling_finds_line_and_column() -> None:
    text = "Hi Ada,\n\nThank you so much.\nI recieved your note."
    [f] = Spelling().check(text, LintContext(kind=T))
    assert (f.line, f.column, f.excerpt) == (4, 3, "recieved")


def test_g19_spelling_a_decomposed_accent_is_one_word() -> None:
    # "Siobha" + COMBINING ACUTE + "n": the span covers the whole word.
    text = "Dear " + unicodedata.normalize("NFD", "Siobhán") + ", thanks."
    [f] = Spelling().check(text, LintContext(kind=T))
    assert f.excerpt == text[5:13]
    assert Spelling().check(text, LintContext(kind=T, names=("Siobhán",))) == []


def test_g19_spelling_names_exempt_their_words_only() -> None:
    text = "Thanks, Okonkwo, and thanks for the recieved advice."
    context = LintContext(kind=T, names=("Chinedu Okonkwo",))
    assert [f.excerpt for f in Spelling().check(text, context)] == ["recieved"]


@pytest.mark.parametrize("kind", [T, TextKind.MESSAGE])
def test_g19_spelling_checks_thank_you_notes_and_messages(kind: TextKind) -> None:
    assert found("I recieved it.", kind=kind) == [(SPELLING, "recieved")]


@pytest.mark.parametrize("kind", [TextKind.QUESTION, TextKind.PITCH, TextKind.NOTE])
def test_g19_spelling_skips_questions_pitches_and_notes(kind: TextKind) -> None:
    assert Spelling().check("I recieved it.", LintContext(kind=kind)) == []


def test_g19_importing_the_rules_does_not_load_the_dictionary() -> None:
    code = (
        "import sys, infoint.rules, infoint.thankyou, infoint.builtin.lint;"
        " assert 'spellchecker' not in sys.modules, 'spellchecker was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------- length


def test_g19_thank_you_length_flags_the_words_past_the_limit() -> None:
    text = words(160) + "\n"
    [f] = ThankYouLength().check(text, LintContext(kind=T))
    assert f.rule == LENGTH
    assert f.start == len(words(150)) + 1
    assert f.end == len(text) - 1
    assert f.message == (
        "the note is 160 words long; keep a thank-you note to 150 words or fewer (G19)"
    )
    assert f.suggestion.startswith("cut 10 words")


def test_g19_thank_you_length_follows_the_policy() -> None:
    short = Policy(thank_you_max_words=60)
    assert Policy().thank_you_max_words == 150
    assert found(words(61), policy=short) == [(LENGTH, "thanks")]
    assert found(words(60), policy=short) == []
    with pytest.raises(ValidationError, match="thank_you_max_words"):
        Policy(thank_you_max_words=0)


@pytest.mark.parametrize("kind", [TextKind.MESSAGE, TextKind.QUESTION, TextKind.NOTE])
def test_g19_thank_you_length_checks_only_thank_you_notes(kind: TextKind) -> None:
    assert ThankYouLength().check(words(400), LintContext(kind=kind)) == []


# ---------------------------------------------------------------- kinds and the plugin


def test_g19_thank_you_is_a_text_kind() -> None:
    assert TextKind("thank-you") is T
    assert TextKind("Thank You") is T


@pytest.mark.parametrize("rule", [PayAndPerks(), JobAsking()], ids=lambda r: r.name)
def test_g15_g19_pay_and_job_rules_check_thank_you_notes(rule: PayAndPerks | JobAsking) -> None:
    text = "Are you hiring? And what is the salary?"
    assert rule.check(text, LintContext(kind=T)) == rule.check(
        text, LintContext(kind=TextKind.MESSAGE)
    )
    assert rule.check(text, LintContext(kind=T))


def test_g19_builtin_rules_include_length_and_spelling() -> None:
    names = [r.name for r in BUILTIN_RULES]
    assert names[-2:] == [LENGTH, SPELLING]
    rules = make_plugin_manager(entry_points=False, disabled=[]).provided("infoint_lint_rules")
    assert isinstance(rules[LENGTH], ThankYouLength)
    assert isinstance(rules[SPELLING], Spelling)


# ---------------------------------------------------------------- the draft


def contact(
    name: str = "Ada Lovelace",
    relationship: Relationship = Relationship.STRANGER,
    organization: str = "Analytical Engines",
) -> Contact:
    return Contact(id="c1", name=name, relationship=relationship, organization=organization)


def note(text: str, kind: NoteKind = NoteKind.FREE, n: int = 0) -> Note:
    return Note(id=f"n{n}", text=text, at=AT, kind=kind)


def interview(notes: list[Note] | None = None, referrals: int = 0) -> Interview:
    return Interview(
        id="i1",
        contact_id="c1",
        history=[StatusChange(status="held", at=AT)],
        notes=notes or [],
        referrals=[Referral(contact_id=f"r{i}", at=AT) for i in range(referrals)],
    )


GRACE = Profile(name="Grace Hopper")


def draft(
    notes: list[Note] | None = None,
    *,
    who: Contact | None = None,
    profile: Profile = GRACE,
    referral_names: tuple[str, ...] = (),
    referrals: int | None = None,
    **options: object,
) -> str:
    return draft_thank_you(
        interview(notes, len(referral_names) if referrals is None else referrals),
        who or contact(),
        profile,
        referral_names=referral_names,
        **options,  # type: ignore[arg-type]
    )


def test_g19_draft_formal_greets_by_full_name() -> None:
    assert draft(medium=ThankYouMedium.LETTER).startswith("Dear Ada Lovelace,\n\nThank you")


def test_g19_draft_casual_greets_by_first_name() -> None:
    friend = contact(relationship=Relationship.FRIEND)
    assert draft(who=friend, medium=ThankYouMedium.LETTER).startswith("Hi Ada,\n\nThanks so much")
    doctor = contact(name="Dr. Ada Lovelace", relationship=Relationship.CLASSMATE)
    assert draft(who=doctor, medium=ThankYouMedium.LETTER).startswith("Hi Ada,")


def test_g19_draft_register_can_be_chosen() -> None:
    assert "Hi Ada," in draft(register=Register.CASUAL)
    friend = contact(relationship=Relationship.FAMILY)
    assert "Dear Ada Lovelace," in draft(who=friend, register=Register.FORMAL)


def test_g19_draft_email_starts_with_a_subject_line() -> None:
    lines = draft(medium=ThankYouMedium.EMAIL).splitlines()
    assert lines[:3] == [SUBJECT, "", "Dear Ada Lovelace,"]
    assert SUBJECT == "Subject: Thank you for your time"


def test_g19_draft_letter_has_no_subject_line() -> None:
    text = draft(medium=ThankYouMedium.LETTER)
    assert "Subject" not in text
    assert text.splitlines()[0] == "Dear Ada Lovelace,"


def test_g19_draft_quotes_the_first_advice_and_says_it_will_be_acted_on() -> None:
    text = draft(
        [
            note("Typical day: standups, then pipeline work.", n=1),
            note("Build a small data pipeline project. Then show it around.", NoteKind.ADVICE, 2),
            note("Learn SQL before anything else.", NoteKind.ADVICE, 3),
        ]
    )
    assert 'Your advice stayed with me: "Build a small data pipeline project."' in text
    assert "I plan to act on it" in text
    assert "Typical day" not in text and "Learn SQL" not in text


def test_g19_draft_without_advice_quotes_the_first_note() -> None:
    text = draft([note("Most of the job is talking to customers.", n=1), note("Other", n=2)])
    assert 'What stayed with me most was this: "Most of the job is talking to customers."' in text
    assert "advice" not in text


def test_g19_draft_without_notes_says_something_sincere() -> None:
    text = draft()
    assert "I learned a great deal from our conversation" in text
    assert '"' not in text


def test_g19_draft_does_not_quote_a_note_that_would_be_flagged() -> None:
    text = draft(
        [
            note("She said the salary is fair for juniors.", NoteKind.ADVICE, 1),
            note("Definately learn SQL first.", NoteKind.ADVICE, 2),
            note("Keep me in mind for any roles, I told her.", n=3),
            note("Write about what you build.", n=4),
        ]
    )
    assert 'What stayed with me most was this: "Write about what you build."' in text
    assert "I plan to act on your advice." in text
    assert "salary" not in text and "Definately" not in text


def test_g19_draft_names_the_referrals() -> None:
    text = draft(referral_names=("Siobhán Okonkwo", "Chinedu Eze"))
    assert "suggesting that I speak with Siobhán Okonkwo and Chinedu Eze." in text
    many = draft(referral_names=("Ann Lee", "Bo Chen", "Cy Diaz", "Di Ekwueme"))
    assert "Ann Lee, Bo Chen, Cy Diaz and the others you mentioned" in many
    assert "Di Ekwueme" not in many
    twice = draft(referral_names=("Ann Lee", "Ann Lee "))
    assert "suggesting that I speak with Ann Lee. I will reach out soon." in twice


def test_g19_draft_thanks_for_referrals_even_without_names() -> None:
    assert "suggesting other people I could speak with" in draft(referrals=2)
    assert "suggesting" not in draft()


def test_g19_draft_signs_with_the_seekers_name() -> None:
    assert draft().endswith("Kind regards,\nGrace Hopper\n")
    casual = contact(relationship=Relationship.FRIEND)
    assert draft(who=casual).endswith("Best,\nGrace Hopper\n")


def test_g19_draft_without_a_name_has_no_name_line() -> None:
    assert draft(profile=Profile()).endswith("\n\nKind regards,\n")


def test_g19_draft_names_the_organization() -> None:
    assert "your work at Analytical Engines." in draft()
    assert "about your work." in draft(who=contact(organization=""))


def test_g19_draft_honours_the_rules_and_policy_it_is_given() -> None:
    class NoPipelines:
        name = "no-pipelines"

        def check(self, text: str, context: LintContext) -> list[LintFinding]:
            return [
                finding(self.name, text, m.start(), m.end(), "no")
                for m in re.finditer("pipeline", text)
            ]

    notes = [note("Build a pipeline.", NoteKind.ADVICE, 1)]
    assert "Build a pipeline" in draft(notes)
    assert "Build a pipeline" not in draft(notes, rules=[NoPipelines()])
    assert "Build a pipeline" not in draft(notes, policy=Policy(thank_you_max_words=60))


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        (
            "Build a small pipeline project. Then show it to people.",
            "Build a small pipeline project",
        ),
        ("Why not start with SQL? It is most of the job.", "Why not start with SQL?"),
        ("Ask Dr. Kim about the lab; she runs it.", "Ask Dr. Kim about the lab"),
        ("Typical day: standups, then deep work.", "Typical day: standups, then deep work"),
        ("- talk to three people first\n- then decide", "talk to three people first"),
        ('She said "ship early" twice.', "She said 'ship early' twice"),
        (
            "Build something small, put it online, write about it, ask for feedback, and"
            " then do it all again with a harder problem next time",
            "Build something small, put it online, write about it, ask for feedback",
        ),
        (" ".join(f"w{i}" for i in range(25)), " ".join(f"w{i}" for i in range(18)) + "…"),
        ("...", ""),
    ],
)
def test_g19_quote_clause_keeps_the_first_clause(text: str, clause: str) -> None:
    assert quote_clause(text) == clause


def test_g19_thank_you_names() -> None:
    who = contact(name="Ada Lovelace", organization="Zyxware Ltd")
    assert thank_you_names(who, GRACE, ["Siobhán Okonkwo", " "], ["Data engineering"]) == (
        "Ada Lovelace",
        "Zyxware Ltd",
        "Siobhán Okonkwo",
        "Grace Hopper",
        "Data engineering",
    )
    assert thank_you_names(contact(organization=""), Profile(), ["Ada Lovelace"], []) == (
        "Ada Lovelace",
    )


# ---------------------------------------------------------------- the draft always passes

FIRST = [
    "Ada", "Grace", "Siobhán", "Chinedu", "Aoife", "Xochitl", "Zoë", "José", "Björn",
    "Priyanka", "Wojciech", "Mary-Jane", "Ngozi", "Dr. Tamsin", "Oluwaseun", "Saoirse",
]  # fmt: skip
LAST = [
    "Lovelace", "Hopper", "Okonkwo", "Nguyen", "O'Brien", "Brzęczyszczykiewicz", "Eze",
    "Ó Súilleabháin", "van der Berg", "Adeyemi", "Kowalczyk", "Perks", "Salary",
]  # fmt: skip
ORGANIZATIONS = [
    "", "Zyxware Ltd", "Perks Inc", "Hiring Solutions", "Analytical Engines", "PTO Solutions",
    "Acme Corp", "Ngozi & Eze LLP", "Salaryfy", "Kubernetes Foundation",
]  # fmt: skip
TARGETS = ["Data engineering", "Health insurance", "Kubernetes", "Fintech", "Zyxware"]
NOTE_TEXTS = [
    "Build a small data pipeline project and put it on GitHub.",
    "Learn SQL before Python; most of the job is queries.",
    "She said the salary is fair for juniors.",
    "Her team is hiring in spring, apply later.",
    "Keep me in mind for any roles, I told her.",
    "Talk to people in three companies before choosing.",
    "Definately go to the local meetup.",
    "Recieved great tips on networking.",
    "Typical day: standups, code review, then deep work.",
    "Don't specialise too early.",
    "Ask Dr. Kim about the Zyxware lab.",
    "Benefits package is generous, PTO too.",
    "Write about what you build, every week.",
    "The best people here learned Kubernetes on the job.",
    "Is your team hiring? She laughed.",
    '"Ship early" was her motto.',
    "- mentor: find one\n- read: Designing Data-Intensive Applications",
]
NOTE_WORDS = (
    "the team work data salary hiring learn build people advice recieved definately job"
    " apply role pipeline SQL customers Okonkwo Zyxware field tools mentor pay perks ship"
    " and to of is are you your me for any openings"
).split()

names = st.builds(
    lambda first, last: f"{first} {last}", st.sampled_from(FIRST), st.sampled_from(LAST)
)
note_texts = st.one_of(
    st.sampled_from(NOTE_TEXTS),
    st.lists(st.sampled_from(NOTE_WORDS), min_size=1, max_size=30).map(" ".join),
)
notes = st.lists(st.tuples(note_texts, st.sampled_from(list(NoteKind))), max_size=5).map(
    lambda items: [
        Note(
            id=f"n{i}",
            text=text,
            at=AT,
            kind=kind,
            question_id="q1" if kind is NoteKind.ANSWER else None,
        )
        for i, (text, kind) in enumerate(items)
    ]
)


@given(
    name=names,
    relationship=st.sampled_from(list(Relationship)),
    organization=st.sampled_from(ORGANIZATIONS),
    profile_name=st.one_of(st.just(""), names),
    notes=notes,
    referral_names=st.lists(names, max_size=5),
    target_names=st.lists(st.sampled_from(TARGETS), max_size=2, unique=True),
    medium=st.sampled_from(list(ThankYouMedium)),
    register=st.sampled_from([None, *Register]),
)
def test_g19_a_drafted_note_always_passes_the_linter(
    name: str,
    relationship: Relationship,
    organization: str,
    profile_name: str,
    notes: list[Note],
    referral_names: list[str],
    target_names: list[str],
    medium: ThankYouMedium,
    register: Register | None,
) -> None:
    who = Contact(id="c1", name=name, relationship=relationship, organization=organization)
    profile = Profile(name=profile_name)
    held = Interview(
        id="i1",
        contact_id="c1",
        history=[StatusChange(status="held", at=AT)],
        notes=notes,
        referrals=[Referral(contact_id=f"r{i}", at=AT) for i in range(len(referral_names))],
    )
    text = draft_thank_you(
        held,
        who,
        profile,
        medium=medium,
        register=register,
        referral_names=referral_names,
        target_names=target_names,
    )
    context = LintContext(
        kind=T, names=thank_you_names(who, profile, referral_names, target_names)
    )
    assert lint(text, BUILTIN_RULES, context) == []
    assert len(text.split()) <= 125  # well under the 150 of G19, even with long names
    assert text.startswith(SUBJECT) is (medium is ThankYouMedium.EMAIL)
    assert text == draft_thank_you(
        held,
        who,
        profile,
        medium=medium,
        register=register,
        referral_names=referral_names,
        target_names=target_names,
    )
    if any(n.kind is NoteKind.ADVICE for n in notes):
        assert "act on" in text
    for referral in referral_names[:3]:
        assert referral in text
