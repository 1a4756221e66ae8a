import pytest
from django.test import TestCase
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from people.models import PersonPage
from tests.people.factories import PersonPageFactory
from tests.programme.factories import StrandPageFactory


@pytest.fixture
def strand(strand_index):
    return StrandPageFactory(parent=strand_index, title="Kinder communities", slug="kinder")


@pytest.fixture
def other_strand(strand_index):
    return StrandPageFactory(parent=strand_index, title="Quantifying kindness", slug="quant")


@pytest.fixture
def ben(people_index):
    return PersonPageFactory(parent=people_index, title="Ben Thurman", slug="ben-thurman")


@pytest.fixture
def elizabeth(people_index):
    return PersonPageFactory(
        parent=people_index,
        title="Elizabeth Kelly",
        honorific_prefix="Dr",
        slug="elizabeth-kelly",
        kind=PersonPage.Kind.ASSOCIATE,
    )


def run_document_tasks(only=None):
    """Run the queued "documents" tasks as the worker does, until none is left; the values
    they returned (`only`: those of the task of that name, such as "generate_publication_pdf").

    Inside the test's transaction, so each task's own on-commit work (the text extraction a
    generated PDF queues) runs as soon as that task ends. A task that fails fails the test.
    `tests/publications/test_pdf_search.py` also runs the real worker, in a transactional
    test, as `make run` and production do.
    """
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="documents",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    results = []
    while task_result := DBTaskResult.objects.ready().filter(backend_name="documents").first():
        task_result.claim("tests")
        with TestCase.captureOnCommitCallbacks(execute=True):
            worker.run_task(task_result)
        task_result.refresh_from_db()
        assert task_result.status == TaskResultStatus.SUCCESSFUL, task_result.traceback
        if only is None or task_result.task_path.rsplit(".", 1)[1] == only:
            results.append(task_result.return_value)
    return results
