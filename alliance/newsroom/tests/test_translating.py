"""Translating a statement with wagtail-localize: drafts first, nothing untranslated published."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from alliance.newsroom.models import StatementPage

from .factories import StatementPageFactory

pytestmark = pytest.mark.django_db


def spanish() -> Locale:
    return Locale.objects.get(language_code="es")


def published_translation(page, locale: Locale, **fields):
    translation = page.specific.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


@pytest.fixture
def translator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x" * 20))
    return client


@pytest.fixture
def statement(home, statement_index):
    published_translation(home, spanish(), title="Alianza")
    published_translation(statement_index, spanish(), title="Declaraciones")
    return StatementPageFactory(
        parent=statement_index, title="Stop the deportations", slug="stop-the-deportations"
    )


def translate_into_spanish(client, page) -> StatementPage:
    url = reverse("wagtail_localize:submit_page_translation", args=(page.pk,))
    client.post(url, {"locales": [spanish().pk]})
    return StatementPage.objects.get(translation_key=page.translation_key, locale=spanish())


def translation_of(page) -> Translation:
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=spanish())


def fill_in(translation: Translation, **by_path) -> None:
    """Translate every string: those named by path as given, the others as "(es) <source>"."""
    for segment in translation.source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            data=by_path.get(segment.context.path, f"(es) {segment.string.data}"),
        )


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish from the translation editor (wagtail-localize publishes once committed)."""

    def publish(client, page):
        with django_capture_on_commit_callbacks(execute=True):
            url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
            return client.post(url, {"action": "publish"})

    return publish


def test_translate_this_page_makes_a_draft(translator, statement):
    draft = translate_into_spanish(translator, statement)
    assert not draft.live


def test_untranslated_copy_is_not_shown_in_spanish(translator, client, statement):
    draft = translate_into_spanish(translator, statement)
    translator.logout()
    assert "Stop the deportations" not in client.get("/es/statements/").content.decode()
    assert "Stop the deportations" not in client.get("/es/").content.decode()
    assert client.get(f"/es/statements/{draft.slug}/").status_code == 404


def test_the_slug_is_not_a_string_to_translate(translator, statement):
    translate_into_spanish(translator, statement)
    paths = StringSegment.objects.filter(source=translation_of(statement).source).values_list(
        "context__path", flat=True
    )
    assert "title" in paths
    assert "slug" not in paths


def test_publishing_with_missing_strings_is_refused(translator, statement, publish):
    draft = translate_into_spanish(translator, statement)
    response = publish(translator, draft)
    draft.refresh_from_db()
    assert not draft.live
    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Not published" in message
    assert "Title, on the “Content” tab" in message


def test_publishing_a_complete_translation_makes_it_live(translator, statement, publish):
    draft = translate_into_spanish(translator, statement)
    fill_in(translation_of(statement), title="Alto a las deportaciones")
    publish(translator, draft)
    draft.refresh_from_db()
    assert draft.live
    assert draft.title == "Alto a las deportaciones"


def test_the_slug_follows_the_translated_title(translator, client, statement, publish):
    draft = translate_into_spanish(translator, statement)
    fill_in(translation_of(statement), title="Alto a las deportaciones")
    publish(translator, draft)
    draft.refresh_from_db()
    assert draft.slug == "alto-a-las-deportaciones"
    assert client.get("/es/statements/alto-a-las-deportaciones/").status_code == 200


def test_a_published_translations_slug_stays(translator, statement, publish):
    draft = translate_into_spanish(translator, statement)
    fill_in(translation_of(statement), title="Alto a las deportaciones")
    publish(translator, draft)
    StringTranslation.objects.filter(context__path="title").update(data="Basta de deportaciones")
    publish(translator, draft)
    draft.refresh_from_db()
    assert draft.title == "Basta de deportaciones"
    assert draft.slug == "alto-a-las-deportaciones"


def test_a_title_without_latin_letters_keeps_the_source_slug(translator, statement, publish):
    arabic = Locale.objects.get(language_code="ar")
    published_translation(statement.get_parent().get_parent(), arabic, title="التحالف")
    published_translation(statement.get_parent(), arabic, title="البيانات")
    url = reverse("wagtail_localize:submit_page_translation", args=(statement.pk,))
    translator.post(url, {"locales": [arabic.pk]})
    draft = StatementPage.objects.get(translation_key=statement.translation_key, locale=arabic)
    translation = Translation.objects.get(
        source__object_id=statement.translation_key, target_locale=arabic
    )
    fill_in(translation, title="أوقفوا الترحيل")
    publish(translator, draft)
    draft.refresh_from_db()
    assert draft.live
    assert draft.slug == "stop-the-deportations"
