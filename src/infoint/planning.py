"""Pure planning: fit questions to the agreed time (G7, G14), build the prep sheet (G9-G13).

Nothing here does I/O, reads the clock or touches plugins: the Workspace
gathers the interview, the generators' suggestions and the lint rules, and
passes them in. The same input always gives the same plan.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

import attrs

# Defined with the agenda (which every command imports) and still importable from here.
from infoint.agenda import default_minutes as default_minutes
from infoint.agenda import minutes_before as minutes_before
from infoint.model import (
    Contact,
    DressCode,
    Interview,
    Mode,
    Profile,
    Purpose,
    Question,
    QuestionKind,
    Register,
    SuggestedQuestion,
    Target,
    TargetKind,
)
from infoint.rules import LintContext, PitchLength, Policy, TextKind, lint, spoken_seconds


def _target_tuple(targets: Iterable[Target]) -> tuple[Target, ...]:
    return tuple(targets)


@attrs.frozen(kw_only=True)
class PlanContext:
    """Everything a question generator (and the planner) may look at for one interview."""

    interview: Interview
    contact: Contact
    targets: tuple[Target, ...] = attrs.field(default=(), converter=_target_tuple)
    profile: Profile = attrs.field(factory=Profile)

    @property
    def register(self) -> Register:
        """Formal or casual wording, from how the seeker knows the contact (G14)."""
        return self.contact.relationship.register

    def targets_of(self, kind: TargetKind) -> list[Target]:
        """The interview's targets of one kind, in the interview's order."""
        return [t for t in self.targets if t.kind is kind]

    @property
    def placeholders(self) -> Mapping[str, str]:
        """Values for ``{organization}``, ``{role}``, ``{industry}``, ``{occupation}``.

        Each comes from the most specific source there is, else a phrase that
        reads naturally in a question ("your organization").
        """
        company = self.targets_of(TargetKind.COMPANY)
        industry = self.targets_of(TargetKind.INDUSTRY)
        occupation = self.targets_of(TargetKind.OCCUPATION)
        return {
            "organization": self.contact.organization
            or (company[0].name if company else "your organization"),
            "role": self.contact.role or (occupation[0].name if occupation else "your role"),
            "industry": industry[0].name if industry else "your industry",
            "occupation": occupation[0].name
            if occupation
            else (self.contact.role or "your line of work"),
        }

    def fill(self, text: str) -> str:
        """``text`` with its placeholders filled; unknown braces are left as they are."""
        values = self.placeholders
        return re.sub(r"\{(\w+)\}", lambda m: values.get(m[1], m[0]), text)

    @property
    def names(self) -> tuple[str, ...]:
        """Names a question may contain once filled in (targets, the organization, the
        person): a lint rule does not flag words inside them ("the health insurance
        industry" is a field, not a question about benefits)."""
        names = [t.name for t in self.targets]
        names += [self.contact.name, self.contact.organization, self.contact.role]
        return tuple(n for n in dict.fromkeys(names) if n.strip())

    @property
    def words(self) -> frozenset[str]:
        """Lower-case words of the target names and the contact's role and organization,
        which a suggestion's ``topics`` are matched against."""
        text = " ".join(
            [*(t.name for t in self.targets), self.contact.role, self.contact.organization]
        )
        return frozenset(re.findall(r"\w+", text.casefold()))


# ---------------------------------------------------------------- the question plan (G7, G14)

INTRO_MIN_SECONDS = 30
"""The introduction lasts at least the pitch's 30 seconds (G13), even without a pitch."""
CLOSING_SECONDS = 60
"""The closing minute: thanks, and the agreed time kept (G12)."""

FLOW: tuple[QuestionKind, ...] = (
    QuestionKind.DAY_IN_THE_LIFE,
    QuestionKind.PATH,
    QuestionKind.NEEDS,
    QuestionKind.BUSINESS,
    QuestionKind.OFFERS,
    QuestionKind.ADVICE,
    QuestionKind.PEOPLE,
)
"""The order of a conversation: the work, the person, the organization, advice, then
whom else to talk to, last."""

ESSENTIAL: tuple[QuestionKind, ...] = (
    QuestionKind.NEEDS,
    QuestionKind.OFFERS,
    QuestionKind.PEOPLE,
)
"""G14's three kinds a plan covers whenever the time allows."""

MAX_PER_KIND: Mapping[QuestionKind, int] = {
    **dict.fromkeys(QuestionKind, 4),
    QuestionKind.PEOPLE: 1,  # one "whom else should I talk to?", to close
}
"""At most this many questions of a kind, so that a long interview still covers them all."""

_KIND_REASON = {
    QuestionKind.NEEDS: "covers the organization's needs, expectations and challenges (G14a)",
    QuestionKind.OFFERS: "covers what the organization offers you (G14b)",
    QuestionKind.PEOPLE: "asks whom else to talk to (G14c); a plan ends with it",
    QuestionKind.ADVICE: "invites their advice (G14)",
    QuestionKind.DAY_IN_THE_LIFE: "shows what a typical day is like (G14)",
    QuestionKind.PATH: "learns how they got where they are",
    QuestionKind.BUSINESS: "learns from someone who owns or started a business (G2e)",
}

_STOPWORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "do", "does",
        "for", "from", "had", "has", "have", "how", "i", "if", "in", "is", "it", "its", "me",
        "my", "of", "on", "or", "so", "that", "the", "their", "them", "there", "they", "this",
        "to", "was", "we", "what", "when", "where", "which", "who", "whom", "why", "will", "with",
        "would", "you", "your", "yours", "look", "like", "get", "make", "more", "most", "out",
        "find", "learn", "know", "about", "into", "much", "many", "some", "any", "one", "just",
    }
)  # fmt: skip


