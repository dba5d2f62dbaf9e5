"""The numbers of the domain (rules G1-G21) in one :class:`Policy` a platform can change.

>>> Policy().pitch_max_words
75
>>> Policy(speaking_rate_wpm=120).pitch_max_words
60
"""

from __future__ import annotations

import functools
import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from infoint.errors import ValidationError
from infoint.model import Choice

if TYPE_CHECKING:
    from spellchecker import SpellChecker

    from infoint.hookspecs import LintRule


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if value <= 0:
        raise ValidationError(attribute.name, f"is {value}; must be positive")


def _region(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not (len(value) == 2 and value.isascii() and value.isalpha()):
        raise ValidationError(attribute.name, f"{value!r} is not a two-letter country code")


@attrs.frozen(kw_only=True)
class Policy:
    """Every default that is a number, with the rule it comes from."""

    phone_max_minutes: int = attrs.field(default=5, validator=_positive)
    """G7: a phone interview lasts less than this."""
    in_person_min_minutes: int = attrs.field(default=15, validator=_positive)
    """G7: shortest in-person (or video) interview."""
    in_person_max_minutes: int = attrs.field(default=30, validator=_positive)
    """G7: longest in-person (or video) interview."""
    arrive_early_minutes: int = attrs.field(default=10, validator=_positive)
    """G12: arrive this much before the start."""
    speaking_rate_wpm: int = attrs.field(default=150, validator=_positive)
    """G13: words a minute when speaking."""
    pitch_max_seconds: int = attrs.field(default=30, validator=_positive)
    """G13: "me in 30 seconds"."""
    verify_days_before: int = attrs.field(default=1, validator=_positive)
    """G11: verify date, time and place this many days before."""
    thank_you_within_hours: int = attrs.field(default=24, validator=_positive)
    """G19: send the thank-you note within this many hours."""
    thank_you_max_words: int = attrs.field(default=150, validator=_positive)
    """G19: a thank-you note is short: at most this many words."""
    follow_up_min_gap_days: int = attrs.field(default=14, validator=_positive)
    """G20: least time between two contacts."""
    follow_up_max_unanswered: int = attrs.field(default=2, validator=_positive)
    """G20: stop after this many unanswered follow-ups."""
    opening_wait_days: int = attrs.field(default=7, validator=_positive)
    """G15: wait this long after the thank-you note before applying."""
    min_voices_per_target: int = attrs.field(default=2, validator=_positive)
    """G18: completed interviews wanted per target."""
    phone_region: str | None = attrs.field(default=None, validator=_region)
    """G25: the two-letter country (``GB``, ``US``) of phone numbers written without a
    country code, so that they compare in E.164 form; None: only numbers written with
    ``+`` and their country code identify a person."""
    clock_skew_minutes: int = attrs.field(default=5, validator=_positive)
    """G26: how far in the future a stamp of something that happened may be (clocks
    differ a little between devices)."""
    undo_steps: int = attrs.field(default=20, validator=_positive)
    """G26: how many of an interview's last steps can be undone, one at a time."""
    notes_per_interview: int = attrs.field(default=500, validator=_positive)
    """Bounded work: the most notes one interview keeps (a long conversation has a few
    dozen)."""
    channels_per_contact: int = attrs.field(default=100, validator=_positive)
    """Bounded work: the most e-mail addresses, phone numbers and profiles one contact
    keeps."""
    items_per_list: int = attrs.field(default=500, validator=_positive)
    """Bounded work: the most entries in any other list of one record (questions,
    research notes, referrals, follow-ups, steps...)."""
    record_max_characters: int = attrs.field(default=1_000_000, validator=_positive)
    """Bounded work: the largest a record may be, stored (its JSON document)."""
    import_max_records: int = attrs.field(default=200_000, validator=_positive)
    """Bounded work: the most records one import reads."""
    strict: bool = False
    """Turn rule warnings into errors."""

    def __attrs_post_init__(self) -> None:
        if self.in_person_min_minutes > self.in_person_max_minutes:
            raise ValidationError(
                "in_person_min_minutes", "must not be above in_person_max_minutes"
            )

    @property
    def pitch_max_words(self) -> int:
        """G13: the most words speakable in the pitch's time at the speaking rate."""
        return self.speaking_rate_wpm * self.pitch_max_seconds // 60


# ---------------------------------------------------------------- the linter (G13, G15, G19)


class TextKind(Choice):
    """What a piece of text is, so that each rule knows whether it applies."""

    QUESTION = "question"
    MESSAGE = "message"
    """A request, a follow-up, any other message to a contact."""
    THANK_YOU = "thank-you"
    """The thank-you note after an interview (G19): a message, short and spelled right."""
    PITCH = "pitch"
    """The 30-second self-introduction (G13)."""
    NOTE = "note"


@attrs.frozen(kw_only=True)
class LintFinding:
    """One thing a rule flags: what, where (``start``..``end`` in the text), and what to do.

    ``line`` and ``column`` are 1-based, for messages such as ``file:3:14``.
    """

    rule: str
    message: str
    start: int
    end: int
    excerpt: str
    suggestion: str = ""
    line: int = 1
    column: int = 1


@attrs.frozen(kw_only=True)
class LintContext:
    """What a rule knows besides the text."""

    kind: TextKind = TextKind.MESSAGE
    policy: Policy = attrs.field(factory=Policy)
    names: tuple[str, ...] = ()
    """Names the text may contain (targets, organizations, people): a rule does not flag
    words inside them, so "What is new in health insurance?" is fine when the seeker
    studies the health insurance industry."""


def finding(
    rule: str, text: str, start: int, end: int, message: str, suggestion: str = ""
) -> LintFinding:
    """A :class:`LintFinding` for ``text[start:end]``, with its line and column worked out."""
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return LintFinding(
        rule=rule,
        message=message,
        start=start,
        end=end,
        excerpt=text[start:end],
        suggestion=suggestion,
        line=line,
        column=column,
    )


def spoken_seconds(text: str, policy: Policy) -> float:
    """How long ``text`` takes to say at the policy's speaking rate (G13)."""
    return len(text.split()) * 60 / policy.speaking_rate_wpm


class PitchLength:
    """G13: a pitch must be speakable in the policy's seconds (default 30 s = 75 words)."""

    name = "pitch-length"

    def check(self, text: str, context: LintContext) -> list[LintFinding]:
        """One finding, spanning the words past the limit, when a pitch is too long."""
        if context.kind is not TextKind.PITCH:
            return []
        policy = context.policy
        words = list(re.finditer(r"\S+", text))
        if len(words) <= policy.pitch_max_words:
            return []
        first_extra = words[policy.pitch_max_words]
        seconds = spoken_seconds(text, policy)
        return [
            finding(
                self.name,
                text,
                first_extra.start(),
                len(text.rstrip()),
                f"the pitch takes about {seconds:.0f} seconds to say ({len(words)} words);"
                f" keep it under {policy.pitch_max_seconds} seconds"
                f" ({policy.pitch_max_words} words at {policy.speaking_rate_wpm} a minute)",
                f"cut {len(words) - policy.pitch_max_words} words: keep who you are, what you"
                " are exploring, and why this person",
            )
        ]


def lint(text: str, rules: Iterable[Any], context: LintContext | None = None) -> list[LintFinding]:
    """Every finding of every rule in ``text``, in order of position, then rule name."""
    context = context or LintContext()
    found = [f for rule in rules for f in rule.check(text, context)]
    return sorted(found, key=lambda f: (f.start, f.end, f.rule))


# ---------------------------------------------------------------- G15: learning, not job hunting

_APOS = "['’]"
_WORD = r"[\w'’-]+\s+"
"""One word and the space after it, for ``(?:{_WORD}){0,3}?`` gaps."""
_NOT_TO = r"(?!to\b)" + _WORD
"""A word that is not "to": keeps "what can I do to earn their trust" out."""
_UNIT = (
    r"(?:team|company|firm|group|department|org|organi[sz]ation|office|lab|agency|start-?up"
    r"|employer|division|unit|studio|shop|practice|business)"
)
"""What a seeker could ask to join (never a field or an industry)."""
_JOB = r"(?:roles?|positions?|jobs?|openings?|vacanc(?:y|ies)|internships?|posts?|postings?)"
_NOT_STUDY = (
    r"(?![-\w]|\s+(?:schools?|programs?|programmes?|degrees?|courses?|majors?|scholarships?"
    r"|fellowships?|classes|bootcamps?))"
)
"""Not "the business school" nor "the internship programme": applying to study is fine."""
_RESUME = r"(?:r[eé]sum[eé]s?|cvs?|c\.v\.|curriculum\s+vitae)"
_PEOPLE = (
    r"(?:you|they|we|people|employees|staff|workers|interns|juniors|new\s+hires"
    r"|(?:the|your)\s+team)"
)


class _Pattern(NamedTuple):
    """One wording a rule flags, as regular expressions (compiled on first use, so that
    importing infoint stays fast).

    ``regex`` finds it (its ``hit`` group, when it has one, is the span to
    flag); ``not_after`` vetoes a match when the words just before it are
    these (``how are you hiring`` asks about hiring, not for a job). A named tuple
    rather than an attrs class: it needs no more, and is quicker to define.
    """

    regex: str
    label: str
    not_after: str | None = None


def _p(pattern: str, label: str, not_after: str | None = None) -> _Pattern:
    veto = rf"\b(?:{not_after})[\s,'\"’]*\Z" if not_after else None
    return _Pattern(pattern, label, veto)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.MULTILINE)


