DATE_FORMAT = "j F Y"  # 18 December 2026