@attrs.frozen(kw_only=True)
class Dropped:
    """A suggestion the planner left out, and why."""

    id: str
    source: str
    reason: str


@attrs.frozen(kw_only=True)
class QuestionPlan:
    """The questions for one interview, fitted into its agreed minutes.

    ``budget_seconds`` is the agreed time less the introduction and the
    closing minute; ``used_seconds`` never exceeds it.
    """

    questions: tuple[Question, ...]
    minutes: int
    minutes_assumed: bool
    intro_seconds: int
    closing_seconds: int
    budget_seconds: int
    used_seconds: int
    warnings: tuple[str, ...] = ()
    dropped: tuple[Dropped, ...] = ()

    @property
    def kinds(self) -> frozenset[QuestionKind]:
        """The kinds of question the plan covers."""
        return frozenset(q.kind for q in self.questions)


def length_warnings(mode: Mode, minutes: int, policy: Policy) -> list[str]:
    """G7: a phone interview lasts less than 5 minutes, an in-person (or video) one 15-30."""
    if mode is Mode.PHONE:
        if minutes >= policy.phone_max_minutes:
            return [
                f"a phone interview should last less than {policy.phone_max_minutes} minutes"
                f" (G7); {minutes} were agreed, so the plan fits {policy.phone_max_minutes - 1}"
            ]
        return []
    low, high = policy.in_person_min_minutes, policy.in_person_max_minutes
    if not low <= minutes <= high:
        return [
            f"an {'in-person' if mode is Mode.IN_PERSON else 'video'} interview lasts {low} to"
            f" {high} minutes (G7); {minutes} were agreed"
        ]
    return []


def _tokens(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"\w+", text.casefold()) if w not in _STOPWORDS)


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return a == b
    return len(a & b) / len(a | b) >= 0.6


class _Candidate(NamedTuple):  # not an attrs class: quicker to define, and enough
    suggestion: SuggestedQuestion
    text: str
    score: float
    reasons: tuple[str, ...]
    tokens: frozenset[str]

    @property
    def key(self) -> str:
        return f"{self.suggestion.source}:{self.suggestion.id}"

    @property
    def seconds(self) -> int:
        return self.suggestion.seconds

    @property
    def kind(self) -> QuestionKind:
        return self.suggestion.kind