_SHARING = """In a process with other threads (a web app serving several seekers), the
wording rules (before each pattern) and the spelling rule (before each word) let the
interpreter go to any thread that waits for it (``time.sleep(0)``, see :class:`_Turns`
for how often): a thread holding it
through a long text would make every other thread wait its turn, several milliseconds
each time, at each step of their own work. A review of 20,000 characters then takes a
little longer, and another seeker's agenda read meanwhile about as long as alone
(benchmarks/bench_load.py)."""


class _Turns:
    """Lets other threads of the process run during a long check (see :data:`_SHARING`).

    :meth:`take` gives the interpreter up at every step (a word, a pattern) while the
    turns it gives away are short, so a thread that needs it for a moment (a request
    reading the database between two steps) gets it back at once, again and again.
    After a long turn (a thread that keeps it for its whole switch interval, 5 ms) the
    check first works a tenth (``share``) of that turn's length: such a thread costs
    it a tenth as much between turns, not a whole interval for every word (a lint of
    20,000 characters next to a busy thread then takes about 1.5 s, not 17 s). Only
    when there are other threads to give it to."""

    every = 0.0
    share = 0.1

    def __init__(self) -> None:
        self.shared = threading.active_count() > 1
        self.last = time.perf_counter()
        self.wait = self.every

    def take(self) -> None:
        if not self.shared:
            return
        now = time.perf_counter()
        if now - self.last >= self.wait:
            time.sleep(0)
            self.last = time.perf_counter()
            self.wait = max(self.every, (self.last - now) * self.share)


def _scan(
    text: str, patterns: Iterable[_Pattern], names: Iterable[str] = ()
) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of every pattern's matches, in order; overlapping matches make
    one span (labelled by the first), so one wording is one finding. A match that touches
    one of the ``names`` is left out."""
    hits: list[tuple[int, int, str]] = []
    named = _name_spans(text, names)
    turns = _Turns()
    for pattern in patterns:
        turns.take()
        regex = _compiled(pattern.regex)
        veto = _compiled(pattern.not_after) if pattern.not_after else None
        for match in regex.finditer(text):
            group = "hit" if "hit" in regex.groupindex and match["hit"] else 0
            start, end = match.span(group)
            if start == end:
                continue
            if veto and veto.search(text, max(0, start - 60), start):
                continue
            if any(start < name_end and name_start < end for name_start, name_end in named):
                continue
            hits.append((start, end, pattern.label))
    hits.sort(key=lambda hit: (hit[0], -hit[1]))
    kept: list[tuple[int, int, str]] = []
    for start, end, label in hits:
        if kept and start < kept[-1][1]:
            first_start, first_end, first_label = kept[-1]
            kept[-1] = (first_start, max(first_end, end), first_label)
        else:
            kept.append((start, end, label))
    return kept


def _name_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where the ``names`` are in ``text``: one pass of one pattern for all of them (a
    plan with many targets lints each question against every name)."""
    pattern = _names_pattern(tuple(names))
    if pattern is None:
        return []
    return [match.span(1) for match in pattern.finditer(text)]


@functools.lru_cache(maxsize=64)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """Each name at the start of a word, longest first; a lookahead, so that names that
    overlap ("Ada Lovelace", "Lovelace Labs") are each found."""
    words = sorted({tuple(name.split()) for name in names if name.split()}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, w)) + r"(?!\w)" for w in words)
    return re.compile(rf"(?<!\w)(?=({alternatives}))", re.IGNORECASE)


def _quote(excerpt: str) -> str:
    return '"' + " ".join(excerpt.split()) + '"'


_ASKED = frozenset({TextKind.QUESTION, TextKind.MESSAGE, TextKind.THANK_YOU})

_PAY = "pay"
_TIME_OFF = "time off"
_BENEFITS = "benefits"
_PERKS = "perks"

_NOT_A_PAY_VERB = (
    r"(?![-'’]\w|\s+(?:off|for|back|attention|tribute|to|into|in|out|tuition|a\s+visit"
    r"|dividends)\b)"
)
_MINE = r"my|our|I|I['’]m|I\s+am|I['’]ll|I\s+will"

