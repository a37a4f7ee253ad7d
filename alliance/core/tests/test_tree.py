"""Pages by their place in the tree."""

import pytest
from wagtail.models import Page

from alliance.core.tree import children_of

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_children_of_a_page_are_its_direct_children_only(home):
    child = StandardPageFactory(parent=home, title="About")
    grandchild = StandardPageFactory(parent=child, title="History")
    sibling_child = StandardPageFactory(parent=StandardPageFactory(parent=home), title="Other")
    found = set(Page.objects.filter(children_of(child)))
    assert found == {grandchild.page_ptr}
    assert sibling_child.page_ptr not in found
    assert child.page_ptr in set(Page.objects.filter(children_of(home)))
    assert home.page_ptr not in set(Page.objects.filter(children_of(home)))


def test_children_of_a_page_without_children_are_none(home):
    leaf = StandardPageFactory(parent=home, title="Leaf")
    assert not Page.objects.filter(children_of(leaf)).exists()
