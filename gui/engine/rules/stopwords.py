"""Stop words: delete words found in a list.

The English list ships in `resources/stopwords/english.txt`; a profile may
point `list_file` at the user's own list (one word per line, UTF-8, `#`
comments); a relative path in a profile file means beside that file. The
list is read once, when the rule is built, so a missing file is reported by
name before any text runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from gui.engine.edits import Edit
from gui.engine.rule import EditsTransform, Param, ParamError, Reach, Rule, Transform
from gui.io.resources import resource_path
from gui.io.textio import LIST_LIMIT, read_limited

CATEGORY = "Words"

# A word, with inner apostrophes (don't, it’s), as stop-word lists spell them.
WORD_PATTERN = re.compile(r"\w+(?:['’]\w+)*")


def parse_word_list(text: str) -> frozenset[str]:
    """The words of a list file: one per line, `#` comments and blank lines skipped."""
    words = set()
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word.replace("’", "'"))
    return frozenset(words)


@cache
def english_stop_words() -> frozenset[str]:
    return parse_word_list(resource_path("stopwords", "english.txt").read_text(encoding="utf-8"))


def load_word_list(path: str) -> frozenset[str]:
    """Read a user's list; ParamError naming the path when it cannot be read."""
    file = Path(path).expanduser()
    try:
        return parse_word_list(read_limited(file, LIST_LIMIT).decode("utf-8"))  # issue 9
    except FileNotFoundError:
        raise ParamError(f"stop-word list not found: {file}") from None
    except UnicodeDecodeError:
        raise ParamError(f"stop-word list is not UTF-8 text: {file}") from None
    except OSError as error:
        raise ParamError(f"cannot read stop-word list {file}: {error.strerror}") from None


def _build_stopwords(list_file: str, ignore_case: bool) -> Transform:
    words = load_word_list(list_file) if list_file else english_stop_words()
    if ignore_case:
        words = frozenset(word.lower() for word in words)

    def edits(text: str) -> Iterator[Edit]:
        for match in WORD_PATTERN.finditer(text):
            word = match.group().replace("’", "'")
            if (word.lower() if ignore_case else word) in words:
                yield Edit(match.start(), match.end(), "")

    return EditsTransform(edits)


REMOVE_STOPWORDS = Rule(
    id="remove_stopwords",
    label="Delete stop words",
    description=(
        "Delete common function words (the, of, don't ...) from the English list or "
        "your own list file; the spaces around them stay."
    ),
    build=_build_stopwords,
    params=(
        Param(
            "list_file",
            str,
            "",
            "Your own list (one word per line, UTF-8), relative to the profile file; "
            "empty uses the English list.",
            is_path=True,
            monospace=True,
        ),
        Param("ignore_case", bool, True, "Match The and THE as well as the."),
    ),
    reach=Reach.SPACE,  # a word (with inner apostrophes) holds no whitespace
    category=CATEGORY,
    examples=(("The cat sat on the mat", " cat sat   mat"), ("Don’t stop", " stop")),
)

# This family's rules, in catalogue order: the registry collects them.
RULES = (REMOVE_STOPWORDS,)