_PAY_AND_PERKS: tuple[_Pattern, ...] = (
    # -- pay
    _p(r"\bsalar(?:y|ies)\b", _PAY),
    _p(r"\bwages?\b(?!\s+(?:a|an|war|wars|battles?|campaigns?)\b)", _PAY),
    _p(
        r"\b(?:compensation|remuneration)\b(?!\s+(?:and\s+benefits\s+)?(?:analysts?"
        r"|specialists?|managers?|consult\w*|committees?|teams?|department|function|design"
        r"|field|practice|law|lawyers?|attorneys?|claims?|for\s+(?:bias|errors?|the\s+lack))\b)",
        _PAY,
        not_after="workers['’]?|victims['’]?",
    ),
    _p(r"\b(?:total|base)\s+comp\b|\bcomp\s+(?:package|range|band|bands|structure)\b", _PAY),
    _p(
        r"\bpay\s+(?:ranges?|scales?|bands?|grades?|rises?|raises?|rates?|cuts?|structure"
        r"|increases?|levels?|brackets?|packages?|checks?|cheques?|days?|slips?|stubs?"
        r"|transparency|reviews?|progression|bumps?)\b",
        _PAY,
    ),
    _p(r"\bpay(?:check|cheque|slip|stub|day)s?\b", _PAY),
    _p(
        r"\b(?:starting|base|entry[- ]level|average|typical|hourly|take[- ]home|decent|good"
        r"|better|higher|lower|low|high|fair|overtime|holiday|sick|severance|the|your|their"
        r"|his|her)\s+pay\b" + _NOT_A_PAY_VERB,
        _PAY,
    ),
    _p(r"\bpays?\s+(?:well|badly|poorly|more|less|enough|better|worse|decently|fairly)\b", _PAY),
    _p(
        r"\bhow\s+(?:much|well)\s+(?:do|does|did|would|will|can|could|might)\s+"
        r"(?!(?:you|I|we)\s+pay\b)(?:" + _WORD + r"){1,4}?pay\b" + _NOT_A_PAY_VERB,
        _PAY,
    ),
    _p(
        r"\bwhat\s+(?:do|does|did|would|will|might)\s+(?:it|they|employers|companies"
        r"|(?:the|this|that)\s+(?:job|role|position|work)"
        r"|(?:a|an|the)\s+[\w-]+\s+(?:job|role|position))\s+pay\b" + _NOT_A_PAY_VERB,
        _PAY,
    ),
    _p(
        r"\b(?:well|better|best|highly|poorly|badly|fairly|under|over|low|high|higher|lower)"
        r"[- ]?paid\b",
        _PAY,
    ),
    _p(
        r"\b(?:get|gets|getting|got|are|is|were|was|be|being)\s+"
        r"(?:(?:you|they|we|people|juniors|employees|staff|interns|it|\w+s)\s+)?"
        r"(?:(?:well|fairly|properly|decently|hourly|weekly|monthly)\s+)?paid\b"
        r"(?!\s+(?:off|back|attention|tribute|for\s+(?:itself|by)|to|a\s+visit|dividends"
        r"|in\s+full|out)\b)",
        _PAY,
    ),
    _p(r"\b(?:paid|unpaid)\s+(?:internships?|apprenticeships?|overtime|training)\b", _PAY),
    _p(r"\b(?:internships?|apprenticeships?|it)\s+(?:paid|unpaid)(?=\s*\?)", _PAY),
    _p(
        r"\bhow\s+much\s+(?:money\s+)?(?:do|does|did|would|will|can|could|might|should)\s+"
        r"(?!(?:your|the|a|an|this|that|their|his|her|our)\s+(?:business|company|firm"
        r"|start-?up|shop|store|products?|industry|sector|practice|restaurant|agency|team|app"
        r"|site|project|department|organi[sz]ation)\b)"
        r"(?:" + _NOT_TO + r"){1,4}?(?:make|earn|bring\s+home|take\s+home)\b"
        r"(?!\s+(?:of|sense|it|a\s+difference|progress|time|friends|mistakes|changes"
        r"|decisions)\b)",
        _PAY,
    ),
    _p(
        r"\bwhat\s+(?:do|does|did|would|will|can|could|might)\s+(?:" + _NOT_TO + r"){1,4}?"
        r"earn\b(?!\s+(?:[\w'’-]+\s+){0,2}?(?:satisfaction|respect|trust|recognition|credit"
        r"|reputation|praise)\b)(?!\s+(?:their|the|his|her|my|your|our|its|credits?"
        r"|a\s+(?:degree|promotion|certificat\w+|place|spot|seat)|points?)\b)",
        _PAY,
    ),
    _p(
        r"\b(?:make|makes|making|earn|earns|earning)\s+(?:a|per|an|each|every)\s+"
        r"(?:year|month|week|hour|annum)\b(?![-\w])",
        _PAY,
    ),
    _p(r"\bearn(?:ings?|ing)\s+(?:potential|range|expectations?|power)\b", _PAY),
    _p(
        r"\b(?:make|makes|making|earn|earns|earning|clear|pull)\s+(?:in\s+)?(?:five|six|seven)"
        r"[- ]figures\b",
        _PAY,
    ),
    _p(r"\bbonuses\b", _PAY),
    _p(
        r"\b(?:signing|sign[- ]on|annual|year[- ]end|yearly|quarterly|performance|cash|joining"
        r"|holiday|christmas|retention|discretionary|referral)\s+bonus(?:es)?\b",
        _PAY,
    ),
    _p(
        r"\bbonus\s+(?:structure|scheme|plan|pay|payments?|potential|targets?|pool|system"
        r"|eligibility)\b",
        _PAY,
    ),
    _p(
        r"\b(?:get|gets|getting|got|receive|receives|earn|earns|offer|offers|pay|pays|paid|any"
        r"|is\s+there\s+a|your|their)\s+(?:an?\s+)?bonus\b(?!\s+(?:tips?|points?|questions?"
        r"|advice|material|content|rounds?|tracks?|features?|levels?|episodes?|chapters?"
        r"|sections?|stages?|lessons?|resources?)\b)",
        _PAY,
    ),
    _p(
        r"\b(?:a|any|the|annual|yearly|salary|merit|regular|cost[- ]of[- ]living)\s+raises?\b"
        r"(?!\s+(?:of|in|awareness|money|funds|capital|questions?|concerns?|the|a|an)\b)",
        _PAY,
    ),
    _p(
        r"\b(?:get|gets|getting|got|give|gives|receive|expect|expecting|ask(?:ing)?\s+for"
        r"|negotiat(?:e|ing))\s+(?:a\s+|any\s+)?raises?\b"
        r"(?!\s+(?:awareness|money|funds|capital|questions?|concerns?|the|a|an)\b)",
        _PAY,
    ),
    _p(
        r"\b(?:stock|share)\s+(?:options?|grants?|awards?|units|compensation|purchase\s+plans?"
        r"|vesting)\b(?!\s+(?:trading|traders?|markets?|pricing|desks?|strateg(?:y|ies))\b)",
        _PAY,
        not_after=r"trad(?:e|es|ing)|pric(?:e|es|ing)|valu(?:e|es|ing)|model(?:l?ing)?|hedg(?:e|ing)"
        r"|sell(?:ing)?|buy(?:ing)?|analy[sz](?:e|ing)|write|writing",
    ),
    _p(r"\b(?:RSUs?|ESOPs?|ESPPs?)\b", _PAY),
    _p(r"\bvest(?:ing)?\s+(?:schedules?|periods?|cliffs?)\b", _PAY),
    _p(
        r"\bequity\s+(?:stakes?|grants?|packages?|compensation|component|vesting|refresh"
        r"|refreshers?|comp|awards?|offers?)\b",
        _PAY,
    ),
    _p(
        r"\b(?:get|gets|getting|got|receive|receives|received|offer|offers|offered|granted"
        r"|with|plus)\s+(?:(?:any|some|much)\s+)?equity\b"
        r"(?!\s+(?:in\s+(?:hiring|mind|the\s+(?:workplace|hiring|process))|and\s+inclusion"
        r"|research|markets?|analysts?|funds?|firms?|investors?|investing|investment|capital"
        r"|financing|crowdfunding|of|to\s+investors|for\s+(?:women|all|underrepresented)"
        r"|lens)\b)",
        _PAY,
    ),
    # -- time off
    _p(
        r"\bvacation\s+(?:days?|time|polic(?:y|ies)|leave|allowance|entitlement|package"
        r"|weeks?|pay|benefits?)\b",
        _TIME_OFF,
        not_after=_MINE,
    ),
    _p(
        r"\b(?:paid|unlimited|generous|annual|much|enough|weeks\s+of|days\s+of)\s+vacation\b",
        _TIME_OFF,
        not_after=_MINE,
    ),
    _p(r"\bholiday\s+(?:pay|allowance|entitlement|leave|days?|time|polic(?:y|ies))\b", _TIME_OFF),
    _p(
        r"\b(?:paid|floating|statutory|how\s+many|days\s+of|weeks\s+of|much)\s+"
        r"(?:paid\s+)?holidays?\b(?!\s+season)",
        _TIME_OFF,
    ),
    _p(
        r"\bholidays?\s+(?:do|does|did|would|will)\s+" + _PEOPLE + r"\s+(?:get|have|take)\b",
        _TIME_OFF,
    ),
    _p(
        r"\b(?:paid|unlimited|generous|enough|much|flexible)\s+time\s+off\b"
        r"|\btime\s+off\s+(?:polic(?:y|ies)|allowance|entitlement)\b",
        _TIME_OFF,
        not_after=_MINE,
    ),
    _p(
        r"\b(?:do|does|did|will|would|can|could)\s+" + _PEOPLE + r"\s+(?:get|have|receive|take)"
        r"\s+(?:(?:any|much|enough|some|paid|unlimited|a\s+lot\s+of|\w+\s+(?:weeks?|days?)\s+of)"
        r"\s+)?(?:vacations?|holidays?|time\s+off|PTO|leave)\b",
        _TIME_OFF,
    ),
    _p(r"\bPTO\b", _TIME_OFF),
    _p(
        r"\b(?:paid|parental|maternity|paternity|annual|sick|family|medical|bereavement"
        r"|compassionate)\s+leave\b|\bleave\s+(?:polic(?:y|ies)|allowance|entitlement)\b",
        _TIME_OFF,
        not_after=_MINE,
    ),
    _p(r"\bsick\s+(?:days?|pay|time)\b", _TIME_OFF, not_after=_MINE),
    # -- benefits
    _p(
        r"\bbenefits?\s+(?:packages?|plans?|programs?|programmes?|options|polic(?:y|ies)"
        r"|coverage|schemes?|eligibility|enrol?lment|offerings?)\b",
        _BENEFITS,
    ),
    _p(
        r"\b(?:health|healthcare|medical|dental|vision|employee|employment|fringe|retirement"
        r"|pension|company|job|staff|insurance|good|great|decent|generous|competitive|full"
        r"|standard|family|workplace|corporate)\s+benefits\b"
        r"(?!\s+(?:of|to|for|from|in|that|the|this|it|you|your|our|their|them|us|when|like"
        r"|such|including|over|and\s+(?:drawbacks|downsides|costs|risks|challenges)"
        r"|analysts?|specialists?|consult\w*|administrat\w*|managers?|brokers?|teams?"
        r"|departments?|industry|sector|law|lawyers?|field)\b)",
        _BENEFITS,
    ),
    _p(
        r"\b(?:health|medical|dental|vision|employee|fringe|retirement|pension)\s+benefit\b"
        r"(?!\s+(?:of|to|for|from|in)\b)",
        _BENEFITS,
    ),
    _p(
        r"\b(?:what|which|any)\s+(?:(?:kinds?|sorts?|types?)\s+of\s+)?benefits\s+"
        r"(?:do|does|did|will|would|can|could)\s+(?:" + _PEOPLE + r"|(?:the|your|this|that)\s+"
        r"(?:company|firm|employer|organi[sz]ation|role|job|position|agency|start-?up))\s+"
        r"(?:offer|provide|give|get|have|receive|come\s+with|include)\b",
        _BENEFITS,
    ),
    _p(
        r"\b(?:offer|offers|offered|offering|provide|provides|provided|providing)\s+"
        r"(?:(?:good|great|decent|generous|competitive|full|any|the\s+usual)\s+)?benefits\b"
        r"(?!\s+(?:of|to|for|from|in|that|the|this|it|you|your|our|their|them|us|when|like"
        r"|such|including|over|across|as|because|which)\b)",
        _BENEFITS,
    ),
    _p(r"\bbenefits?[- ]eligible\b", _BENEFITS),
    _p(
        r"\b(?:job|role|position)\s+with\s+(?:(?:good|full|great|decent)\s+)?benefits\b", _BENEFITS
    ),
    _p(r"\b(?:and|or|about|plus)\s+(?P<hit>benefits)\b(?=\s*(?:[?.!,;]|$))", _BENEFITS),
    _p(
        r"\b(?:401\s*\(\s*k\s*\)|401k\b|403\s*\(\s*b\s*\)|403b\b)",
        _BENEFITS,
    ),
    _p(
        r"\bpensions?\b(?!\s+(?:funds?|industry|sector|administration|administrators?|laws?"
        r"|consult\w*|actuar\w*|reform|systems?|markets?|providers?|investments?|investing"
        r"|assets?|trustees?)\b)",
        _BENEFITS,
        not_after=r"in|into|about\s+the|the\s+state",
    ),
    _p(
        r"\bretirement\s+(?:plans?|match|matching|contributions?|accounts?|savings\s+plans?)\b"
        r"|\bemployer\s+(?:match|matching|contributions?)\b",
        _BENEFITS,
    ),
    _p(
        r"\b(?:health|medical|dental|vision|life|disability)\s+(?:insurance|coverage|cover"
        r"|plans?)\b(?!\s+(?:industry|sector|markets?|field|space|compan(?:y|ies)|firms?"
        r"|start-?ups?|claims?|regulations?|laws?|products?|providers?|carriers?|underwriting"
        r"|brokers?|agents?|sales|billing)\b)",
        _BENEFITS,
        not_after=r"in|into|public|of\s+the",
    ),
    _p(
        r"\b(?:company\s+cars?|gym\s+memberships?|tuition\s+reimbursement"
        r"|relocation\s+(?:packages?|bonus(?:es)?|assistance))\b",
        _PERKS,
    ),
    _p(r"\bperks?\b(?!\s+(?:[\w'’-]+\s+)?up\b)", _PERKS),
)

