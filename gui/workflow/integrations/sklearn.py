"""scikit-learn: a Textwash profile as a transformer, and as a vectorizer's preprocessor.

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from gui.workflow.integrations.sklearn import TextwashTransformer

    model = make_pipeline(TextwashTransformer("news-leak-safe"), TfidfVectorizer(),
                          LogisticRegression()).fit(texts, labels)
    TfidfVectorizer(preprocessor=TextwashTransformer("wordopt"))   # str -> str

`TextwashTransformer(profile, jobs=1)` is stateless: `fit` learns nothing,
`transform` maps an iterable of texts (a list, a pandas Series, a one-column
frame) to the list of their normalized texts, exactly `normalize_many`'s.
Called with one text it returns that text normalized, which is what
`preprocessor=` wants. `get_params`/`set_params` and `clone` work (the profile
is a hyperparameter: grid-search presets by name).

Saved with `joblib.dump` or pickle, it carries the profile's *content*, not
just its name or path: a loaded model normalizes as it did when it was saved,
even where the profile file is missing or has been edited since. `clone` and
`set_params` go back to the name or path.

scikit-learn is optional: when it is installed the class is a real
`BaseEstimator`/`TransformerMixin`; without it, the same methods are
provided here, so code that only calls `transform` or uses it as a function
runs anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gui.engine.cache import ProfileSpec, cached_pipeline
from gui.engine.many import normalize_many
from gui.engine.presets import DEFAULT_PRESET
from gui.engine.profile import Profile

try:
    from sklearn.base import BaseEstimator, TransformerMixin
except ImportError:  # scikit-learn is an optional extra

    class BaseEstimator:  # type: ignore[no-redef]
        """The two parameter methods of scikit-learn's BaseEstimator, for its absence."""

        def get_params(self, deep: bool = True) -> dict[str, Any]:
            return {"profile": self.profile, "jobs": self.jobs}  # type: ignore[attr-defined]

        def set_params(self, **params: Any) -> BaseEstimator:
            for name, value in params.items():
                if name not in self.get_params():
                    raise ValueError(f"invalid parameter {name!r} for {type(self).__name__}")
                setattr(self, name, value)
            return self

    class TransformerMixin:  # type: ignore[no-redef]
        def fit_transform(self, X: Any, y: Any = None, **fit_params: Any) -> Any:
            return self.fit(X, y, **fit_params).transform(X)  # type: ignore[attr-defined]


class TextwashTransformer(TransformerMixin, BaseEstimator):
    """Normalize texts with a Textwash profile (a preset name, a file path, a `Profile`)."""

    def __init__(self, profile: ProfileSpec = DEFAULT_PRESET, jobs: int | None = 1) -> None:
        self.profile = profile
        self.jobs = jobs

    def fit(self, X: Any = None, y: Any = None) -> TextwashTransformer:
        """Nothing to learn; checks that the profile can be used (ProfileError if not)."""
        cached_pipeline(self._profile())
        return self

    def transform(self, X: Iterable[str]) -> list[str]:
        """Each text normalized, in order; a one-column frame or array counts as its column."""
        return normalize_many(_texts(X), self._profile(), jobs=self.jobs)

    def __call__(self, text: str) -> str:
        """One text normalized: the vectorizers' `preprocessor=` calls it so."""
        return cached_pipeline(self._profile()).run(text)

    def _profile(self) -> ProfileSpec:
        # Set only on a transformer loaded from a pickle: the profile it was saved with.
        saved = self.__dict__.get("_saved_profile")
        return saved if saved is not None else self.profile

    def __getstate__(self) -> dict[str, Any]:
        parent = getattr(super(), "__getstate__", None)
        state = dict(parent() if parent is not None else self.__dict__)
        profile = self._profile()
        state["_saved_profile"] = cached_pipeline(profile).profile
        return state

    def set_params(self, **params: Any) -> TextwashTransformer:
        self.__dict__.pop("_saved_profile", None)
        super().set_params(**params)
        return self

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()  # scikit-learn 1.6 and newer
        tags.requires_fit = False
        tags.input_tags.string = True
        tags.input_tags.one_d_array = True
        tags.input_tags.two_d_array = False
        return tags

    def _more_tags(self) -> dict[str, Any]:  # scikit-learn before 1.6
        return {"stateless": True, "requires_fit": False, "X_types": ["string"]}

    def __repr__(self) -> str:
        profile = self.profile
        shown = f"<Profile {profile.name!r}>" if isinstance(profile, Profile) else repr(profile)
        return f"TextwashTransformer(profile={shown}, jobs={self.jobs!r})"


def _texts(X: Any) -> Iterable[str]:
    """A 1-D iterable of texts from a list, a Series, or a one-column frame or array."""
    if getattr(X, "ndim", 1) != 2:
        return X
    if X.shape[1] != 1:
        raise ValueError(f"expected one column of texts, got {X.shape[1]} columns")
    if hasattr(X, "iloc"):
        return X.iloc[:, 0]
    return [row[0] for row in X]
