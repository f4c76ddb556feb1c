import pytest

pytestmark = [pytest.mark.browser]


def test_dbg(demo, open_tab):
    tab = open_tab()
    tab.goto("/login/")
    tab.page.evaluate(
        "() => { console.error('boom'); const i = new Image(); i.src = 'https://fonts.googleapis.com/x.png'; document.body.append(i); fetch('/static/nope.css').catch(() => {}); }"
    )
    tab.page.wait_for_timeout(1000)
    print("PROBLEMS", tab.watch.problems)
    print("EXTERNAL", tab.watch.external)
    with pytest.raises(pytest.fail.Exception):
        tab.watch.assert_clean("x")
