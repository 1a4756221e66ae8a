"""A batch costs the same few queries whatever its size: the send's cost grows with the
number of batches, not of messages."""

import pytest
from django.test import override_settings

from newsletter.models import Delivery
from newsletter.sending.tasks import send_campaign
from tests.newsletter.campaigns import start_send, subscribe

# Claiming (2), the campaign (1), this lane's next run (3), the hourly limit (1), the
# answers (1), a look for unsubscribes if the batch takes a while (2), and the worker's
# own bookkeeping of the run.
QUERIES_PER_BATCH = 14


@pytest.mark.django_db
@pytest.mark.parametrize("batch_size", [10, 40])
def test_a_batch_takes_a_constant_number_of_queries(
    demo, scripted_smtp, batch_size, django_assert_max_num_queries
):
    subscribe(batch_size * 2)
    campaign = start_send()
    # The look for unsubscribes at its production interval (the fixture's is quicker).
    with override_settings(NEWSLETTER_BATCH_SIZE=batch_size, NEWSLETTER_RECHECK_SECONDS=1.0):
        # The first batch a worker sends renders the issue (once per worker process).
        send_campaign.call(campaign_id=campaign.pk, lane=0)
        with django_assert_max_num_queries(QUERIES_PER_BATCH):
            send_campaign.call(campaign_id=campaign.pk, lane=0)
    assert len(scripted_smtp.received) == batch_size * 2
    assert Delivery.objects.filter(state=Delivery.State.SENT).count() == batch_size * 2
