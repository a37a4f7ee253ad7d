def test_home_page_renders_in_chromium(page):
    page.goto("/")
    assert page.locator("h1").count() >= 1