def _score(context: PlanContext, s: SuggestedQuestion, text: str) -> tuple[float, list[str]]:
    interview, reasons = context.interview, []
    score = float(s.boost)
    if s.why:
        reasons.append(s.why)
    if s.purposes:
        shared = s.purposes & set(interview.purposes)
        if shared:
            score += 3 * min(len(shared), 2)
            reasons.append("suits your purpose " + ", ".join(sorted(shared)))
        else:
            score -= 2
    else:
        score += 1
    kinds = {t.kind for t in context.targets}
    if s.target_kinds:
        if s.target_kinds & kinds:
            score += 2
            reasons.append("fits your " + " and ".join(sorted(s.target_kinds & kinds)) + " target")
        else:
            score -= 1
    if s.topics:
        score += 2
        reasons.append("made for this field")
    goal_words = _tokens(
        " ".join([*interview.goals, *(g for t in context.targets for g in t.goals)])
    )
    overlap = len(goal_words & _tokens(text))
    if overlap and not s.boost:
        score += min(overlap, 3)
        reasons.append("touches your learning goals")
    if s.kind is QuestionKind.BUSINESS and (
        context.contact.owns_business or Purpose.SMALL_BUSINESS in interview.purposes
    ):
        score += 2
    return score, reasons


def plan_questions(
    context: PlanContext,
    suggestions: Iterable[SuggestedQuestion],
    rules: Iterable[Any],
    policy: Policy,
    *,
    minutes: int | None = None,
) -> QuestionPlan:
    """Fit the best suggestions into the interview's agreed minutes (G7, G14).

    Steps: fill the wording for the relationship's register; drop what is off
    topic, flagged by a lint rule, or a near-duplicate of a better question;
    rank by fit to purposes, targets and goals; then pick within the budget
    (the agreed time less the introduction and a closing minute): first one
    question each of needs, offers and people (the shortest ones when the
    best do not fit), advice if it fits, then the best of the rest, spreading
    the kinds. The plan follows a conversation's order and ends by asking
    whom else to contact. Deterministic: the same input, the same plan.
    """
    interview = context.interview
    rules = list(rules)
    agreed = minutes if minutes is not None else interview.agreed_minutes
    planned_minutes = agreed if agreed is not None else default_minutes(interview.mode, policy)
    warnings = length_warnings(interview.mode, planned_minutes, policy)
    if interview.mode is Mode.PHONE:
        planned_minutes = min(planned_minutes, policy.phone_max_minutes - 1)
    pitch = context.profile.pitch
    intro = max(INTRO_MIN_SECONDS, math.ceil(spoken_seconds(pitch, policy))) if pitch else 30
    closing = CLOSING_SECONDS
    budget = max(0, planned_minutes * 60 - intro - closing)

    dropped: list[Dropped] = []
    candidates: list[_Candidate] = []
    seen_keys: set[str] = set()
    lint_context = LintContext(kind=TextKind.QUESTION, policy=policy, names=context.names)
    for s in suggestions:
        text = context.fill(s.wording(context.register))
        if not s.source:
            s = attrs.evolve(s, source="unnamed")
        key = f"{s.source}:{s.id}"
        if key in seen_keys:
            continue
        seen_keys.add(key)
        if s.topics and not s.topics & context.words:
            dropped.append(Dropped(id=s.id, source=s.source, reason="not about this field"))
            continue
        findings = lint(text, rules, lint_context)
        if findings:
            names = ", ".join(sorted({f.rule for f in findings}))
            dropped.append(Dropped(id=s.id, source=s.source, reason=f"flagged by {names}"))
            continue
        score, reasons = _score(context, s, text)
        candidates.append(_Candidate(s, text, score, tuple(reasons), _tokens(text)))
    candidates.sort(key=lambda c: (-c.score, c.seconds, c.key))

    unique: list[_Candidate] = []
    for c in candidates:
        # Only within a kind: a needs and an offers question ask different things.
        twin = next((u for u in unique if u.kind is c.kind and _similar(u.tokens, c.tokens)), None)
        if twin is None:
            unique.append(c)
        else:
            dropped.append(
                Dropped(id=c.suggestion.id, source=c.suggestion.source, reason=f"like {twin.key}")
            )

    chosen = _choose(unique, budget)
    if QuestionKind.PEOPLE not in {c.kind for c in chosen}:
        warnings.append("no planned question asks whom else to contact (G14c): add one by hand")
    ordered = sorted(
        chosen, key=lambda c: (FLOW.index(c.kind), [u.key for u in unique].index(c.key))
    )
    questions, at = [], intro
    for c in ordered:
        why = "; ".join([_KIND_REASON[c.kind], *c.reasons])
        questions.append(
            Question(
                id=c.key,
                kind=c.kind,
                text=c.text,
                seconds=c.seconds,
                at_second=at,
                why=why,
                source=c.suggestion.source,
            )
        )
        at += c.seconds
    return QuestionPlan(
        questions=tuple(questions),
        minutes=planned_minutes,
        minutes_assumed=agreed is None,
        intro_seconds=intro,
        closing_seconds=closing,
        budget_seconds=budget,
        used_seconds=sum(q.seconds for q in questions),
        warnings=tuple(warnings),
        dropped=tuple(dropped),
    )