_QUESTION_WORDS = r"how|why|when|where|who|whom|what"

_JOB_ASKING: tuple[_Pattern, ...] = (
    # "are you hiring", "is your team hiring": not "how are they hiring juniors now?"
    _p(
        r"\b(?:are|is)\s+(?:you(?:\s+guys|\s+all)?|they|y['’]all|anyone|anybody|someone"
        r"|your\s+(?:[\w-]+\s+){0,2}?"
        + _UNIT
        + r"|the\s+"
        + _UNIT
        + r"|any\s+of\s+your\s+(?:teams|colleagues|clients|contacts))\s+"
        r"(?:(?:currently|still|now|actively|already|ever|maybe|possibly|by\s+any\s+chance)\s+)?"
        r"hiring\b",
        "job",
        not_after=_QUESTION_WORDS,
    ),
    _p(
        r"\b(?:you|they)(?:['’]re|\s+are)\s+(?:(?:currently|still|now|actively)\s+)?hiring\b"
        r"|\b(?:your|the)\s+(?:[\w-]+\s+){0,2}?" + _UNIT + r"\s+(?:is|are)\s+"
        r"(?:(?:currently|still|now|actively)\s+)?hiring\b",
        "job",
        not_after=_QUESTION_WORDS + r"|as|while|before|after|since",
    ),
    _p(
        r"\b(?:anyone|anybody|someone|any\s+(?:companies|teams|firms|places))\s+"
        r"(?:who|that)(?:['’]s|\s+is|\s+are|\s+might\s+be)\s+hiring\b",
        "job",
    ),
    # openings: a job word, or on your team, or for me ("openings in the market" is no job)
    _p(
        r"\b(?:job|entry[- ]level|junior|internship|intern|graduate|grad)\s+(?:openings?"
        r"|vacanc(?:y|ies))\b",
        "job",
    ),
    _p(
        r"\b(?:(?:any|open|available)\s+(?:(?:job|entry[- ]level|junior|internship)\s+)?"
        r"(?:openings?|vacanc(?:y|ies))|(?:open|available|vacant)\s+(?:positions?|roles?|jobs?"
        r"|spots?|internships?))\s+(?:on|in|at|with|within)\s+(?:your|the)\s+"
        r"(?:[\w-]+\s+){0,2}?" + _UNIT + r"\b",
        "job",
    ),
    _p(
        r"\b(?:openings?|vacanc(?:y|ies)|positions?|roles?|jobs?|opportunit(?:y|ies)|spots?"
        r"|places?|something|anything|room)\s+(?:(?:open|available|going)\s+)?for\s+"
        r"(?:me|someone\s+like\s+me|people\s+like\s+me|a\s+person\s+like\s+me)\b(?!\s+to\b)",
        "job",
    ),
    _p(
        r"\b(?:is|are)\s+there\s+(?:a|an|any)\s+(?:(?:open|available|vacant)\s+)?"
        + _JOB
        + r"\s+(?:open|available|going)\b",
        "job",
    ),
    _p(
        r"\b(?:let\s+me\s+know|tell\s+me|contact\s+me|reach\s+out|think\s+of\s+me"
        r"|keep\s+me\s+posted|ping\s+me|get\s+in\s+touch)\b[^.?!\n]{0,30}?"
        r"\b(?:if|when|should|once|whenever)\s+(?:(?:a|an|any)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:positions?|roles?|jobs?|spots?|openings?|vacanc(?:y|ies)|internships?)|something"
        r"|anything)\s+(?:opens?(?:\s+up)?|comes?\s+up|becomes?\s+available"
        r"|(?:is|are)\s+available)\b",
        "job",
    ),
    _p(
        r"\b(?:keep|have|think\s+of)\s+me\s+(?:in\s+mind\s+)?(?:for|if|when|should|as|whenever)"
        r"\b[^.?!\n]{0,40}?\b(?:roles?|positions?|jobs?|openings?|vacanc(?:y|ies)|internships?"
        r"|opportunit(?:y|ies)|hiring|opens|opens?\s+up|comes\s+up|candidates?)\b",
        "job",
    ),
    # the résumé (asking for feedback on it is fine: G9)
    _p(
        r"\b(?:pass|passing|forward|forwarding|circulate|circulating)\s+(?:on\s+|along\s+)?"
        r"(?:my|the\s+attached|a\s+copy\s+of\s+my)\s+" + _RESUME + r"(?!\w)",
        "job",
    ),
    _p(
        r"\b(?P<hit>(?:send|sending|sent|share|sharing|shared|give|giving|hand|handing|show"
        r"|showing|get|getting|put|putting|submit|submitting)\s+(?:on\s+|along\s+)?"
        r"(?:my|the\s+attached|a\s+copy\s+of\s+my)\s+" + _RESUME + r"(?!\w))"
        r"\s+(?:on\s+|along\s+|over\s+)?(?:to|with|in\s+front\s+of|around|through|into)"
        r"\s+(?!you\b|yourself\b)\w",
        "job",
    ),
    _p(r"\bput\s+(?:my\s+name|me)\s+(?:forward|in\s+for)\b", "job"),
    # "keep me in mind", "I would love to work at/for ...", "if there are any positions"
    _p(r"\b(?:keep|have)\s+me\s+in\s+mind\b", "job"),
    _p(
        r"\b(?:would|'d)\s+(?:love|like|be\s+(?:thrilled|delighted|glad))\s+to\s+"
        r"(?:work\s+(?:at|for)\b|join\s+(?:your|the)\s+(?:team|company|firm|organi[sz]ation)\b)",
        "job",
    ),
    _p(
        r"\b(?:let\s+me\s+know|tell\s+me)\s+if\s+there\s+(?:is|are)\s+(?:a|an|any)\s+"
        r"(?:[\w-]+\s+){0,2}?" + _JOB + r"\b",
        "job",
    ),
    _p(
        r"\b(?:attached|attaching|attach|enclosed|enclosing|enclose|included|including)\s+"
        r"(?:(?:is|are)\s+)?(?:a\s+copy\s+of\s+)?my\s+" + _RESUME + r"(?!\w)[^.?!\n]{0,30}?"
        r"\b(?:for|in\s+case(?:\s+of)?|should|if|when)\s+(?:[\w-]+\s+){0,3}?" + _JOB + r"\b",
        "job",
    ),
    # referrals for a job (a referral to another person to talk to is fine: G14c, G16)
    _p(
        r"\brefer\s+me(?:\s+(?:for\b|internally\b|to\s+(?:(?:the|your|a)\s+)?(?:hr\b"
        r"|human\s+resources|hiring\s+(?:managers?|team)|recruit\w*|talent))"
        r"|(?=\s*(?:[?.!]|$)))",
        "job",
    ),
    _p(r"\b(?:employee|internal|job|staff)\s+referrals?\b", "job"),
    _p(
        r"\breferral\s+(?:for|to)\s+(?:(?:the|a|an|this|that|your|any|one\s+of\s+your)\s+)?"
        r"(?:[\w-]+\s+){0,2}?" + _JOB + r"\b",
        "job",
    ),
    _p(r"\brecommend\s+me\s+for\b|\bvouch\s+for\s+me\b", "job"),
    _p(
        r"\b(?:introduce|connect|put)\s+me\s+(?:in\s+touch\s+)?(?:to|with)\s+(?:(?:the|your|a)\s+)?"
        r"(?:hiring\s+(?:managers?|team)|hr\b|human\s+resources|recruit\w*|talent\s+"
        r"(?:team|acquisition))",
        "job",
    ),
    _p(
        r"\bput\s+in\s+a\s+(?:good\s+)?word\b|\bput\s+a\s+good\s+word\s+in\b"
        r"|\bsay\s+a\s+good\s+word\s+(?:for|about)\s+me\b",
        "job",
    ),
    # for a job outright
    _p(
        r"\b(?:give|offer|find|get)\s+me\s+(?:a|an|any|some)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:job|position|role|internship|placement|post)\b(?![-\w])",
        "job",
    ),
    _p(r"\bhire\s+me\b", "job", not_after=r"didn['’]?t|did\s+not|not|never"),
    _p(r"\btake\s+me\s+on\s+(?:as|for)\b|\bbring\s+me\s+on\s+(?:board|as)\b", "job"),
    _p(
        r"\b(?:you|your\s+(?:[\w-]+\s+){0,2}?" + _UNIT + r")\s+(?:(?:could|would|might|will|can)"
        r"\s+)?(?:(?:be\s+)?(?:willing|able|open)\s+to\s+)?interview\s+me\b",
        "job",
    ),
    _p(
        r"\b(?:I(?:['’]d|\s+would|['’]m|\s+am)\s+(?:love|like|want|hope|keen|eager|interested"
        r"|happy|thrilled|excited)\w*\s+(?:to|in|on|about)\s+|(?:chance|opportunity)\s+(?:to|of)\s+"
        r"|I\s+(?:want|hope|wish|plan|intend)\s+to\s+)(?:(?:join|joining)\s+(?:you\b|your\s+"
        r"(?:[\w-]+\s+){0,2}?" + _UNIT + r"\b)|(?:work|working)\s+(?:(?:for|at|on|in)\s+"
        r"(?:you\b|your\s+(?:[\w-]+\s+){0,2}?"
        + _UNIT
        + r"\b)|with\s+your\s+(?:[\w-]+\s+){0,2}?"
        + _UNIT
        + r"\b))",
        "job",
    ),
    _p(
        r"\blooking\s+for\s+(?:(?:a|an)\s+)?(?:[\w-]+\s+){0,2}?(?:job|work|position|role"
        r"|internship|opportunit(?:y|ies))s?\s+(?:at|with|on|in)\s+your\s+(?:[\w-]+\s+){0,2}?"
        + _UNIT
        + r"\b",
        "job",
    ),
    # applying to them (not "I'm applying to grad school", nor "I'm applying for jobs in X")
    _p(
        r"\bI(?:['’]m|\s+am|['’]ll\s+be|\s+will\s+be|['’]ve\s+been|\s+have\s+been|\s+was"
        r"|['’]ve|\s+have)?\s+(?:(?:currently|now|also|just|recently|already|about|going"
        r"|planning|hoping)\s+(?:to\s+)?)?(?:applying|apply|applied)\s+(?:for|to|at|with)\s+"
        r"(?:(?:the|this|that|your|one\s+of\s+your|an?\s+open|the\s+open)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:"
        + _JOB
        + "|"
        + _UNIT
        + r"s?)"
        + _NOT_STUDY
        + r"|(?:a|an)\s+(?:[\w-]+\s+){0,3}?"
        + _JOB
        + r"\s+(?:at|with|on|in)\s+(?:your|the)\s+"
        r"(?:[\w-]+\s+){0,2}?" + _UNIT + r"\b)",
        "job",
    ),
    _p(
        r"\b(?:(?:can|could|may)\s+I|(?:how|where)\s+(?:do|can|could|should|would)\s+I)\s+apply\b"
        r"(?=\s*(?:[?.!]|$)|\s+(?:for|to|at|with)\s+(?:(?:the|this|that|your|a|an|any"
        r"|one\s+of\s+(?:your|the))\s+)?(?:[\w'’-]+\s+){0,3}?(?:"
        + _JOB
        + "|"
        + _UNIT
        + r")"
        + _NOT_STUDY
        + r"|\s+(?:for\s+it|directly|internally|there|now)\b)",
        "job",
    ),
    _p(r"\bconsider\s+me\s+(?:for\b|as\s+(?:a|an)\s+(?:candidate|applicant|hire)\b)", "job"),
    # a job offer for me (not "how did you weigh your first job offer?")
    _p(
        r"\b(?:offer\s+me|give\s+me|extend\s+me|(?:I|me)\s+(?:could\s+|might\s+|can\s+)?get"
        r"\s+(?:a|an)|hop(?:e|ing)\s+for\s+(?:a|an)|expect(?:ing)?\s+(?:a|an)"
        r"|(?:leads?|led|leading)\s+to\s+(?:a|an)|turns?\s+into\s+(?:a|an)|results?\s+in\s+(?:a|an)"
        r"|chance\s+(?:at|of)\s+(?:a|an))\s+(?:[\w-]+\s+)?job\s+offers?\b"
        r"|\bjob\s+offers?\s+from\s+you\b",
        "job",
    ),
    # do you have a position (for me)?
    _p(
        r"\b(?:do|does|would|will|might|could|can)\s+(?:you|they|your\s+(?:[\w-]+\s+){0,2}?"
        + _UNIT
        + r"|the\s+"
        + _UNIT
        + r")\s+(?:(?:currently|still|now|ever)\s+)?have\s+"
        r"(?:a|an|any|some)\s+(?:(?:open|available|free|vacant|entry[- ]level|junior|paid)\s+)?"
        r"(?:positions?|roles?|jobs?|openings?|vacanc(?:y|ies)|internships?|spots?|places?"
        r"|room|headcount)\b(?![-\w]|\s+(?:models?|programs?|programmes?)\b)",
        "job",
    ),
)


