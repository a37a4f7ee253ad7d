"""Plain text in forms: what every public and member form refuses, and how text leaves on one line.

A single-line field (a name, a subject, a title, a city) is copied into places where a line
break changes the meaning: an e-mail header, a calendar file's property, a log line. A browser
never puts a line break into a one-line input, so one that arrives was sent on purpose: the
field refuses it, together with every other control character except the tab. A multi-line
field (a message, a summary) keeps its line breaks and tabs but refuses the other control
characters, which nothing a person types contains and which XML feeds cannot carry.

``plain_text_fields(form)`` puts these checks on every text field of a form, declared or made
from a model; ``HumanCheckForm`` (every public form) and the member area's forms call it.
``one_line`` is the guard on the way out, for text stored before these checks existed.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 controls but the tab, DEL, the C1 controls (NEL among them), and Unicode's line and
# paragraph separators.
_NOT_ONE_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
# The same, less the line breaks and the tab a multi-line text may hold.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def refuse_line_breaks(value: str) -> None:
    """Validator for single-line text: no line break or other control character."""
    if _NOT_ONE_LINE.search(value):
        raise ValidationError(
            _("Please write this on one line, without line breaks or special characters."),
            code="not_one_line",
        )


def refuse_control_characters(value: str) -> None:
    """Validator for multi-line text: line breaks and tabs, but no other control character."""
    if _NOT_TEXT.search(value):
        raise ValidationError(
            _("This text contains invisible control characters. Please retype it."),
            code="control_characters",
        )


def plain_text_fields(form: forms.BaseForm, exclude: tuple[str, ...] = ()) -> None:
    """Give each text field of ``form`` the validator for its kind (one line or several)."""
    for name, field in form.fields.items():
        if name in exclude or not isinstance(field, forms.CharField):
            continue
        multi_line = isinstance(field.widget, forms.Textarea)
        field.validators.append(refuse_control_characters if multi_line else refuse_line_breaks)


def one_line(text: str) -> str:
    """``text`` with each run of line breaks and control characters made a single space."""
    return _BREAKS.sub(" ", text).strip()
