"""Generate a realistic large site (statements, translations, events, members, endorsements).

Run from the repository root, e.g.:

    .venv/bin/python bench/large_site.py --statements 100000 --events 10000 \\
        --organizations 1000 --endorsements 50000 --languages en,es,ar \\
        --data-dir /tmp/alliance-100k

The data directory must be new or empty. It becomes a complete site, the same
as `make run` would build (secret key in DATA_DIR/secret_key, SQLite database,
collected static files), so `ALLIANCE_DATA_DIR=DIR make run` or bench/pages.py
can serve it. With DATABASE_URL set, that (empty) database is used instead of
SQLite.

Steps: `migrate`, `load_demo` (the IMA demo), then bulk content written
straight into the tables, batch by batch, each phase in one transaction:

- pages (statements, their translations, events) are inserted row by row with
  `executemany`, with the treebeard `path`/`depth` computed here (parent path
  plus a base-36 step of 4 characters, through treebeard's own `_get_path`),
  `url_path`, `live`, publication dates, locale and `translation_key`; each
  value goes through its Django field's `get_db_prep_save`, so SQLite and
  PostgreSQL get the same representation Django itself writes; the parents'
  `numchild` is set afterwards;
- translations are pages of the target locale's tree that share the English
  page's `translation_key` (what `copy_for_translation` makes, without the
  cost); missing translated home/statements pages are made the slow, normal way;
- event `starts_at`/`ends_at` come from `alliance.events.schedule.event_instants`,
  the function `EventPage.save()` uses;
- the search index is written through the search backend's own bulk API
  (`backend.add_bulk`), from the in-memory objects, so the index text is what
  Wagtail would write, without reading the pages back;
- member organizations, countries, endorsements and the many-to-many rows use
  Django's `bulk_create`.

Not made for generated pages: revisions, log entries, the reference index
(editing a generated page in the admin creates its first revision).
Text comes from small built-in word lists; the same --seed gives the same site.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import secrets
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# --- words -------------------------------------------------------------------

EN_WORDS = (
    "migrants refugees workers families rights dignity justice wages labour policies "
    "government governments state border borders detention deportation asylum seekers "
    "communities organizations alliance members solidarity struggle campaign demands "
    "protection welfare health housing education children women youth domestic "
    "undocumented displaced people countries region global international national local "
    "economic crisis poverty development agenda compact conference dialogue leaders "
    "recruitment agencies fees contracts employers abuse exploitation trafficking "
    "violence racism xenophobia discrimination law laws reform repression militarization "
    "war conflict climate disaster land livelihood farmers fishers jobs unemployment "
    "remittances debt austerity privatization services access citizenship residence "
    "permits visa status regularization amnesty union unions organizing mobilization "
    "march rally forum assembly network secretariat chapter coalition partners allies "
    "call statement response report figures millions thousands hundreds year years "
    "month week today history future hope fight resist defend demand reject condemn "
    "support welcome urge call challenge expose oppose uphold protect recognize end "
    "stop free release respect ensure guarantee provide strengthen build unite organize "
    "fair decent safe equal full basic urgent real concrete genuine collective public "
    "social political grassroots forced cheap temporary seasonal irregular sending "
    "receiving host home origin destination transit camps shelters sea routes coast "
    "city cities capital streets offices embassy consulate ministry agency courts police"
).split()
EN_GLUE = "the the the of of and and to to in in for on with against by from as at".split()

ES_WORDS = (
    "migrantes refugiados trabajadores familias derechos dignidad justicia salarios "
    "gobierno frontera detención deportación asilo comunidades organizaciones alianza "
    "miembros solidaridad lucha campaña demandas protección salud vivienda educación "
    "niños mujeres jóvenes desplazados pueblos países región mundial nacional crisis "
    "pobreza desarrollo diálogo agencias contratos abuso explotación violencia racismo "
    "xenofobia discriminación leyes reforma represión guerra conflicto clima tierra "
    "empleo remesas deuda servicios ciudadanía residencia visado regularización sindicato "
    "marcha foro asamblea red secretariado llamado declaración historia futuro esperanza "
    "exigimos rechazamos condenamos apoyamos defendemos justo digno seguro igual urgente "
    "colectivo público social político forzada temporal irregular origen destino tránsito"
).split()
ES_GLUE = "el la los las de de del y y en en para con contra por a que".split()

AR_WORDS = (
    "المهاجرين اللاجئين العمال الأسر الحقوق الكرامة العدالة الأجور الحكومة الحدود "
    "الاحتجاز الترحيل اللجوء المجتمعات المنظمات التحالف الأعضاء التضامن النضال الحملة "
    "المطالب الحماية الصحة السكن التعليم الأطفال النساء الشباب النازحين الشعوب البلدان "
    "المنطقة العالمي الوطني الأزمة الفقر التنمية الحوار الوكالات العقود الاستغلال العنف "
    "العنصرية التمييز القوانين الإصلاح القمع الحرب النزاع المناخ الأرض العمل التحويلات "
    "الديون الخدمات المواطنة الإقامة التأشيرة النقابة المسيرة المنتدى الجمعية الشبكة "
    "الأمانة البيان التاريخ المستقبل الأمل نطالب نرفض ندين ندعم ندافع عادلة آمنة عاجلة"
).split()
AR_GLUE = "في في من من على إلى مع ضد و و عن".split()

LANGUAGE_TEXT = {
    "en": (EN_WORDS, EN_GLUE),
    "es": (ES_WORDS, ES_GLUE),
    "ar": (AR_WORDS, AR_GLUE),
}
TITLE_PATTERNS = {
    "en": [
        "{A} condemns {n1} {n2} in {place}",
        "Statement on the {n1} of {n2} in {place}",
        "Solidarity with {n1} {n2} in {place}",
        "Call to action: {v} {n1} {n2}",
        "{N1} and {n2} demand {n3} in {place}",
        "No to {n1} {n2}: {A} on {place}",
        "{A} welcomes {n1} for {n2} {n3}",
    ],
    "es": [
        "Declaración sobre {n1} y {n2} en {place}",
        "Solidaridad con {n1} {n2} en {place}",
        "Llamado a la acción: {n1} {n2}",
        "La {A} condena {n1} {n2} en {place}",
    ],
    "ar": [
        "بيان حول {n1} و{n2} في {place}",
        "التضامن مع {n1} {n2} في {place}",
        "دعوة إلى العمل: {n1} {n2}",
        "{A} يدين {n1} {n2} في {place}",
    ],
}
PLACE_NAMES = {
    "en": "Hong Kong;Mexico;Greece;Kenya;Australia;Lebanon;the United States;Bangladesh;"
    "Myanmar;the Philippines;Indonesia;Canada;Italy;Spain;Germany;Nigeria;South Africa;"
    "Malaysia;Saudi Arabia;Qatar;Brazil;Chile;Colombia;India;Nepal;Taiwan;Japan;Libya;Syria",
    "es": "Hong Kong;México;Grecia;Kenia;Australia;Líbano;Estados Unidos;Filipinas;Canadá;"
    "Italia;España;Colombia;Chile;Brasil",
    "ar": "هونغ كونغ;المكسيك;اليونان;كينيا;لبنان;الولايات المتحدة;الفلبين;كندا;سوريا;ليبيا",
}
FIRST_NAMES = (
    "Maria Jose Ana Juan Fatima Ahmed Nur Siti Grace Joy Mercy John Paul Amina Omar Leila Rosa "
    "Carmen Luis Pedro Mei Ling Wei Hana Yuki Ravi Priya Aisha Ibrahim Samuel Esther Daniel"
).split()
LAST_NAMES = (
    "Santos Reyes Cruz Garcia Lopez Hernandez Lestari Rahman Hassan Ali Okoye Mwangi Otieno "
    "Nguyen Tran Chen Wang Lim Tan Kumar Singh Sharma Haddad Khoury Mendoza Ramos Flores"
).split()
ORG_WORDS = (
    "Migrant Workers Domestic Refugee Women Youth Filipino Indonesian Nepali Mexican Kenyan "
    "Syrian Returned Undocumented Farmworkers Seafarers Families Community Solidarity"
).split()
SECTOR_PEOPLE = ["workers", "families", "youth", "women"]
ORG_KINDS_OF = "Union;Association;Centre;Network;Alliance;Coalition;Council;Movement;League"

# Countries per alliance region (ISO code, a city, its time zone, latitude, longitude).
PLACES = {
    "Asia": [
        ("HK", "Hong Kong", "Asia/Hong_Kong", 22.2819, 114.158),
        ("PH", "Manila", "Asia/Manila", 14.5995, 120.9842),
        ("ID", "Jakarta", "Asia/Jakarta", -6.2088, 106.8456),
        ("BD", "Dhaka", "Asia/Dhaka", 23.8103, 90.4125),
        ("MM", "Yangon", "Asia/Yangon", 16.8409, 96.1735),
        ("NP", "Kathmandu", "Asia/Kathmandu", 27.7172, 85.324),
        ("IN", "New Delhi", "Asia/Kolkata", 28.6139, 77.209),
        ("TW", "Taipei", "Asia/Taipei", 25.033, 121.5654),
        ("JP", "Tokyo", "Asia/Tokyo", 35.6762, 139.6503),
        ("KR", "Seoul", "Asia/Seoul", 37.5665, 126.978),
        ("MY", "Kuala Lumpur", "Asia/Kuala_Lumpur", 3.139, 101.6869),
    ],
    "Oceania": [
        ("AU", "Sydney", "Australia/Sydney", -33.8688, 151.2093),
        ("NZ", "Auckland", "Pacific/Auckland", -36.8485, 174.7633),
    ],
    "Latin America": [
        ("MX", "Mexico City", "America/Mexico_City", 19.4326, -99.1332),
        ("CO", "Bogotá", "America/Bogota", 4.711, -74.0721),
        ("CL", "Santiago", "America/Santiago", -33.4489, -70.6693),
        ("BR", "São Paulo", "America/Sao_Paulo", -23.5505, -46.6333),
        ("GT", "Guatemala City", "America/Guatemala", 14.6349, -90.5069),
    ],
    "North America": [
        ("US", "New York, NY", "America/New_York", 40.7128, -74.006),
        ("CA", "Toronto", "America/Toronto", 43.6532, -79.3832),
    ],
    "Africa": [
        ("KE", "Nairobi", "Africa/Nairobi", -1.2921, 36.8219),
        ("LY", "Tripoli", "Africa/Tripoli", 32.8872, 13.1913),
        ("NG", "Lagos", "Africa/Lagos", 6.5244, 3.3792),
        ("ZA", "Johannesburg", "Africa/Johannesburg", -26.2041, 28.0473),
        ("SN", "Dakar", "Africa/Dakar", 14.7167, -17.4677),
    ],
    "Middle East": [
        ("LB", "Beirut", "Asia/Beirut", 33.8938, 35.5018),
        ("SY", "Damascus", "Asia/Damascus", 33.5138, 36.2765),
        ("SA", "Riyadh", "Asia/Riyadh", 24.7136, 46.6753),
        ("QA", "Doha", "Asia/Qatar", 25.2854, 51.531),
        ("JO", "Amman", "Asia/Amman", 31.9454, 35.9284),
    ],
    "Europe": [
        ("GR", "Athens", "Europe/Athens", 37.9838, 23.7275),
        ("IT", "Rome", "Europe/Rome", 41.9028, 12.4964),
        ("ES", "Madrid", "Europe/Madrid", 40.4168, -3.7038),
        ("DE", "Berlin", "Europe/Berlin", 52.52, 13.405),
        ("GB", "London", "Europe/London", 51.5074, -0.1278),
        ("NL", "The Hague", "Europe/Amsterdam", 52.0705, 4.3007),
    ],
}
EXTRA_TOPICS = [
    ("domestic-workers", "Domestic workers"),
    ("labour-rights", "Labour rights"),
    ("detention-and-deportation", "Detention and deportation"),
    ("climate-displacement", "Climate displacement"),
    ("women-migrants", "Women migrants"),
    ("recruitment-fees", "Recruitment fees"),
    ("health", "Health"),
    ("seafarers", "Seafarers"),
    ("undocumented-migrants", "Undocumented migrants"),
    ("anti-trafficking", "Anti-trafficking"),
    ("remittances", "Remittances"),
    ("international-migrants-day", "International Migrants Day"),
]
STATEMENT_KINDS = [
    ("statement", 40),
    ("press_release", 25),
    ("news", 20),
    ("call_to_action", 8),
    ("joint_statement", 7),
]
EVENT_KINDS = [
    ("info_session", 20),
    ("forum", 20),
    ("rally", 15),
    ("picket", 8),
    ("mobilization", 10),
    ("online", 12),
    ("cultural", 10),
    ("other", 5),
]


SYLLABLES = (
    "ka ma lu ba ndo ri sa to mi ne ya go ha ki la mo nu pe ra si ta wa ze bo da fi "
    "gu jo ke li mu na po qu ro su te vi xo yu"
).split()


def rare_names(seed: int, count: int = 20_000) -> list[str]:
    """Made-up proper names (people, villages, groups): the long tail of a real vocabulary."""
    rng = random.Random(seed + 1)  # noqa: S311 (made-up content, not a secret)
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return sorted(names)


_POOLS: dict[str, tuple[list[str], list[float]]] = {}


def word_pool(language: str) -> tuple[list[str], list[float]]:
    """Words with cumulative weights: content words by a Zipf law (the list is in order of
    frequency), small words three times rarer in all than content words."""
    if language not in _POOLS:
        words, glue = LANGUAGE_TEXT[language]
        weights = [1 / (rank + 1) ** 1.1 for rank in range(len(words))]
        content = sum(weights)
        weights += [content / 3 / len(glue)] * len(glue)
        _POOLS[language] = (words + glue, list(itertools.accumulate(weights)))
    return _POOLS[language]


class Text:
    """Sentences, paragraphs and titles from a small word list and made-up names."""

    names: list[str] = []

    def __init__(self, rng: random.Random, language: str) -> None:
        self.rng = rng
        self.language = language if language in LANGUAGE_TEXT else "en"
        self.words, self.glue = LANGUAGE_TEXT[self.language]
        self.pool, self.cum_weights = word_pool(self.language)
        self.used: set[str] = set()

    def sentence(self, low: int = 8, high: int = 22) -> str:
        rng = self.rng
        words = rng.choices(self.pool, cum_weights=self.cum_weights, k=rng.randint(low, high))
        if self.names and rng.random() < 0.25:
            name = rng.choice(self.names)
            self.used.add(name)
            words[rng.randrange(1, len(words))] = name
        text = " ".join(words)
        if self.language != "ar":
            text = text[0].upper() + text[1:]
        return text + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(3, 6)))

    def title(self, acronym: str = "IMA") -> str:
        rng = self.rng
        pattern = rng.choice(TITLE_PATTERNS[self.language])
        n1, n2, n3 = (rng.choice(self.words) for _ in range(3))
        return pattern.format(
            A=acronym,
            n1=n1,
            n2=n2,
            n3=n3,
            N1=n1.capitalize(),
            v=rng.choice(self.words).capitalize(),
            place=rng.choice(PLACE_NAMES[self.language].split(";")),
        )[:250]

    def body(self, people: list, note: str = "") -> list[dict]:
        """A StreamField body: paragraphs, a heading or two, sometimes quotes."""
        rng = self.rng
        blocks: list[tuple[str, object]] = []
        if note:
            blocks.append(("paragraph", f"<p><em>{note}</em></p>"))
        for section in range(rng.randint(2, 4)):
            if section:
                blocks.append(("heading", self.sentence(3, 7).rstrip(".")))
            for _ in range(rng.randint(1, 3)):
                html = "".join(f"<p>{self.paragraph()}</p>" for _ in range(rng.randint(1, 2)))
                blocks.append(("paragraph", html))
            if people and rng.random() < 0.35:
                person = rng.choice(people)
                blocks.append(
                    (
                        "quote",
                        {"text": self.sentence(15, 35), "attribution": person.name, "role": ""},
                    )
                )
        return [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]


def weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


# --- timing -------------------------------------------------------------------

TIMINGS: list[tuple[str, float, str]] = []


@contextmanager
def phase(name: str):
    start, cpu = time.perf_counter(), time.process_time()
    note: list[str] = []
    print(f"[large_site] {name} ...", flush=True)
    yield note
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    TIMINGS.append((name, seconds, cpu, " ".join(note)))
    print(f"[large_site] {name}: {seconds:.1f} s (CPU {cpu:.1f} s) {' '.join(note)}", flush=True)


# --- environment ----------------------------------------------------------------


def prepare_environment(data_dir: Path) -> None:
    if data_dir.exists() and any(data_dir.iterdir()):
        sys.exit(f"{data_dir} is not empty; give a new directory (the site is built from scratch).")
    data_dir.mkdir(parents=True, exist_ok=True)
    # Like `make run`: the key is generated once and kept in the data directory.
    key_file = data_dir / "secret_key"
    key = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50)
    if not os.environ.get("SECRET_KEY"):
        old = os.umask(0o077)
        try:
            key_file.write_text(key + "\n")
        finally:
            os.umask(old)
    os.environ.update(
        {
            "ALLIANCE_DATA_DIR": str(data_dir),
            "SECRET_KEY": key,
            "DJANGO_SETTINGS_MODULE": "alliance.settings",
        }
    )
    os.environ.setdefault("DEBUG", "false")
    os.environ.pop("REDIS_URL", None)


# --- bulk writing -------------------------------------------------------------------


class PageWriter:
    """Inserts pages (parent table row and child table row) with explicit ids and paths."""

    def __init__(self) -> None:
        from django.db import connection
        from django.db.models import Max
        from wagtail.models import Page

        self.connection = connection
        self.Page = Page
        self.next_id = (Page.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        self.next_step: dict[int, int] = {}
        self.added: dict[int, int] = {}
        self.page_fields = [f for f in Page._meta.local_concrete_fields]
        self._sql: dict[type, tuple[str, list]] = {}

    def _statement(self, model) -> tuple[str, list]:
        if model not in self._sql:
            fields = list(model._meta.local_concrete_fields)
            self._sql[model] = (self._insert_sql(model._meta.db_table, fields), fields)
        return self._sql[model]

    def _insert_sql(self, table: str, fields) -> str:
        qn = self.connection.ops.quote_name
        columns = ", ".join(qn(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        # Table and column names from the models, values as parameters.
        return f"INSERT INTO {qn(table)} ({columns}) VALUES ({marks})"  # noqa: S608

    def _rows(self, objs, fields) -> list[list]:
        connection = self.connection
        return [
            [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
            for obj in objs
        ]

    def place(self, parent, page, published: dt.datetime) -> None:
        """Give an unsaved page its id, tree position, address and publication state."""
        Page = self.Page
        step = self.next_step.get(parent.pk)
        if step is None:
            last = parent.get_last_child()
            step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        self.next_step[parent.pk] = step + 1
        self.added[parent.pk] = self.added.get(parent.pk, 0) + 1
        page.id = page.page_ptr_id = self.next_id
        self.next_id += 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = published
        page.locale_id = parent.locale_id

    def write(self, objs) -> None:
        if not objs:
            return
        page_sql = self._insert_sql(self.Page._meta.db_table, self.page_fields)
        with self.connection.cursor() as cursor:
            cursor.executemany(page_sql, self._rows(objs, self.page_fields))
            by_model: dict[type, list] = {}
            for obj in objs:
                by_model.setdefault(type(obj), []).append(obj)
            for model, group in by_model.items():
                sql, fields = self._statement(model)
                cursor.executemany(sql, self._rows(group, fields))

    def finish(self) -> None:
        """Children counts of the parents, and the id sequence for databases that keep one."""
        from django.core.management.color import no_style

        Page = self.Page
        for parent_id in self.added:
            parent = Page.objects.get(pk=parent_id)
            Page.objects.filter(pk=parent_id).update(numchild=parent.get_children().count())
        with self.connection.cursor() as cursor:
            for sql in self.connection.ops.sequence_reset_sql(no_style(), [Page]):
                cursor.execute(sql)


def insert_plain(model, objs) -> None:
    """Rows of a plain (non-page) model through executemany; ids assigned by the database."""
    from django.db import connection

    fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
    qn = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the model)
        qn(model._meta.db_table),
        ", ".join(qn(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    if not objs:
        return
    rows = [[f.get_db_prep_save(getattr(o, f.attname), connection) for f in fields] for o in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


class SearchIndexWriter:
    """Index rows for new objects, as the search backend's ``add_items`` writes them.

    On SQLite (Wagtail's database backend) ``add_items`` extracts every search
    field three times (for title, body and autocomplete) and looks for existing
    rows first; for objects known to be new this writes the same rows with each
    field extracted once, and refreshes the title norms once at the end. Other
    backends get ``backend.add_bulk``.
    """

    def __init__(self) -> None:
        from wagtail.search.backends import get_search_backend

        self.backend = get_search_backend()
        self.seconds = 0.0
        self.rows = 0
        self.sqlite_index = None
        try:
            from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex
            from wagtail.models import Page

            index = self.backend.get_index_for_model(Page)
            if isinstance(index, SQLiteIndex):
                self.sqlite_index = index
        except Exception:  # another backend, or no SQLite FTS: the generic path
            self.sqlite_index = None

    def add(self, model, objs) -> None:
        started = time.perf_counter()
        if self.sqlite_index is None:
            self.backend.add_bulk(model, objs)
        else:
            from modelsearch.backends.database.sqlite.sqlite import IndexEntry, ObjectIndexer
            from modelsearch.utils import get_content_type_pk

            class OnceIndexer(ObjectIndexer):
                def prepare_field(self, obj, field):
                    if obj is not self.obj:
                        yield from super().prepare_field(obj, field)
                        return
                    cache = self.__dict__.setdefault("_prepared", {})
                    if id(field) not in cache:
                        cache[id(field)] = list(super().prepare_field(obj, field))
                    yield from cache[id(field)]

            content_type_pk = get_content_type_pk(model)
            entries = []
            for obj in objs:
                indexer = OnceIndexer(obj, self.backend)
                entries.append(
                    IndexEntry(
                        content_type_id=content_type_pk,
                        object_id=indexer.id,
                        title=indexer.title,
                        autocomplete=indexer.autocomplete,
                        body=indexer.body,
                    )
                )
            IndexEntry._default_manager.bulk_create(entries, batch_size=500)
        self.rows += len(objs)
        self.seconds += time.perf_counter() - started

    def finish(self) -> None:
        if self.sqlite_index is not None:
            started = time.perf_counter()
            self.sqlite_index._refresh_title_norms()
            self.seconds += time.perf_counter() - started


# --- the generator ------------------------------------------------------------------


def build(args) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    with phase("migrate"):
        call_command("migrate", interactive=False, verbosity=0)
    with phase("load_demo"):
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    with phase("collectstatic"):
        call_command("collectstatic", interactive=False, verbosity=0)
    from django.conf import settings

    (Path(settings.MEDIA_ROOT) / "images").mkdir(parents=True, exist_ok=True)

    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    from alliance.core.generation import pages_changed
    from alliance.core.models import HomePage
    from alliance.events.models import EventIndexPage, EventPage
    from alliance.events.schedule import event_instants
    from alliance.members.models import (
        Country,
        Endorsement,
        MemberOrganization,
        PartnerOrganization,
        Region,
    )
    from alliance.newsroom.models import (
        Person,
        StatementIndexPage,
        StatementPage,
        StatementSpokesperson,
        Topic,
    )

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB page cache for this run

    rng = random.Random(args.seed)  # noqa: S311 (made-up content, not a secret)
    Text.names = rare_names(args.seed)
    name_documents: dict[str, int] = {}
    backend = get_search_backend()
    languages = [code for code in args.languages.split(",") if code]
    known = {code for code, _ in settings.LANGUAGES}
    unknown = [code for code in languages if code not in known]
    if unknown:
        sys.exit(
            f"--languages: {', '.join(unknown)} not in the site's LANGUAGES ({', '.join(known)})"
        )
    default_language = settings.LANGUAGE_CODE
    targets = [code for code in languages if code != default_language]
    today = timezone.localdate()
    now = timezone.now()
    stats: dict[str, int] = {}

    # -- places, people, topics, partners, members ----------------------------------
    with phase("reference data and member organizations") as note, transaction.atomic():
        regions = {r.name: r for r in Region.objects.originals()}
        countries: list[tuple] = []  # (code, city, tz, lat, lon, region)
        for position, (region_name, places) in enumerate(PLACES.items()):
            region = regions.get(region_name) or Region.objects.create(
                name=region_name,
                slug=region_name.lower().replace(" ", "-"),
                sort_order=position,
            )
            for code, city, zone, lat, lon in places:
                Country.objects.get_or_create(code=code, defaults={"region": region})
                countries.append((code, city, zone, lat, lon, region))
        for slug, name in EXTRA_TOPICS:
            Topic.objects.originals().get_or_create(slug=slug, defaults={"name": name})
        topics = list(Topic.objects.originals())
        for _ in range(20):
            Person.objects.originals().get_or_create(
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                defaults={"role": rng.choice(["Spokesperson", "Secretary General", "Chairperson"])},
            )
        people = list(Person.objects.originals())
        for n in range(30):
            kind_of = rng.choice(ORG_KINDS_OF.split(";"))
            name = f"{rng.choice(ORG_WORDS)} {kind_of} for Migrants {n + 1}"
            PartnerOrganization.objects.get_or_create(name=name)
        partners = list(PartnerOrganization.objects.all())

        organizations = []
        for n in range(args.organizations):
            code, city, _zone, _lat, _lon, _region = rng.choice(countries)
            kind_of = rng.choice(ORG_KINDS_OF.split(";"))
            words = f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_WORDS)} {kind_of}"
            status = rng.choices(["member", "suspended", "former"], weights=[92, 3, 5])[0]
            organizations.append(
                MemberOrganization(
                    name=f"{words} of {city} ({n + 1})",
                    acronym="".join(w[0] for w in words.split()).upper(),
                    slug=f"member-{n + 1}",
                    kind=rng.choice(["migrant", "refugee", "ngo", "advocacy", "other"]),
                    status=status,
                    unlisted=rng.random() < 0.02,
                    country=code,
                    city=city,
                    sectors=f"{rng.choice(ORG_WORDS)} {rng.choice(SECTOR_PEOPLE)}",
                    founded_year=rng.randint(1970, 2024),
                    joined_on=dt.date(2008, 6, 1) + dt.timedelta(days=rng.randint(0, 6500)),
                    founding_member=rng.random() < 0.1,
                    description=Text(rng, "en").paragraph()[:990],
                )
            )
        MemberOrganization.objects.bulk_create(organizations, batch_size=500)
        organizations = list(
            MemberOrganization.objects.filter(slug__startswith="member-").values_list(
                "pk", "name", "country", "unlisted"
            )
        )
        backend.add_bulk(MemberOrganization, list(MemberOrganization.objects.all()))
        stats["member organizations"] = len(organizations)
        note.append(f"({len(organizations)} organizations, {len(countries)} countries)")

    # -- statements and their translations ----------------------------------------
    en_home = HomePage.objects.get(locale__language_code=default_language)
    index = StatementIndexPage.objects.get(locale__language_code=default_language)
    translated_index = {}
    for code in targets:
        locale = Locale.objects.get(language_code=code)
        found = StatementIndexPage.objects.filter(locale=locale).first()
        if found is None:
            # No translated home/statements pages for this language yet: the normal, slow way.
            home_t = HomePage.objects.filter(locale=locale).first()
            if home_t is None:
                home_t = en_home.copy_for_translation(locale)
                home_t.save_revision().publish()
            found = index.copy_for_translation(locale)
            found.save_revision().publish()
        translated_index[code] = found
    statement_model_topics = StatementPage.topics.through
    statement_model_regions = StatementPage.regions.through
    statement_model_countries = StatementPage.countries.through
    statement_model_partners = StatementPage.co_publishers.through
    notes = {
        "es": "Esta página es una traducción de ejemplo generada para la prueba de carga.",
        "ar": "هذه الصفحة ترجمة تجريبية أُنشئت لاختبار الأداء.",
    }
    first_day = dt.date(2008, 6, 1)
    span_days = (today - first_day).days
    country_ids = dict(Country.objects.values_list("code", "pk"))
    writer = PageWriter()
    endorsable: list[int] = []
    total_pages = 0

    with phase(
        f"statements ({args.statements:,}, translated share {args.translated:.0%} "
        f"into {','.join(targets) or 'none'})"
    ) as note:
        search_index = SearchIndexWriter()
        with transaction.atomic():
            done = 0
            while done < args.statements:
                size = min(args.chunk, args.statements - done)
                pages, index_objs = [], []
                topic_rows, region_rows, country_rows, partner_rows, spokes = [], [], [], [], []
                for n in range(done, done + size):
                    text = Text(rng, "en")
                    # More statements in recent years, as on a living site.
                    day = today - dt.timedelta(days=int(span_days * rng.random() ** 1.6))
                    published = dt.datetime.combine(
                        day, dt.time(rng.randint(6, 20), rng.randint(0, 59)), tzinfo=dt.UTC
                    )
                    kind = weighted(rng, STATEMENT_KINDS)
                    title = text.title()
                    statement = StatementPage(
                        title=title,
                        slug=f"statement-{n + 1}",
                        kind=kind,
                        deck=text.sentence(5, 10).rstrip(".") if rng.random() < 0.4 else "",
                        date=day,
                        summary=" ".join(text.sentence(10, 20) for _ in range(2))[:400],
                        body=text.body(people),
                        signature=(
                            f"{rng.choice(people).name}\nInternational Migrants Alliance"
                            if rng.random() < 0.5
                            else ""
                        ),
                        endorsements_open=kind in ("joint_statement", "call_to_action"),
                        translation_key=uuid.uuid4(),
                    )
                    writer.place(index, statement, published)
                    for name in text.used:
                        name_documents[name] = name_documents.get(name, 0) + 1
                    chosen_topics = rng.sample(topics, rng.randint(1, 3))
                    statement.topics = chosen_topics
                    code, _city, _tz, _la, _lo, region = rng.choice(countries)
                    topic_rows += [
                        statement_model_topics(statementpage_id=statement.id, topic_id=t.pk)
                        for t in chosen_topics
                    ]
                    region_rows.append(
                        statement_model_regions(statementpage_id=statement.id, region_id=region.pk)
                    )
                    country_rows.append((statement.id, code))
                    if kind == "joint_statement":
                        for partner in rng.sample(partners, rng.randint(1, 3)):
                            partner_rows.append(
                                statement_model_partners(
                                    statementpage_id=statement.id, partnerorganization_id=partner.pk
                                )
                            )
                    if rng.random() < 0.6:
                        spokes.append(
                            StatementSpokesperson(
                                page_id=statement.id, person=rng.choice(people), sort_order=0
                            )
                        )
                    if statement.endorsements_open:
                        endorsable.append(statement.id)
                    pages.append(statement)
                    index_objs.append(statement)
                    for code_t in targets:
                        if rng.random() >= args.translated:
                            continue
                        text_t = Text(rng, code_t)
                        translation = StatementPage(
                            title=text_t.title(),
                            slug=statement.slug,
                            kind=kind,
                            deck="",
                            date=day,
                            summary=" ".join(text_t.sentence(10, 20) for _ in range(2))[:400],
                            body=text_t.body(people, notes.get(code_t, "")),
                            signature=statement.signature,
                            translation_key=statement.translation_key,
                        )
                        writer.place(translated_index[code_t], translation, published)
                        translation.topics = chosen_topics
                        topic_rows += [
                            statement_model_topics(statementpage_id=translation.id, topic_id=t.pk)
                            for t in chosen_topics
                        ]
                        region_rows.append(
                            statement_model_regions(
                                statementpage_id=translation.id, region_id=region.pk
                            )
                        )
                        country_rows.append((translation.id, code))
                        pages.append(translation)
                        index_objs.append(translation)
                        stats[f"statements ({code_t})"] = stats.get(f"statements ({code_t})", 0) + 1
                writer.write(pages)
                total_pages += len(pages)
                insert_plain(statement_model_topics, topic_rows)
                insert_plain(statement_model_regions, region_rows)
                insert_plain(
                    statement_model_countries,
                    [
                        statement_model_countries(statementpage_id=pid, country_id=country_ids[c])
                        for pid, c in country_rows
                    ],
                )
                insert_plain(statement_model_partners, partner_rows)
                insert_plain(StatementSpokesperson, spokes)
                if not args.no_index:
                    search_index.add(StatementPage, index_objs)
                done += size
                if done % (args.chunk * 10) == 0 or done == args.statements:
                    print(f"[large_site]   {done:,} statements, {total_pages:,} pages", flush=True)
            writer.finish()
            search_index.finish()
        stats[f"statements ({default_language})"] = args.statements
        note.append(f"({total_pages:,} pages; search indexing {search_index.seconds:.1f} s of it)")

    # -- events ----------------------------------------------------------------------
    event_index = EventIndexPage.objects.get(locale__language_code=default_language)
    with phase(f"events ({args.events:,})") as note:
        writer = PageWriter()
        search_index = SearchIndexWriter()
        listed = [o for o in organizations if not o[3]]
        with transaction.atomic():
            done = 0
            while done < args.events:
                size = min(args.chunk, args.events - done)
                pages = []
                for n in range(done, done + size):
                    text = Text(rng, "en")
                    code, city, zone, lat, lon, _region = rng.choice(countries)
                    # From 2010 to a year ahead: about a tenth are upcoming.
                    start_date = dt.date(2010, 1, 1) + dt.timedelta(
                        days=rng.randint(0, (today - dt.date(2010, 1, 1)).days + 365)
                    )
                    kind = weighted(rng, EVENT_KINDS)
                    online = kind == "online"
                    shape = rng.random()
                    end_date = None
                    if shape < 0.1:  # all day
                        start_time = end_time = None
                    elif shape < 0.15:  # several days
                        start_time, end_time = dt.time(9, 0), dt.time(17, 0)
                        end_date = start_date + dt.timedelta(days=rng.randint(1, 3))
                    else:
                        start_time = dt.time(rng.randint(8, 19), rng.choice([0, 15, 30]))
                        end_time = (
                            None
                            if rng.random() < 0.2
                            else dt.time(
                                min(23, start_time.hour + rng.randint(1, 4)), start_time.minute
                            )
                        )
                    starts_at, ends_at = event_instants(
                        start_date, start_time, end_date, end_time, zone
                    )
                    organizer = rng.choice(listed) if listed and rng.random() < 0.5 else None
                    published = min(now, starts_at - dt.timedelta(days=rng.randint(7, 60)))
                    status = rng.choices(
                        ["scheduled", "postponed", "cancelled"], weights=[94, 3, 3]
                    )[0]
                    event = EventPage(
                        title=text.title(),
                        slug=f"event-{n + 1}",
                        kind=kind,
                        summary=" ".join(text.sentence(8, 16) for _ in range(2))[:400],
                        body=text.body([])[: rng.randint(1, 3)],
                        status=status,
                        status_note="New date to follow." if status == "postponed" else "",
                        start_date=start_date,
                        start_time=start_time,
                        end_date=end_date,
                        end_time=end_time,
                        time_zone=zone,
                        starts_at=starts_at,
                        ends_at=ends_at,
                        venue_name="" if online else f"{rng.choice(ORG_WORDS)} Community Hall",
                        street_address="" if online else f"{rng.randint(1, 300)} Main Street",
                        city="" if online else city,
                        country=code,
                        latitude=None if online else round(lat + rng.uniform(-0.05, 0.05), 5),
                        longitude=None if online else round(lon + rng.uniform(-0.05, 0.05), 5),
                        online_url="https://meet.example.org/" + uuid.uuid4().hex[:10]
                        if online
                        else "",
                        organizer_id=organizer[0] if organizer else None,
                        languages=rng.choice(
                            ["English", "English, Spanish", "English, Tagalog", ""]
                        ),
                        rsvp_enabled=rng.random() < 0.2,
                        translation_key=uuid.uuid4(),
                    )
                    writer.place(event_index, event, published)
                    pages.append(event)
                writer.write(pages)
                if not args.no_index:
                    search_index.add(EventPage, pages)
                done += size
            writer.finish()
            search_index.finish()
        stats["events"] = args.events
        note.append(f"(search indexing {search_index.seconds:.1f} s of it)")

    # -- endorsements ------------------------------------------------------------------
    with phase(f"endorsements ({args.endorsements:,})") as note, transaction.atomic():
        remaining = args.endorsements
        targets_ids = endorsable or [
            p
            for p in StatementPage.objects.filter(
                locale__language_code=default_language
            ).values_list("pk", flat=True)
        ]
        rng.shuffle(targets_ids)
        rows = []
        used_statements = 0
        # Few statements gather many signatures, most a handful (a Zipf-like spread).
        for rank, statement_id in enumerate(itertools.cycle(targets_ids), start=1):
            if remaining <= 0:
                break
            count = min(remaining, max(1, int(1500 / rank**0.8)))
            remaining -= count
            used_statements += 1
            members = rng.sample(organizations, min(len(organizations), count // 2))
            for org_pk, org_name, org_country, _unlisted in members:
                rows.append(
                    Endorsement(
                        statement_id=statement_id,
                        organization_id=org_pk,
                        display_name=org_name,
                        country=org_country,
                        status="confirmed",
                        dedup_key=f"member|{org_pk}",
                        created_at=now,
                    )
                )
            for k in range(count - len(members)):
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} ({k})"
                code = rng.choice(countries)[0]
                rows.append(
                    Endorsement(
                        statement_id=statement_id,
                        display_name=name,
                        signer_name=name,
                        country=code,
                        status="confirmed",
                        dedup_key=f"public|{name.casefold()}|{code.casefold()}",
                        created_at=now,
                    )
                )
            if len(rows) > 20000:
                insert_plain(Endorsement, rows)
                rows = []
        insert_plain(Endorsement, rows)
        stats["endorsements"] = Endorsement.objects.count()
        note.append(f"(on {used_statements:,} statements)")

    with phase("page cache generation"):
        pages_changed()
    # What bench/pages.py needs to know about this site: a search for a rare word
    # (a made-up name in about five statements, whatever the site's size).
    if name_documents:
        rare = min(name_documents, key=lambda name: (abs(name_documents[name] - 5), name))
        stats["rare search word"] = rare
        stats["statements containing it"] = name_documents[rare]
    return stats


def verify(rare_word: str | None) -> list[tuple[str, int, float, int]]:
    """GET a set of pages through Django's test client; all must answer 200.

    A search for a common word takes time that grows with the square of the number of
    matching pages (see bench/README.md, "Pages under load"), so above 20,000 statements
    only the rare-word searches are tried.
    """
    from django.conf import settings
    from django.test import Client

    from alliance.events.models import DayOfActionPage, EventPage
    from alliance.newsroom.models import StatementPage

    host = settings.ALLOWED_HOSTS[0]
    client = Client(HTTP_HOST=host)
    newest = (
        StatementPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("-date", "-pk")
        .first()
    )
    translated = (
        StatementPage.objects.live()
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("-pk")
        .first()
    )
    endorsed = (
        StatementPage.objects.live().filter(endorsements__status="confirmed").order_by("pk").first()
    )
    event = EventPage.objects.live().filter(slug__startswith="event-").order_by("-pk").first()
    from alliance.members.models import MemberOrganization
    from alliance.members.views import PAGE_SIZE as DIRECTORY_PAGE_SIZE

    def last(count: int, size: int) -> int:
        return max(1, -(-count // size))

    count = (
        StatementPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).count()
    )
    last_page = last(count, 10)
    past_page = last(EventPage.objects.live().past().count(), 20)
    directory_page = last(MemberOrganization.objects.listed().count(), DIRECTORY_PAGE_SIZE)
    urls = [
        "/en/",
        newest.url,
        "/en/statements/trump-executive-orders/",
        *([translated.url] if translated else []),
        *([endorsed.url] if endorsed else []),
        "/en/statements/",
        "/en/statements/?page=2",
        f"/en/statements/?page={last_page}",
        "/en/statements/?kind=joint_statement&page=3",
        event.url,
        "/en/events/",
        f"/en/events/past/?page={past_page}",
        DayOfActionPage.objects.live().first().url,
        *([f"/en/search/?q={rare_word}", f"/es/search/?q={rare_word}"] if rare_word else []),
        *(["/en/search/?q=refugees", "/es/search/?q=migrantes"] if count <= 20_000 else []),
        "/en/members/",
        f"/en/members/?page={directory_page}",
    ]
    results = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        ms = (time.perf_counter() - start) * 1000
        results.append((url, response.status_code, ms, len(response.content)))
        print(
            f"[large_site]   {response.status_code} {ms:8.1f} ms "
            f"{len(response.content) / 1024:6.0f} KiB  {url}",
            flush=True,
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--organizations", type=int, default=1_000)
    parser.add_argument("--endorsements", type=int, default=50_000)
    parser.add_argument(
        "--languages", default="en,es,ar", help="content languages; the first is the site's default"
    )
    parser.add_argument(
        "--translated",
        type=float,
        default=0.1,
        help="share of statements translated into each other language",
    )
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--chunk", type=int, default=2000, help="pages per batch")
    parser.add_argument(
        "--no-index",
        action="store_true",
        help="skip the search index (search then misses generated pages)",
    )
    parser.add_argument("--no-verify", action="store_true")
    args = parser.parse_args()

    prepare_environment(args.data_dir.resolve())
    started = time.perf_counter()
    stats = build(args)
    if not args.no_verify:
        with phase("verify (test client)") as note:
            results = verify(stats.get("rare search word"))
            bad = [r for r in results if r[1] != 200]
            note.append(f"({len(results) - len(bad)}/{len(results)} answered 200)")
    total = time.perf_counter() - started
    print()
    print(f"Site in {args.data_dir.resolve()}  (ALLIANCE_DATA_DIR; key in secret_key)")
    for name, value in stats.items():
        print(f"  {name}: {value:,}" if isinstance(value, int) else f"  {name}: {value}")
    facts = {"generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **stats}
    facts["arguments"] = {k: str(v) for k, v in vars(args).items()}
    facts["timings"] = [
        {"phase": name, "wall_s": round(w, 1), "cpu_s": round(c, 1), "note": extra}
        for name, w, c, extra in TIMINGS
    ]
    facts["total_s"] = round(total, 1)
    (args.data_dir / "bench_site.json").write_text(json.dumps(facts, indent=2, ensure_ascii=False))
    print()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at the end: {load} ({os.cpu_count()} CPUs)")
    print()
    print("| phase | wall s | CPU s (this process) | |")
    print("|---|---:|---:|---|")
    for name, seconds, cpu, extra in TIMINGS:
        print(f"| {name} | {seconds:.1f} | {cpu:.1f} | {extra} |")
    print(f"| **total** | **{total:.1f}** | **{time.process_time():.1f}** | |")
    if not args.no_verify and bad:
        sys.exit(f"{len(bad)} page(s) did not answer 200: {', '.join(r[0] for r in bad)}")


if __name__ == "__main__":
    main()
