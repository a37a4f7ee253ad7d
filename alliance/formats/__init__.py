"""The site's date formats: one per language, used on every page (``long_date`` in core).

Django's own formats differ by context ("Dec. 5, 2026" against "Friday 18 December
2026"); these replace the date format only, and Django's other formats stay.
"""
