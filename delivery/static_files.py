"""Static files as production stores them: WhiteNoise's hashed, compressed files in
STATIC_ROOT, and the list of them (staticfiles.json) outside it.

WhiteNoise (and nginx in front) serve STATIC_ROOT whole, and the list of every static file
is not for the public, so Django's `manifest_storage` keeps it in STATIC_MANIFEST_ROOT,
where the site reads it to name each file by its hash and nothing serves it.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestOutsideStaticRoot(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, manifest_storage=None, **kwargs):
        if manifest_storage is None:
            manifest_storage = FileSystemStorage(location=settings.STATIC_MANIFEST_ROOT)
        super().__init__(*args, manifest_storage=manifest_storage, **kwargs)