def _choose(ranked: list[_Candidate], budget: int) -> list[_Candidate]:
    by_kind = {k: [c for c in ranked if c.kind is k] for k in QuestionKind}
    chosen: list[_Candidate] = []
    left = budget

    def take(c: _Candidate) -> None:
        nonlocal left
        chosen.append(c)
        left -= c.seconds

    # G14: one each of needs, offers and people; the shortest ones if the best do not fit.
    best = [by_kind[k][0] for k in ESSENTIAL if by_kind[k]]
    shortest = [min(by_kind[k], key=lambda c: c.seconds) for k in ESSENTIAL if by_kind[k]]
    if sum(c.seconds for c in best) <= left:
        essentials = best
    elif sum(c.seconds for c in shortest) <= left:
        essentials = shortest
    else:  # not all three fit: as many as do, the people question first (it closes)
        essentials = []
        room = left
        for c in sorted(shortest, key=lambda c: (c.kind is not QuestionKind.PEOPLE, c.seconds)):
            if c.seconds <= room:
                essentials.append(c)
                room -= c.seconds
    for c in essentials:
        take(c)
    advice = next((c for c in by_kind[QuestionKind.ADVICE] if c.seconds <= left), None)
    if advice is not None:
        take(advice)
    # The rest by rank, one kind at a time not crowding out the others.
    rest = [c for c in ranked if c not in chosen]
    while True:
        counts = {k: sum(1 for c in chosen if c.kind is k) for k in QuestionKind}
        fitting = [c for c in rest if c.seconds <= left and counts[c.kind] < MAX_PER_KIND[c.kind]]
        if not fitting:
            return chosen
        pick = max(fitting, key=lambda c: (c.score - 2.0 * counts[c.kind], -ranked.index(c)))
        take(pick)
        rest.remove(pick)


# ---------------------------------------------------------------- the prep sheet (G5, G9-G13)

BRING_IN_PERSON = (
    "a small notebook",
    "a pen",
    "your résumé and/or a networking profile (one page: who you are, what you are exploring)",
)
BRING_REMOTE = (
    "a small notebook and a pen",
    "a quiet place, and your résumé and networking profile open in front of you",
)
LEAVE_BEHIND = (
    "Decide before you go which one to leave with them. A networking profile keeps the"
    " conversation about learning; handing over a résumé can look like expecting a job offer."
    " Ask for suggestions on your résumé only if the moment is right (G9)."
)
MANNERS_IN_PERSON = (
    "arrive 10 minutes early",
    "a firm handshake",
    "eye contact",
    "mirror the other person's posture",
    "listen more than you talk",
    "keep to the agreed time",
)
MANNERS_REMOTE = (
    "be ready 10 minutes early",
    "listen more than you talk",
    "keep to the agreed time",
)
PURPOSE_TEXT: Mapping[Purpose, str] = {
    Purpose.CHOOSE_PATH: "choose or refine a career path",
    Purpose.DECIDE_STUDY: "decide what to study",
    Purpose.BREAK_IN: "learn how to break into the field",
    Purpose.SKILLS: "find which skills you have and which you still need",
    Purpose.SMALL_BUSINESS: "learn from someone who owns or started a business",
}


