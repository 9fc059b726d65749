from .authors import ArticleAuthor, Author
from .corrections import CorrectionNote
from .home_blocks import HomeRubricBlock
from .pages import ArticlePage, HomePage, InfoPage, RubricPage
from .site_settings import NewsSiteSettings
from .tags import ArticleTag, Tag

__all__ = [
    "ArticleAuthor",
    "ArticlePage",
    "ArticleTag",
    "Author",
    "CorrectionNote",
    "HomePage",
    "HomeRubricBlock",
    "InfoPage",
    "NewsSiteSettings",
    "RubricPage",
    "Tag",
]
