import pytest

pytestmark = pytest.mark.django_db


def test_openapi_description_is_served_to_anyone(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert response["Access-Control-Allow-Origin"] == "*"
    description = response.json()
    assert description["openapi"].startswith("3.")
    assert "/api/v1/statements/" in description["paths"]


def test_every_page_links_to_the_description(client, home):
    response = client.get(home.url)
    link = '<link rel="service-desc" type="application/vnd.oai.openapi+json" '
    assert link + 'href="/api/v1/openapi.json">' in response.content.decode()
