"""scikit-learn: the transformer in real vectorizers, pipelines, grid search and joblib files."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from gui.engine import Profile, ProfileError, load_preset, normalize, save_profile
from gui.engine.profile import RuleStep
from gui.workflow.integrations.sklearn import TextwashTransformer
from tests.conftest import REPO, SMALL_CSV

sklearn = pytest.importorskip(
    "sklearn", reason="scikit-learn not installed (pip install '.[sklearn]')"
)
joblib = pytest.importorskip("joblib", reason="joblib comes with scikit-learn")

from sklearn.base import clone  # noqa: E402
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GridSearchCV  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402


@pytest.fixture(scope="module")
def bodies() -> list[str]:
    """News texts without their opening dateline."""
    undated = Profile("undated", (RuleStep("remove_dateline"),))
    with SMALL_CSV.open(encoding="utf-8", newline="") as handle:
        return [normalize(row["text"], undated) for row in csv.DictReader(handle)]


@pytest.fixture(scope="module")
def texts(bodies) -> list[str]:
    """Each body twice, with and without a Reuters dateline: the label leak of ISOT data."""
    return [f"WASHINGTON (Reuters) - {body}" for body in bodies] + bodies


@pytest.fixture(scope="module")
def labels(bodies) -> list[int]:
    return [1] * len(bodies) + [0] * len(bodies)


def test_as_a_vectorizer_preprocessor_it_is_normalize(texts):
    ours = CountVectorizer(preprocessor=TextwashTransformer("wordopt")).fit(texts)
    theirs = CountVectorizer(preprocessor=lambda text: normalize(text, "wordopt")).fit(texts)
    assert ours.vocabulary_ == theirs.vocabulary_
    assert "2017" not in ours.vocabulary_  # wordopt deletes words with digits


def test_as_a_pipeline_step_it_transforms_like_normalize(texts, labels):
    step = TextwashTransformer("clean")
    assert step.fit(texts) is step
    assert step.transform(texts) == [normalize(text, "clean") for text in texts]
    assert step.fit_transform(texts) == step.transform(texts)
    model = make_pipeline(
        TextwashTransformer("wordopt"), TfidfVectorizer(), LogisticRegression(C=100)
    )
    model.fit(texts, labels)
    assert list(model.predict(texts)) == labels


def test_params_clone_and_grid_search(texts, labels):
    step = TextwashTransformer("wordopt", jobs=2)
    assert step.get_params() == {"profile": "wordopt", "jobs": 2}
    assert step.set_params(profile="clean") is step and step.profile == "clean"
    copy = clone(step)
    assert copy is not step and copy.get_params() == step.get_params()
    search = GridSearchCV(
        make_pipeline(TextwashTransformer(), CountVectorizer(), LogisticRegression(C=100)),
        {"textwashtransformer__profile": ["wordopt", "news-leak-safe"]},
        cv=2,
    ).fit(texts, labels)
    # news-leak-safe strips the dateline: nothing is left to tell the two copies apart.
    scores = dict(
        zip(
            search.cv_results_["param_textwashtransformer__profile"],
            search.cv_results_["mean_test_score"],
            strict=True,
        )
    )
    assert scores == {"wordopt": 1.0, "news-leak-safe": 0.5}


def test_a_frame_column_and_a_bad_profile(texts):
    pandas = pytest.importorskip("pandas", reason="pandas not installed")
    frame = pandas.DataFrame({"text": texts})
    step = TextwashTransformer("wordopt")
    assert step.transform(frame[["text"]]) == step.transform(frame["text"])
    with pytest.raises(ValueError, match="one column"):
        step.transform(pandas.DataFrame({"a": ["x"], "b": ["y"]}))
    with pytest.raises(ProfileError, match="nope"):
        TextwashTransformer("nope").fit(texts)


def test_a_joblib_file_keeps_the_profile_it_was_saved_with(texts, tmp_path):
    path = tmp_path / "mine.toml"
    save_profile(Profile("mine", (RuleStep("lowercase"),)), path)
    model = make_pipeline(TextwashTransformer(path), CountVectorizer(lowercase=False)).fit(texts)
    vectorizer = CountVectorizer(preprocessor=TextwashTransformer(path)).fit(texts)
    saved = tmp_path / "model.joblib"
    joblib.dump((model, vectorizer), saved)
    expected = (model.transform(texts).toarray(), vectorizer.transform(texts).toarray())
    path.unlink()  # the profile file is gone: the model carries its content
    loaded_model, loaded_vectorizer = joblib.load(saved)
    assert (loaded_model.transform(texts).toarray() == expected[0]).all()
    assert (loaded_vectorizer.transform(texts).toarray() == expected[1]).all()
    assert loaded_model.steps[0][1].get_params()["profile"] == path
    step = loaded_model.steps[0][1]
    with pytest.raises(ProfileError, match=r"mine\.toml"):
        step.set_params(profile=path).transform(texts)


def test_without_scikit_learn_it_still_transforms():
    """A subprocess where scikit-learn cannot be imported: the fallback methods."""
    code = (
        "import sys; sys.modules['sklearn'] = None\n"
        "from gui.workflow.integrations.sklearn import TextwashTransformer\n"
        "step = TextwashTransformer('wordopt')\n"
        "print(step.fit_transform(['Covid19 hit U.S.']), step('A.B'), step.get_params())\n"
        "print(step.set_params(jobs=2).jobs)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == [
        "[' hit u s '] a b {'profile': 'wordopt', 'jobs': 1}",
        "2",
    ]


def test_a_profile_value_is_shown_by_name():
    assert repr(TextwashTransformer(load_preset("clean"))) == (
        "TextwashTransformer(profile=<Profile 'clean'>, jobs=1)"
    )
