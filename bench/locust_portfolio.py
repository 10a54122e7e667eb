"""Locust users for `python -m bench portfolio`: OPCO instructors working on their portfolio.

Each user logs in once (on_start), then asks, at random, for the queue's first page, a deep
page reached by its cursor, a search, the dashboard and a dossier's one-page summary. The
bench writes what they need (account, cursors, search words, dossier ids) to the JSON file
named by PARCOURS_LOCUST_CONFIG. A page that does not show what it should (the deep page
without « Page précédente », a search without results) counts as a failure, so that a fast
but wrong answer cannot pass.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path
from urllib.parse import urlencode

from locust import HttpUser, between

CONFIG = json.loads(Path(os.environ["PARCOURS_LOCUST_CONFIG"]).read_text(encoding="utf-8"))
# Every state the OPCO sees (drafts are the company's own).
ALL_SENT = [
    ("status", s)
    for s in (
        "submitted",
        "changes_requested",
        "accepted",
        "refused",
        "running",
        "completed",
        "terminated",
    )
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Instructor(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        page = self.client.get("/connexion/", name="connexion (page)")
        token = CSRF.search(page.text)
        with self.client.post(
            "/connexion/",
            data={
                "username": CONFIG["username"],
                "password": CONFIG["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": self.host + "/connexion/"},
            name="connexion",
            catch_response=True,
        ) as response:
            if "/connexion/" in response.url:
                response.failure("connexion refusée")

    def _get(self, path: str, name: str, must: str | None = None, params=()):
        url = path + ("?" + urlencode(list(params)) if params else "")
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif "/connexion/" in response.url:
                response.failure("session perdue")
            elif must and must not in response.text:
                response.failure(f"« {must} » absent de la page")

    def queue_first_page(self):
        self._get("/opco/", "file : page 1 (soumis)")

    def queue_all_sorted(self):
        self._get("/opco/", "file : tous, tri par salarié", params=ALL_SENT + [("sort", "learner")])

    def queue_deep_page(self):
        cursor = random.choice(CONFIG["cursors"])
        params = ALL_SENT + [("sort", "learner"), ("after", cursor)]
        self._get("/opco/", "file : page profonde (curseur)", "Page précédente", params)

    def search(self):
        query, shown = random.choice(CONFIG["search"])  # a learner's last name, as shown
        self._get("/opco/", "recherche", shown, ALL_SENT + [("q", query)])

    def dashboard(self):
        self._get("/opco/tableau-de-bord/", "tableau de bord")

    def summary(self):
        pk = random.choice(CONFIG["summaries"])
        self._get(f"/opco/dossiers/{pk}/synthese/", "synthèse d'un dossier")

    # (page, weight): the mix of a working instructor; the bench's --skip leaves pages out
    # (to see what one page costs the others).
    MIX = {
        queue_first_page: 3,
        queue_all_sorted: 2,
        queue_deep_page: 3,
        search: 3,
        dashboard: 2,
        summary: 3,
    }
    tasks = {
        page: weight for page, weight in MIX.items() if page.__name__ not in CONFIG.get("skip", ())
    }
