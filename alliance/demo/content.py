"""Demo content for the International Migrants Alliance (IMA) site.

This module holds the demo content written for this project from the facts
of the IMA's old website, as preserved in a capture of that site. Names,
dates, places, figures and titles come from the capture; the prose is new
and paraphrases the original posts. The only verbatim text is in ``quote``
blocks, which hold short excerpts of remarks the original posts put in
quotation marks and attribute to a named person.

Nothing here is invented: there are no made-up e-mail addresses, web
addresses, member lists or document texts. Where the capture does not give
a text (the Basis of Unity and the General Program of Action), the demo
file says so plainly and asks the Secretariat to upload the adopted text.

The module is plain Python data with no Django imports, so it can be read
by management commands, fixtures and tests alike.

It is a data table, not code to read top to bottom: it is exempt from the
500-line limit on modules (``alliance/tests/test_sizes.py``, ``DATA_MODULES``).

Body formats
------------
``body`` values are lists of ``(block_type, value)`` tuples:

* ``("heading", "Plain text")``
* ``("paragraph", "<p>HTML</p>")`` using only ``<p>``, ``<strong>``,
  ``<em>``, ``<a href>``, ``<ul>``, ``<ol>`` and ``<li>``
* ``("quote", {"text": "...", "person": "<key into PEOPLE>"})``
"""

import datetime as dt

ALLIANCE = {
    "name": "International Migrants Alliance",
    "acronym": "IMA",
    # The captured site gives only the month and year of the founding.
    "founded": dt.date(2008, 6, 1),
    "secretariat_city": "Hong Kong",
    "intro": (
        "The International Migrants Alliance (IMA) is a global alliance of "
        "grassroots organizations of migrants, refugees and displaced people, "
        "founded in June 2008 and run from an International Secretariat in "
        "Hong Kong. "
        "It works to make the voice of grassroots migrants heard on the "
        "issues that shape their lives and the lives of their families."
    ),
}

# In the order the captured site lists them.
REGIONS = [
    "Asia",
    "Oceania",
    "Latin America",
    "North America",
    "Africa",
    "Middle East",
    "Europe",
]

ABOUT = {
    "title": "About the alliance",
    "intro": (
        "The IMA brings together grassroots organizations of migrants, "
        "refugees and displaced people from many countries. It was founded "
        "in June 2008 and has its International Secretariat in Hong Kong."
    ),
    "body": [
        ("heading", "Founding assembly"),
        (
            "paragraph",
            "<p>The alliance was set up in June 2008 by 108 founding "
            "organizations from 25 countries, most of them grassroots "
            "groups of migrants. Another 32 NGOs and institutions "
            "serving migrants also took part in the founding "
            "assembly.</p>",
        ),
        ("heading", "Who we are"),
        (
            "paragraph",
            "<p>The IMA is a broad international alliance of migrant, "
            "refugee and displaced people's organizations of many "
            "nationalities, which describe themselves as progressive and "
            "anti-imperialist. It regards itself as the first global "
            "alliance of its kind: one formed by the grassroots "
            "organizations of migrants, refugees and displaced people "
            "themselves.</p>"
            "<p>Its members are united around two founding documents: the "
            "<strong>Basis of Unity</strong> and the <strong>General "
            "Program of Action</strong>.</p>",
        ),
        ("heading", "Where the alliance works"),
        (
            "paragraph",
            "<p>The IMA now has a presence in almost every major region of "
            "the world, as listed below. Its International Secretariat is "
            "in Hong Kong.</p>",
        ),
        ("heading", "What the alliance does"),
        (
            "paragraph",
            "<p>The IMA sets out to strengthen the voice of grassroots "
            "migrants and to bring it forward on the issues that affect "
            "them and their families. These range from remittances, to "
            "migrants' rights and welfare, to ending forced labor "
            "migration.</p>"
            "<p>On each of these issues the alliance offers its own "
            "analysis, drawn from the experience of grassroots migrants. "
            "It questions the way migration is governed today, including "
            "bodies such as the Global Forum on "
            "Migration and Development (GFMD), and puts forward instead a "
            "more transformative approach to migration and development "
            "that is built on human rights.</p>",
        ),
    ],
}