class PayAndPerks:
    """G15 (and G14b): questions and messages do not ask about pay, time off or benefits.

    Only the compensation sense counts: "the benefits of remote work", "pay
    attention" and "the holiday season" are fine. Notes are not checked (a
    note may record what was said), nor the pitch.

    >>> [f.excerpt for f in PayAndPerks().check("What is the salary range?", LintContext())]
    ['salary']
    >>> PayAndPerks().check("What are the benefits of remote work?", LintContext())
    []
    """

    name = "pay-and-perks"
    kinds = _ASKED
    patterns = _PAY_AND_PERKS
    suggestion = "ask what the work is like, or what helps people grow there"

    def message(self, excerpt: str, label: str) -> str:
        """What the finding says about one wording."""
        return f"{_quote(excerpt)} asks about {label}: keep the interview about learning (G15)"

    def check(self, text: str, context: LintContext) -> list[LintFinding]:
        """One finding per wording that asks about pay, time off, benefits or perks."""
        return _pattern_findings(self, text, context)


class JobAsking:
    """G15, G19: questions and messages do not ask for a job, or a favour that is one.

    Saying honestly that one is looking for work is fine (G15); asking the
    person for a job, a referral for a role or to pass a résumé on is not.

    >>> [f.excerpt for f in JobAsking().check("Is your team hiring?", LintContext())]
    ['Is your team hiring']
    >>> JobAsking().check("I am currently looking for work in data engineering.", LintContext())
    []
    """

    name = "job-asking"
    kinds = _ASKED
    patterns = _JOB_ASKING
    suggestion = "ask for their advice, or whom else to talk to; note an opening and apply later"

    def message(self, excerpt: str, label: str) -> str:
        """What the finding says about one wording."""
        return (
            f"{_quote(excerpt)} sounds like asking for a job: keep the interview about"
            " learning (G15, G19)"
        )

    def check(self, text: str, context: LintContext) -> list[LintFinding]:
        """One finding per wording that asks for a job."""
        return _pattern_findings(self, text, context)


