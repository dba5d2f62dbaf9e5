"""The linter's rules: no pay or perks, no job asking (G15, G19), a 30-second pitch (G13).

The tables below are sentences a seeker might really write in a question or a
thank-you note. Each true positive names the rule and the exact words it must
flag; each true negative must not be flagged by any rule.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoint.hookspecs import LintRule
from infoint.plugins import make_plugin_manager
from infoint.rules import (
    BUILTIN_RULES,
    JobAsking,
    LintContext,
    PayAndPerks,
    PitchLength,
    Policy,
    TextKind,
    lint,
)

Q = TextKind.QUESTION
M = TextKind.MESSAGE
PAY = "pay-and-perks"
JOB = "job-asking"


def found(text: str, kind: TextKind = Q, policy: Policy | None = None) -> list[tuple[str, str]]:
    """``(rule, excerpt)`` of every finding of the built-in rules."""
    context = LintContext(kind=kind, policy=policy or Policy())
    return [(f.rule, f.excerpt) for f in lint(text, BUILTIN_RULES, context)]


# ---------------------------------------------------------------- true positives

PAY_AND_PERKS = [
    ("What is the salary range for a junior analyst?", Q, "salary"),
    ("How much do you make, if you don't mind me asking?", Q, "How much do you make"),
    (
        "What does a junior data engineer earn in their first year?",
        Q,
        "What does a junior data engineer earn",
    ),
    ("How much do they earn a year at your firm?", Q, "How much do they earn a year"),
    ("What's the pay like at your company?", Q, "the pay"),
    ("Is there a pay band for each level?", Q, "pay band"),
    ("Is the pay scale public?", Q, "the pay scale"),
    ("How much does the job pay?", Q, "How much does the job pay"),
    ("Does the job pay well?", Q, "pay well"),
    ("What would the starting pay be for someone like me?", Q, "starting pay"),
    ("What's the compensation like for new grads?", Q, "compensation"),
    ("Are the wages competitive in this industry?", Q, "wages"),
    ("Do you get a signing bonus?", Q, "signing bonus"),
    ("Are there bonuses at the end of the year?", Q, "bonuses"),
    ("How often do people get raises here?", Q, "get raises"),
    ("How long before you can ask for a raise?", Q, "ask for a raise"),
    ("Are interns paid?", Q, "Are interns paid"),
    ("Is the internship paid?", Q, "internship paid"),
    ("How well paid are data engineers?", Q, "well paid"),
    ("Can you make six figures in this field?", Q, "make six figures"),
    ("Do employees get stock options?", Q, "stock options"),
    ("Do new hires get equity?", Q, "get equity"),
    ("What does the vesting schedule look like?", Q, "vesting schedule"),
    ("How much vacation do you get?", Q, "much vacation"),
    ("How many vacation days do new hires get?", Q, "vacation days"),
    ("How many paid holidays are there?", Q, "How many paid holidays"),
    ("What's the PTO policy?", Q, "PTO"),
    ("Do employees get paid time off?", Q, "Do employees get paid time off"),
    ("Is there generous time off?", Q, "generous time off"),
    ("How many sick days do you get?", Q, "sick days"),
    ("Is there parental leave?", Q, "parental leave"),
    ("What benefits do you offer?", Q, "What benefits do you offer"),
    ("Is the benefits package good?", Q, "benefits package"),
    ("Does the company offer good benefits?", Q, "offer good benefits"),
    ("Are the health benefits decent?", Q, "health benefits"),
    ("Great. And what about benefits?", Q, "benefits"),
    ("Do you get health insurance through work?", Q, "health insurance"),
    ("Is there a pension?", Q, "pension"),
    ("Does your company match 401(k) contributions?", Q, "401(k)"),
    ("What perks come with the job?", Q, "perks"),
    ("Is there a company car?", Q, "company car"),
    (
        "Thank you for your time yesterday. I'd also love to hear what the salary is.",
        M,
        "salary",
    ),
    ("Thanks again! Quick one: does the role come with stock options?", M, "stock options"),
]

JOB_ASKING = [
    ("Are you hiring at the moment?", Q, "Are you hiring"),
    ("Is your team hiring right now?", Q, "Is your team hiring"),
    ("If anything opens up on your team, please keep me in mind.", M, "keep me in mind"),
    ("I would love to work at Kestrel Labs.", M, "would love to work at"),
    (
        "Please let me know if there are any positions available.",
        M,
        "let me know if there are any positions",
    ),
    ("Is your data team currently hiring?", Q, "Is your data team currently hiring"),
    ("I heard your company is hiring, is that right?", Q, "your company is hiring"),
    ("Do you know anyone who is hiring?", Q, "anyone who is hiring"),
    ("Are there any job openings on your team?", Q, "any job openings on your team"),
    ("Are there any openings on your team?", Q, "any openings on your team"),
    ("Are there open roles on your team?", Q, "open roles on your team"),
    ("Are there any open positions for me?", Q, "positions for me"),
    ("Do you have any openings for me?", Q, "Do you have any openings for me"),
    (
        "Do you have a position for someone like me?",
        Q,
        "Do you have a position for someone like me",
    ),
    ("Is there a role open on your team?", Q, "Is there a role open"),
    ("Could you pass on my résumé to your manager?", Q, "pass on my résumé"),
    ("Would you forward my CV to HR?", Q, "forward my CV"),
    ("Could you send my resume to the hiring manager?", Q, "send my resume"),
    ("Could you share my résumé with your recruiter?", Q, "share my résumé"),
    ("Would you be willing to refer me for the analyst role?", Q, "refer me for"),
    ("Could you refer me?", Q, "refer me"),
    ("Could you introduce me to the hiring manager?", Q, "introduce me to the hiring manager"),
    ("Could you put in a good word for me?", Q, "put in a good word"),
    ("Could you give me a job?", Q, "give me a job"),
    ("Would you hire me?", Q, "hire me"),
    ("Would you be willing to interview me for the role?", Q, "you be willing to interview me"),
    ("Can I apply for the role directly?", Q, "Can I apply for the role"),
    ("How can I apply?", Q, "How can I apply"),
    (
        "I'm applying for the data analyst position at your company.",
        M,
        "I'm applying for the data analyst position",
    ),
    (
        "I've applied for the junior analyst role at your firm.",
        M,
        "I've applied for the junior analyst role",
    ),
    ("Please consider me for any future openings.", M, "consider me for"),
    (
        "Please keep me in mind for any roles that open up.",
        M,
        "keep me in mind for any roles",
    ),
    (
        "Let me know if anything opens up on your team.",
        M,
        "Let me know if anything opens up",
    ),
    ("I'd be grateful if this led to a job offer.", M, "led to a job offer"),
    ("Please think of me if anything opens up.", M, "think of me if anything opens up"),
    ("I'd love to join your team one day.", M, "I'd love to join your team"),
    ("I'd love to work for your company someday.", M, "I'd love to work for your company"),
    ("I'm looking for a position at your company.", M, "looking for a position at your company"),
    (
        "Thank you again for your time; I hope you'll consider me for the internship.",
        M,
        "consider me for",
    ),
]


@pytest.mark.parametrize(("text", "kind", "excerpt"), PAY_AND_PERKS)
def test_g15_flags_pay_and_perks(text: str, kind: TextKind, excerpt: str) -> None:
    assert found(text, kind) == [(PAY, excerpt)]


@pytest.mark.parametrize(("text", "kind", "excerpt"), JOB_ASKING)
def test_g15_g19_flags_job_asking(text: str, kind: TextKind, excerpt: str) -> None:
    assert found(text, kind) == [(JOB, excerpt)]


def test_g15_tables_are_big_enough() -> None:
    assert len(PAY_AND_PERKS) + len(JOB_ASKING) >= 35
    assert len(INNOCENT) >= 35


# ---------------------------------------------------------------- true negatives

INNOCENT = [
    ("I'd love to work with you on the meetup again.", M),
    ("I'd love to work on my SQL before we speak again.", M),
    # senses of pay, benefit, holiday, equity and perk that are not about compensation
    ("What are the benefits of remote work for the team?", Q),
    ("How did the move benefit your customers?", Q),
    ("What do you wish you had known about the benefits and drawbacks of freelancing?", Q),
    ("Are there real benefits to learning Go first?", Q),
    ("What paid off most in your career?", Q),
    ("Did the bootcamp pay off?", Q),
    ("What was the pay-off of learning Rust?", Q),
    ("What should I pay attention to in my first year?", Q),
    ("How much attention is paid to testing?", Q),
    ("How did you pay for your degree?", Q),
    ("How much did you pay for the course?", Q),
    ("The holiday season is your busiest time, right?", Q),
    ("Last year we debugged the payment service together.", M),
    ("How does your company think about equity in hiring?", Q),
    ("I care about diversity and equity.", M),
    ("Is private equity a good place to start?", Q),
    ("How do equity research analysts spend their day?", Q),
    ("Did you have to give up equity to raise money?", Q),
    ("What perks up morale on a hard week?", Q),
    ("How did you raise money for the startup?", Q),
    ("It raises the question of how teams grow.", M),
    ("What skills are a bonus in this role?", Q),
    ("How did you earn their trust?", Q),
    ("What can I do to earn a promotion quickly?", Q),
    ("How much does your company make in revenue?", Q),
    ("I took some time off after university to travel.", M),
    ("I work in pension fund administration.", M),
    ("How did you get into the health insurance industry?", Q),
    ("What's a typical day like for a compensation analyst?", Q),
    ("How did you become an employee benefits consultant?", Q),
    ("How do you price stock options on your desk?", Q),
    ("Enjoy your vacation next week!", M),
    ("Happy holidays, and thanks again.", M),
    # hiring, openings, résumés and applying that do not ask for a job
    ("How did you get hired?", Q),
    ("What do hiring managers look for in a junior?", Q),
    ("How does your team decide whom to hire?", Q),
    ("What's the hiring process like at your company?", Q),
    ("What do you look for when you're hiring?", Q),
    ("Is hiring hard in this field right now?", Q),
    ("How are they hiring juniors now that AI tools are everywhere?", Q),
    ("Which companies are hiring data engineers these days?", Q),
    ("I'm looking to learn how people break in.", M),
    ("What openings in the market do you see?", Q),
    ("I am currently looking for work in data engineering.", M),
    ("I'm looking for work, but today I mainly want to learn.", M),
    ("Who else would you suggest I talk to?", Q),
    ("Could you refer me to someone in marketing?", Q),
    ("What would you do to get your foot in the door?", Q),
    ("What made you accept the job offer here?", Q),
    ("What was it like to negotiate your first job offer?", Q),
    ("How did you get the job offer from your current company?", Q),
    ("How can I apply these skills to a new field?", Q),
    ("Should I apply for jobs now or finish my degree?", Q),
    ("I'm applying to grad school next fall.", M),
    ("What would you tell someone applying for jobs in this field?", Q),
    ("Thanks for the advice on my résumé.", M),
    ("Would it be all right if I sent my résumé to you for feedback?", M),
    ("What do recruiters look for on a résumé?", Q),
    ("What roles on your team work most with clients?", Q),
    ("What opportunities for growth are there for juniors?", Q),
    ("Do you have any advice for someone starting out?", Q),
    ("Do you have a role model in the industry?", Q),
    ("Is there anything for me to read before I start?", Q),
    ("Thanks for letting me interview you yesterday.", M),
    ("Why do you think they didn't hire me last year?", Q),
    ("I'd love to work with you on the meetup again.", M),
    ("I'm applying to the business school at Stanford next year.", M),
    ("Do you have any bonus tips for a newcomer?", Q),
    ("Please think of me when you open the new store; I'd love to visit.", M),
    (
        "Dear Ms. Rivera,\n\nThank you for meeting me on Tuesday. Your advice to build a"
        " small data pipeline project was exactly what I needed, and I will reach out to"
        " Sam as you suggested.\n\nWith thanks,\nAda",
        M,
    ),
]


@pytest.mark.parametrize(("text", "kind"), INNOCENT)
def test_g15_innocent_text_is_not_flagged(text: str, kind: TextKind) -> None:
    assert found(text, kind) == []


# ---------------------------------------------------------------- what a finding says


def test_g15_finding_says_what_where_and_what_to_do() -> None:
    text = "Thanks! By the way, what is the salary?"
    [f] = lint(text, BUILTIN_RULES, LintContext(kind=M))
    assert f.rule == "pay-and-perks"
    assert (f.start, f.end, f.excerpt) == (32, 38, "salary")
    assert text[f.start : f.end] == "salary"
    assert f.message == '"salary" asks about pay: keep the interview about learning (G15)'
    assert f.suggestion == "ask what the work is like, or what helps people grow there"
    assert (f.line, f.column) == (1, 33)


def test_g15_pay_and_perks_names_what_it_is_about() -> None:
    messages = [
        f.message
        for f in PayAndPerks().check(
            "Salary? PTO? A benefits package? Perks?", LintContext(kind=Q)
        )
    ]
    assert [m.split(": ")[0] for m in messages] == [
        '"Salary" asks about pay',
        '"PTO" asks about time off',
        '"benefits package" asks about benefits',
        '"Perks" asks about perks',
    ]


def test_g19_job_asking_finding_cites_the_rules() -> None:
    [f] = JobAsking().check("Are you hiring?", LintContext(kind=M))
    assert f.message.startswith('"Are you hiring" sounds like asking for a job')
    assert "(G15, G19)" in f.message
    assert "apply later" in f.suggestion


def test_g15_line_and_column_on_multiline_text() -> None:
    text = "Hi Grace,\n\nThank you so much.\n  Is your team hiring?\nAnd the bonus structure?\n"
    findings = lint(text, BUILTIN_RULES, LintContext(kind=M))
    assert [(f.rule, f.line, f.column, f.excerpt) for f in findings] == [
        ("job-asking", 4, 3, "Is your team hiring"),
        ("pay-and-perks", 5, 9, "bonus structure"),
    ]
    for f in findings:
        assert text[f.start : f.end] == f.excerpt
        assert text.splitlines()[f.line - 1][f.column - 1 :].startswith(f.excerpt)


def test_g15_a_phrase_across_a_line_break_is_one_finding() -> None:
    text = "Could you put in a\ngood word for me?"
    [f] = lint(text, BUILTIN_RULES, LintContext(kind=M))
    assert (f.excerpt, f.line, f.column) == ("put in a\ngood word", 1, 11)
    assert f.message.startswith('"put in a good word"')


def test_g15_findings_come_in_order_of_position() -> None:
    text = "What are the perks? Are you hiring? What is the salary?"
    assert found(text) == [(PAY, "perks"), (JOB, "Are you hiring"), (PAY, "salary")]


def test_g15_two_topics_side_by_side_are_two_findings() -> None:
    assert found("What about salary and benefits?") == [(PAY, "salary"), (PAY, "benefits")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "How is health insurance changing, and how does it affect your work?",
            "Health insurance",
        ),
        ("What is it like to work at Perks Inc day to day?", "Perks  Inc"),
        ("How did you end up in compensation analysis?", "compensation analysis"),
        ("How did most of your colleagues come to be at PTO Solutions?", "PTO Solutions"),
    ],
)
def test_g15_names_of_targets_and_organizations_are_not_flagged(text: str, name: str) -> None:
    # The planner fills target and organization names into questions (G1, G14).
    assert found(text) != []
    assert lint(text, BUILTIN_RULES, LintContext(kind=Q, names=(name,))) == []


def test_g15_a_name_exempts_only_itself() -> None:
    text = "What is new at Perks Inc? And what perks do you get?"
    context = LintContext(kind=Q, names=("Perks Inc", " "))
    assert [f.excerpt for f in lint(text, BUILTIN_RULES, context)] == ["perks"]


def test_g15_overlapping_wordings_are_one_finding() -> None:
    # "paid time off", "time off" and "get ... time off" all match: one finding.
    assert found("Do employees get paid time off?") == [(PAY, "Do employees get paid time off")]


# ---------------------------------------------------------------- kinds


@pytest.mark.parametrize("rule", [PayAndPerks(), JobAsking()], ids=lambda r: r.name)
@pytest.mark.parametrize("kind", [TextKind.PITCH, TextKind.NOTE])
def test_g15_rules_skip_pitches_and_notes(rule: LintRule, kind: TextKind) -> None:
    text = "She said the salary is fine and that her team is hiring; are you hiring?"
    assert list(rule.check(text, LintContext(kind=Q)))
    assert list(rule.check(text, LintContext(kind=kind))) == []


@pytest.mark.parametrize("kind", [Q, M])
def test_g15_rules_check_questions_and_messages(kind: TextKind) -> None:
    assert found("Are you hiring? What is the salary?", kind) == [
        (JOB, "Are you hiring"),
        (PAY, "salary"),
    ]


# ---------------------------------------------------------------- G13: the pitch


def words(n: int) -> str:
    return " ".join(f"word{i}" for i in range(n))


def test_g13_pitch_over_30_seconds() -> None:
    text = words(80) + "\n"
    [f] = lint(text, BUILTIN_RULES, LintContext(kind=TextKind.PITCH))
    assert f.rule == "pitch-length"
    assert f.excerpt == "word75 word76 word77 word78 word79"
    assert "about 32 seconds" in f.message and "(80 words)" in f.message
    assert "75 words at 150 a minute" in f.message
    assert f.suggestion.startswith("cut 5 words")


def test_g13_pitch_of_75_words_passes() -> None:
    assert found(words(75), TextKind.PITCH) == []


def test_g13_a_slower_speaking_rate_lowers_the_limit() -> None:
    slow = Policy(speaking_rate_wpm=120)
    assert slow.pitch_max_words == 60
    assert found(words(61), TextKind.PITCH) == []
    assert found(words(61), TextKind.PITCH, slow) == [("pitch-length", "word60")]
    assert found(words(60), TextKind.PITCH, slow) == []


def test_g13_a_longer_pitch_time_raises_the_limit() -> None:
    assert found(words(80), TextKind.PITCH, Policy(pitch_max_seconds=40)) == []


@pytest.mark.parametrize("kind", [Q, M, TextKind.NOTE])
def test_g13_pitch_length_checks_only_pitches(kind: TextKind) -> None:
    assert PitchLength().check(words(200), LintContext(kind=kind)) == []


def test_g13_g15_a_long_pitch_asking_for_a_job_is_flagged_for_length_only() -> None:
    # The pitch says who you are; it is not checked for job asking (it is not a question).
    text = "I am applying for the analyst role at your company. " + words(80)
    assert [rule for rule, _ in found(text, TextKind.PITCH)] == ["pitch-length"]


# ---------------------------------------------------------------- the plugin


def test_builtin_rules_are_the_three_rules() -> None:
    assert [r.name for r in BUILTIN_RULES] == [
        "pay-and-perks",
        "job-asking",
        "pitch-length",
        "thank-you-length",
        "spelling",
    ]
    for rule in BUILTIN_RULES:
        assert isinstance(rule, LintRule)


def test_g15_the_builtin_plugin_provides_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INFOINT_DISABLE_PLUGINS", raising=False)
    rules = make_plugin_manager(entry_points=False).provided("infoint_lint_rules")
    assert {"pay-and-perks", "job-asking", "pitch-length"} <= set(rules)
    assert isinstance(rules["pay-and-perks"], PayAndPerks)
    assert isinstance(rules["job-asking"], JobAsking)
    assert isinstance(rules["pitch-length"], PitchLength)


def test_the_builtin_lint_plugin_can_be_disabled() -> None:
    rules = make_plugin_manager(entry_points=False, disabled=["lint"])
    assert "pay-and-perks" not in rules.provided("infoint_lint_rules")


# ---------------------------------------------------------------- never a crash

VOCABULARY = [
    "salary", "pay", "paid", "benefits", "of", "hiring", "are", "you", "is", "your", "team",
    "refer", "me", "for", "résumé", "my", "send", "to", "the", "openings", "on", "any", "job",
    "offer", "how", "much", "do", "make", "earn", "equity", "get", "time", "off", "401(k)",
    "I'm", "applying", "role", "can", "I", "apply", "?", ".", "\n", "  ", "’", "-", "perks",
    "up", "holiday", "vacation", "days", "a", "good", "word", "put", "in",
]  # fmt: skip

texts = st.one_of(
    st.text(),
    st.lists(st.sampled_from(VOCABULARY), max_size=40).map(" ".join),
    st.lists(st.sampled_from(VOCABULARY), max_size=40).map("".join),
)


@given(text=texts, kind=st.sampled_from(list(TextKind)))
def test_g15_lint_never_raises_and_every_excerpt_is_its_span(text: str, kind: TextKind) -> None:
    findings = lint(text, BUILTIN_RULES, LintContext(kind=kind))
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.excerpt == text[f.start : f.end]
        assert f.line == text.count("\n", 0, f.start) + 1
        line_start = text.rfind("\n", 0, f.start) + 1
        assert f.column == f.start - line_start + 1
        assert f.message and f.suggestion
    assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.rule))
    same_rule_spans = [(f.rule, f.start, f.end) for f in findings]
    for rule in {r for r, _, _ in same_rule_spans}:
        spans = sorted((s, e) for r, s, e in same_rule_spans if r == rule)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_g15_patterns_ignore_case() -> None:
    assert found("ARE YOU HIRING? WHAT IS THE SALARY?") == [
        (JOB, "ARE YOU HIRING"),
        (PAY, "SALARY"),
    ]


def test_g15_curly_apostrophes_count() -> None:
    assert found("I’m applying for the analyst role at your firm.", M) == [
        (JOB, "I’m applying for the analyst role")
    ]


def test_g15_words_inside_other_words_are_not_flagged() -> None:
    assert found("Payroll systems, repayment plans and unsalaried volunteers") == []
