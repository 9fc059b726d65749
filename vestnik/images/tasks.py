"""Background work: the renditions of a published article's picture (renditions.py)."""

from django_tasks import task


@task()
def make_renditions(image_id: int) -> int:
    from .models import NewsImage
    from .renditions import make_reader_renditions

    image = NewsImage.objects.filter(pk=image_id).first()
    return make_reader_renditions(image) if image is not None else 0
