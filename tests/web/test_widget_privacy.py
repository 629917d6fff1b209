"""The widget's safety parts in a real browser: resumed sessions, "Delete this
conversation" by keyboard, and links limited to the clinic's own site."""

import re

import pytest

from tests.web.test_browser import ask, browser, open_widget, responses, session_id, watched  # noqa: F401

pytestmark = pytest.mark.browser


def user_events(server, sender):
    return [e for e in server.tracker(sender)["events"] if e["event"] == "user"]


def test_reload_resumes_then_delete_by_keyboard_forgets_it(server, watched):  # noqa: F811
    page = watched().page
    open_widget(page, server.web_url)
    ask(page, "what are the side effects?", r"side effect")
    first = session_id(page)
    assert re.fullmatch(r"[0-9a-f]{32}-[0-9a-f]{32}", first), "the id is the server's, signed"
    page.reload()
    open_widget(page, server.web_url)
    assert session_id(page) == first and any("side effect" in r.lower() for r in responses(page))
    assert user_events(server, first)

    page.locator(".ldn-delete-ask").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Keep"  # the safe choice first
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "Delete"
    page.keyboard.press("Enter")
    note = page.locator(".ldn-forgotten[role=status]")
    note.wait_for(timeout=20_000)
    assert re.search(r"I deleted our conversation: \d+ of your messages", note.inner_text())
    assert user_events(server, first) == []
    open_widget(page, server.web_url)
    page.wait_for_function("() => !!window.sessionStorage.getItem('chat_session')", timeout=20_000)
    assert session_id(page) != first


def test_only_https_links_to_the_clinic_site_stay_links(server, watched):  # noqa: F811
    page = watched().page
    open_widget(page, server.web_url)
    # Whatever reached the chat (the bot only says reviewed text), the loader checks every link.
    page.evaluate("""() => {
        const box = document.createElement('div');
        box.className = 'rw-message';
        box.innerHTML = '<a id="ok" href="https://clinic.example/ldn">guide</a>'
          + '<a id="js" href="javascript:alert(1)">results</a>'
          + '<a id="http" href="http://clinic.example/">plain http</a>'
          + '<a id="other" href="https://evil.example/">elsewhere</a>'
          + '<img id="img" src="https://evil.example/pixel.png">';
        document.querySelector('.rw-messages-container').appendChild(box);
    }""")
    page.wait_for_function("() => !document.querySelector('#js')", timeout=5_000)
    links = page.evaluate("() => [...document.querySelectorAll('.rw-message a')].map(a => a.getAttribute('href'))")
    assert links == ["https://clinic.example/ldn"]
    assert page.locator("#img").count() == 0
    assert "results" in page.locator(".rw-messages-container").inner_text()  # kept as plain text