FOUNDING_DOCUMENTS = [
    {
        "title": "Basis of Unity",
        "description": (
            "One of the two founding documents around which the IMA's "
            "member organizations are united."
        ),
        "text": (
            "International Migrants Alliance (IMA)\n"
            "Basis of Unity\n"
            "\n"
            "The Basis of Unity is one of the two documents that unite the "
            "member organizations of the International Migrants Alliance. "
            "The other is the General Program of Action.\n"
            "\n"
            "Please note: this page was made for the demo version of the "
            "IMA website and does not hold the Basis of Unity itself. "
            "It stands in for the text the alliance adopted, which the "
            "International Secretariat pastes here in its place.\n"
        ),
    },
    {
        "title": "General Program of Action",
        "description": (
            "The alliance's program of action, which together with the "
            "Basis of Unity holds its member organizations together."
        ),
        "text": (
            "International Migrants Alliance (IMA)\n"
            "General Program of Action\n"
            "\n"
            "The General Program of Action is one of the two documents that "
            "unite the member organizations of the International Migrants "
            "Alliance. The other is the Basis of Unity.\n"
            "\n"
            "Please note: this page was made for the demo version of the "
            "IMA website and does not hold the General Program of Action "
            "itself. It stands in for the text the alliance adopted, which "
            "the International Secretariat pastes here in its place.\n"
        ),
    },
]

PEOPLE = [
    {
        "key": "lestari",
        "name": "Eni Lestari",
        "role": "Chairperson",
        "organization": "IMA",
    },
    {
        "key": "baldres",
        "name": "Jonna Baldres",
        "role": "Contact for the New York info-session and mobilization",
        "phone": "646-587-7390",
    },
    {
        "key": "arizaga",
        "name": "Antonio Arizaga",
        "role": "Contact for the New York info-session and mobilization",
        "phone": "862-227-6265",
    },
]

# Keys into PEOPLE, shown in site settings and on the contact page.
CONTACT_PERSONS = ["baldres", "arizaga"]

ORGANIZATIONS = [
    {
        "key": "cpgsd",
        "name": "Campaign for People's Goals for Sustainable Development",
        "acronym": "CPGSD",
    },
]

TOPICS = [
    {"slug": "refugees", "name": "Refugees"},
    {"slug": "racism-and-xenophobia", "name": "Racism and xenophobia"},
    {"slug": "forced-migration", "name": "Forced migration"},
    {"slug": "united-states", "name": "United States"},
    {
        "slug": "sustainable-development",
        "name": "Sustainable development and the post-2015 agenda",
    },
    {"slug": "united-nations", "name": "United Nations"},
]

