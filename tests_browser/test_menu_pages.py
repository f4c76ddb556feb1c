"""Every menu entry, opened in a real browser by the system administrator, plus the log-in page, the
sidebar on a desktop and a phone, a narrower role's menu and the phone-size home page.
Screenshots go to screenshots/ (git-ignored).

Run: .venv/bin/python -m pytest tests_browser -q -m browser -p no:xdist   (or `make browser-test`)
One entry only: add `-k org_list` (the test ids carry the URL names).
"""

from __future__ import annotations

from typing import Any

import pytest

from core.demo.data import DEMO_PASSWORD
from kit import menu

pytestmark = [pytest.mark.browser]

ERROR_MARKERS = ("Server Error", "系统出错了", "Traceback")
SYSTEM_GROUP = "系统管理"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# (NN, group label, item) — numbered in menu order; the number prefixes the screenshot's name
ENTRIES = [(n, group, item) for n, (group, item) in enumerate(menu.all_entries(), start=1)]


def _page_text_problems(html: str) -> list[str]:
    return [marker for marker in ERROR_MARKERS if marker in html]


def test_the_menu_has_entries_to_open():
    assert len(ENTRIES) >= 10, f"menu.all_entries() gives only {len(ENTRIES)} entries"


@pytest.mark.parametrize(
    ("number", "group", "item"),
    ENTRIES,
    ids=[f"{n:02d}-{item.url_name}" for n, _, item in ENTRIES],
)
def test_a_menu_entry_opens_for_the_administrator(demo, open_tab, number: int, group: str, item: Any):
    where = f"菜单 {group}/{item.label} ({item.url_name})"
    url = item.url()
    if url == "#":
        pytest.fail(
            f"{where} has no page yet: reverse({item.url_name!r}) fails, so MenuItem.url() returns '#'. "
            "Add the URL pattern (or remove the menu entry).",
            pytrace=False,
        )

    tab = open_tab(viewport=DESKTOP)
    tab.login("admin", DEMO_PASSWORD, next_path=url)
    assert tab.path() != "/login/", "admin could not log in through the log-in form"

    response = tab.goto(url)
    shot = tab.screenshot(f"{number:02d}-{group}-{item.label}")
    html = tab.page.content()

    assert response is not None, f"{where}: no response for {url}"
    assert response.status == 200, f"{where}: {url} answered HTTP {response.status} (screenshot {shot.name})"
    assert tab.path() == url, f"{where}: {url} ended up at {tab.page.url} (screenshot {shot.name})"
    found = _page_text_problems(html)
    assert not found, f"{where}: the page shows {found} (screenshot {shot.name})"
    lang = tab.page.evaluate("document.documentElement.lang")
    assert lang == "zh-hans", f"{where}: <html lang={lang!r}>, expected 'zh-hans'"
    # the shell's sidebar offers this very entry, marked as the current one
    link = tab.page.locator(f'#main-menu a.dropdown-item[data-menu-label="{group}/{item.label}"]')
    assert link.count() == 1, f"{where}: the sidebar has {link.count()} links for this entry, expected 1"
    assert link.get_attribute("href") == url
    assert "active" in (link.get_attribute("class") or "").split(), f"{where}: the entry is not marked active"
    tab.watch.assert_clean(where)


def test_an_enterprise_union_chair_sees_fewer_system_entries_than_the_administrator(demo, open_tab):
    seen: dict[str, list[str]] = {}
    for username in ("admin", "yinmao"):
        tab = open_tab(viewport=DESKTOP)
        # lands on a module overview rather than the home page, so this test is about the menu only
        tab.login(username, DEMO_PASSWORD, next_path="/reform/")
        assert tab.path() == "/reform/", f"{username} could not log in (at {tab.page.url})"
        seen[username] = [label for label in tab.menu_labels() if label.startswith(SYSTEM_GROUP + "/")]
        tab.screenshot(f"role-{username}-menu")
        tab.watch.assert_clean(f"logged in as {username}")

    admin, chair = seen["admin"], seen["yinmao"]
    expected = [f"{g}/{i.label}" for g, i in menu.all_entries() if g == SYSTEM_GROUP]
    assert admin == expected, f"the administrator should see every system entry: {admin}"
    assert len(chair) < len(admin), f"yinmao sees {chair}, admin sees {admin}"
    for label in ("用户", "角色", "操作日志"):
        assert f"{SYSTEM_GROUP}/{label}" not in chair, f"an enterprise union chair must not see {label}: {chair}"


