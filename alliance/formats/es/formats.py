DATE_FORMAT = r"j \d\e F \d\e Y"  # 18 de diciembre de 2026
