"""G19's spelling rule in linear time (issue 12): every word the dictionary does not
know is reported, and the search for its suggestion is bounded.

No test here measures time: each counts pyspellchecker's expensive operations on the
rule's dictionary, the one-edit expansions (``edit_distance_1``, about a millisecond)
and the two-edit searches (``candidates`` of a word with nothing one edit away, up to
a second). Before the bound, every unknown word of up to eight letters had a two-edit
search: 20,000 characters of made-up words took about 45 minutes.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoint import rules
from infoint.rules import BUILTIN_RULES, LintContext, Spelling, TextKind, lint

T = TextKind.THANK_YOU
PLAIN = "check the spelling (a name the dictionary does not know is fine)"
CEILING = 2_000
"""More one-edit expansions than any bounded check makes: the counter stops a check
that would run for minutes (each two-edit search makes about 800)."""


@attrs.define
class Searches:
    """How many searches of each kind the rule asked pyspellchecker for."""

    one_edit: int = 0
    """Expansions asked for by the rule itself (not inside a two-edit search)."""
    two_edit: int = 0
    inside_two_edit: bool = False


@pytest.fixture
def searches() -> Iterator[Searches]:
    """Count the searches on the rule's own checker, with no cached answers."""
    with counted() as count:
        yield count


@contextlib.contextmanager
def counted(*, real_two_edit: bool = True) -> Iterator[Searches]:
    """Count the searches on the rule's own checker, with no cached answers; without
    ``real_two_edit``, a two-edit search finds nothing at once."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield from _counting(monkeypatch, real_two_edit)


def _counting(monkeypatch: pytest.MonkeyPatch, real_two_edit: bool) -> Iterator[Searches]:
    checker = type(rules._checker())  # its instances have slots: wrap the class
    count = Searches()
    one_edit: Callable[[Any, str], set[str]] = checker.edit_distance_1
    two_edit: Callable[[Any, str], Any] = checker.candidates

    def edit_distance_1(self: Any, word: str) -> set[str]:
        if not count.inside_two_edit:
            count.one_edit += 1
            assert count.one_edit <= CEILING, "the one-edit searches are not bounded"
        return one_edit(self, word)

    def candidates(self: Any, word: str) -> Any:
        count.two_edit += 1
        assert count.two_edit <= 3, "the two-edit searches are not bounded"
        if not real_two_edit:
            return None
        count.inside_two_edit = True
        try:
            return two_edit(self, word)
        finally:
            count.inside_two_edit = False

    # pyspellchecker's own calls (self.edit_distance_1) go through the wrappers too.
    monkeypatch.setattr(checker, "edit_distance_1", edit_distance_1)
    monkeypatch.setattr(checker, "candidates", candidates)
    rules._correction.cache_clear()
    yield count
    rules._correction.cache_clear()


def made_up_words() -> Iterator[str]:
    """Distinct made-up words of eight letters ("bacedifo"...), none in the dictionary
    (each has a "qz"), so each would have had a two-edit search."""
    syllables = ["".join(p) for p in itertools.product("bcdfghjklmnprstvw", "aeiou")]
    for first, second, third in itertools.product(syllables, repeat=3):
        yield first + "qz" + second + third


def text_of(words: Iterator[str], length: int) -> tuple[str, list[str]]:
    """Words of ``words`` joined by spaces, up to ``length`` characters; and the words."""
    taken: list[str] = []
    size = -1
    for word in words:
        if size + 1 + len(word) > length:
            break
        taken.append(word)
        size += 1 + len(word)
    return " ".join(taken), taken


def excerpts(text: str) -> list[str]:
    return [f.excerpt for f in Spelling().check(text, LintContext(kind=T))]


# ---------------------------------------------------------------- long texts


def test_g19_20000_characters_of_made_up_words_are_all_reported_after_few_searches(
    searches: Searches,
) -> None:
    text, words = text_of(made_up_words(), 20_000)
    assert len(text) > 19_990 and len(words) == 2222
    found = lint(text, BUILTIN_RULES, LintContext(kind=T))
    spelling = [f for f in found if f.rule == "spelling"]
    assert [f.excerpt for f in spelling] == words  # every one, in order
    assert {f.rule for f in found} == {"spelling", "thank-you-length"}
    assert searches.two_edit == 0  # a long text: one edit away only
    assert rules._ALWAYS_SEARCHED <= searches.one_edit <= rules._MOST_SEARCHED
    assert all(f.suggestion == PLAIN for f in spelling[rules._MOST_SEARCHED :])


def test_g19_a_word_found_again_is_not_searched_again(searches: Searches) -> None:
    word = next(made_up_words())
    text = " ".join([word, "recieved"] * 1500)
    assert len(text) > rules._SHORT_TEXT
    found = Spelling().check(text, LintContext(kind=T))
    assert [f.excerpt for f in found] == [word, "recieved"] * 1500
    assert {f.suggestion for f in found[1::2]} == {"did you mean 'received'?"}
    assert (searches.one_edit, searches.two_edit) == (2, 0)


def test_g19_a_long_text_has_no_two_edit_search(searches: Searches) -> None:
    text = "See you tommorow. " + " ".join(["Thank you for the advice."] * 100)
    assert len(text) > rules._SHORT_TEXT
    [f] = Spelling().check(text, LintContext(kind=T))
    assert (f.excerpt, f.suggestion) == ("tommorow", PLAIN)
    assert searches.two_edit == 0


# ---------------------------------------------------------------- short texts


def test_g19_a_short_text_keeps_its_two_edit_search(searches: Searches) -> None:
    # Nothing is one edit away from "tommorow"; "tomorrow" is two.
    [f] = Spelling().check("See you tommorow!", LintContext(kind=T))
    assert f.suggestion == "did you mean 'tomorrow'?"
    assert searches.two_edit == 1


def test_g19_a_short_text_of_made_up_words_has_one_two_edit_search(
    searches: Searches,
) -> None:
    text, words = text_of(made_up_words(), 370)  # the text of issue 12: 16 s before
    assert len(words) == 41
    found = Spelling().check(text, LintContext(kind=T))
    assert [f.excerpt for f in found] == words
    assert searches.two_edit == rules._FULL_SEARCHES == 1
    assert searches.one_edit <= rules._MOST_SEARCHED
    assert {f.suggestion for f in found} == {PLAIN}


def test_g19_the_first_words_are_searched_whatever_the_time_budget(
    searches: Searches, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No time at all: the first three words still get their suggestions (the same in
    # every run); the fourth, which has one, gets none.
    monkeypatch.setattr(rules, "_SEARCH_SECONDS", 0.0)
    text = "I recieved it, definately an oppurtunity, so wierd."
    found = Spelling().check(text, LintContext(kind=T))
    assert [(f.excerpt, f.suggestion) for f in found] == [
        ("recieved", "did you mean 'received'?"),
        ("definately", "did you mean 'definitely'?"),
        ("oppurtunity", "did you mean 'opportunity'?"),
        ("wierd", PLAIN),
    ]
    assert searches.one_edit == rules._ALWAYS_SEARCHED == 3


def test_g19_with_time_left_the_words_after_the_first_are_searched(
    searches: Searches,
) -> None:
    text = "I recieved it, definately an oppurtunity, so wierd."
    found = Spelling().check(text, LintContext(kind=T))
    assert found[-1].suggestion == "did you mean 'weird'?"
    assert searches.two_edit == 0


# ---------------------------------------------------------------- any text

known_words = st.sampled_from(["thank", "you", "advice", "Ada", "team's", "colours", "I"])
letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=5)
unknown_words = st.builds(lambda head, tail: head + "qz" + tail, letters, letters).flatmap(
    lambda word: st.sampled_from([word, word.capitalize()])
)
separators = st.sampled_from([" ", ", ", ".\n", " - ", "! "])


@given(
    pieces=st.lists(
        st.tuples(st.one_of(known_words, unknown_words, unknown_words), separators),
        max_size=400,
    )
)
def test_g19_any_text_reports_every_unknown_word_after_bounded_searches(
    pieces: list[tuple[str, str]],
) -> None:
    text = "".join(word + separator for word, separator in pieces)
    unknown = [word for word, _ in pieces if "qz" in word.casefold()]
    with counted(real_two_edit=False) as searches:
        found = Spelling().check(text, LintContext(kind=T))
    assert [f.excerpt for f in found] == unknown
    distinct = len({word.casefold() for word in unknown})
    assert min(distinct, rules._ALWAYS_SEARCHED) <= searches.one_edit
    assert searches.one_edit <= min(distinct, rules._MOST_SEARCHED)
    assert searches.two_edit <= (rules._FULL_SEARCHES if len(text) <= 2_000 else 0)
    answers: dict[str, str] = {}
    for f in found:  # a word found again gets the same suggestion
        assert answers.setdefault(f.excerpt.casefold(), f.suggestion.casefold()) == (
            f.suggestion.casefold()
        )


# ---------------------------------------------------------------- web addresses

address_pieces = st.sampled_from(
    [
        "https://qzsite.example.com/qzpath",
        "www.qzsite.org",
        "ada.qz@qzmail.io",
        "qzcompany.co.uk/jobs",
        "qzword",
        "thanks",
        "qzword's",
    ]
)


@given(pieces=st.lists(st.tuples(address_pieces, separators), max_size=200))
def test_g19_words_in_addresses_are_left_out_in_one_pass(
    pieces: list[tuple[str, str]],
) -> None:
    # Against the former test of each word against every address (quadratic).
    text = "".join(piece + separator for piece, separator in pieces)
    addresses = [m.span() for m in re.finditer(rules._NOT_WORDS, text, re.I | re.M)]
    words = re.finditer(rules._SPELLED_WORD, text, re.I | re.M)
    expected = [
        m.span() for m in words if not any(s < m.end() and m.start() < e for s, e in addresses)
    ]
    assert [m.span() for m in rules._words_outside_addresses(text)] == expected


def test_g19_thousands_of_addresses_leave_out_their_words_only() -> None:
    text = "Links: " + " and ".join(f"https://qzsite{i}.example.com/qzpath" for i in range(2000))
    found = excerpts(text + " qzword.")
    assert found == ["qzword"]