def test_the_sidebar_menu_is_shown_on_a_desktop(demo, open_tab):
    # a module overview rather than the home page, so this test is about the shell only
    desktop = open_tab(viewport=DESKTOP)
    desktop.login("admin", DEMO_PASSWORD, next_path="/reform/")
    assert desktop.path() == "/reform/", f"admin could not log in (at {desktop.page.url})"
    shot = desktop.screenshot("shell-desktop-一体化推进")
    assert desktop.page.locator("#sidebar").is_visible(), (
        f"at {DESKTOP['width']}×{DESKTOP['height']} the sidebar (#sidebar) is not displayed, so no menu entry can be "
        f"reached (screenshot {shot.name}). Hint: Tabler 1.6 hides .navbar-vertical when another .navbar-expand-* "
        "is a direct child of .page (the <header>); moving the <header> into .page-wrapper shows it."
    )
    current = desktop.page.locator('#main-menu a.dropdown-item[href="/reform/"]')
    assert current.is_visible(), f"the current page's menu entry is not visible (screenshot {shot.name})"
    desktop.watch.assert_clean("shell on a desktop")


def test_the_menu_can_be_opened_on_a_phone(demo, open_tab):
    phone = open_tab(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.login("admin", DEMO_PASSWORD, next_path="/reform/")
    assert phone.path() == "/reform/", f"admin could not log in (at {phone.page.url})"
    shot = phone.screenshot("shell-phone-一体化推进")
    toggler = phone.page.locator("#sidebar .navbar-toggler")
    assert toggler.is_visible(), (
        f"on a phone there is no menu button (#sidebar .navbar-toggler) (screenshot {shot.name})"
    )
    toggler.click()
    entry = phone.page.locator('#main-menu a.nav-link[href="#menu-system"]')
    entry.wait_for(state="visible")
    phone.screenshot("shell-phone-菜单展开")
    phone.watch.assert_clean("shell on a phone")


def test_a_wrong_password_gets_a_clear_message(demo, open_tab):
    tab = open_tab(viewport=DESKTOP)
    tab.goto("/login/")
    tab.screenshot("00-登录")
    tab.page.fill("#id_username", "admin")
    tab.page.fill("#id_password", "not-the-password")
    with tab.page.expect_navigation() as nav:
        tab.page.click("form button[type=submit]")
    tab.settle()
    tab.screenshot("00-登录-密码错误")

    assert nav.value.status == 200
    assert tab.path() == "/login/"
    error = tab.page.locator("#login-error")
    assert error.is_visible(), "no error message after a wrong password"
    assert "用户名或密码不正确" in error.inner_text()
    assert tab.page.evaluate("document.documentElement.lang") == "zh-hans"
    # still not signed in
    tab.goto("/")
    assert tab.path() == "/login/"
    tab.watch.assert_clean("wrong password")


def test_the_home_page_fits_a_phone(demo, open_tab):
    tab = open_tab(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    response = tab.login("admin", DEMO_PASSWORD)
    shot = tab.screenshot("phone-390x844-工作台")

    assert tab.path() == "/", f"after log-in the phone is at {tab.page.url}, expected the home page"
    assert response.status == 200, f"the home page answered HTTP {response.status} (screenshot {shot.name})"
    found = _page_text_problems(tab.page.content())
    assert not found, f"the home page shows {found} (screenshot {shot.name})"
    overflow = tab.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the home page is {overflow}px wider than the phone (screenshot {shot.name})"
    tab.watch.assert_clean("home page on a phone")