STATEMENTS = [
    {
        "slug": "trump-executive-orders",
        "title": "Trump’s executive orders are racist, anti-migrant, anti-refugee",
        "deck": "A step towards a more xenophobic America?",
        "kind": "statement",
        "date": dt.date(2017, 1, 30),
        "summary": (
            "The IMA condemned the immigration orders President Donald Trump "
            "signed in his first week in office, including a four-month "
            "suspension of the US refugee program. Chairperson Eni Lestari "
            "said the orders fuel racism and put Muslim Americans and other "
            "people of color at risk."
        ),
        "spokespersons": ["lestari"],
        "co_publishers": [],
        "topics": ["racism-and-xenophobia", "refugees", "united-states"],
        "regions": ["North America"],
        "countries": ["US", "MX"],
        "body": [
            (
                "paragraph",
                "<p>The International Migrants Alliance has criticized the "
                "executive orders that US President Donald Trump signed in "
                "his first week in office to restrict immigration further, "
                "and asked whether America is turning more "
                "xenophobic.</p>",
            ),
            ("heading", "What the orders do"),
            (
                "paragraph",
                "<p>Trump ordered a four-month suspension of the US refugee "
                "program. Asylum seekers and refugees from seven "
                "Muslim-majority countries now face stricter procedures that "
                "limit their entry. Trump's stated aim, in the words "
                'the alliance quoted, was to keep "radical Islamic '
                'terrorists" out of the United States. The alliance noted '
                "that Christians are exempted.</p>"
                "<p>Earlier the same week, Trump ordered that a wall be built "
                "without delay along the border between the United States "
                "and Mexico.</p>",
            ),
            ("heading", "The alliance's concerns"),
            (
                "paragraph",
                "<p>According to IMA chairperson Eni Lestari, the orders and "
                "the president's public remarks only feed the hostility to "
                "Islam, racial hatred, exclusion and bigotry that she said "
                "are spreading quickly across America.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "By alluding to those believing in Islam as possible "
                        "terrorists, Trump justifies racism and his actions "
                        "encouraging more racial conflict and divide."
                    ),
                    "person": "lestari",
                },
            ),
            (
                "paragraph",
                '<p>Lestari compared his approach to the "with us or '
                "against us\" line of George W. Bush's presidency, a "
                "presidency she said was known for the invasion of "
                "Iraq.</p>"
                "<p>She called it tragic that the United States, a country "
                "of migrants and refugees, and the country where states, "
                "people's organizations and other stakeholders agreed in "
                "2016 on the global compact for migrants and refugees, would "
                "have a president who promotes racism and discrimination "
                "rather than solidarity and unity.</p>"
                "<p>The IMA said it was urgently concerned for the safety "
                "and security of Muslim Americans and of other people of "
                "color living in the country. Lestari warned that the "
                "president's statements could encourage attacks on Muslim "
                "Americans and on many others who fit the same racial "
                "profile. She added that they could also lead to harsher "
                "action by the state, including arrests of immigrants, "
                "crackdowns and deportations.</p>",
            ),
            ("heading", "Solidarity and protest"),
            (
                "paragraph",
                "<p>The alliance expressed solidarity with its member "
                "organizations in the United States, and with the many "
                "groups and people who took part in the Women's March and "
                "opposed the president's anti-migrant policies and "
                "remarks.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "With his policies and orders, the Trump presidency "
                        "poses a threat to solidarity, racial understanding "
                        "and justice that many of us uphold and promote. We "
                        "will not allow this to happen."
                    ),
                    "person": "lestari",
                },
            ),
            (
                "paragraph",
                "<p>Lestari said the IMA would mobilize its member "
                "organizations in the United States and around the world to "
                "protest against the policy, which she called the most hated "
                "policy of a president she described as racist and "
                "anti-woman.</p>",
            ),
        ],
        "signature": "Eni Lestari\nChairperson, International Migrants Alliance",
        "related": ["un-high-level-dialogue-info-session"],
    },
    {
        "slug": "un-high-level-dialogue-info-session",
        "title": (
            "International Migrants Alliance Info-Session on the UN High "
            "Level Dialogue and Mobilization to End Forced Migration"
        ),
        "deck": "",
        "kind": "call_to_action",
        "date": dt.date(2016, 9, 9),
        "summary": (
            "The IMA invited the public to an info-session in New York on "
            "Friday 9 September on the UN High Level Dialogue, and to a "
            "mobilization to end forced migration at Times Square on Sunday "
            "18 September."
        ),
        "spokespersons": [],
        "co_publishers": [],
        "topics": ["forced-migration", "united-nations", "united-states"],
        "regions": ["North America"],
        "countries": ["US"],
        "body": [
            (
                "paragraph",
                "<p>As the UN High Level Dialogues take place in New York, "
                "the International Migrants Alliance is holding an "
                "info-session on the dialogues and on the alliance itself, "
                "followed by a march and rally against forced migration and "
                "imperialist globalization. The alliance invites the public "
                "to both.</p>",
            ),
            ("heading", "Info-session"),
            (
                "paragraph",
                "<p>Find out what the UN High Level Dialogue (HLD) is about, "
                "and what the IMA does.</p>"
                "<ul>"
                "<li><strong>When:</strong> Friday 9 September 2016, "
                "7 to 9 PM</li>"
                "<li><strong>Where:</strong> San Damiano Hall, St. Francis "
                "of Assisi, 129 West 31st Street, New York, NY 10001</li>"
                "</ul>",
            ),
            ("heading", "Mobilization to end forced migration"),
            (
                "paragraph",
                "<p>The IMA asks supporters to join it in mobilizing and "
                "marching for migrants and workers, to call for an end to "
                "forced migration and to resist imperialist "
                "globalization.</p>"
                "<ul>"
                "<li><strong>When:</strong> Sunday 18 September 2016, "
                "4 PM</li>"
                "<li><strong>Assembly point:</strong> Times Square, at 43rd "
                "Street and 7th Avenue</li>"
                "</ul>",
            ),
            ("heading", "Why the alliance is marching"),
            (
                "paragraph",
                "<p>According to the alliance, heads of state and corporate "
                "executives have used the dialogues to make migration and "
                "development policy that serves profit. Migrant workers "
                "from the Global South and their families live with the "
                "results, the IMA said, yet their voices have been left out "
                "of the talks.</p>"
                "<p>Against the analysis offered at the dialogues, the IMA "
                "proposes a more transformative approach to migration and "
                "development, rooted in human rights and guided by them. It "
                "demands an end to the mass displacement of people, and to "
                "the exploitation, abuse, discrimination, rights violations "
                "and deaths that migrants and refugees suffer. The alliance "
                "holds the neoliberal policies of what it calls imperialist "
                "US responsible for them.</p>",
            ),
            ("heading", "About the IMA"),
            (
                "paragraph",
                "<p>The IMA describes itself as the first global alliance "
                "formed by grassroots organizations of migrants, refugees "
                "and displaced people. Since its founding in June 2008 it has "
                "worked to strengthen the voice of grassroots migrants and "
                "bring it forward on the issues that affect them and their "
                "families, from remittances, to rights and welfare, to "
                "ending forced labor migration. It analyzes these issues "
                "from the point of view of grassroots migrants, and "
                "questions the present system and bodies such as the Global "
                "Forum on Migration and Development (GFMD).</p>",
            ),
            ("heading", "Contact"),
            (
                "paragraph",
                "<p>If you have questions, call Jonna Baldres "
                "(646-587-7390) or Antonio Arizaga (862-227-6265).</p>",
            ),
        ],
        "signature": "",
        "related": ["trump-executive-orders", "ima-cpgsd-refugee-crisis"],
    },
    {
        "slug": "ima-cpgsd-refugee-crisis",
        "title": "IMA and CPGSD on the Refugee Crisis",
        "deck": "Let the pictures break not only hearts, but also barriers to rights",
        "kind": "joint_statement",
        "date": dt.date(2015, 9, 8),
        "summary": (
            "After the death of three-year-old Aylan Kurdi at sea, the IMA "
            "and CPGSD called on governments to tear down the barriers to the "
            "rights of refugees and migrants, and to live up to the "
            "post-2015 development agenda's promise to leave no one behind."
        ),
        "spokespersons": ["lestari"],
        "co_publishers": ["cpgsd"],
        "topics": [
            "refugees",
            "forced-migration",
            "sustainable-development",
            "united-nations",
        ],
        "regions": ["Europe", "Middle East", "Africa", "Asia"],
        "countries": ["SY", "GR", "LY", "MM", "BD"],
        "body": [
            (
                "paragraph",
                "<p>In a joint statement, the IMA and the Campaign for "
                "People's Goals for Sustainable Development (CPGSD) said "
                "Europe is haunted by refugees who flee war only to die at "
                "sea instead of finding safety on land.</p>",
            ),
            ("heading", "A picture that moved people"),
            (
                "paragraph",
                "<p>A photograph of Aylan Kurdi, a three-year-old Syrian boy "
                "lying face down and lifeless after an attempt to reach "
                "Greece, has spread through alternative and mainstream media. "
                "The two organizations said it rightly moved people and "
                "prompted calls for change.</p>"
                "<p>For weeks, European governments have faced criticism at "
                "home for either taking a hard line on refugees or stalling on "
                "the protection, services and refuge that international and "
                "EU agreements oblige them to give.</p>",
            ),
            ("heading", "Deaths at sea"),
            (
                "paragraph",
                "<p>The statement called the sinking of Aylan's boat, and of "
                "another carrying refugees, the latest proof of how exposed "
                "displaced people are. Weeks earlier, two boats that had set "
                "out from Libya for Europe with 500 people on board capsized "
                "in the Mediterranean, reportedly killing 400. The United "
                "Nations estimates that 2,400 people have died this year alone "
                "trying to get across the Mediterranean. The statement also recalled "
                "the Rohingya and Bangladeshi people from Myanmar left "
                "adrift at sea and turned away by Southeast Asian "
                "countries.</p>",
            ),
            ("heading", "Migrants made scapegoats"),
            (
                "paragraph",
                "<p>The two organizations see closed borders and tighter "
                "entry rules, for refugees fleeing war and hunger and for "
                "migrants driven out by hardship or political strife alike, "
                "spreading beyond Europe to other countries that receive "
                "displaced people.</p>"
                "<p>In their view, governments cite job shortages and "
                "competition for scarce resources and services to justify "
                "the crackdown. With crises dragging on and any recovery "
                "slow or kept for business, migrants and refugees become "
                "scapegoats, hiding the fact that lopsided economic policies "
                "cause the problems people face in host countries. The same "
                "neoliberal economics that promotes labor export, along "
                "with war and conflict, drives millions from their "
                "homelands in search of safety, the statement argued.</p>",
            ),
            ("heading", "Leave no one behind"),
            (
                "paragraph",
                "<p>This month the UN General Assembly meets to chart "
                "development for the next 15 years. The two groups "
                "stressed that displacement for economic or political "
                "reasons, affecting 232 million migrants and 19.5 million "
                "refugees, is a question of holistic development that must "
                "respect people's rights in full.</p>"
                "<p>After the Libyan boats sank, Kenya's Ambassador Macharia "
                "Kamau, co-chair of the post-2015 development agenda talks, "
                "said the handling of the migrant crisis was not how the "
                "world would be transformed by 2030. The two organizations "
                "agreed.</p>"
                "<p>The post-2015 agenda pledges that no one will be left "
                "behind. If governments mean it, the statement said, no more "
                "children "
                "like Aylan should suffer or wash up dead on foreign shores. "
                "It closed by asking that images of dead children break "
                "not only hearts but also the walls that shut people out: "
                "inhumane policies that deny basic rights to people already "
                "driven from home by poverty and war.</p>",
            ),
        ],
        "signature": (
            "Eni Lestari\n"
            "International Migrants Alliance (IMA) / Campaign for People’s "
            "Goals for Sustainable Development (CPGSD)"
        ),
        "related": ["un-high-level-dialogue-info-session"],
    },
]


