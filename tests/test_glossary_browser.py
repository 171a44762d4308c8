"""In Chromium, at a phone's and a laptop's size: the glossary's old addresses, its A to Z bar and category filter,
and the acronym bubbles, which stay on screen and never make the page wider."""

from __future__ import annotations

import pytest

from .conftest import serve_directory

pytestmark = pytest.mark.browser

SIZES = {"telephone": {"width": 390, "height": 844}, "ordinateur": {"width": 1280, "height": 800}}


@pytest.fixture(scope="module")
def server(built_site):
    with serve_directory(built_site) as address:
        yield address


@pytest.fixture(params=sorted(SIZES))
def sized_page(request, browser):
    """A page at each size; the phone one reports touch, as a phone does."""
    phone = request.param == "telephone"
    context = browser.new_context(locale="fr-FR", viewport=SIZES[request.param], has_touch=phone, is_mobile=phone)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="fr-FR", viewport=SIZES["telephone"], has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("entry", ["plie", "spe-p", "3e"])
def test_an_old_anchor_address_opens_the_entry_page(server, page, entry):
    page.goto(server + f"glossaire/#{entry}")
    page.wait_for_url(f"**/glossaire/{entry}/")
    assert page.locator("article h1").inner_text().strip() != ""
    assert page.locator(".entree-glossaire").count() == 1


def _settled_top(page, selector: str) -> float:
    """The element's top once smooth scrolling has stopped."""
    return page.evaluate("""(selector) => new Promise((done) => {
        const element = document.querySelector(selector);
        let last = null, still = 0;
        const tick = () => {
            const top = element.getBoundingClientRect().top;
            still = top === last ? still + 1 : 0;
            last = top;
            if (still >= 5) { done(top); } else { requestAnimationFrame(tick); }
        };
        tick();
    })""", selector)


@pytest.mark.parametrize("letter", ["P", "C", "Z"])
def test_a_letter_of_the_bar_brings_its_heading_below_the_sticky_header_and_bar(server, sized_page, letter):
    page = sized_page
    page.goto(server + "glossaire/", wait_until="networkidle")
    page.locator(".alphabet a", has_text=letter).first.click()
    anchor = f"#lettre-{letter.lower()}"
    top = _settled_top(page, anchor)
    header = page.locator(".md-header").bounding_box()
    bar = page.locator(".alphabet").bounding_box()
    heading = page.locator(anchor).bounding_box()
    assert top >= header["y"] + header["height"] and top >= bar["y"] + bar["height"] - 1, (top, header, bar)
    assert heading["y"] + heading["height"] <= page.viewport_size["height"]
    # Nothing covers it: the point at its middle belongs to the heading itself.
    covered = page.evaluate("""(anchor) => {
        const box = document.querySelector(anchor).getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + 5, box.top + box.height / 2);
        return !(hit && hit.closest(anchor));
    }""", anchor)
    assert not covered


def test_the_bar_has_every_letter_and_links_only_those_with_entries(server, page, built_site):
    page.goto(server + "glossaire/", wait_until="networkidle")
    sections = page.evaluate("() => [...document.querySelectorAll('h2[id^=\"lettre-\"]')].map(h => h.id)")
    linked = page.evaluate("() => [...document.querySelectorAll('.alphabet a[href]')].map(a => a.getAttribute('href'))")
    assert linked == ["#" + section for section in sections]
    letters = page.locator(".alphabet > *").all_inner_texts()
    assert [letter for letter in letters if len(letter) == 1] == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    # No empty section: each heading says its letter and has entries under it.
    for section in sections:
        assert page.locator(f"#{section}").inner_text().strip()
        assert page.locator(f"ul[data-lettre='{section}'] li").count() > 0


