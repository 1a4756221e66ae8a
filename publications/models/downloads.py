"""How often each publication's files are downloaded: one count per file per day, no more.

Nothing about the reader is kept: no cookie, no address, no browser. A row says only that a
file of a publication was downloaded so many times on a day, which is all the Trust's impact
reporting needs.
"""

from django.db import connections, models, router
from django.utils import timezone


class DownloadCountQuerySet(models.QuerySet):
    def record(self, page, document, day=None):
        """Count one download of `document` from `page` on `day` (today, the site's time).

        One statement, `INSERT ... ON CONFLICT DO UPDATE SET count = count + 1`, so two
        readers downloading the same file at the same moment each add one: the database
        takes the row lock, never Python. Postgres and SQLite (3.24 and later) both speak
        it; the ORM cannot say it (`bulk_create(update_conflicts=True)` can only copy the
        new row's values, not add to the old ones).
        """
        model = self.model
        connection = connections[router.db_for_write(model)]
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        page_column, document_column, day_column, count_column = (
            quote(model._meta.get_field(name).column)
            for name in ("page", "document", "day", "count")
        )
        day = connection.ops.adapt_datefield_value(day or timezone.localdate())
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({page_column}, {document_column}, {day_column}, "
                f"{count_column}) VALUES (%s, %s, %s, 1) "
                f"ON CONFLICT ({page_column}, {document_column}, {day_column}) "
                f"DO UPDATE SET {count_column} = {table}.{count_column} + 1",
                [page.pk, document.pk, day],
            )

    def total_for(self, page):
        return self.filter(page=page).aggregate(total=models.Sum("count"))["total"] or 0


class DownloadCount(models.Model):
    """The downloads of one file of one publication on one day."""

    page = models.ForeignKey(
        "publications.PublicationPage", on_delete=models.CASCADE, related_name="download_counts"
    )
    # A file replaced or deleted keeps the downloads it had: they still count towards the
    # publication's total and its months in the report.
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    objects = DownloadCountQuerySet.as_manager()

    class Meta:
        verbose_name = "download count"
        # Counts are only ever read in the admin: nobody adds, changes or deletes one there.
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["page", "document", "day"], name="one_download_count_per_file_per_day"
            )
        ]
        indexes = [models.Index(fields=["day"], name="download_count_day")]

    def __str__(self):
        return f"{self.count} on {self.day}"
