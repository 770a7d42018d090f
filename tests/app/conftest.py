"""One loaded spaCy pipeline for the whole session: loading it takes about a second."""

import pytest

from annotator.app.suggestions import Suggester
from annotator.nlp.pipelines import BUNDLED_PIPELINE


@pytest.fixture(scope="session")
def loaded_suggester() -> Suggester:
    """Pass it to suggest_project(suggester=...); each call replaces its memory."""
    suggester = Suggester(model=BUNDLED_PIPELINE)
    suggester.load()
    return suggester
