"""Questions made from the seeker's own research notes (G5) and learning goals (G3).

A research note such as *"they moved their reporting to streaming last
year"* becomes a real question tied to it: *"I read that they moved their
reporting to streaming last year. How has that changed what your team needs
from people joining now?"*. A goal such as *"find out how they train
juniors"* becomes *"Could you tell me how you train juniors?"*. Notes about
the person are turned to address them ("she led" -> "you led").

Rules of thumb, not language understanding: cue words pick the template,
and the linter still drops whatever asks about pay or a job.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from infoint import hookimpl
from infoint.model import QuestionKind, ResearchNote, ResearchSubject, SuggestedQuestion

if TYPE_CHECKING:
    from infoint.planning import PlanContext

RESEARCH_BOOST = 6
"""How much the seeker's own material outranks a bank question of the same fit."""


@functools.cache
def _regex(pattern: str) -> re.Pattern[str]:
    # Compiled on first use, not at import: every command imports this plugin, few use it.
    return re.compile(pattern, re.IGNORECASE)


_CHANGE = (
    r"\b(launch|mov(e|ed|ing)|migrat|acquir|merg|expand|open(ed|ing)|clos(ed|ing)|restructur"
    r"|reorgani[sz]|rebrand|switch|adopt|introduc|roll(ed)? out|raised|funding|ipo|went public"
    r"|grew|grow|hired|hiring|laid off|layoff|cut|new)\w*"
)
_CHALLENGE = (
    r"\b(challeng|problem|struggl|shortage|competi|regulat|pressure|declin|risk|difficult"
    r"|backlog|turnover|debt|burnout|outage|delay|fine[sd]?)\w*"
)
_CAREER = (
    r"\b(start|began|begun|studied|study|graduat|degree|switch|mov|join|left|worked|career"
    r"|became|promot|founded|trained|retrain|apprentic|bootcamp|phd|master)\w*"
)
_VOICE = (
    r"\b(wrote|writ|publish|article|blog|talk|spoke|speak|present|podcast|book|paper|keynote"
    r"|newsletter|interview)\w*"
)
_TREND = (
    r"\b(grow|shrink|trend|future|ai|automat|demand|shortage|chang|shift|regulat|remote"
    r"|declin|boom|rise|rising|fall)\w*"
)

# (formal, casual, kind) per situation; {note} is the note as a clause.
_TEMPLATES: dict[str, tuple[str, str, QuestionKind]] = {
    "org-change": (
        "I read that {note}. How has that changed what your team needs from people joining now?",
        "I saw that {note}. What has that changed for your team?",
        QuestionKind.NEEDS,
    ),
    "org-challenge": (
        "I understand that {note}. How is your team approaching that, and where could"
        " someone new help most?",
        "Sounds like {note}. How are you all handling that?",
        QuestionKind.NEEDS,
    ),
    "org": (
        "I read that {note}. What does that mean for someone starting out at {organization}?",
        "I saw that {note}. What does that mean for someone new there?",
        QuestionKind.OFFERS,
    ),
    "person-career": (
        "I saw that {note}. What led you to that step, and what would you tell someone"
        " considering the same path?",
        "I noticed {note}. How did that come about?",
        QuestionKind.PATH,
    ),
    "person-voice": (
        "I saw that {note}. What drew you to that subject, and how does it connect to your"
        " daily work?",
        "I saw that {note}. What got you into that topic?",
        QuestionKind.DAY_IN_THE_LIFE,
    ),
    "person": (
        "I learned that {note}. How has that shaped the advice you would give someone"
        " entering {occupation}?",
        "I heard {note}. How has that shaped what you'd tell someone starting out?",
        QuestionKind.ADVICE,
    ),
    "target-trend": (
        "I have been reading that {note}. How do you see that playing out over the next few"
        " years, and how should a newcomer prepare?",
        "I keep reading that {note}. Is that what you're seeing?",
        QuestionKind.ADVICE,
    ),
    "target": (
        "I read that {note}. Does that match your experience, and what would you add?",
        "I read that {note}. Does that match what you see?",
        QuestionKind.ADVICE,
    ),
}

_LOWER_STARTS = {
    "the", "they", "their", "she", "he", "her", "his", "a", "an", "it", "its", "most", "many",
    "recently", "last", "in", "after", "since", "over", "about", "almost", "nearly", "our",
    "there", "this", "that", "these", "those", "some", "every", "each", "one", "two",
    "demand", "hiring", "growth", "sales", "revenue", "team", "teams", "work", "jobs",
    "employers", "companies", "customers", "clients", "people", "everyone", "nobody",
    "starting", "recent", "new", "remote", "funding", "profits", "costs", "prices",
}  # fmt: skip
_COMMON_SUFFIXES = ("tion", "ment", "ness", "ity", "ing", "ance", "ence", "ship")

