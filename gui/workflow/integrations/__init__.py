"""Textwash profiles inside other people's tools, each an optional extra.

- `sklearn`: a scikit-learn transformer, also a vectorizer's `preprocessor=`
  (`pip install 'textwash[sklearn]'`);
- `datatrove`: a datatrove pipeline step (`pip install 'textwash[datatrove]'`).

Each module imports its library only when used, and says so in one line when
it is missing.
"""