# --- Events (issue: events, RSVPs and global days of action) -----------------
# The two New York events the seed announces. Where the seed gives no end
# time (the march), none is shown.

EVENTS = [
    {
        "slug": "info-session-un-high-level-dialogue-2016",
        "title": "Info-session on the UN High Level Dialogue",
        "kind": "info_session",
        "summary": (
            "An evening in New York to learn about the UN High Level Dialogue on migration "
            "and about the International Migrants Alliance, before the mobilization of "
            "18 September."
        ),
        "start_date": dt.date(2016, 9, 9),
        "start_time": dt.time(19, 0),
        "end_time": dt.time(21, 0),
        "time_zone": "America/New_York",
        "venue_name": "San Damiano Hall, St. Francis of Assisi",
        "street_address": "129 West 31st Street",
        "city": "New York, NY",
        "postal_code": "10001",
        "country": "US",
        "latitude": "40.74860",
        "longitude": "-73.99290",
        "meeting_point": "",
        "contacts": ["baldres", "arizaga"],
        "related": ["un-high-level-dialogue-info-session"],
    },
    {
        "slug": "march-to-end-forced-migration-2016",
        "title": "Mobilization to end forced migration",
        "kind": "rally",
        "summary": (
            "While heads of state met at the UN High Level Dialogues, the alliance marched in "
            "New York to demand an end to forced migration."
        ),
        "start_date": dt.date(2016, 9, 18),
        "start_time": dt.time(16, 0),
        "end_time": None,
        "time_zone": "America/New_York",
        "venue_name": "Times Square",
        "street_address": "",
        "city": "New York, NY",
        "postal_code": "",
        "country": "US",
        "latitude": "40.75800",
        "longitude": "-73.98550",
        "meeting_point": "Assembly at Times Square, on 43rd Street and 7th Avenue.",
        "contacts": ["baldres", "arizaga"],
        "related": ["un-high-level-dialogue-info-session"],
    },
]