def _pattern_findings(
    rule: PayAndPerks | JobAsking, text: str, context: LintContext
) -> list[LintFinding]:
    """The findings of a rule made of word patterns, for the kinds of text it checks."""
    if context.kind not in rule.kinds:
        return []
    return [
        finding(rule.name, text, start, end, rule.message(text[start:end], label), rule.suggestion)
        for start, end, label in _scan(text, rule.patterns, context.names)
    ]


# ---------------------------------------------------------------- G19: the thank-you note


class ThankYouLength:
    """G19: a thank-you note is short: at most ``policy.thank_you_max_words`` (150) words.

    >>> ThankYouLength().check("Thank you!", LintContext(kind=TextKind.THANK_YOU))
    []
    """

    name = "thank-you-length"

    def check(self, text: str, context: LintContext) -> list[LintFinding]:
        """One finding, spanning the words past the limit, when a thank-you note is too long."""
        if context.kind is not TextKind.THANK_YOU:
            return []
        limit = context.policy.thank_you_max_words
        words = list(re.finditer(r"\S+", text))
        if len(words) <= limit:
            return []
        return [
            finding(
                self.name,
                text,
                words[limit].start(),
                len(text.rstrip()),
                f"the note is {len(words)} words long; keep a thank-you note to {limit} words"
                " or fewer (G19)",
                f"cut {len(words) - limit} words: thank them, name one thing you learned, say"
                " what you will do with their advice, and sign off",
            )
        ]


