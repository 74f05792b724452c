"""A text file as lines that keep their own line endings, so untouched lines are written back as they were."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BOM = "\ufeff"


@dataclass
class Lines:
    """The lines of a text file, each with the line ending it had.

    Indexes match the lines the readers see: the text is split on every line break, so a file
    ending with a line break has a last, empty line without an ending.
    """

    texts: list[str] = field(default_factory=list)
    endings: list[str] = field(default_factory=list)
    bom: bool = False
    newline: str = "\n"
    """The line ending new lines get: the one the file uses most."""

    @classmethod
    def parse(cls, text: str) -> Lines:
        """Split decoded text into lines, remembering each line's ending."""
        bom = text.startswith(_BOM)
        if bom:
            text = text[1:]
        texts: list[str] = []
        endings: list[str] = []
        start = 0
        for match in _LINE_BREAK.finditer(text):
            texts.append(text[start : match.start()])
            endings.append(match.group())
            start = match.end()
        texts.append(text[start:])
        endings.append("")
        common = Counter(e for e in endings if e).most_common(1)
        return cls(texts, endings, bom, common[0][0] if common else "\n")

    @classmethod
    def decode(cls, raw: bytes) -> Lines:
        """Decode UTF-8 bytes (raising ``UnicodeDecodeError``) into lines."""
        return cls.parse(raw.decode("utf-8"))

    def normalised(self) -> str:
        """Return the text with ``\\n`` line endings only, as the readers see it."""
        return "\n".join(self.texts)

    def to_text(self) -> str:
        """Return the text with every line's own ending."""
        body = "".join(text + ending for text, ending in zip(self.texts, self.endings, strict=True))
        return (_BOM if self.bom else "") + body

    def to_bytes(self) -> bytes:
        """Return the file's new content as UTF-8."""
        return self.to_text().encode("utf-8")

    def __len__(self) -> int:
        return len(self.texts)

    def replace(self, index: int, text: str) -> None:
        """Change the text of one line, keeping its ending."""
        self.texts[index] = text

    def insert(self, index: int, texts: list[str]) -> None:
        """Insert new lines before line ``index``; they get the file's usual line ending."""
        if not texts:
            return
        if index >= len(self.texts):  # after the last line: that line needs an ending now
            index = len(self.texts)
            if not self.endings[-1]:
                self.endings[-1] = self.newline
            self.texts.extend(texts)
            self.endings.extend([self.newline] * (len(texts) - 1) + [""])
            return
        self.texts[index:index] = texts
        self.endings[index:index] = [self.newline] * len(texts)

    def delete(self, start: int, stop: int) -> None:
        """Delete lines ``start`` to ``stop - 1``."""
        del self.texts[start:stop]
        del self.endings[start:stop]
