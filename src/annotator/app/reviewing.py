"""Bring a colleague's work into a project for review, without touching their file.

Their project file is read through a private copy; their exported JSONL is read like any
import. Articles are matched by text hash, and by url or title where the two texts differ only
in whitespace (then each span is moved to the same characters in our text). Their annotations
come in under their annotator name beside the reviewer's own; articles that match nothing are
listed, and can be imported.

A colleague who worked on a copy of the reviewer's project hands back the reviewer's own
annotations too, under the reviewer's name: the name on an annotation says who drew it, and
stays when someone else changes its verdict, type, role or note (relabelling, accepting,
tagging and linking put the new person's name on). Those annotations are the colleague's
version of the reviewer's work, kept as it was or changed, so they come in as part of the
colleague's layer: a copy with one change then differs from the reviewer's layer in that one
place, and everything they left alone is agreement. The reviewer's own name therefore never
names a colleague's layer. The colleague's "reviewed" layer (their own adjudication) stays out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.domain.model import (
    REVIEWED,
    AnnotationStatus,
    ArticleDraft,
    RelationDraft,
)
from annotator.domain.text import text_sha256
from annotator.errors import UserError, shown
from annotator.interop.formats import read_articles
from annotator.interop.limits import LimitError, check_draft
from annotator.store import ProjectStore

if TYPE_CHECKING:
    from annotator.review.agreement import AgreementReport

_SQLITE_MAGIC = b"SQLite format 3\x00"
_DECIDED = (AnnotationStatus.ACCEPTED, AnnotationStatus.MANUAL)


@dataclass
class ReviewImport:
    annotators: list[str] = field(default_factory=list)  # whose work came in
    matched: list[tuple[int, str, int]] = field(default_factory=list)  # (id, title, added)
    unmatched: list[ArticleDraft] = field(default_factory=list)


@dataclass(frozen=True)
class ColleagueFile:
    """A colleague's file as read: their articles with only what someone decided (accepted or
    hand-made), each span under the name it carries there."""

    path: Path
    drafts: tuple[ArticleDraft, ...]

    @property
    def names(self) -> list[str]:
        """Every name on the file's annotations, sorted."""
        return sorted({s.annotator for d in self.drafts for s in d.spans if s.annotator})

    def colleague(self, me: str | None) -> str | None:
        """Whose work the file is, when it says: the one name on it besides `me`."""
        others = [name for name in self.names if name != me]
        return others[0] if len(others) == 1 else None

    def needs_name(self, me: str | None) -> bool:
        """Whether some of its work names nobody but `me` (or nobody), and the file does not
        say whose it is: the colleague's name has to be asked for."""
        unnamed = any(s.annotator in (None, "", me) for d in self.drafts for s in d.spans)
        return unnamed and self.colleague(me) is None


def read_colleague(path: Path) -> ColleagueFile:
    """Read a colleague's project file or JSONL (never changing it); see ColleagueFile."""
    return ColleagueFile(path, tuple(_colleague_drafts(path)))


def review_import(
    store: ProjectStore,
    colleague: Path | ColleagueFile,
    annotator: str | None = None,
    *,
    me: str | None = None,
    import_unmatched: bool = False,
) -> ReviewImport:
    """Add the colleague's decided annotations to the matching articles, all in one
    transaction; with `import_unmatched`, articles that match nothing are added as new ones.

    Those under `me` (the reviewer) or under no name are the colleague's version of the
    reviewer's work and go under the colleague's name: `annotator`, else the one other name in
    the file, else the file's name. `annotator` also renames that one other name; anyone else
    the file names (a third colleague whose work they merged) keeps their name. Without
    `annotator` or `me`, work that would join a layer the project already has is refused:
    the file may be a copy of the reviewer's project, naming only the reviewer.
    """
    work = colleague if isinstance(colleague, ColleagueFile) else read_colleague(colleague)
    theirs = work.colleague(me)
    owner = annotator or theirs or shown(work.path.stem)
    if me is not None and owner == me:
        raise UserError(
            f"{shown(work.path)}: its work would come in under your own name ({shown(me)}); "
            "give the colleague's name"
        )
    if annotator is None and me is None and owner in store.annotator_names(decided=True):
        # A copy of my project names only me: merged into my layer, their changes would vanish.
        raise UserError(
            f"{shown(work.path)}: its work is under {shown(owner)}, who already has work in "
            f"this project: if that is you, give your name with --me {shown(owner)}; if it is "
            f"the colleague's, give it with --annotator {shown(owner)}"
        )
    drafts = [_named(draft, owner, {me, theirs}) for draft in work.drafts]
    result = ReviewImport()
    names: set[str] = set()
    with store.transaction():
        for draft in drafts:
            names.update(s.annotator for s in draft.spans if s.annotator)
            same_text = store.article_ids_with_hash(text_sha256(draft.text))
            target = same_text[0] if same_text else None
            moved = draft
            if target is None:
                target, moved = _match_loosely(store, draft)
            if target is None:
                result.unmatched.append(draft)
                continue
            spans, relations = store.merge_annotations(target, moved)
            result.matched.append((target, draft.title, spans + relations))
        if import_unmatched and result.unmatched:
            store.add_articles(result.unmatched)
    result.annotators = sorted(names)
    return result


