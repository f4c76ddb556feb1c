"""职工服务 on a phone (390×844, touch), as the issue checks it: sign in with a code, bind, join the
union as a rider whose platform has no union here, find the nearest station to a given point, file
a legal request and see it arrive at the legal-aid counter, sign up for a class, and see everything
under 我的. Screenshots of each step in screenshots/portal-*.png. Also: the legal-help form without
JavaScript, and the page weights after the first page.

Run: .venv/bin/python -m pytest tests_browser/test_portal.py -q -m browser -p no:xdist
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from core.demo.data import DEMO_PASSWORD
from portal.demo import RIDER_ID, RIDER_NAME

pytestmark = [pytest.mark.browser]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
NANJING_YAOHUA = {"longitude": 118.8853, "latitude": 32.1233}  # a point in the demo district (WGS-84)


def _code(phone: str) -> str:
    from portal.models import TextMessage

    body = TextMessage.objects.filter(phone_tail=phone[-4:]).latest("id").body
    return re.search(r"验证码是 (\d{6})", body).group(1)  # type: ignore[union-attr]


def _sign_in(tab: Any, phone: str) -> None:
    tab.goto("/portal/login/")
    tab.page.fill("#id_phone", phone)
    tab.page.click("text=获取验证码")
    tab.settle()
    tab.page.fill("#id_code", _code(phone))
    with tab.page.expect_navigation():
        tab.page.click("button:has-text('登录')")
    tab.settle()


def test_a_rider_on_a_phone(demo: None, open_tab: Any) -> None:
    tab = open_tab(geolocation=NANJING_YAOHUA, permissions=["geolocation"], **PHONE)
    page = tab.page
    tab.goto("/portal/login/")
    tab.screenshot("portal-1-login")
    # a wrong code first: refused in words
    page.fill("#id_phone", "13912345678")
    page.click("text=获取验证码")
    tab.settle()
    page.fill("#id_code", "000000" if _code("13912345678") != "000000" else "111111")
    page.click("button:has-text('登录')")
    tab.settle()
    assert "验证码不正确" in page.content()
    page.fill("#id_code", _code("13912345678"))
    with page.expect_navigation():
        page.click("button:has-text('登录')")
    tab.settle()
    assert tab.path() == "/portal/"
    tab.screenshot("portal-2-home-unbound")

    page.click("a.btn:has-text('核对身份')")
    tab.settle()
    page.fill("#id_name", RIDER_NAME)
    page.fill("#id_id_number", RIDER_ID)
    page.click("button:has-text('核对并绑定')")
    tab.settle()
    assert f"{RIDER_NAME}，您好" in page.content()
    tab.screenshot("portal-3-home-bound")

    # join the union: a rider of a platform with no union here goes to the industry union
    tab.goto("/portal/join/")
    page.select_option("#id_place", index=1)
    page.click("button:has-text('提交入会申请')")
    tab.settle()
    assert "快递外卖行业工会" in page.content() and "办理中" in page.content()
    tab.screenshot("portal-4-join")

    # the nearest station to the phone's position
    tab.goto("/portal/stations/")
    page.click("#locate")
    page.wait_for_url(re.compile(r"lng=118\.88"))
    tab.settle()
    distances = page.eval_on_selector_all(
        "ul.list li .row span.nowrap",
        "els => els.map(e => parseFloat(e.textContent) * (e.textContent.includes('公里') ? 1000 : 1))",
    )
    assert len(distances) == 10 and distances == sorted(distances), distances
    tab.screenshot("portal-5-stations")
    page.click("ul.list li a >> nth=0")
    tab.settle()
    assert "导航到这里" in page.content()
    tab.screenshot("portal-6-station")

    # legal help, with an attachment
    tab.goto("/portal/legal/")
    page.select_option("#id_dispute_type", index=1)
    page.fill("#id_employer_name", "某外卖平台配送站")
    page.fill("#id_facts", "站点拖欠我两个月的配送费，共 6800 元。")
    page.fill("#id_amount", "6800")
    page.set_input_files("#id_attachments", files=[{"name": "聊天记录.png", "mimeType": "image/png", "buffer": _png()}])
    page.click("button:has-text('提交')")
    tab.settle()
    assert "法援〔" in page.content()
    number = re.search(r"法援〔\d{4}〕\d+号", page.content()).group(0)  # type: ignore[union-attr]
    tab.screenshot("portal-7-case")

    # sign up for the open class
    tab.goto("/portal/signup/")
    page.click("form[action*='/signup/class/'] button")
    tab.settle()
    assert "已报名" in page.content()
    tab.screenshot("portal-8-signup")

    tab.goto("/portal/me/")
    text = page.content()
    assert "新就业形态劳动者安全驾驶与急救培训班" in text and number in text and "快递外卖行业工会" in text
    tab.screenshot("portal-9-me")
    # nothing wider than the phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    tab.watch.assert_clean("职工服务")

    # the request arrived at the legal-aid counter
    office = open_tab()
    office.login("admin", DEMO_PASSWORD, next_path="/legal/case/")
    office.goto("/legal/case/?q=" + RIDER_NAME)
    assert number in office.page.content() or RIDER_NAME in office.page.content()
    office.screenshot("portal-10-counter")


def test_legal_help_works_without_javascript(demo: None, open_tab: Any) -> None:
    tab = open_tab(java_script_enabled=False, **PHONE)
    _sign_in(tab, "13800138000")  # the demo worker, bound already
    tab.goto("/portal/legal/")
    tab.page.select_option("#id_dispute_type", index=1)
    tab.page.fill("#id_employer_name", "某公司")
    tab.page.fill("#id_facts", "加班费没有发。")
    tab.page.click("button:has-text('提交')")
    tab.settle()
    assert "法援〔" in tab.page.content()


def test_pages_after_the_first_are_small(demo: None, open_tab: Any) -> None:
    tab = open_tab(**PHONE)
    _sign_in(tab, "13800138000")
    sizes: dict[str, int] = {}

    def count(response: Any) -> None:
        if response.request.resource_type in ("document", "stylesheet", "script", "image", "font"):
            try:
                sizes[response.url] = len(response.body())
            except Exception:  # noqa: BLE001 — a redirect has no body
                sizes[response.url] = 0

    tab.page.on("response", count)
    for path in ("/portal/stations/", "/portal/legal/", "/portal/signup/", "/portal/me/", "/portal/join/"):
        sizes.clear()
        tab.goto(path)
        total = sum(v for k, v in sizes.items())
        assert total < 200_000, (path, total, sizes)
    tab.watch.assert_clean("页面大小")


def _png() -> bytes:
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
