"""Whole pages for readers who are not signed in, served before Django runs.

A page a reader sees without signing in is the same for every such reader, so
the first one to ask for it pays for rendering and everyone after gets the
stored bytes. One module per job:

- ``wsgi``: ``PageCacheApplication``, the front (``alliance.wsgi`` wraps Django
  in it). It answers a request from the store when the reader sends no cookie
  but the harmless ones, before any middleware, template or query runs.
- ``middleware``: ``PageCacheMiddleware``, outermost in ``settings.MIDDLEWARE``.
  It stores a response when nothing in it belongs to one reader
  (``storable``), and tells shared caches in front how long they may keep it.
- ``stores``: the entries, their keys, and ``RecentPages``, the copies each
  worker keeps in its own memory. The file store itself is a cache backend,
  ``alliance.core.cache.PageFileCache``, with the project's other backends.
- ``invalidation``: what a change ends (a page's stored copies, or all of
  them), and the purge of a reverse proxy in front;
- ``tags`` and ``affected``: what each stored page shows, and which of those a
  publish changes.

Invalidation is at two levels. The site's generation
(``alliance.core.generation``): every stored page records the generation it
was rendered in, and a change that is not one page's, or that touches the whole
site, starts a new one. Tags (``tags``): every stored page records what it
shows and when its rendering started, and a publish stamps the tags of what it
changed, so only the pages showing the published page are rendered again. Both
are read before rendering starts, so a page rendered while an editor publishes
is never served once the publish is committed.

What counts as a change a reader could see:

- anything that happens to a page, as told by the published-content seam
  (``alliance.core.publishing.content_changed``): the stored pages showing it
  end, or all of them (see ``invalidation``);
- saving or deleting a record of the project's own apps, unless its app says
  readers never see it. Each app declares that on its ``AppConfig``, in its own
  ``apps.py``, and core reads it through the app registry::

      class EventsConfig(AppConfig):
          # Readers never see these (alliance.core.pagecache): saving one keeps stored pages.
          reader_invisible_models = ["LocalActionProposal", "Rsvp", "RsvpTally"]

  A record seen only in some states adds a method ``reader_sees(instance) ->
  bool`` (members: an endorsement once confirmed). A model nobody declared
  counts as seen: a new app's records empty the cache until it says otherwise,
  which costs renders, never a stale page. Records changed at every visit or
  form submission (RSVPs, messages, applications) must be declared, or a flood
  of them would keep the cache empty;
- of the frameworks' models (Wagtail, Django), only those listed in
  ``invalidation``: images, documents, redirects, sites, locales, collections
  and view restrictions.
"""