_LETTER = r"[^\W\d_][\u0300-\u036f]*"
"""A letter of any script, with its combining accents (an e and U+0301 make one é)."""
_SPELLED_WORD = rf"(?:{_LETTER}|\d|_)+(?:['’](?:{_LETTER}|\d|_)+)*"
"""A word as the spelling rule sees it: letters and inner apostrophes ("don't", "Ada's");
digits and underscores are taken in so that such words can be left out whole."""
_NOT_WORDS = (
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|io|co|uk|ie|us|ca|au|de|fr|eu|dev|ai|app"
    r"|info|biz|me|ly)\b(?:/\S*)?"
)
"""Web addresses and e-mail addresses: not words to spell-check."""

_EXTRA_WORDS = frozenset(
    """
    linkedin github gitlab mentee onboarding upskill upskilled upskilling reskill reskilling
    dataset fintech edtech ecommerce webinar meetup cofounder hackathon bootcamp coworking
    onsite offsite workflow skillset frontend backend fullstack devops dev app repo codebase
    analytics roadmap postgrad
    """.split()
)
"""Everyday words of careers and tech that the dictionary does not know."""

_US_SPELLINGS: tuple[tuple[str, str], ...] = (
    (r"our", "or"),  # colour, favourite, behaviour, neighbourhood
    (r"is(?=e|ing|ation|able)", "iz"),  # realise, recognising, organisation
    (r"ys(?=e|ing)", "yz"),  # analyse, paralysing
    (r"tre(?=[sd]?$)", "ter"),  # centre, theatres, centred
    (r"ogue(?=s?$)", "og"),  # catalogue, analogue
    (r"ence(?=s?$)", "ense"),  # defence, licence, offence
    (r"ll(?=(?:ed|ing|er|ers|or|ors)$)", "l"),  # travelled, modelling, counsellor
    (r"mme(?=s?$)", "m"),  # programme
    (r"(?<=g)e(?=ment)", ""),  # judgement, acknowledgement
    (r"(?<=[^aeiou])ae", "e"),  # paediatric, encyclopaedia
    (r"(?<=[^aeiou])oe", "e"),  # manoeuvre, oestrogen
)
"""British spellings and their American forms: the dictionary is American, and both are
right."""
_AMERICAN = tuple((re.compile(pattern), us) for pattern, us in _US_SPELLINGS)
""":data:`_US_SPELLINGS`, compiled."""
_BRITISH = re.compile("|".join(pattern for pattern, _ in _US_SPELLINGS))
"""Any of :data:`_US_SPELLINGS`: a word with none of them has no American form to try."""

_FULL_SEARCH_LETTERS = 8
"""Words this short may be matched against the dictionary up to two edits away; longer
ones one edit away only, as a two-edit search takes about a second for a long unknown
word."""

# The search for suggestions is bounded: a two-edit search takes up to a second for a
# word with no neighbour one edit away (a name, a made-up word), a one-edit search about
# a millisecond. Every unknown word is still reported; past these bounds its finding
# gives the plain advice instead of a guess.
_SHORT_TEXT = 2_000
"""Characters of a text short enough for a two-edit search (a thank-you note has under
1,000); a longer text gets one-edit searches only."""
_FULL_SEARCHES = 1
"""Two-edit searches in a short text: for the first unknown word with nothing one edit
away."""
_ALWAYS_SEARCHED = 3
"""The first distinct unknown words of a text, searched whatever the time budget, so a
note's suggestions are the same in every run."""
_MOST_SEARCHED = 25
"""Distinct unknown words of a text searched at most; later ones get no guess."""
_SEARCH_SECONDS = 0.2
"""Time budget of the one-edit searches of a text, past the first words: the search stops
early on a slow machine, never on the first words."""

_spell_checker: SpellChecker | None = None


def _checker() -> SpellChecker:
    """pyspellchecker's English dictionary, loaded on first use (about 0.2 s): importing
    infoint, or checking text that is no message, never loads it."""
    global _spell_checker
    if _spell_checker is None:
        from spellchecker import SpellChecker

        _spell_checker = SpellChecker(language="en")
    return _spell_checker


