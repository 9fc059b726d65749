import datetime as dt

import pytest
from django.utils import timezone

from vestnik.news.tests.factories import AuthorFactory, article_with


@pytest.fixture
def corpus(politics, society):
    """Articles that differ in the forms of the words they use, dated a week apart."""
    now = timezone.now()
    zhilin = AuthorFactory(name="Мария Соколова")

    def article(days, **fields):
        return article_with(first_published_at=now - dt.timedelta(days=days), **fields)

    return {
        "author": zhilin,
        "france": article(
            1,
            rubric=politics,
            authors=[zhilin],
            title="Переговоры во Франции",
            lead="Делегация провела переговоры в Париже.",
            body="<p>Встреча с Францией прошла спокойно. Люди ждали итогов.</p>",
        ),
        "french": article(
            8,
            rubric=society,
            title="Французский сыр на ярмарке",
            lead="Сыроделы привезли сыр.",
            body="<p>Вкусно.</p>",
        ),
        "zhilin": article(
            15,
            rubric=politics,
            title="ФСБ объявила Жилина в розыск",
            lead="Михаил Жилин уехал из страны.",
            body="<p>Жена Жилина, Анна Жилина, не комментирует. Соседи видели Жилиной машину.</p>",
        ),
        "people": article(
            22,
            rubric=society,
            title="Один человек на площади",
            lead="Одинокий человек стоял.",
            body="<p>Тихо.</p>",
        ),
        "kazakh": article(
            3,
            rubric=society,
            title="Алматыда жаңа мектеп ашылды",
            lead="Балаларға арналған мектеп қаланың орталығында.",
            body="<p>Мектептерде орын жетпейді.</p>",
        ),
    }
