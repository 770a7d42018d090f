"""Finding, choosing and loading spaCy pipelines."""

import subprocess
import sys

import pytest

from annotator.errors import UserError
from annotator.nlp.pipelines import (
    BUNDLED_PIPELINE,
    PipelineInfo,
    default_pipeline,
    installed_pipelines,
    load_pipeline,
)

NER_COMPONENTS = ("tok2vec", "tagger", "parser", "ner")


def info(name: str, lang: str = "en", components: tuple[str, ...] = NER_COMPONENTS):
    return PipelineInfo(name=name, lang=lang, version="3.8.0", components=components)


def test_installed_pipelines_finds_the_bundled_one() -> None:
    """The pipeline that installs with annotator is listed, with its language and components."""
    found = {pipeline.name: pipeline for pipeline in installed_pipelines()}
    bundled = found[BUNDLED_PIPELINE]
    assert bundled.lang == "en"
    assert "ner" in bundled.components
    assert bundled.version
    assert BUNDLED_PIPELINE in bundled.label


def test_installed_pipelines_does_not_import_spacy() -> None:
    """The settings dialog lists pipelines on the GUI thread, so discovery must stay light."""
    code = (
        "import sys\n"
        "from annotator.nlp.pipelines import installed_pipelines\n"
        "names = [p.name for p in installed_pipelines()]\n"
        f"assert {BUNDLED_PIPELINE!r} in names, names\n"
        "print('spacy' in sys.modules, 'thinc' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]


def test_default_english_prefers_an_official_pipeline() -> None:
    """A user who installed en_core_web_* gets it rather than the bundled copy."""
    installed = [info(BUNDLED_PIPELINE), info("en_core_web_md"), info("en_core_web_trf")]
    assert default_pipeline("en", installed) == "en_core_web_md"
    installed.append(info("en_core_web_lg"))
    assert default_pipeline("en", installed) == "en_core_web_lg"


def test_default_english_falls_back_to_the_bundled_pipeline() -> None:
    assert default_pipeline("en", [info(BUNDLED_PIPELINE)]) == BUNDLED_PIPELINE
    assert default_pipeline("en", [info("xx_ent_wiki_sm", "xx"), info(BUNDLED_PIPELINE)]) == (
        BUNDLED_PIPELINE
    )


def test_default_for_another_language() -> None:
    """Only English installed: no German pipeline; a German one with ner is chosen when present."""
    assert default_pipeline("de", [info(BUNDLED_PIPELINE)]) is None
    assert default_pipeline("en", []) is None  # an explicit empty list is not "look it up"
    german = [
        info(BUNDLED_PIPELINE),
        info("de_dep_news_trf", "de", ("transformer", "parser")),  # no ner: useless here
        info("de_custom_news", "de"),
        info("de_core_news_md", "de"),
    ]
    assert default_pipeline("de", german) == "de_core_news_md"


def test_load_pipeline_enables_only_what_ner_needs() -> None:
    """nlp.pipe then runs ner alone: the bundled pipeline's ner has its own tok2vec."""
    nlp = load_pipeline(BUNDLED_PIPELINE, needs=("ner",))
    assert "ner" in nlp.pipe_names
    listened = {
        name
        for name, component in nlp.pipeline
        if "ner" in getattr(component, "listening_components", [])
    }
    assert set(nlp.pipe_names) == {"ner", *listened}
    assert {"tagger", "parser", "lemmatizer"} <= set(nlp.disabled)
    doc = nlp("Katrin Müller spoke in Marrowick on Monday.")
    assert ("Katrin Müller", "PERSON") in [(ent.text, ent.label_) for ent in doc.ents]


def test_load_unknown_pipeline_is_a_user_error() -> None:
    with pytest.raises(UserError, match="nope_core_news_sm"):
        load_pipeline("nope_core_news_sm", needs=("ner",))


def test_load_pipeline_without_a_needed_component_is_a_user_error() -> None:
    with pytest.raises(UserError, match="no textcat component"):
        load_pipeline(BUNDLED_PIPELINE, needs=("ner", "textcat"))
