"""What an importer has written, keyed by the source's own ID, so a rerun updates or skips."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """One record of a source (a WordPress post, term, author or attachment) and the Vestnik
    object it became. ``digest`` is a hash of the record as last imported: the same digest
    on a rerun means nothing changed and the record is skipped."""

    source = models.CharField(_("источник"), max_length=255)  # "wxr:https://old-site.kz"
    kind = models.CharField(_("вид"), max_length=20)  # author, category, post_tag, post, page, attachment
    key = models.CharField(_("ключ в источнике"), max_length=255)  # WordPress ID or login
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    digest = models.CharField(max_length=64)
    # The revision the import saved: a later revision means an editor changed the page here.
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Attachments: the file's path under wp-content/uploads, to find images by their URL.
    media_path = models.CharField(max_length=500, blank=True, db_index=True)
    caption = models.CharField(max_length=300, blank=True)  # an image's caption, for a hero image
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("импортированная запись")
        verbose_name_plural = _("импортированные записи")
        constraints = [models.UniqueConstraint(fields=["source", "kind", "key"], name="unique_import_record")]

    def __str__(self):
        return f"{self.source} {self.kind} {self.key}"
