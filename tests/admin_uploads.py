"""Uploading documents and images through the admin's own forms, as an editor does.

The form asks for a collection once the editor may use more than one (the documents
worker's "Generated PDFs" sits under the root), so the upload names the root collection.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection


def upload(client, kind, name, content):
    """POST a file to /admin/<kind>/add/ ("documents" or "images"); the response."""
    return client.post(
        f"/admin/{kind}/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )
