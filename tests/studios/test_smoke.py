from tests.factories import make_studio, make_update


def test_studio_and_update_render(client, site_tree):
    studio = make_studio("星火班主任工作室")
    make_update(studio, "主题班会：青春与责任")
    response = client.get("/studios/")
    assert response.status_code == 200