# An EXAMPLE global day of action on the next International Migrants Day
# (18 December), with made-up local actions, so the pages show what they can
# do. Everything here is labelled as an example on the site.

DAY_OF_ACTION = {
    "slug": "international-migrants-day-example",
    "title": "International Migrants Day (example)",
    "summary": (
        "An example of a global day of action: member organizations act in their own cities "
        "on International Migrants Day, 18 December. The local actions below are made up to "
        "show how the page works."
    ),
    "demands": [
        (
            "paragraph",
            "<p>This is demonstration content. A real call would set out here why the alliance "
            "calls its members to act on this day, and what it demands.</p>",
        ),
    ],
}

LOCAL_ACTIONS = [
    {
        "title": "Example: forum on migrant workers' rights in Hong Kong",
        "kind": "forum",
        "city": "Hong Kong",
        "country": "HK",
        "time_zone": "Asia/Hong_Kong",
        "start_time": dt.time(14, 0),
        "end_time": dt.time(17, 0),
        "venue_name": "Example community hall",
        "latitude": "22.28190",
        "longitude": "114.15800",
        "rsvp": {"capacity": 60, "waiting_list": True},
    },
    {
        "title": "Example: march in Mexico City",
        "kind": "rally",
        "city": "Mexico City",
        "country": "MX",
        "time_zone": "America/Mexico_City",
        "start_time": dt.time(10, 0),
        "end_time": dt.time(13, 0),
        "venue_name": "Example meeting point",
        "latitude": "19.43260",
        "longitude": "-99.13320",
    },
    {
        "title": "Example: info-session in Athens",
        "kind": "info_session",
        "city": "Athens",
        "country": "GR",
        "time_zone": "Europe/Athens",
        "start_time": dt.time(18, 30),
        "end_time": dt.time(20, 30),
        "venue_name": "Example meeting room",
        "latitude": "37.98380",
        "longitude": "23.72750",
    },
    {
        "title": "Example: picket in Nairobi",
        "kind": "picket",
        "city": "Nairobi",
        "country": "KE",
        "time_zone": "Africa/Nairobi",
        "start_time": dt.time(9, 0),
        "end_time": dt.time(11, 0),
        "venue_name": "Example square",
        "latitude": "-1.29210",
        "longitude": "36.82190",
    },
    {
        "title": "Example: cultural evening in Sydney",
        "kind": "cultural",
        "city": "Sydney",
        "country": "AU",
        "time_zone": "Australia/Sydney",
        "start_time": dt.time(18, 0),
        "end_time": dt.time(21, 0),
        "venue_name": "Example hall",
        "latitude": "-33.86880",
        "longitude": "151.20930",
    },
    {
        "title": "Example: vigil in Beirut",
        "kind": "mobilization",
        "city": "Beirut",
        "country": "LB",
        "time_zone": "Asia/Beirut",
        "start_time": dt.time(17, 0),
        "end_time": dt.time(19, 0),
        "venue_name": "Example square",
        "latitude": "33.89380",
        "longitude": "35.50180",
    },
]


