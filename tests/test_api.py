"""The public API, and the JSON Schema shipped with it."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema

import veille

from conftest import SAMPLES


def test_all_is_exactly_the_public_api():
    assert sorted(veille.__all__) == sorted([
        "Article", "Block", "ExitCode", "Options", "Quality", "Removal", "Signals", "VeilleError",
        "__version__", "analyze", "analyze_bytes", "analyze_text", "article_schema", "process", "read", "repair",
    ])
    for name in veille.__all__:
        assert getattr(veille, name) is not None


def test_shipped_schema_is_current():
    shipped = json.loads(resources.files("veille").joinpath("schema/article.schema.json").read_text("utf-8"))
    assert shipped == veille.article_schema(), "run: python scripts/gen_schema.py"


def test_output_validates_against_schema():
    article = veille.analyze(str(SAMPLES / "fr-visite-dakar.txt"))
    jsonschema.validate(json.loads(article.to_json()), veille.article_schema())
    assert veille.Article.model_validate_json(article.to_json()) == article


def test_same_input_same_id(tmp_path):
    a = veille.analyze(str(SAMPLES / "en-eu-summit.txt"))
    copy = tmp_path / "copy.txt"
    copy.write_bytes((SAMPLES / "en-eu-summit.txt").read_bytes())
    assert veille.analyze(str(copy)).id == a.id
    assert veille.analyze_text("Un autre texte, différent, pour voir.").id != a.id


def test_error_has_code_and_exit(tmp_path):
    try:
        veille.analyze(str(tmp_path / "none.txt"))
    except veille.VeilleError as exc:
        assert exc.code == "E001" and exc.exit_code == veille.ExitCode.NOT_FOUND
        assert str(tmp_path / "none.txt") in str(exc)
    else:
        raise AssertionError("no error raised")