@attrs.frozen(kw_only=True)
class PrepSheet:
    """What the seeker reads the night before (G5, G9-G14), as data; see :mod:`infoint.render`.

    Times are in the interview's own zone. ``arrive_at`` is ``arrive_early``
    minutes before the start; ``leave_by`` is the travel time before that.
    """

    interview_id: str
    status: str
    mode: Mode
    short: bool
    """A phone interview gets the short sheet: no travel, dress or handshake."""
    contact_name: str
    contact_role: str
    contact_organization: str
    relationship: str
    register: Register
    introducer: str
    common_ground: str
    targets: tuple[str, ...]
    purposes: tuple[str, ...]
    goals: tuple[str, ...]
    research: tuple[str, ...]
    pitch: str
    pitch_seconds: int
    starts_at: datetime | None
    ends_at: datetime | None
    minutes: int
    place: str
    arrive_at: datetime | None
    leave_by: datetime | None
    travel_minutes: int | None
    dress_code: DressCode | None
    dress_recommended: DressCode | None
    dress_advice: str
    bring: tuple[str, ...]
    leave_behind: str
    manners: tuple[str, ...]
    questions: tuple[Question, ...]
    warnings: tuple[str, ...]


def build_prep_sheet(
    context: PlanContext,
    plan: QuestionPlan,
    policy: Policy,
    *,
    introducer: Contact | None = None,
) -> PrepSheet:
    """The prep sheet for one interview (pure: everything it needs is passed in)."""
    interview, contact = context.interview, context.contact
    remote = interview.mode is not Mode.IN_PERSON
    warnings = list(plan.warnings)
    pitch = context.profile.pitch
    if not pitch:
        warnings.append("no 30-second pitch yet (G13): infoint profile set --pitch TEXT")
    for f in PitchLength().check(pitch, LintContext(kind=TextKind.PITCH, policy=policy)):
        warnings.append(f.message)
    starts = interview.starts_at
    if starts is None:
        warnings.append("not scheduled yet: no date and time to arrive by")
    arrive = minutes_before(starts, policy.arrive_early_minutes) if starts else None
    leave = None
    if arrive is not None and not remote and interview.travel_minutes is not None:
        leave = minutes_before(arrive, interview.travel_minutes)
    if not remote and not interview.place:
        warnings.append("no place recorded: verify where you meet the day before (G11)")
    ends = (
        (starts.astimezone(UTC) + timedelta(minutes=plan.minutes)).astimezone(starts.tzinfo)
        if starts
        else None
    )
    code = interview.dress_code
    phone = interview.mode is Mode.PHONE
    recommended = None if phone else code.step_up() if code else DressCode.BUSINESS_PROFESSIONAL
    if phone:
        dress_advice = ""
    elif code is not None and recommended is not None:
        dress_advice = (
            f"their dress code is {code}: dress one step above it, {recommended} (G10)"
            if recommended is not code
            else f"their dress code is {code}: match it (G10)"
        )
    else:
        dress_advice = (
            "dress code unknown: find it out; until then dress as for a job interview,"
            " business-professional (G10)"
        )
    goals = [*interview.goals, *(g for t in context.targets for g in t.goals)]
    return PrepSheet(
        interview_id=interview.id,
        status=str(interview.status),
        mode=interview.mode,
        short=phone,
        contact_name=contact.name,
        contact_role=contact.role,
        contact_organization=contact.organization,
        relationship=str(contact.relationship),
        register=context.register,
        introducer=introducer.name if introducer is not None else "",
        common_ground=interview.common_ground,
        targets=tuple(t.label for t in context.targets),
        purposes=tuple(PURPOSE_TEXT[p] for p in interview.purposes),
        goals=tuple(dict.fromkeys(goals)),
        research=tuple(f"({r.subject}) {r.text}" for r in interview.research),
        pitch=pitch,
        pitch_seconds=math.ceil(spoken_seconds(pitch, policy)),
        starts_at=starts,
        ends_at=ends,
        minutes=plan.minutes,
        place=interview.place,
        arrive_at=arrive,
        leave_by=leave,
        travel_minutes=interview.travel_minutes,
        dress_code=code,
        dress_recommended=recommended,
        dress_advice=dress_advice,
        bring=BRING_REMOTE if remote else BRING_IN_PERSON,
        leave_behind="" if remote else LEAVE_BEHIND,
        manners=MANNERS_REMOTE if remote else MANNERS_IN_PERSON,
        questions=plan.questions,
        warnings=tuple(warnings),
    )
