"""Lint: 20,000 characters of made-up words (every one a spelling finding, issue 12)
against 20,000 characters of dictionary words, with every built-in rule, as a
thank-you note; measured after start-up in a fresh process, and through
``infoint lint --as thank-you`` as a user runs it.

Before the spelling rule bounded its search for suggestions, each made-up word of up
to eight letters cost a search two edits away of about half a second: 40 such words
took 16 s, and 20,000 characters would take a quarter of an hour.

``python bench_lint.py measure CHARS ROUNDS`` is the measuring child; it prints JSON.
"""

from __future__ import annotations

import functools
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness import (
    INFOINT,
    PYTHON,
    Child,
    Result,
    child_env,
    heading,
    interleaved,
    median,
    run_child,
    show,
)

BENCHMARK = "lint"
TARGET_RATIO = 3.0
"""Made-up words against dictionary words of the same length: linear time with a small
constant per word, whatever the words."""
CHARS = 20_000
"""The longest text a workspace keeps."""
SHORT_CHARS = 370
"""The text of issue 12: 40 made-up words of eight letters."""

_CONSONANTS = "bcdfghjklmnprtvwz"
_VOWELS = "aeiou"


def run(quick: bool) -> list[Result]:
    rounds = 3 if quick else 7
    heading(
        f"Lint: {CHARS:,} characters of made-up words against as many of dictionary words"
        " (all built-in rules, a thank-you note)"
    )
    report = _measure_in_child(CHARS, rounds)
    made_up, dictionary = report["made-up"], report["dictionary"]
    seconds, baseline = median(made_up["times"]), median(dictionary["times"])
    short = report["short"]
    results = [
        Result(
            BENCHMARK,
            f"lint of {CHARS:,} characters of made-up words",
            seconds,
            "s",
            "the same length of dictionary words",
            baseline,
            f"ratio <= {TARGET_RATIO:g}",
            seconds / baseline <= TARGET_RATIO,
            {
                "words": f"{made_up['words']:,} made-up, {dictionary['words']:,} from the"
                " dictionary",
                "spelling findings": f"{made_up['findings']:,} (every made-up word),"
                f" {made_up['guesses']} with a suggestion; {dictionary['findings']} among"
                " the dictionary words",
                "per made-up word": f"{seconds / made_up['words'] * 1e6:.0f} µs",
                "first lint (loads the dictionary)": f"{report['cold']:.2f} s",
                f"at {SHORT_CHARS} characters": f"{median(short['made-up']):.2f} s against"
                f" {median(short['dictionary']) * 1000:.1f} ms (one search two edits away,"
                " about a second)",
            },
        ),
        _cli_result(report["texts"], rounds),
    ]
    for result in results:
        show(result)
    return results


def _measure_in_child(chars: int, rounds: int) -> dict[str, Any]:
    done = run_child(
        [PYTHON, str(Path(__file__).resolve()), "measure", str(chars), str(rounds)],
        env=child_env(),
    ).check("bench_lint measure")
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def _cli_result(texts: dict[str, str], rounds: int) -> Result:
    """``infoint lint --as thank-you FILE`` of each text: start-up and the dictionary's
    loading included, as a user waits for it."""
    with tempfile.TemporaryDirectory(prefix="infoint-bench-") as tmp:
        files = {}
        for name, text in texts.items():
            files[name] = Path(tmp) / f"{name}.txt"
            files[name].write_text(text, encoding="utf-8")

        def lint(name: str) -> Child:
            done = run_child(
                [INFOINT, "lint", "--as", "thank-you", str(files[name])], env=child_env()
            )
            if done.returncode != 1:  # both texts have findings (the note is long)
                raise RuntimeError(f"infoint lint exited {done.returncode}:\n{done.stderr}")
            return done

        runs = interleaved({name: functools.partial(lint, name) for name in texts}, rounds)
    seconds = {name: median([c.seconds for c in found]) for name, found in runs.items()}
    return Result(
        BENCHMARK,
        f"infoint lint --as thank-you, {CHARS:,} characters of made-up words",
        seconds["made-up"],
        "s",
        "the same of dictionary words",
        seconds["dictionary"],
        details={"findings printed": f"{runs['made-up'][0].stdout.count(chr(10)):,}"},
    )


# ---------------------------------------------------------------- the measuring child


def measure(chars: int, rounds: int) -> dict[str, Any]:
    """Lint a new text of each kind in each of ``rounds`` rounds, in turns (new words
    each time: nothing is answered from an earlier round's cache), after a first lint
    that loads the dictionary."""
    from spellchecker import SpellChecker

    from infoint.rules import BUILTIN_RULES, LintContext, TextKind, lint

    checker = SpellChecker(language="en")
    rng = random.Random(12)
    words: dict[str, Callable[[], str]] = {
        "made-up": functools.partial(_made_up_word, rng, checker),
        "dictionary": _dictionary_words(checker, rng),
    }
    context = LintContext(kind=TextKind.THANK_YOU)

    def timed(text: str) -> tuple[float, list[Any]]:
        start = time.perf_counter()
        found = lint(text, BUILTIN_RULES, context)
        return time.perf_counter() - start, found

    cold = timed("Thank you, I recieved your advice.")[0]
    report: dict[str, Any] = {"cold": cold, "texts": {}, "short": {name: [] for name in words}}
    for name in words:
        report[name] = {"times": [], "words": 0, "findings": 0, "guesses": 0}
    for round_ in range(rounds):
        for name in list(words) if round_ % 2 == 0 else list(reversed(words)):
            text = _text(chars, words[name])
            seconds, found = timed(text)
            spelling = [f for f in found if f.rule == "spelling"]
            if name == "made-up" and len(spelling) != len(text.split()):
                raise RuntimeError("not every made-up word was reported: this measures nothing")
            report[name]["times"].append(seconds)
            report[name]["words"] = len(text.split())
            report[name]["findings"] = len(spelling)
            report[name]["guesses"] = sum(f.suggestion.startswith("did you") for f in spelling)
            report["texts"][name] = text
            report["short"][name].append(timed(_text(SHORT_CHARS, words[name]))[0])
    return report


def _text(chars: int, word: Callable[[], str]) -> str:
    """Words from ``word()`` joined by spaces, up to ``chars`` characters."""
    words: list[str] = []
    size = -1
    while True:
        next_word = word()
        if size + 1 + len(next_word) > chars:
            return " ".join(words)
        words.append(next_word)
        size += 1 + len(next_word)


def _made_up_word(rng: random.Random, checker: Any) -> str:
    """Four syllables the dictionary does not know as a word ("bitoleva")."""
    while True:
        word = "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(4))
        if checker.unknown([word]):
            return word


def _dictionary_words(checker: Any, rng: random.Random) -> Callable[[], str]:
    """Frequent dictionary words of three letters or more, drawn at random."""
    frequent = [
        word
        for word, _ in checker.word_frequency.dictionary.most_common(5_000)
        if word.isalpha() and len(word) >= 3
    ]
    return lambda: rng.choice(frequent)


if __name__ == "__main__":
    if sys.argv[1:2] != ["measure"]:
        sys.exit(__doc__)
    print(json.dumps(measure(int(sys.argv[2]), int(sys.argv[3]))))