def test_a_category_filter_hides_other_entries_and_unlinks_the_letters_left_empty(server, sized_page):
    page = sized_page
    page.goto(server + "glossaire/", wait_until="networkidle")
    page.locator(".filtre-categories button[data-categorie='loi']").click()
    visible_rows = page.locator(".glossaire-index li:visible")
    assert visible_rows.count() == int(page.locator(".filtre-categories button[data-categorie='loi']").inner_text()
                                       .split("(")[1].rstrip(")"))
    assert all(category == "loi" for category in
               page.evaluate("() => [...document.querySelectorAll('.glossaire-index li')].filter(li => !li.hidden)"
                             ".map(li => li.dataset.categorie)"))
    letters = page.evaluate("""() => [...document.querySelectorAll('.alphabet > *')].map((item) => {
        const anchor = item.getAttribute('data-lettre');
        const list = anchor && document.querySelector(`ul[data-lettre='${anchor}']`);
        const shown = !!list && [...list.querySelectorAll('li')].some((li) => !li.hidden);
        const heading = anchor && document.getElementById(anchor);
        return {letter: item.textContent, shown, link: item.hasAttribute('href'),
                headingShown: !!heading && !heading.hidden && heading.offsetParent !== null};
    })""")
    assert any(letter["link"] for letter in letters) and any(not letter["link"] for letter in letters)
    for letter in letters:
        assert letter["link"] == letter["shown"] == letter["headingShown"], letter
    # A letter without a law is not a link: not focusable, and a click does not move the page.
    empty = page.locator(".alphabet > [data-lettre]:not([href])").first
    before = page.evaluate("scrollY")
    empty.click()
    assert page.evaluate("scrollY") == before and page.evaluate("location.hash") == ""
    page.locator(".filtre-categories button[data-categorie='']").click()
    assert page.locator(".glossaire-index li:visible").count() == page.locator(".glossaire-index li").count()


def _acronym(page, text: str):
    link = page.locator("article a.sigle", has=page.locator("abbr", has_text=text)).first
    return link, link.locator(".sigle-bulle")


def _rightmost_acronym(page) -> int:
    return page.evaluate("""() => {
        const links = [...document.querySelectorAll('article a.sigle')];
        const rights = links.map((link) => link.getClientRects()[0].right);
        return rights.indexOf(Math.max(...rights));
    }""")


def _bubble_and_width(page, index: int) -> dict:
    return page.evaluate("""(index) => {
        const link = document.querySelectorAll('article a.sigle')[index];
        const box = link.querySelector('.sigle-bulle').getBoundingClientRect();
        return {left: box.left, right: box.right, top: box.top, bottom: box.bottom,
                shown: getComputedStyle(link.querySelector('.sigle-bulle')).display !== 'none',
                scrollWidth: document.documentElement.scrollWidth, width: innerWidth, height: innerHeight};
    }""", index)


@pytest.mark.parametrize("path", ["pratiques/conference-sociale-de-bretagne/", "residences/avignon-joly-jean-2017/"])
def test_tapping_an_acronym_near_the_right_edge_keeps_the_page_as_wide_as_the_phone(server, phone, path):
    phone.goto(server + path, wait_until="networkidle")
    index = _rightmost_acronym(phone)
    link = phone.locator("article a.sigle").nth(index)
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    assert box["x"] + box["width"] > 390 - 80, "l'acronyme choisi doit être près du bord droit"
    link.tap()
    measured = _bubble_and_width(phone, index)
    assert measured["shown"] and measured["scrollWidth"] == 390
    assert 0 <= measured["left"] and measured["right"] <= 390 and 0 <= measured["top"] and measured["bottom"] <= 844
    assert phone.url == server + path


@pytest.mark.parametrize("path", ["pratiques/conference-sociale-de-bretagne/", "residences/avignon-joly-jean-2017/"])
def test_every_acronym_bubble_stays_within_the_window(server, sized_page, path):
    page = sized_page
    page.goto(server + path, wait_until="networkidle")
    width = page.viewport_size["width"]
    count = page.locator("article a.sigle").count()
    assert count > 10
    outside = []
    for index in range(count):
        page.locator("article a.sigle").nth(index).focus()
        measured = _bubble_and_width(page, index)
        if not (measured["shown"] and 0 <= measured["left"] and measured["right"] <= width and measured["top"] >= 0
                and measured["bottom"] <= measured["height"] and measured["scrollWidth"] == width):
            outside.append((index, measured))
    assert outside == []


def test_keyboard_focus_shows_the_bubble_and_escape_hides_it(server, page):
    page.goto(server + "pratiques/ticket-d-or/", wait_until="networkidle")
    link, bubble = _acronym(page, "TPE")
    link.focus()
    assert bubble.is_visible()
    assert link.get_attribute("aria-describedby") == bubble.get_attribute("id")
    page.keyboard.press("Escape")
    assert bubble.is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('sigle')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert bubble.is_visible()


def test_an_acronym_on_its_own_entry_page_is_not_a_link_to_itself(server, page):
    page.goto(server + "glossaire/plie/", wait_until="networkidle")
    definition = page.locator(".entree-glossaire")
    assert definition.locator("abbr", has_text="PLIE").count() > 0
    assert definition.locator("a.sigle", has=page.locator("abbr", has_text="PLIE")).count() == 0
    assert definition.locator("a.sigle", has=page.locator("abbr", has_text="FSE")).first.get_attribute("href") \
        .endswith("/glossaire/fse/")
