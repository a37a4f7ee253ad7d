DATE_FORMAT = "j F Y"  # 18 ديسمبر 2026
