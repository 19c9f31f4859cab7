"""The seed function, verbatim: the reference every fast path is checked against.

This is the `wordopt` function as fake-news notebooks copy it, with Python's
`re` and the seed's own patterns (quadratic ones included). Keep it exactly
as it is: it defines what "byte-identical to the seed" means.
"""

import re
import string

SEED_STEPS = (
    ("lowercase", None),
    ("remove_brackets", (r"\[.*?\]", "")),
    ("nonword_to_space", (r"\W", " ")),
    ("remove_urls", (r"https?://\S+|www\.\S+", "")),
    ("remove_html_tags", (r"<.*?>+", "")),
    ("remove_punctuation", (f"[{re.escape(string.punctuation)}]", "")),
    ("remove_newlines", ("\n", "")),
    ("remove_digit_words", (r"\w*\d\w*", "")),
)


def seed_step(rule_id: str, text: str) -> str:
    """One step of the seed function, by the id of the rule that mirrors it."""
    spec = dict(SEED_STEPS)[rule_id]
    if spec is None:
        return text.lower()
    pattern, replacement = spec
    return re.sub(pattern, replacement, text)


def wordopt(text: str) -> str:
    text = text.lower()
    text = re.sub(r"\[.*?\]", "", text)
    text = re.sub("\\W", " ", text)
    text = re.sub(r"https?://\S+|www\.\S+", "", text)
    text = re.sub("<.*?>+", "", text)
    text = re.sub(f"[{re.escape(string.punctuation)}]", "", text)
    text = re.sub("\n", "", text)
    text = re.sub(r"\w*\d\w*", "", text)
    return text
