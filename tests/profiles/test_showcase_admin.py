import pytest

from home.demo import EDITOR_EMAIL
from profiles.models import PortfolioImage
from tests.factories.showcase import showcase_create

pytestmark = pytest.mark.django_db


def test_editor_hides_a_portfolio_image_in_the_admin(client, demo_site, django_user_model):
    page = showcase_create(images=2)
    item = PortfolioImage.objects.filter(provider=page.provider).order_by("sort_order").last()
    rendition = item.image.renditions.filter(filter_spec__contains="jpeg").first()
    assert rendition.url in client.get(page.url).text
    client.force_login(django_user_model.objects.get(email=EDITOR_EMAIL))
    response = client.post(f"/admin/portfolio_images/edit/{item.pk}/", {"hidden_by_editor": "on"})
    assert response.status_code == 302
    client.logout()
    assert rendition.url not in client.get(page.url).text