def _plain(word: str) -> str:
    """``word`` without accents: "résumé" -> "resume"."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _spelling_key(word: str) -> str:
    """How words are compared: composed accents, straight apostrophes, lower case."""
    return unicodedata.normalize("NFC", word).replace("’", "'").casefold()


def _is_latin(word: str) -> bool:
    """Whether every letter of ``word`` is a Latin one (the dictionary is English)."""
    if word.isascii():
        return True  # digits and underscores are left out before this
    return all(c == "'" or unicodedata.name(c, "").startswith("LATIN") for c in word)


def _in_dictionary(key: str) -> bool:
    """Whether ``key`` (see :func:`_spelling_key`) is an English word: in pyspellchecker's
    dictionary or :data:`_EXTRA_WORDS`, or a possessive, plural, accented or British form
    of one."""
    dictionary = _checker().word_frequency.dictionary
    return any(form in dictionary or form in _EXTRA_WORDS for form in _forms(key))


def _forms(key: str) -> Iterator[str]:
    """``key``, then the words it may be a form of, most likely first (each once)."""
    yield key
    bases = [key[:-2]] if key.endswith("'s") else [key]
    for base in list(bases):
        if base.endswith("ies"):
            bases.append(base[:-3] + "y")
        if base.endswith("es"):
            bases.append(base[:-2])
        if base.endswith("s"):
            bases.append(base[:-1])
    bases = list(dict.fromkeys(bases + [_plain(base) for base in bases]))
    yield from bases
    # Every word the linter does not know comes here: the eleven substitutions are
    # tried only on a base that has one of their patterns.
    for base in filter(_BRITISH.search, bases):
        american = base
        for pattern, replacement in _AMERICAN:
            yield pattern.sub(replacement, base)
            american = pattern.sub(replacement, american)
        yield american


@functools.lru_cache(maxsize=4096)
def _correction(key: str, distance: int = 1) -> str | None:
    """pyspellchecker's most likely correction of ``key``, one edit away or, with
    ``distance`` 2, two when none is one away; None when it has none.

    Like ``SpellChecker.correction``, but the same in every run: ties between equally
    frequent words go to the first in alphabetical order.

    >>> _correction("recieved")
    'received'
    """
    checker = _checker()
    if distance == 2:
        candidates = set(checker.candidates(key) or ())
    else:
        candidates = checker.known(checker.edit_distance_1(key))
    candidates.discard(key)
    if not candidates:
        return None
    same_letters = [c for c in candidates if _plain(c) == _plain(key)]
    return max(sorted(same_letters or candidates), key=lambda c: checker[c])


@attrs.define
class _SuggestionSearch:
    """The search for the suggestions of one text, bounded by :data:`_SHORT_TEXT` and
    the constants after it; a word found again gets the answer it got the first time."""

    _full_searches: int
    _answers: dict[str, str | None] = attrs.Factory(dict)
    _seconds: float = 0.0

    @classmethod
    def of(cls, text: str) -> _SuggestionSearch:
        return cls(_FULL_SEARCHES if len(text) <= _SHORT_TEXT else 0)

    def correction(self, key: str) -> str | None:
        """The likely word for the unknown ``key``, or None (no guess, or none searched)."""
        if key not in self._answers:
            self._answers[key] = self._search(key) if self._may_search() else None
        return self._answers[key]

    def _may_search(self) -> bool:
        searched = len(self._answers)
        return searched < _ALWAYS_SEARCHED or (
            searched < _MOST_SEARCHED and self._seconds < _SEARCH_SECONDS
        )

    def _search(self, key: str) -> str | None:
        started = time.perf_counter()
        fix = _correction(key)
        self._seconds += time.perf_counter() - started
        if fix is None and self._full_searches and len(key) <= _FULL_SEARCH_LETTERS:
            self._full_searches -= 1
            fix = _correction(key, 2)
        return fix


def _words_outside_addresses(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` (:data:`_SPELLED_WORD`) not in a web or e-mail address
    (:data:`_NOT_WORDS`), in order: one pass over both, however many addresses."""
    addresses = _compiled(_NOT_WORDS).finditer(text)
    address = next(addresses, None)
    for word in _compiled(_SPELLED_WORD).finditer(text):
        while address is not None and address.end() <= word.start():
            address = next(addresses, None)
        if address is None or word.end() <= address.start():
            yield word


def _name_words(names: Iterable[str]) -> frozenset[str]:
    return frozenset(
        _spelling_key(m[0]) for name in names for m in _compiled(_SPELLED_WORD).finditer(name)
    )


class Spelling:
    """G19: thank-you notes and other messages are free of spelling errors.

    Words are checked against pyspellchecker's English dictionary (loaded on
    first use). Left out: single letters, words with digits, acronyms in
    capitals, web and e-mail addresses, words in other scripts, and every word
    of ``context.names`` (people, organizations, targets), in any case and as a
    possessive. Plurals, possessives, accents ("résumé") and British spellings
    of known words pass. Every unknown word is reported; the search for its
    suggestion is bounded (:class:`_SuggestionSearch`), so a long text of words
    the dictionary does not know takes linear time.

    >>> [(f.excerpt, f.suggestion) for f in Spelling().check(
    ...     "Thank you, Ada! I recieved your email.", LintContext(kind=TextKind.THANK_YOU))]
    [('recieved', "did you mean 'received'?")]
    """

    name = "spelling"
    kinds = frozenset({TextKind.THANK_YOU, TextKind.MESSAGE})

    def check(self, text: str, context: LintContext) -> list[LintFinding]:
        """One finding per misspelled word, with the dictionary's best guess."""
        if context.kind not in self.kinds:
            return []
        names = _name_words(context.names)
        search = _SuggestionSearch.of(text)
        found = []
        turns = _Turns()
        for match in _words_outside_addresses(text):
            turns.take()
            word = match[0]
            start, end = match.span()
            if len(word) < 2 or any(c.isdigit() or c == "_" for c in word) or word.isupper():
                continue
            key = _spelling_key(word)
            if (
                not _is_latin(key)
                or key in names
                or (key.endswith("'s") and key[:-2] in names)
                or _in_dictionary(key)
            ):
                continue
            found.append(self._finding(text, start, end, search.correction(key)))
        return found

    def _finding(self, text: str, start: int, end: int, fix: str | None) -> LintFinding:
        word = text[start:end]
        if fix and word[0].isupper():
            fix = fix[0].upper() + fix[1:]
        return finding(
            self.name,
            text,
            start,
            end,
            f'"{word}" is not in the English dictionary: check its spelling (G19)',
            f"did you mean '{fix}'?"
            if fix
            else "check the spelling (a name the dictionary does not know is fine)",
        )


BUILTIN_RULES: tuple[LintRule, ...] = (
    PayAndPerks(),
    JobAsking(),
    PitchLength(),
    ThankYouLength(),
    Spelling(),
)
"""infoint's own rules, in the order ``infoint lint`` reports them (the built-in plugin
provides them)."""
