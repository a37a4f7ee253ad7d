import pytest
from django.core.management import call_command

from alliance.alerts.models import Subscriber

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_addresses_bouncing_repeatedly_stop_receiving(tmp_path, settings):
    settings.ALERTS_BOUNCE_LIMIT = 2
    SubscriberFactory(email="gone@example.net")
    SubscriberFactory(email="fine@example.net")
    report = tmp_path / "bounces.txt"
    report.write_text("Gone@example.net\nunknown@example.net\n")
    call_command("alerts_bounces", str(report))
    assert Subscriber.objects.reachable().count() == 2
    call_command("alerts_bounces", str(report))
    assert list(Subscriber.objects.reachable().values_list("email", flat=True)) == [
        "fine@example.net"
    ]
