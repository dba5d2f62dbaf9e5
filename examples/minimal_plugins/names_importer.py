"""An importer plugin: one person a line, ``Name <e-mail>`` or a name; ``#`` starts a
comment (``infoint import names people.txt``)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import IO

from infoint import hookimpl
from infoint.builtin.contacts_csv import make_channel, text_lines
from infoint.exchange import ImportedContact, import_error
from infoint.model import ChannelKind


class NamePerLine:
    name = "names"

    def read(self, stream: IO[bytes], source: str) -> Iterator[ImportedContact]:
        # One line in memory at a time; the stream is left open for the caller.
        with contextlib.closing(text_lines(stream, source)) as lines:
            for number, raw in enumerate(lines, start=1):
                text = raw.split("#", 1)[0].strip()
                if not text:
                    continue
                name, bracket, rest = text.partition("<")
                channels = []
                if bracket:
                    if not rest.endswith(">"):
                        raise import_error(source, number, "email", "no closing '>'")
                    email = rest[:-1].strip()
                    channels.append(
                        make_channel(source, number, "email", ChannelKind.EMAIL, email)
                    )
                if not name.strip():
                    raise import_error(source, number, "name", "no name before the '<'")
                yield ImportedContact(name=name.strip(), channels=channels, line=number)


@hookimpl
def infoint_importers() -> list[NamePerLine]:
    return [NamePerLine()]
