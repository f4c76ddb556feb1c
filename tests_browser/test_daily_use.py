"""The back office as clerks use it every day, in a real browser at 1366 and 390 px: lists whose
identifiers and dates never break, the 工作台's to-dos, an enterprise union entering its worker in
the district's competition through the searchable picker, a role saved unchanged from its tree,
and the lecture calendar keeping all seven days on a phone. Screenshots go to screenshots/.

Run: .venv/bin/python -m pytest tests_browser/test_daily_use.py -q -m browser -p no:xdist
"""

from __future__ import annotations

import pytest

from core.demo.data import DEMO_PASSWORD

pytestmark = [pytest.mark.browser]

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# every cell of the list that shows an identifier, a phone or a date: its text is on one line
ONE_LINE_CELLS = """
Array.from(document.querySelectorAll('#object-table td.text-nowrap')).filter(td => td.innerText.trim())
  .map(td => { const r = document.createRange(); r.selectNodeContents(td);
               const lines = new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top)));
               return [td.innerText.trim(), lines.size]; })
"""


PAGER_HEIGHTS = (
    "el => new Set(Array.from(el.querySelectorAll('.page-link'))"
    ".map(a => Math.round(a.getBoundingClientRect().height))).size"
)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_workers_list_keeps_identifiers_phones_and_dates_on_one_line(demo, open_tab, viewport):
    phone = viewport is PHONE
    tab = open_tab(viewport=viewport, is_mobile=phone, has_touch=phone)
    tab.login("qzgh", DEMO_PASSWORD, next_path="/system/person/")
    tab.goto("/system/person/")
    shot = tab.screenshot(f"daily-职工-{viewport['width']}")
    cells = tab.page.evaluate(ONE_LINE_CELLS)
    assert len(cells) >= 20, f"no identifier cells found (screenshot {shot.name})"
    broken = [text for text, lines in cells if lines > 1]
    assert not broken, f"values broken across lines at {viewport['width']} px: {broken[:5]} (screenshot {shot.name})"
    overflow = tab.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the screen; the table must scroll inside its card"
    pager = tab.page.locator(".pagination").first
    heights = pager.evaluate(PAGER_HEIGHTS)
    assert heights == 1, "the pager's links wrap onto two lines"
    tab.watch.assert_clean(f"workers list at {viewport['width']} px")


def test_the_workbench_lists_the_legal_aid_centres_to_dos_and_each_opens_its_rows(demo, open_tab):
    tab = open_tab(viewport=DESKTOP)
    tab.login("flzx", DEMO_PASSWORD)
    tab.goto("/")
    tab.screenshot("daily-工作台-法律援助中心")
    items = tab.page.locator("#todos .todo-item")
    assert items.count() >= 1, "the legal-aid centre has cases waiting but the 工作台 shows no to-do"
    first = tab.page.locator("#todos .todo-item[href*='?status=']").first  # one that opens a list
    count = int(first.locator(".badge").inner_text())
    first.click()
    tab.settle()
    assert tab.path().startswith("/legal/"), tab.page.url
    shown = int(tab.page.locator("#result-count").inner_text().rstrip("+"))
    assert shown == count, f"the to-do said {count}, its list shows {shown}"
    tab.watch.assert_clean("to-dos")


def test_an_enterprise_union_enters_its_worker_in_the_districts_competition_with_the_picker(demo, open_tab):
    from merit.models import Registration

    tab = open_tab(viewport=DESKTOP)
    tab.login("jinggong", DEMO_PASSWORD, next_path="/merit/competition/")
    tab.goto("/merit/competition/")
    assert tab.page.locator("#object-table tbody tr").count() >= 1, "the district's open competition is not listed"
    tab.goto("/merit/registration/add/")
    tab.page.select_option("#id_event", index=1)
    control = tab.page.locator("#id_person-ts-control")
    control.click()
    tab.wait_until("document.querySelectorAll('.ts-dropdown .option').length > 0")
    option = tab.page.locator(".ts-dropdown .option").first
    text = option.inner_text()
    assert "********" in text and "精工" in text, f"an option does not tell namesakes apart: {text!r}"
    option.click()
    tab.screenshot("daily-竞赛报名-选手")
    with tab.page.expect_navigation():
        tab.page.click(".card-footer button[type=submit]")
    tab.settle()
    assert Registration.objects.filter(event__competition__name__startswith="2027年").count() == 1
    tab.watch.assert_clean("registration with the picker")


def test_a_role_saved_unchanged_from_its_tree_keeps_its_rights(demo, open_tab):
    from core.models import Role

    role = Role.objects.get(code="subdistrict_staff")
    before = set(role.permissions.values_list("pk", flat=True))
    tab = open_tab(viewport=DESKTOP)
    tab.login("admin", DEMO_PASSWORD, next_path=f"/system/role/{role.pk}/edit/")
    tab.goto(f"/system/role/{role.pk}/edit/")
    tab.screenshot("daily-角色-树")
    assert tab.page.locator("#permission-tree details").count() >= 10
    with tab.page.expect_navigation():
        tab.page.click(".card-footer button[type=submit]")
    tab.settle()
    assert set(Role.objects.get(pk=role.pk).permissions.values_list("pk", flat=True)) == before
    # 全选 of a page ticks its actions and the module's count follows
    tab.goto(f"/system/role/{role.pk}/edit/")
    group = tab.page.locator("#permission-tree details").filter(has_text="法律援助").first
    group.locator("summary").click()
    group.locator("[data-check-page]").first.check()
    badge = group.locator("[data-count]").inner_text()
    assert not badge.startswith("已选 0 "), badge
    tab.watch.assert_clean("role tree")


def test_the_lecture_calendar_keeps_sunday_on_a_phone(demo, open_tab):
    tab = open_tab(viewport=PHONE, is_mobile=True, has_touch=True)
    tab.login("qzgh", DEMO_PASSWORD, next_path="/guidance/calendar/")
    tab.goto("/guidance/calendar/")
    shot = tab.screenshot("daily-宣讲日历-390")
    right = tab.page.evaluate("document.querySelector('#calendar thead th:last-child').getBoundingClientRect().right")
    assert right <= PHONE["width"], f"星期日 is cut off at {right}px (screenshot {shot.name})"
    assert tab.page.locator("#month-picker select[name=y]").is_visible()
    tab.watch.assert_clean("calendar on a phone")
