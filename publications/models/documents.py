"""What the site knows about documents beyond Wagtail's own record: the words inside a PDF,
and which PDF was generated from a publication's HTML."""

from django.db import models


class DocumentText(models.Model):
    """The text inside a PDF document, read by a background task so search can find it.

    A row of its own rather than a custom document model: Wagtail's documents, their
    migrations and every foreign key to them stay as they are.
    """

    class Status(models.TextChoices):
        EXTRACTED = "extracted", "Text extracted"
        UNREADABLE = "unreadable", "Could not be read"
        ENCRYPTED = "encrypted", "Encrypted"

    document = models.OneToOneField(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="extracted_text",
    )
    text = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    # Why there is no text, in words an editor can act on; empty when all went well.
    warning = models.CharField(max_length=300, blank=True)
    # The SHA-1 of the file the text came from: saving the document again with the same
    # file (a new title, a new collection) does not read it again.
    file_hash = models.CharField(max_length=40)
    extracted_at = models.DateTimeField()

    class Meta:
        verbose_name = "document text"

    def __str__(self):
        return f"Text of document {self.document_id} ({self.get_status_display()})"


class GeneratedPdf(models.Model):
    """The PDF made from a publication's HTML, and the HTML it was made from.

    Kept outside the page (and its revisions) so publishing a revision, which rewrites the
    page's downloads as the editor left them, never loses track of it.
    """

    page = models.OneToOneField(
        "publications.PublicationPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="generated_pdf",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # SHA-256 of the printable HTML: republishing unchanged text makes no new PDF.
    source_hash = models.CharField(max_length=64)
    generated_at = models.DateTimeField()

    class Meta:
        verbose_name = "generated PDF"

    def __str__(self):
        return f"PDF generated for page {self.page_id}"


class PdfCover(models.Model):
    """The cover picture made from the first page of a publication's PDF, for a publication
    without a cover of its own (publications.tasks.make_pdf_cover).

    Kept outside the page like GeneratedPdf: the editor's own cover (the page's `image`) is
    never written to, and publishing a revision never loses this one.
    """

    page = models.OneToOneField(
        "publications.PublicationPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="pdf_cover",
    )
    # None when the PDF could not be drawn (encrypted, damaged): then `warning` says why.
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The SHA-1 of the PDF it was drawn from: the same file draws nothing new.
    file_hash = models.CharField(max_length=40)
    warning = models.CharField(max_length=300, blank=True)
    made_at = models.DateTimeField()

    class Meta:
        verbose_name = "cover made from a PDF"

    def __str__(self):
        return f"Cover made for page {self.page_id}"
