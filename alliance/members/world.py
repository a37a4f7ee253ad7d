"""Which of the alliance's seven regions each ISO 3166 country belongs to.

The regions are the ones the alliance's own site lists (Asia, Oceania, Latin
America, North America, Africa, Middle East, Europe), by their slugs. Islands and
territories go with the region around them; the uninhabited southern lands with
the nearest (Antarctica with Oceania). A test keeps this in step with the
country list of django-countries, so that no country falls under "Elsewhere".
"""

from __future__ import annotations

from alliance.core.translated import default_language

_CODES = {
    "asia": (
        "AF BD BT BN KH CN HK IN ID IO JP KZ KG LA MO MY MV MN MM NP KP PK PH SG KR LK TW TJ TH "
        "TL TM UZ VN"
    ),
    "oceania": (
        "AS AQ AU CX CC CK FJ PF GU HM KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF"
    ),
    "latin-america": (
        "AI AG AR AW BS BB BZ BO BQ BR KY CL CO CR CU CW DM DO EC SV FK GF GD GP GT GY HT HN JM "
        "MQ MX MS NI PA PY PE PR BL KN LC MF VC SX GS SR TT TC UY VE VG VI"
    ),
    "north-america": "BM CA GL PM US",
    "africa": (
        "DZ AO BJ BW BV BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET TF GA GM GH GN GW KE LS "
        "LR LY MG MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH "
        "ZM ZW"
    ),
    "middle-east": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "europe": (
        "AX AL AD AM AT AZ BY BE BA BG HR CY CZ DK EE FO FI FR GE DE GI GR GG HU IS IE IM IT JE "
        "LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB VA"
    ),
}

#: ISO 3166 code → the slug of its region.
COUNTRY_REGION_SLUGS: dict[str, str] = {
    code: region for region, codes in _CODES.items() for code in codes.split()
}

#: The slug of each region by the name the alliance's site gives it.
REGION_SLUGS_BY_NAME = {
    "Asia": "asia",
    "Oceania": "oceania",
    "Latin America": "latin-america",
    "North America": "north-america",
    "Africa": "africa",
    "Middle East": "middle-east",
    "Europe": "europe",
}


def countries_place(region_model, country_model) -> int:
    """Give every ISO 3166 country not yet placed its region; returns how many were added.

    Regions are found by slug, or by name; a country whose region the site does not
    have is left out. The models are passed in so that a data migration can use its
    historical ones. Countries already placed keep the region an editor gave them.
    """
    regions: dict[str, object] = {}
    candidates = region_model.objects.all()
    if any(field.name == "locale" for field in region_model._meta.fields):
        # Countries belong to the original regions, not to their translations.
        candidates = candidates.filter(locale__language_code=default_language())
    for region in candidates:
        slug = region.slug if region.slug in _CODES else REGION_SLUGS_BY_NAME.get(region.name)
        if slug:
            regions.setdefault(slug, region)
    placed = set(country_model.objects.values_list("code", flat=True))
    new = [
        country_model(code=code, region=regions[slug])
        for code, slug in COUNTRY_REGION_SLUGS.items()
        if code not in placed and slug in regions
    ]
    country_model.objects.bulk_create(new)
    return len(new)
