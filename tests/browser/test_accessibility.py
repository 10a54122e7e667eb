"""Every page each role reaches, checked by axe-core (WCAG 2.0/2.1 A and AA rules) on the live
server with the demo world: no violation of impact `serious` or `critical`. Plus the keyboard
order on the référentiel step (the "Ajouter une compétence" button with Enter is covered by
test_full_journey).

axe-core is vendored in tests/browser/vendor/ (see its README): nothing is fetched at test
time."""

import io
import re
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from parcours.accounts.actions import create_member, password_link
from parcours.dossiers.enums import Status
from parcours.dossiers.management.commands.load_demo import PASSWORD
from parcours.dossiers.models import Dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
# Links that are not pages: files (PDF, JSON, DOCX…), uploaded documents, the logout, admin.
NOT_A_PAGE = re.compile(
    r"\.[a-z0-9]+$|/documents/\d+/$|^/deconnexion/|^/admin/|^/api/|^/static/|^/media/"
)
# One demo account per role that has pages; the draft dossier (editable forms, findings) is
# the boulangerie's, the submitted, accepted and running ones the cabinet's.
ROLES = {
    "entreprise-brouillon": "dirigeant.boulangerie",
    "entreprise": "dirigeante",
    "tuteur": "tutrice",
    "apprenant": "apprenante.nadia",
    "facilitateur": "facilitateur",
    "opco": "conseiller.opco",
}


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


def log_in(page, base, username):
    page.goto(f"{base}/connexion/")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: "/connexion/" not in url)


def _invisible_text(incomplete: list[dict]) -> list[dict]:
    """axe leaves text of the very colour of its background as "incomplete" (it may be
    hidden on purpose); this app hides text only with .visually-hidden, so such text is a
    mistake (a white-on-white button was found this way) and counts as a violation."""
    found = []
    for result in incomplete:
        if result["id"] != "color-contrast":
            continue
        nodes = [
            n for n in result["nodes"]
            if any((c.get("data") or {}).get("messageKey") == "equalRatio" for c in n["any"])
        ]  # fmt: skip
        if nodes:
            found.append({**result, "impact": "serious", "nodes": nodes})
    return found


def axe_violations(page) -> list[dict]:
    # Evaluated by the browser's debugger, not added as a <script>: the site's
    # Content-Security-Policy rightly refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations', 'incomplete']})",
        TAGS,
    )
    return result["violations"] + _invisible_text(result["incomplete"])


def describe(url: str, violations: list[dict]) -> str:
    lines = [url]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join(node["failureSummary"].split())
            lines.append(f"      {target} — {summary[:240]}")
        if len(v["nodes"]) > 8:
            lines.append(f"      … et {len(v['nodes']) - 8} autres")
    return "\n".join(lines)


def page_key(path: str) -> str:
    """One visit per kind of page, for a draft dossier (editable forms) and for one further
    on (read-only, with the OPCO's decision): /dossiers/3/contrat/ for a running dossier
    stands for every non-draft dossier's contrat step."""
    match = re.search(r"/dossiers/(\d+)/", path)
    state = ""
    if match:
        row = Dossier.objects.filter(pk=match.group(1)).first()
        state = "?" if row is None else "draft" if row.status == Status.DRAFT else "later"
    return re.sub(r"\d+", "N", path) + f"#{state}"


def crawl(page, base) -> dict[str, list[dict]]:
    """Visits every same-site page reachable by links from the dashboard; returns the
    blocking violations by URL, and every URL visited under the key ''."""
    host = urlsplit(base).netloc
    todo, seen_keys, report, visited = [f"{base}/"], set(), {}, []
    while todo:
        url = todo.pop(0)
        path = urlsplit(url).path
        key = page_key(path)
        if key in seen_keys:
            continue
        seen_keys.add(key)
        response = page.goto(url)
        assert response.ok, f"{url} : HTTP {response.status}"
        visited.append(path)
        blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
        if blocking:
            report[url] = blocking
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            href = urldefrag(href).url
            parts = urlsplit(href)
            if parts.netloc != host or parts.query or NOT_A_PAGE.search(parts.path):
                continue
            if page_key(parts.path) not in seen_keys:
                todo.append(href)
    report[""] = visited
    return report