_GOAL_VERB = (
    r"^(?:to\s+)?(?:find out|learn|understand|know|figure out|see|discover|ask|get a sense of"
    r"|explore|hear|check)\b(?:\s+(?:about|more about))?\s*"
)
_WH = r"^(what|how|why|which|who|whom|where|when|whether|if)\b"

_KIND_CUES: tuple[tuple[QuestionKind, str], ...] = (
    (QuestionKind.PEOPLE, r"\b(who else|whom else|someone else|other people to|introduc)"),
    (QuestionKind.DAY_IN_THE_LIFE, r"\b(day|week|typical|routine|schedule)"),
    (QuestionKind.PATH, r"\b(start|began|path|career|got there|journey|study)"),
    (QuestionKind.BUSINESS, r"\b(found|own business|start a business|client)"),
    (QuestionKind.OFFERS, r"\b(grow|learn|mentor|train|culture|develop)"),
    (QuestionKind.ADVICE, r"\b(advice|advise|recommend|should i|prepare)"),
)


def as_clause(note: str) -> str:
    """A note as a clause to follow "I read that": no final stop, a common first word
    in lower case (names and acronyms keep their capitals)."""
    text = " ".join(note.split()).rstrip(" .!;:")
    first, _, rest = text.partition(" ")
    common = first.lower() in _LOWER_STARTS or first.lower().endswith(_COMMON_SUFFIXES)
    if common and first[:1].isupper() and first[1:].islower():
        text = first.lower() + (" " + rest if rest else "")
    return text


def to_second_person(text: str) -> str:
    """Turn a note about the interviewee into words addressed to them.

    >>> to_second_person("she leads the data team and has written a book on testing")
    'you lead the data team and have written a book on testing'
    >>> to_second_person("he studies at night; his manager supports him")
    'you study at night; your manager supports you'
    """
    out = re.sub(r"\b(she|he)'s\b", "you're", text, flags=re.IGNORECASE)
    out = re.sub(r"\b(herself|himself)\b", "yourself", out, flags=re.IGNORECASE)
    out = re.sub(r"\bhis\b", "your", out, flags=re.IGNORECASE)
    out = re.sub(r"\bhim\b", "you", out, flags=re.IGNORECASE)
    # "her" before a word is possessive ("her team"); otherwise it is the object ("met her").
    out = re.sub(
        r"\bher(?=\s+[a-z])(?!\s+(?:at|in|on|to|for|with|and|or|as|about)\b)", "your", out
    )
    out = re.sub(r"\bher\b", "you", out)
    out = re.sub(r"\b(she|he)\b", "you", out, flags=re.IGNORECASE)
    out = re.sub(r"\byou (\w+)\b", _agree, out)
    if "you" in out:  # "you lead ... and has written": the verb after "and" agrees too
        out = re.sub(r"\band (is|was|has|does)\b", lambda m: "and " + _IRREGULAR[m[1]], out)
    return out


_IRREGULAR = {
    "is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
    "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't",
}  # fmt: skip
_NOT_VERBS = {"this", "always", "also", "still", "often", "never", "ever", "just", "thus"}


