-- A larger PostgreSQL site for bench/search.py, made from a copy of a smaller one:
-- 49 more copies of every English statement (page, search index entry, statement row).
-- Run on a COPY of a bench site, never on the site itself, for example:
--
--   createdb -h 127.0.0.1 -U postgres -T alliance_bench_1k h_search_1k
--   createdb -h 127.0.0.1 -U postgres -T h_search_1k h_search_50k
--   psql -h 127.0.0.1 -U postgres h_search_50k -v parent=000100020002 -f bench/search_copies.sql
--
-- parent: the tree path of the English statement index (on a site made by
-- bench/large_site.py: SELECT path FROM wagtailcore_page WHERE slug = 'statements').
-- Copies get ids 1,000,000 + 10,000 k + the original id and index entries newer than
-- every original, so the newest matches are copies; rare words become 50 times as common.

CREATE TEMP TABLE src AS
SELECT p.*, row_number() OVER (ORDER BY p.id) AS rn
FROM wagtailcore_page p
WHERE p.path LIKE :'parent' || '%' AND p.depth = length(:'parent') / 4 + 1;

INSERT INTO wagtailcore_page (id, path, depth, numchild, title, slug, live, has_unpublished_changes,
    url_path, seo_title, show_in_menus, search_description, go_live_at, expire_at, expired,
    content_type_id, owner_id, locked, latest_revision_created_at, first_published_at,
    live_revision_id, last_published_at, draft_title, locked_at, locked_by_id, translation_key,
    locale_id, alias_of_id, latest_revision_id)
SELECT 1000000 + k * 10000 + id, :'parent' || upper(lpad(to_hex(4096 + (k - 1) * 1100 + rn::int), 4, '0')),
    depth, numchild, title, slug || '-' || k, live, has_unpublished_changes, url_path || k,
    seo_title, show_in_menus, search_description, go_live_at, expire_at, expired,
    content_type_id, owner_id, locked, latest_revision_created_at, first_published_at, NULL,
    last_published_at, draft_title, locked_at, locked_by_id, gen_random_uuid(), locale_id, NULL, NULL
FROM src CROSS JOIN generate_series(1, 49) AS k
ORDER BY k, id;

INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title_norm, autocomplete, title,
    body, title_text, body_text)
SELECT e.content_type_id, (1000000 + k * 10000 + e.object_id::int)::text, e.title_norm,
    e.autocomplete, e.title, e.body, e.title_text, e.body_text
FROM wagtailsearch_indexentry e
JOIN src ON src.id = e.object_id::int AND e.content_type_id = src.content_type_id
CROSS JOIN generate_series(1, 49) AS k
ORDER BY k, e.id;

INSERT INTO newsroom_statementpage (page_ptr_id, kind, deck, date, summary, body, signature,
    endorsements_close_on, endorsements_open, lead_image_id, lead_image_alt, licence)
SELECT 1000000 + k * 10000 + s.page_ptr_id, s.kind, s.deck, s.date, s.summary, s.body, s.signature,
    s.endorsements_close_on, s.endorsements_open, s.lead_image_id, s.lead_image_alt, s.licence
FROM newsroom_statementpage s JOIN src ON src.id = s.page_ptr_id
CROSS JOIN generate_series(1, 49) AS k;

VACUUM ANALYZE;