# --- Members (issue: member organizations) -----------------------------------
# The seed names no member organizations, so the directory shows SAMPLES,
# flagged as such on every page, to show what it can do. One is unlisted:
# counted in the figures, never named.

SAMPLE_MEMBERS = [
    {
        "name": "Sample domestic workers' union (Hong Kong)",
        "slug": "sample-domestic-workers-hong-kong",
        "kind": "migrant",
        "country": "HK",
        "city": "Hong Kong",
        "sectors": "Migrant domestic workers",
        "description": "Sample data: a union of migrant domestic workers, shown as an example.",
    },
    {
        "name": "Sample migrant workers' centre (Mexico City)",
        "slug": "sample-migrant-centre-mexico",
        "kind": "ngo",
        "country": "MX",
        "city": "Mexico City",
        "sectors": "Migrants in transit",
        "description": "Sample data: a service centre for migrants, shown as an example.",
    },
    {
        "name": "Sample refugee community association (Athens)",
        "slug": "sample-refugee-association-athens",
        "kind": "refugee",
        "country": "GR",
        "city": "Athens",
        "sectors": "Refugees and asylum seekers",
        "description": "Sample data: a refugee-led association, shown as an example.",
    },
    {
        "name": "Sample migrant alliance (New York)",
        "slug": "sample-migrant-alliance-new-york",
        "kind": "migrant",
        "country": "US",
        "city": "New York",
        "sectors": "Migrant workers of many nationalities",
        "description": "Sample data: a local migrant alliance, shown as an example.",
    },
    {
        "name": "Sample returned migrants' network (Nairobi)",
        "slug": "sample-returned-migrants-nairobi",
        "kind": "migrant",
        "country": "KE",
        "city": "Nairobi",
        "sectors": "Returned migrant workers and their families",
        "description": "Sample data: a network of returned migrants, shown as an example.",
    },
    {
        "name": "Sample organization at risk (unlisted)",
        "slug": "sample-unlisted",
        "kind": "migrant",
        "country": "LB",
        "city": "",
        "sectors": "",
        "description": "Sample data: never shown publicly; it only counts in the figures.",
        "unlisted": True,
    },
]