def _agree(match: re.Match[str]) -> str:
    word = match[1]
    lower = word.lower()
    if lower in _IRREGULAR:
        return "you " + _IRREGULAR[lower]
    if lower in _NOT_VERBS or len(lower) <= 3 or lower.endswith(("ss", "us", "is")):
        return match[0]
    if lower.endswith("ies"):
        return "you " + word[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zes")):
        return "you " + word[:-2]
    if lower.endswith("s"):
        return "you " + word[:-1]
    return match[0]


def _their_to_your(text: str) -> str:
    out = re.sub(r"\bthey're\b", "you're", text, flags=re.IGNORECASE)
    out = re.sub(r"\btheir\b", "your", out, flags=re.IGNORECASE)
    out = re.sub(r"\bthem\b", "you", out, flags=re.IGNORECASE)
    return re.sub(r"\bthey\b", "you", out, flags=re.IGNORECASE)


_PAST = (
    r"^(?:\w+ed|gave|wrote|spoke|led|ran|built|made|took|went|began|became|taught|won|got"
    r"|left|grew|founded|sold|bought|brought|chose|drove|found|held|kept|knew|lost|met|paid"
    r"|put|read|said|saw|sent|set|shut|sat|stood|told|thought|understood|has|had|is|was"
    r"|works|worked|runs|leads|manages|teaches|writes|speaks|builds|raised|hires|opened"
    r"|moved|launched)\b"
)


def _with_subject(clause: str, subject: str) -> str:
    """A note written as a fragment ("Gave a talk at PyCon") gets its subject back
    ("you gave a talk at PyCon"); a full clause is left as it is. An organization's
    present-tense fragment ("Builds data platforms") takes "it", which agrees."""
    match = _regex(_PAST).match(clause)
    if not match:
        return clause
    verb = match[0].lower()
    if subject == "they" and verb.endswith("s") and not verb.endswith("ss"):
        subject = "it"
    return f"{subject} {clause[:1].lower()}{clause[1:]}"


def research_question(note: ResearchNote) -> tuple[str, str, QuestionKind]:
    """The formal and casual wording, and the kind, of the question a note leads to.

    >>> research_question(ResearchNote(subject="person", text="Gave a talk on APIs."))[1]
    'I saw that you gave a talk on APIs. What got you into that topic?'
    """
    clause = as_clause(note.text)
    if note.subject is ResearchSubject.PERSON:
        clause = _with_subject(clause, "you")
    elif note.subject is ResearchSubject.ORGANIZATION:
        clause = _with_subject(clause, "they")
    if note.subject is ResearchSubject.PERSON:
        clause = to_second_person(clause)
        situation = (
            "person-voice"
            if _regex(_VOICE).search(clause)
            else "person-career"
            if _regex(_CAREER).search(clause)
            else "person"
        )
    elif note.subject is ResearchSubject.ORGANIZATION:
        situation = (
            "org-challenge"
            if _regex(_CHALLENGE).search(clause)
            else "org-change"
            if _regex(_CHANGE).search(clause)
            else "org"
        )
    else:
        situation = "target-trend" if _regex(_TREND).search(clause) else "target"
    formal, casual, kind = _TEMPLATES[situation]
    return formal.replace("{note}", clause), casual.replace("{note}", clause), kind


def goal_question(goal: str) -> tuple[str, str, QuestionKind]:
    """The question a learning goal (G3) asks, in both registers, and its kind.

    >>> goal_question("Find out how they train juniors")[0]
    'Could you tell me how you train juniors?'
    >>> goal_question("What does a typical week look like?")[0]
    'What does a typical week look like?'
    """
    text = " ".join(goal.split()).rstrip(" .!;:")
    kind = next((k for k, cue in _KIND_CUES if _regex(cue).search(text)), QuestionKind.NEEDS)
    if text.endswith("?"):  # asked as it stands, but to them: "did she" -> "did you"
        asked = to_second_person(_their_to_your(text))
        asked = asked[:1].upper() + asked[1:]
        return asked, asked, kind
    stripped = _regex(_GOAL_VERB).sub("", text, count=1)
    rest = _their_to_your(stripped).strip() or text
    lowered = rest[:1].lower() + rest[1:]
    if _regex(_WH).match(rest):
        if stripped == text:  # already a question, only its mark missing
            asked = rest[:1].upper() + rest[1:] + "?"
            return asked, asked, kind
        return f"Could you tell me {lowered}?", f"Can you tell me {lowered}?", kind
    return f"Could you tell me about {lowered}?", f"Can you tell me about {lowered}?", kind


def _short_hash(text: str) -> str:
    import hashlib  # here, not at the top: OpenSSL takes milliseconds to load

    return hashlib.sha256(text.encode()).hexdigest()[:10]


class ResearchGenerator:
    """Turns the interview's research notes and learning goals into targeted questions."""

    name = "research"

    def generate(self, context: PlanContext) -> Iterable[SuggestedQuestion]:
        """One question per research note and per goal (the interview's and its targets')."""
        for note in context.interview.research:
            why = f"from your research note ({note.subject}): {as_clause(note.text)}"
            yield self._question("note", note.text, research_question(note), why)
        goals = [*context.interview.goals, *(g for t in context.targets for g in t.goals)]
        for goal in dict.fromkeys(goals):
            why = f"from your learning goal: {as_clause(goal)}"
            yield self._question("goal", goal, goal_question(goal), why)

    def _question(
        self, prefix: str, source_text: str, made: tuple[str, str, QuestionKind], why: str
    ) -> SuggestedQuestion:
        formal, casual, kind = made
        return SuggestedQuestion(
            id=f"{prefix}-{_short_hash(source_text)}",
            kind=kind,
            formal=formal,
            casual=casual,
            seconds=120,
            boost=RESEARCH_BOOST,
            why=why,
            source=self.name,
        )


@hookimpl
def infoint_question_generators() -> list[ResearchGenerator]:
    """The research-and-goals generator."""
    return [ResearchGenerator()]
