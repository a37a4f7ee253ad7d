"""Who may look after other people's sign-ins."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser


def can_manage_sign_ins(user: AbstractBaseUser) -> bool:
    """Only administrators lift sign-in pauses and reset second factors: both
    would otherwise let an attacker who took one editor's account open others."""
    return bool(user.is_active and user.is_superuser)