def project_agreement(store: ProjectStore) -> AgreementReport:
    """Agreement between everyone who annotated the project (the reviewed layer aside)."""
    from annotator.review.agreement import agreement

    return agreement(
        (
            article.text,
            article.language,
            [a for a in store.annotations(article.id) if a.annotator != REVIEWED],
        )
        for article in store.articles()
    )


def _named(draft: ArticleDraft, owner: str, replaced: set[str | None]) -> ArticleDraft:
    """The draft with its spans and links under no name, or a `replaced` one, put under
    `owner`; every other name stays."""

    def name(current: str | None) -> str:
        return owner if not current or current in replaced else current

    return replace(
        draft,
        spans=tuple(replace(s, annotator=name(s.annotator)) for s in draft.spans),
        relations=tuple(replace(r, annotator=name(r.annotator)) for r in draft.relations),
    )


def _colleague_drafts(path: Path) -> list[ArticleDraft]:
    """Their articles with only what someone decided (accepted or hand-made), outside their
    reviewed layer, each span under the name it carries."""
    if _is_sqlite(path):
        with ProjectStore.read_copy(path) as theirs:
            drafts = [_draft_of(theirs, article_id) for article_id in theirs.article_ids()]
        for number, draft in enumerate(drafts, start=1):  # what an import would refuse
            try:
                check_draft(draft)
            except LimitError as error:
                raise UserError(f"{shown(path)}: article {number}: {error}") from None
    else:
        drafts = read_articles(path).articles
    out = []
    for draft in drafts:
        keep = [
            i for i, s in enumerate(draft.spans) if s.status in _DECIDED and s.annotator != REVIEWED
        ]
        index = {old: new for new, old in enumerate(keep)}
        spans = tuple(draft.spans[i] for i in keep)
        relations = tuple(
            replace(r, head=index[r.head], child=index[r.child])
            for r in draft.relations
            if r.head in index and r.child in index
        )
        out.append(replace(draft, spans=spans, relations=relations, source=path.name))
    return out


def _is_sqlite(path: Path) -> bool:
    """Whether the colleague's file is a project (a pipe is refused, not opened: that would
    wait for a writer)."""
    if path.exists() and not path.is_file() and not path.is_dir():
        raise UserError(f"{shown(path)}: is a pipe or a device, not a file")
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError as error:
        raise UserError(f"{shown(path)}: cannot be read ({error.strerror})") from None


def _draft_of(store: ProjectStore, article_id: int) -> ArticleDraft:
    article = store.article(article_id)
    assert article is not None
    annotations = store.annotations(article_id)
    position = {a.id: i for i, a in enumerate(annotations)}
    return ArticleDraft(
        text=article.text,
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        url=article.url,
        published=article.published,
        language=article.language,
        meta=article.meta,
        spans=tuple(a.draft() for a in annotations),
        relations=tuple(
            RelationDraft(position[r.head_id], position[r.child_id], r.label, r.annotator)
            for r in store.relations(article_id)
        ),
    )


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _match_loosely(store: ProjectStore, draft: ArticleDraft) -> tuple[int | None, ArticleDraft]:
    """An article with the same url or title whose text differs only in whitespace, and the
    draft with its spans moved onto that text."""
    for article_id in store.article_ids_with_url_or_title(draft.url, draft.title):
        article = store.article(article_id)
        if article is not None and _squeezed(article.text) == _squeezed(draft.text):
            return article.id, _moved(draft, article.text)
    return None, draft


def _moved(draft: ArticleDraft, text: str) -> ArticleDraft:
    """The draft's spans on `text`, which has the same characters but other whitespace: each
    offset goes to the same non-space character (a span's end to just after its last one)."""
    theirs = [i for i, c in enumerate(draft.text) if not c.isspace()]
    ours = [i for i, c in enumerate(text) if not c.isspace()]
    start_of = dict(zip(theirs, ours, strict=True))
    rank = {offset: n for n, offset in enumerate(theirs)}

    def start(offset: int) -> int:
        while offset < len(draft.text) and offset not in start_of:
            offset += 1
        return start_of.get(offset, len(text))

    def end(offset: int) -> int:
        offset -= 1
        while offset >= 0 and offset not in rank:
            offset -= 1
        return ours[rank[offset]] + 1 if offset >= 0 else 0

    spans = tuple(replace(s, start=start(s.start), end=end(s.end)) for s in draft.spans)
    return replace(draft, text=text, spans=spans)
