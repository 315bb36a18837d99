from wagtail.models import Page

from home.structure import ensure_site_structure


def test_site_structure_is_rebuilt_after_the_tree_was_emptied(client, db):
    """A flushed database (as after ``manage.py flush``) still gets a working site."""
    Page.objects.all().delete()
    assert not Page.objects.exists()
    home = ensure_site_structure()
    assert home.get_parent().depth == 1
    assert [child.url for child in home.get_children()] == [
        "/studios/",
        "/cases/",
        "/handbooks/",
        "/resources/",
        "/notices/",
    ]
    assert client.get("/").status_code == 200
    assert client.get("/studios/").status_code == 200
