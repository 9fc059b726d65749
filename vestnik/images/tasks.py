"""Background work: the renditions of a published article's picture or of an author's
photo (renditions.py)."""

from django_tasks import task


@task()
def make_renditions(image_id: int, portrait: bool = False) -> int:
    from .models import NewsImage
    from .renditions import PORTRAIT_SPECS, READER_SPECS, make_reader_renditions

    image = NewsImage.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    return make_reader_renditions(image, PORTRAIT_SPECS if portrait else READER_SPECS)