def assert_clean(report):
    visited = report.pop("")
    assert not report, "Violations axe (serious/critical) :\n" + "\n".join(
        describe(url, violations) for url, violations in report.items()
    )
    return visited


@pytest.mark.parametrize("role", ROLES)
def test_pages_of_each_role_have_no_serious_violation(live_server, browser_page, demo, role):
    page, base = browser_page, live_server.url
    log_in(page, base, ROLES[role])
    visited = assert_clean(crawl(page, base))
    # The crawl did reach the dossiers, not only the dashboard.
    assert any("/dossiers/" in path or "/opco/" in path for path in visited), visited


def test_login_page_has_no_serious_violation(live_server, browser_page, demo):
    page, base = browser_page, live_server.url
    report = {}
    page.goto(f"{base}/connexion/")
    report[page.url] = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    # The same page with its error message
    page.get_by_label("Identifiant").fill("personne")
    page.get_by_label("Mot de passe").fill("faux")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    report[page.url + " (erreur)"] = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    # The page of a new account's one-time link, where its owner chooses a password
    company = Dossier.objects.first().company
    member = create_member(
        company, username="nouveau", first_name="Ana", last_name="Lima", email="", role="tutor"
    )
    page.goto(base + password_link(member))
    page.wait_for_selector("text=Choisir un mot de passe")
    report[page.url] = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    report = {url: v for url, v in report.items() if v}
    report[""] = []
    assert_clean(report)


def test_the_check_does_catch_violations(live_server, browser_page, demo):
    """The harness itself: an image without alt text and an unlabelled field are reported."""
    page = browser_page
    page.goto(f"{live_server.url}/connexion/")
    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
        '<img src="data:," class="no-alt"><input type="text" class="no-label">'
        + '<p class="invisible" style="color: #fff; background: #fff">texte blanc</p>')"""
    )
    found = {v["id"]: v for v in axe_violations(page) if v["impact"] in BLOCKING}
    assert {"image-alt", "label", "color-contrast"} <= found.keys(), found.keys()
    assert [n["target"] for n in found["color-contrast"]["nodes"]] == [[".invisible"]]
    message = describe("/connexion/", list(found.values()))
    assert "[critical] image-alt" in message and ".no-label" in message, message


def test_referentiel_keyboard_order(live_server, browser_page, demo):
    page, base = browser_page, live_server.url
    log_in(page, base, "dirigeant.boulangerie")
    pk = Dossier.objects.get(learner__username="apprenant.boulangerie").pk
    page.goto(f"{base}/dossiers/{pk}/referentiel/")

    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.hash]")
    assert focused == ["skip-link", "#contenu"]
    page.keyboard.press("Enter")
    expect(page.locator("#contenu")).to_be_focused()
    # From the main content, Tab goes through the step's form: the first competence's fields
    # come in order, before anything outside <main>.
    names = []
    for _ in range(60):
        page.keyboard.press("Tab")
        inside = page.evaluate("!!document.activeElement.closest('main')")
        if not inside:
            break
        name = page.evaluate("document.activeElement.name || ''")
        if name.startswith("competences-0-"):
            names.append(name)
    assert names[:4] == [
        "competences-0-id",
        "competences-0-importance",
        "competences-0-level",
        "competences-0-statement",
    ], names
    # The row added by htmx ("Ajouter une compétence", Enter: see test_full_journey) keeps the
    # page clean (labels, unique ids).
    total = int(page.locator("[name='competences-TOTAL_FORMS']").input_value())
    page.get_by_role("button", name="Ajouter une compétence").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(f"[name='competences-{total}-id']:focus")
    report = {page.url + " (ligne ajoutée)": axe_violations(page)}
    report = {url: [v for v in vs if v["impact"] in BLOCKING] for url, vs in report.items()}
    report = {url: vs for url, vs in report.items() if vs}
    report[""] = []
    assert_clean(report)
