from .authors import ArticleAuthor, Author
from .pages import ArticlePage, HomePage, RubricPage
from .site_settings import NewsSiteSettings
from .tags import ArticleTag, Tag

__all__ = [
    "ArticleAuthor",
    "ArticlePage",
    "ArticleTag",
    "Author",
    "HomePage",
    "NewsSiteSettings",
    "RubricPage",
    "Tag",
]
