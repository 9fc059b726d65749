"""Writes of the entities app: the analysis of an article, the editor's decisions, and the
related articles and story timelines computed from them.

The extraction itself (natasha) is imported only inside ``extract``, which only the
background task and the ``enrich_articles`` command call: the web process never loads
the models (tests/test_no_models_in_web.py holds it).

Related articles of A: live articles B in A's language (so never A's translations), ranked by
    score = ENTITY_WEIGHT × Σ rarity(e) × prominence(e) × kind(e) over the accepted entities A and B share
            + cosine(A, B),
    rarity(e) = ln((N + 1) / (n_e + 1)) / ln(N + 1), N = max(analysed live articles, RARITY_FLOOR),
    n_e of them about e; prominence(e) = min(1, fewer mentions of e in A or B / KEY_MENTIONS),
    kind(e) = 1 for people and organisations, 0.5 for places,
so that a name in a few articles counts about 1 and one in most of a big archive (Казахстан on
a Kazakh site) little, and a name said once in passing counts half (the floor keeps a young
site's few articles from making every name common); the cosine over TF-IDF vectors of their lemmas (the search index's
lemmatizer; term frequency stored by the analysis, document frequency over the candidate pool).
Kept when the score reaches MIN_SCORE; equal scores put the newer article first.

Timeline of A ("Хронология"): the live articles published within TIMELINE_WINDOW of A that
share at least TIMELINE_MIN_SHARED key entities with it — accepted entities that each of
the two articles mentions at least KEY_MENTIONS times — shown with A, oldest first.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from vestnik.caching import services as page_cache
from vestnik.core.text.excerpt import html_to_text
from vestnik.core.text.translit import make_slug
from vestnik.news.models import ArticlePage

from .models import (
    ArticleAnalysis,
    Entity,
    EntityAlias,
    EntitySettings,
    Mention,
    RelatedArticle,
    TimelineLink,
)

TOP_LEMMAS = 60
MIN_LEMMA_LENGTH = 3
ENTITY_WEIGHT = 0.5
RARITY_FLOOR = 50
MIN_SCORE = 0.25
# Two articles about the same person or organisation are likelier one story than two in the same city.
KIND_WEIGHT = {"PER": 1.0, "ORG": 1.0, "LOC": 0.5}
RELATED_SIZE = 5
CANDIDATE_WINDOW = dt.timedelta(days=180)  # lemma-only candidates: published this close to A
CANDIDATE_LIMIT = 500
KEY_MENTIONS = 2
TIMELINE_MIN_SHARED = 2
TIMELINE_WINDOW = dt.timedelta(days=30)


def extract(text: str):
    """The entities natasha finds in ``text`` (the slow part; never called by the web process)."""
    from vestnik.entities.extraction import extract_entities

    return extract_entities(text)


# --- entities and their names ------------------------------------------------------------


def _unique_slug(name: str) -> str:
    base = make_slug(name, max_length=90) or "entity"
    slug, n = base, 1
    while Entity.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def entity_for(*, kind: str, name: str, aliases: Iterable[str] = ()) -> Entity:
    """The site's one record for this person, organisation or place, created if missing.

    Found among the same kind's names by ``name``, else by one of ``aliases`` with at least
    as many words; the names it did not have yet are added to it, unless another entity
    already owns one (a name means one entity).
    """
    names = list(dict.fromkeys(n.strip() for n in (name, *aliases) if n and n.strip()))
    if not names:
        raise ValueError(f"entity_for: an entity of kind {kind!r} needs a name, got {name!r}")
    owners = {
        a.name: a.entity
        for a in EntityAlias.objects.filter(kind=kind, name__in=names).select_related("entity")
    }
    # By its own name first; by another name only if that is no vaguer than its own: "ФСБ"
    # is found as "Федеральная служба безопасности", but "Анна Жилина" is not taken for the
    # "Михаил Жилин" who is also called "Жилин".
    words = len(names[0].split())
    entity = owners.get(names[0]) or next(
        (owners[n] for n in names[1:] if n in owners and len(n.split()) >= words), None
    )
    if entity is None:
        entity = Entity.objects.create(kind=kind, name=names[0], slug=_unique_slug(names[0]))
    EntityAlias.objects.bulk_create(
        [EntityAlias(entity=entity, kind=kind, name=n) for n in names if n not in owners],
        ignore_conflicts=True,
    )
    return entity


@transaction.atomic
def entity_merge(*, keep: Entity, merge: Entity) -> Entity:
    """Make ``merge`` a name of ``keep``: its aliases and mentions move, its record goes."""
    if keep.pk == merge.pk or keep.kind != merge.kind:
        raise ValueError(f"entity_merge: cannot merge {merge} ({merge.kind}) into {keep} ({keep.kind})")
    article_ids = set(Mention.objects.filter(entity=merge).values_list("article_id", flat=True))
    EntityAlias.objects.filter(entity=merge).update(entity=keep)
    Mention.objects.filter(entity=merge).update(entity=keep)
    merge_id = merge.pk
    merge.delete()
    page_cache.invalidate({f"entity:{merge_id}", f"list:entity:{keep.pk}", f"entity:{keep.pk}",
                           *(f"enrichment:{pk}" for pk in article_ids)})  # fmt: skip
    return keep


# --- suggestions and decisions -----------------------------------------------------------


def auto_accept_for(article: ArticlePage) -> bool:
    site = article.get_site()
    return bool(site and EntitySettings.for_site(site).auto_accept)


@transaction.atomic
def store_suggestions(*, article: ArticlePage, found: Iterable, auto_accept: bool) -> set[int]:
    """Record what the analysis found (objects with kind, name, count, aliases).

    A name seen before keeps its decision (a rejected one stays rejected) and gets the new
    count; a new name is suggested, or accepted with ``auto_accept``; a suggestion the text
    no longer has is dropped (decided names are kept). Returns the ids of the entities
    whose article lists changed.
    """
    existing = {(m.kind, m.name): m for m in Mention.objects.filter(article=article)}
    seen, changed = set(), set()
    for item in found:
        key = (item.kind, item.name)
        seen.add(key)
        mention = existing.get(key)
        if mention is None:
            mention = Mention(article=article, kind=item.kind, name=item.name)
            if auto_accept:
                mention.status = Mention.Status.ACCEPTED
                mention.entity = entity_for(kind=item.kind, name=item.name, aliases=item.aliases)
                changed.add(mention.entity.pk)
        mention.count = item.count
        mention.aliases = list(item.aliases)
        mention.save()
    stale = [m.pk for key, m in existing.items() if key not in seen and m.status == Mention.Status.SUGGESTED]
    Mention.objects.filter(pk__in=stale).delete()
    return changed


@transaction.atomic
def mention_decide(*, mention: Mention, status: str, user=None, refresh: bool = True) -> bool:
    """The editor's choice on one suggestion; accepting links it to the site's entity.
    Returns whether anything changed (then the pages showing it are invalidated and the
    article's related articles and timeline recomputed in the background)."""
    if status not in Mention.Status.values:
        raise ValueError(f"mention_decide: unknown status {status!r} for «{mention.name}»")
    if status == mention.status:
        return False
    before = mention.entity_id
    mention.status = status
    mention.entity = (
        entity_for(kind=mention.kind, name=mention.name, aliases=mention.aliases)
        if status == Mention.Status.ACCEPTED
        else None
    )
    mention.decided_by = user if getattr(user, "pk", None) else None
    mention.decided_at = timezone.now()
    mention.save()
    entities = {pk for pk in (before, mention.entity_id) if pk}
    page_cache.invalidate({f"enrichment:{mention.article_id}", *(f"list:entity:{pk}" for pk in entities)})
    if refresh:
        refresh_later(mention.article_id)
    return True


def refresh_later(article_id: int) -> None:
    """Recompute the article's related articles and timeline in the background, after commit."""
    from .tasks import refresh_article_links

    transaction.on_commit(lambda: refresh_article_links.enqueue(article_id))


# --- lemmas ------------------------------------------------------------------------------


def article_text(article: ArticlePage) -> str:
    """What the extraction reads: title, lead and body as plain text."""
    return "\n\n".join(filter(None, [article.title, article.lead, html_to_text(article.body or "")]))


def lemma_frequencies(article: ArticlePage) -> dict[str, float]:
    """The article's TOP_LEMMAS most frequent lemmas (first parse of each word) and their
    term frequency, title and lead counted with the body."""
    from vestnik.core.text.lemmas import is_function_word, is_kazakh, lemmas, word_forms

    text = "\n".join(filter(None, [article.title, article.lead, html_to_text(article.body or "")]))
    kazakh = is_kazakh(text)
    counts = Counter()
    for form in word_forms(text):
        if len(form) < MIN_LEMMA_LENGTH or form.isdigit():
            continue
        # Pronouns, prepositions, conjunctions and "быть" say nothing of what an article is
        # about, yet are its most frequent words: left out, they cannot make two texts alike.
        if not kazakh and is_function_word(form):
            continue
        lemma = lemmas(form, kazakh)[0]
        if lemma != "быть":
            counts[lemma] += 1
    total = sum(counts.values()) or 1
    return {lemma: n / total for lemma, n in counts.most_common(TOP_LEMMAS)}


def _idf(bags: list[dict[str, float]]) -> dict[str, float]:
    """Inverse document frequency of each lemma over the candidate pool (the article and its
    candidates): a lemma every one of them has (a stock phrase, the site's boilerplate)
    weighs nothing."""
    total = len(bags)
    df = Counter(lemma for bag in bags for lemma in bag)
    return {lemma: math.log((total + 1) / (n + 1)) for lemma, n in df.items()}


def _cosine(a: dict[str, float], b: dict[str, float], idf: dict[str, float]) -> float:
    dot = sum(a[w] * b[w] * idf.get(w, 0) ** 2 for w in a.keys() & b.keys())
    if not dot:
        return 0.0
    norm_a = math.sqrt(sum((v * idf.get(w, 0)) ** 2 for w, v in a.items()))
    norm_b = math.sqrt(sum((v * idf.get(w, 0)) ** 2 for w, v in b.items()))
    return dot / (norm_a * norm_b)


# --- related articles --------------------------------------------------------------------


def _accepted_counts(article_id: int) -> dict[int, int]:
    """Mentions of each accepted entity in the article (its names together)."""
    counts = defaultdict(int)
    for entity, count in Mention.objects.filter(
        article_id=article_id, status=Mention.Status.ACCEPTED, entity__isnull=False
    ).values_list("entity_id", "count"):
        counts[entity] += count
    return counts


def _rarity(entities: set[int]) -> dict[int, float]:
    """rarity(e) of the module docstring, for these entities."""
    total = max(ArticleAnalysis.objects.filter(article__live=True).count(), RARITY_FLOOR)
    counts = (
        Mention.objects.filter(entity_id__in=entities, status=Mention.Status.ACCEPTED, article__live=True)
        .values("entity_id")
        .annotate(n=Count("article_id", distinct=True))
        .values_list("entity_id", "n")
    )
    scale = math.log(total + 1) or 1.0
    return {entity: max(0.0, math.log((total + 1) / (n + 1)) / scale) for entity, n in counts}


def _live_article(article_id: int) -> tuple[dt.datetime, str] | None:
    """(first published, content language) of a live article; None if it is not live."""
    row = (
        ArticlePage.objects.filter(pk=article_id)
        .values_list("live", "first_published_at", "content_language")
        .first()
    )
    if row is None or not row[0]:
        return None
    return row[1] or timezone.now(), row[2]


def _in_language(language: str, ids: set[int]) -> set[int]:
    """Those of ``ids`` written in ``language``, the article's own. Its translations (the
    language switcher leads to those) and other-language versions of a listed article would
    repeat one story in a language its reader did not choose."""
    return set(ArticlePage.objects.filter(pk__in=ids, content_language=language).values_list("pk", flat=True))


def related_ranking(article_id: int) -> list[tuple[int, float]]:
    """(article id, score) of the articles related to this one, best first (module docstring)."""
    article = _live_article(article_id)
    if article is None:
        return []
    published, language = article
    own = _accepted_counts(article_id)
    rarity = _rarity(set(own))
    counts = defaultdict(int)
    for article, entity, count in (
        Mention.objects.filter(entity_id__in=own, status=Mention.Status.ACCEPTED, article__live=True)
        .exclude(article_id=article_id)
        .values_list("article_id", "entity_id", "count")
    ):
        counts[article, entity] += count
    kinds = dict(Entity.objects.filter(pk__in=own).values_list("pk", "kind"))
    shared = Counter()
    for (article, entity), count in counts.items():
        prominence = min(1.0, min(count, own[entity]) / KEY_MENTIONS)
        shared[article] += rarity.get(entity, 0.0) * prominence * KIND_WEIGHT.get(kinds.get(entity), 1.0)
    nearby = (
        ArticleAnalysis.objects.filter(
            article__live=True,
            article__first_published_at__range=(published - CANDIDATE_WINDOW, published + CANDIDATE_WINDOW),
        )
        .exclude(article_id=article_id)
        .order_by("-article__first_published_at")
        .values_list("article_id", flat=True)[:CANDIDATE_LIMIT]
    )
    candidates = _in_language(language, set(nearby) | set(shared))
    rows = ArticlePage.objects.filter(pk__in=candidates | {article_id}).values_list(
        "pk", "first_published_at", "entity_analysis__lemmas"
    )
    dates = {pk: when for pk, when, _ in rows}
    lemmas = {pk: bag or {} for pk, _, bag in rows}
    own = lemmas.get(article_id, {})
    idf = _idf(list(lemmas.values()))
    scored = []
    for pk in candidates:
        similarity = _cosine(own, lemmas.get(pk, {}), idf)
        score = ENTITY_WEIGHT * shared[pk] + similarity
        if score >= MIN_SCORE:
            scored.append((pk, round(score, 6)))
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    scored.sort(key=lambda item: (item[1], dates.get(item[0]) or oldest, item[0]), reverse=True)
    return scored[:RELATED_SIZE]


def _store_related(article_id: int) -> bool:
    ranking = related_ranking(article_id)
    old = list(RelatedArticle.objects.filter(article_id=article_id).values_list("related_id", flat=True))
    if old == [pk for pk, _ in ranking]:
        return False
    with transaction.atomic():
        RelatedArticle.objects.filter(article_id=article_id).delete()
        RelatedArticle.objects.bulk_create(
            [
                RelatedArticle(article_id=article_id, related_id=pk, position=i, score=s)
                for i, (pk, s) in enumerate(ranking)
            ]  # fmt: skip
        )
    return True


def update_related(article_id: int) -> set[int]:
    """Recompute the article's related list and the lists of the articles it is or was
    related to either way (whose rankings may change with it). Returns the ids of the
    articles whose stored list changed."""
    neighbours = set(
        RelatedArticle.objects.filter(related_id=article_id).values_list("article_id", flat=True)
    )
    neighbours |= set(
        RelatedArticle.objects.filter(article_id=article_id).values_list("related_id", flat=True)
    )
    changed = {article_id} if _store_related(article_id) else set()
    neighbours |= set(
        RelatedArticle.objects.filter(article_id=article_id).values_list("related_id", flat=True)
    )
    for pk in neighbours - {article_id}:
        if _store_related(pk):
            changed.add(pk)
    return changed


# --- timelines ---------------------------------------------------------------------------


def _key_entities(article_id: int) -> set[int]:
    return set(
        Mention.objects.filter(
            article_id=article_id,
            status=Mention.Status.ACCEPTED,
            entity__isnull=False,
            count__gte=KEY_MENTIONS,
        ).values_list("entity_id", flat=True)
    )


def story_members(article_id: int) -> set[int]:
    """The live articles in the same story as this one (module docstring)."""
    article = _live_article(article_id)
    if article is None:
        return set()
    published, language = article
    keys = _key_entities(article_id)
    if len(keys) < TIMELINE_MIN_SHARED:
        return set()
    pairs = (
        Mention.objects.filter(
            entity_id__in=keys,
            status=Mention.Status.ACCEPTED,
            count__gte=KEY_MENTIONS,
            article__live=True,
            article__first_published_at__range=(published - TIMELINE_WINDOW, published + TIMELINE_WINDOW),
        )
        .exclude(article_id=article_id)
        .values_list("article_id", "entity_id")
        .distinct()
    )
    shared = Counter(article for article, _ in pairs)
    return _in_language(language, {pk for pk, n in shared.items() if n >= TIMELINE_MIN_SHARED})


@transaction.atomic
def update_timeline(article_id: int) -> set[int]:
    """Store the article's story links (both ways); returns the ids of the articles whose
    timeline changed (the article itself and those that joined or left its story)."""
    new = story_members(article_id)
    old = set(TimelineLink.objects.filter(article_id=article_id).values_list("other_id", flat=True))
    if new == old:
        return set()
    gone, added = old - new, new - old
    TimelineLink.objects.filter(
        Q(article_id=article_id, other_id__in=gone) | Q(other_id=article_id, article_id__in=gone)
    ).delete()
    TimelineLink.objects.bulk_create(
        [
            TimelineLink(article_id=a, other_id=b)
            for pk in added
            for a, b in ((article_id, pk), (pk, article_id))
        ],
        ignore_conflicts=True,
    )
    # The others of the story show each other too: their timelines gain or lose this one.
    return {article_id} | gone | added | new


# --- the whole analysis ------------------------------------------------------------------


def refresh_links(article_id: int) -> set[int]:
    """Recompute related articles and timelines after the article's entities changed, and
    invalidate the pages of every article whose lists changed."""
    changed = update_related(article_id) | update_timeline(article_id)
    if changed:
        page_cache.invalidate({f"enrichment:{pk}" for pk in changed})
    return changed


def is_analysed(article: ArticlePage) -> bool:
    return ArticleAnalysis.objects.filter(article=article, revision_id=article.live_revision_id).exists()


def original_entities(article: ArticlePage) -> list[SimpleNamespace]:
    """What a translation is about: its original's accepted entities. The models read only
    Russian (a Kazakh text gives nonsense names), and a translation names the same people."""
    if article.translation_of_id is None:
        return []
    mentions = Mention.objects.filter(
        article_id=article.translation_of_id, status=Mention.Status.ACCEPTED, entity__isnull=False
    ).select_related("entity")
    return [
        SimpleNamespace(kind=m.entity.kind, name=m.entity.name, count=m.count, aliases=()) for m in mentions
    ]


def enrich_article(*, article_id: int, force: bool = False) -> bool:
    """Analyse the live version of the article: entities found become suggestions (or
    accepted entities, with the site's auto-accept), its lemmas are stored, and related
    articles and timelines are recomputed. Skips an article whose live revision was
    analysed already, unless ``force``. Returns whether it ran."""
    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is None or not article.live:
        if article is not None:
            refresh_links(article_id)  # unpublished: it leaves the others' lists
        return False
    if not force and is_analysed(article):
        return False
    found = extract(article_text(article)) if article.content_language == "ru" else original_entities(article)
    with transaction.atomic():
        entities = store_suggestions(article=article, found=found, auto_accept=auto_accept_for(article))
        ArticleAnalysis.objects.update_or_create(
            article=article,
            defaults={"revision_id": article.live_revision_id, "lemmas": lemma_frequencies(article)},
        )
        page_cache.invalidate({f"enrichment:{article_id}", *(f"list:entity:{pk}" for pk in entities)})
    refresh_links(article_id)
    return True


def enrich_archive(*, force: bool = False, progress=None) -> tuple[int, int]:
    """``enrich_article`` for every live article, oldest id first (so that an interrupted run
    resumes where it stopped: analysed articles are skipped). Returns (analysed, total)."""
    ids = list(ArticlePage.objects.live().order_by("pk").values_list("pk", flat=True))
    analysed = 0
    for done, pk in enumerate(ids, 1):
        analysed += enrich_article(article_id=pk, force=force)
        if progress:
            progress(done, len(ids))
    return analysed, len(ids)
