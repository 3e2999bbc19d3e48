"""The directory's search box takes whatever a visitor types: characters that mean
something to the database's full-text syntax answer "no result" or results, never an
error page."""

from urllib.parse import urlencode

import pytest

from tests.factories.showcase import showcase_create

pytestmark = pytest.mark.django_db

NO_RESULT = 'class="empty-state"'
FTS_SYNTAX = ['"', "*", "AND (", "NEAR/", "-", "'", "surf OR", "(surf", "surf*)", "^", ":", "NOT"]


@pytest.mark.parametrize("query", FTS_SYNTAX)
def test_full_text_syntax_characters_answer_no_result_not_an_error(client, demo_site, query):
    response = client.get("/fr/retoucheurs/?" + urlencode({"q": query}))
    assert response.status_code == 200
    assert NO_RESULT in response.text


def test_a_word_next_to_syntax_characters_is_still_found(
    client, demo_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the search index updates on commit
        page = showcase_create(images=1, city="Biarritz", service_title="Retouche de surf")
    for query in ['"surf"', "surf*", "(surf)", "surf -", "surf AND ("]:
        response = client.get("/fr/retoucheurs/?" + urlencode({"q": query}))
        assert response.status_code == 200, query
        assert page.provider.user.public_name in response.text, query
