"""A charter's versions side by side: what each article says, and what changed since before."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from guide.models import Article, CharterVersion
from guide.versions import marked_changes
from portal.types import StrOrPromise


@dataclass
class ArticleView:
    number: int
    title: SafeString
    paragraphs: list[SafeString]
    change: StrOrPromise = ""  # «Νέο άρθρο», «Τροποποιήθηκε», «Καταργήθηκε» or nothing

    @property
    def anchor(self) -> str:
        return f"article-{self.number}"


def _plain(article: Article) -> ArticleView:
    return ArticleView(
        article.number, escape(article.title), [escape(p) for p in article.paragraphs]
    )


def article_changes(version: CharterVersion, previous: CharterVersion | None) -> list[ArticleView]:
    """The version's articles; with a previous version, each marked with what changed.

    Articles are matched by number; words added are in `<ins>`, words removed in
    `<del>`, and an article the new version dropped is listed as repealed.
    """
    articles = list(version.articles.all())
    if previous is None:
        return [_plain(article) for article in articles]
    before = {article.number: article for article in previous.articles.all()}
    views = []
    for article in articles:
        old = before.pop(article.number, None)
        if old is None:
            view = _plain(article)
            view.change = _("Νέο άρθρο")
        else:
            old_paragraphs, new_paragraphs = old.paragraphs, article.paragraphs
            view = ArticleView(
                article.number,
                marked_changes(old.title, article.title),
                [
                    marked_changes(
                        old_paragraphs[i] if i < len(old_paragraphs) else "",
                        new_paragraphs[i] if i < len(new_paragraphs) else "",
                    )
                    for i in range(max(len(old_paragraphs), len(new_paragraphs)))
                ],
                _("Τροποποιήθηκε")
                if (old.title, old_paragraphs) != (article.title, new_paragraphs)
                else "",
            )
        views.append(view)
    for number, old in sorted(before.items()):
        views.append(
            ArticleView(
                number,
                marked_changes(old.title, ""),
                [marked_changes(p, "") for p in old.paragraphs],
                _("Καταργήθηκε"),
            )
        )
    return sorted(views, key=lambda view: view.number)
