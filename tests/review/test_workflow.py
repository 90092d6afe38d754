"""The core path through the real app: log in, queue, edit with QA, submit, approve, history."""

from __future__ import annotations

from translate_pub.model import Status
from translate_pub.store import editions as edition_store
from translate_pub.store import translations as tr_store

from .conftest import act, csrf_of, login, save, segments_of, submit


def _status(world) -> Status:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        return Status(tr_store.get_status(conn, world.doc_id, "en").status)


def test_login_sets_a_hardened_session_cookie_and_logout_ends_it(client, world):
    response = login(client, "tanya")
    assert response.status_code == 303 and response.headers["location"] == "/queue"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=strict" in cookie
    page = client.get("/queue")
    assert page.status_code == 200 and "Суд оштрафовал активиста" in page.text
    assert client.post("/logout", data={"csrf": csrf_of(page.text)}).status_code == 303
    assert client.get("/queue").headers["location"] == "/login"


def test_wrong_password_is_refused_and_repeated_failures_are_rate_limited(
    client, world
):
    assert login(client, "tanya", "wrong").status_code == 401
    for _ in range(4):
        login(client, "tanya", "wrong")
    blocked = login(client, "tanya")  # even the right password, while blocked
    assert blocked.status_code == 429 and "Too many" in blocked.text


def test_queue_filters_counts_and_links_to_the_editor(client, world):
    login(client, "tanya")
    page = client.get(
        "/queue", params={"status": "machine_translated", "outlet": "ovd-info"}
    )
    assert f'href="/doc/{world.doc_id}/en"' in page.text and "1 documents" in page.text
    empty = client.get("/queue", params={"status": "approved"})
    assert (
        f'href="/doc/{world.doc_id}/en"' not in empty.text
        and "0 documents" in empty.text
    )


def test_editor_shows_source_target_terms_and_mt(client, world):
    login(client, "tanya")
    page = client.get(f"/doc/{world.doc_id}/en").text
    assert 'title="glossary: court">Суд</mark>' in page
    assert "The court fined 12 people on March 5, 2024." in page
    assert len(segments_of(page)) == 3


def test_save_runs_qa_records_a_revision_and_returns_the_diff(client, world):
    login(client, "tanya")
    page = client.get(f"/doc/{world.doc_id}/en").text
    bad = save(client, page, 1, "The judge fined people on March 5, 2024.")
    assert bad.status_code == 200, bad.text
    body = bad.json()
    checks = {(i["check"], i["severity"]) for i in body["issues"]}
    assert ("numbers", "error") in checks and ("glossary", "error") in checks
    assert ["del", "court"] in body["diff"] or any(
        op == "del" for op, _ in body["diff"]
    )
    history = client.get(f"/doc/{world.doc_id}/en/history").text
    assert "The judge fined people" in history and "tanya" in history


def test_second_save_with_an_old_version_is_a_conflict_and_keeps_the_first(
    client, world
):
    login(client, "tanya")
    page = client.get(f"/doc/{world.doc_id}/en").text
    assert (
        save(client, page, 1, "The court fined 12 people on 5 March 2024.").status_code
        == 200
    )
    conflict = save(client, page, 1, "Overwrite attempt 12 March 5, 2024", version=1)
    assert (
        conflict.status_code == 409 and "your text is kept" in conflict.json()["error"]
    )
    assert (
        conflict.json()["theirs"] == "The court fined 12 people on 5 March 2024."
        and conflict.json()["version"] == 2
    )
    assert "5 March 2024" in client.get(f"/doc/{world.doc_id}/en").text
    assert "Overwrite attempt" not in client.get(f"/doc/{world.doc_id}/en").text


def test_live_qa_checks_without_saving(client, world):
    login(client, "tanya")
    page = client.get(f"/doc/{world.doc_id}/en").text
    tid, _v, _u = segments_of(page)[2]
    res = client.post(
        f"/doc/{world.doc_id}/en/qa/{tid}",
        json={"text": "More on the website."},
        headers={"X-CSRF-Token": csrf_of(page)},
    )
    assert {i["check"] for i in res.json()["issues"]} >= {"placeholders", "urls"}
    assert (
        "More &lt;1&gt;on the website&lt;/1&gt;"
        in client.get(f"/doc/{world.doc_id}/en").text
    )


def test_submit_then_approval_is_blocked_by_qa_errors_until_fixed(client, world):
    login(client, "tanya")
    page = client.get(f"/doc/{world.doc_id}/en").text
    save(
        client, page, 1, "The court fined people on March 5, 2024."
    )  # number 12 dropped
    asked = act(client, world, "submit")  # the errors are shown and must be confirmed
    assert (
        asked.status_code == 409
        and 'id="confirm-submit"' in asked.text
        and "number 12 is missing" in asked.text
    )
    assert 'href="#seg-2"' in asked.text and _status(world) == Status.MACHINE_TRANSLATED
    assert submit(client, world).status_code == 303
    assert _status(world) == Status.IN_REVIEW
    assert (
        "submitted with 1 open errors"
        in client.get(f"/doc/{world.doc_id}/en/history").text
    )
    client.cookies.clear()
    login(client, "rita")
    blocked = act(client, world, "approve")
    assert blocked.status_code == 409 and "1 QA error(s) remain" in blocked.text
    assert (
        f'href="/doc/{world.doc_id}/en#seg-2">Segment 2</a>' in blocked.text
        and "number 12 is missing" in blocked.text
    )
    assert _status(world) == Status.IN_REVIEW
    page = client.get(f"/doc/{world.doc_id}/en").text
    assert (
        save(client, page, 1, "The court fined 12 people on March 5, 2024.").json()[
            "issues"
        ]
        == []
    )
    assert act(client, world, "approve").status_code == 303
    assert _status(world) == Status.APPROVED
    with world.store.begin() as conn:
        [edition] = edition_store.latest_editions(conn, "en")
    # Credit follows the text: rita's fix restored the engine's draft word for word, so the approved text
    # is the machine's; tanya's edit (a deletion) left no words of hers, and a reviewer's fix is review.
    assert (
        edition.reviewed_by == ("rita",)
        and edition.translated_by == ()
        and edition.engine == "recorded"
    )
    assert edition.segments[0].target == "The court fined 12 people on March 5, 2024."


def test_reviewer_may_override_qa_errors_with_a_reason_which_is_recorded(client, world):
    login(client, "rita")
    page = client.get(f"/doc/{world.doc_id}/en").text
    save(client, page, 1, "The court fined a dozen people on March 5, 2024.")
    submit(client, world)
    assert (
        act(client, world, "approve", reason="a dozen is house style here").status_code
        == 303
    )
    assert _status(world) == Status.APPROVED
    history = client.get(f"/doc/{world.doc_id}/en/history").text
    assert "QA override (1 errors): a dozen is house style here" in history


def test_reject_needs_a_comment_and_sends_the_draft_back(client, world):
    login(client, "rita")
    submit(client, world)
    refused = act(
        client, world, "reject"
    )  # the document again, its reason field marked, with the app's navigation
    assert (
        refused.status_code == 400
        and 'id="doc-status"' in refused.text
        and "<nav" in refused.text
    )
    field = refused.text.split('id="reason-reject"')[1].split(">")[0]
    assert (
        'aria-invalid="true"' in field
        and 'aria-describedby="reason-reject-error"' in field
    )
    assert (
        'id="reason-reject-error" role="alert">say why in a comment when rejecting<'
        in refused.text
    )
    assert _status(world) == Status.IN_REVIEW
    assert act(client, world, "reject", reason="check the title").status_code == 303
    assert _status(world) == Status.MACHINE_TRANSLATED


def test_approved_text_is_read_only_until_reopened(client, world):
    login(client, "rita")
    submit(client, world)
    act(client, world, "approve")
    page = client.get(f"/doc/{world.doc_id}/en").text
    assert "readonly" in page
    refused = save(client, page, 0, "Court fines an activist")
    assert refused.status_code == 409 and "reopen" in refused.json()["error"]
    assert act(client, world, "reopen").status_code == 303
    assert _status(world) == Status.IN_REVIEW


def test_transitions_that_do_not_exist_are_refused(client, world):
    login(client, "ada")
    refused = act(
        client, world, "approve"
    )  # MACHINE_TRANSLATED cannot be approved directly
    assert refused.status_code == 409 and "cannot approve" in refused.text
    assert (
        f'<a href="/doc/{world.doc_id}/en" id="back-to-editor">' in refused.text
        and "<nav" in refused.text
    )
    assert act(client, world, "publish-now").status_code == 409
    assert _status(world) == Status.MACHINE_TRANSLATED


def test_stale_form_version_is_a_conflict(client, world):
    login(client, "rita")
    page = client.get(f"/doc/{world.doc_id}/en").text
    submit(client, world)
    old = client.post(
        f"/doc/{world.doc_id}/en/status",
        data={"csrf": csrf_of(page), "action": "reject", "version": 1, "reason": "x"},
    )
    assert old.status_code == 409 and _status(world) == Status.IN_REVIEW


def test_editor_assigns_and_the_queue_filters_by_assignee(client, world):
    login(client, "ed")
    page = client.get(f"/doc/{world.doc_id}/en").text
    version = int(page.split('name="version" value="')[1].split('"')[0])
    assert (
        client.post(
            f"/doc/{world.doc_id}/en/assign",
            data={"csrf": csrf_of(page), "assignee": "tanya", "version": version},
        ).status_code
        == 303
    )
    assert (
        f'/doc/{world.doc_id}/en"'
        in client.get("/queue", params={"assignee": "tanya"}).text
    )
    assert (
        f'/doc/{world.doc_id}/en"'
        not in client.get("/queue", params={"assignee": "rita"}).text
    )


def test_russian_interface(client, world):
    login(client, "tanya")
    client.get("/ui/ru")
    page = client.get("/queue").text
    assert "Очередь" in page and "Выйти" in page


def test_a_segment_without_a_draft_is_translated_from_scratch_and_submitted(
    client, world
):
    from translate_pub.model import Document, Segment
    from translate_pub.store import documents as doc_store

    with (
        world.store.begin() as conn
    ):  # a NEW document: the machine translation has not run
        doc_id = doc_store.save_document(
            conn,
            Document(
                source_lang="ru",
                outlet="ovd-info",
                title="Новость",
                url="https://ovd.info/n",
                canonical_url="https://ovd.info/n",
                content_hash="n",
                segments=(Segment(0, 0, 0, "Задержан 1 человек.", "p"),),
            ),
            ("en",),
        ).document_id
        segment_id = doc_store.current_segments(conn, doc_id)[0].id
    login(client, "tanya")
    page = client.get(f"/doc/{doc_id}/en").text
    url = f"/doc/{doc_id}/en/translate/{segment_id}"
    assert f'data-new="{url}"' in page and segments_of(page) == []
    headers = {"X-CSRF-Token": csrf_of(page)}
    first = client.post(
        url, json={"text": "One person was detained.", "version": 0}, headers=headers
    )
    assert first.status_code == 200 and first.json()["issues"] == []
    save = first.json()["save"]
    assert (
        client.post(
            url, json={"text": "again", "version": 0}, headers=headers
        ).status_code
        == 409
    )
    assert (
        client.post(
            save, json={"text": "1 person was detained.", "version": 1}, headers=headers
        ).json()["version"]
        == 2
    )
    assert (
        client.post(
            f"/doc/{world.doc_id}/en/translate/{segment_id}",
            json={"text": "x"},
            headers=headers,
        ).status_code
        == 404
    )  # a segment of another document
    history = client.get(f"/doc/{doc_id}/en/history").text
    assert "One person was detained." in history and "translate" in history
    page = client.get(f"/doc/{doc_id}/en").text
    client.post(
        f"/doc/{doc_id}/en/status",
        data={"csrf": csrf_of(page), "action": "submit", "version": 1},
    )
    with world.store.begin() as conn:
        assert (
            Status(tr_store.get_status(conn, doc_id, "en").status) == Status.IN_REVIEW
        )


def test_in_review_the_translator_reads_until_they_take_the_document_back(
    client, world
):
    login(client, "tanya")
    submit(client, world)
    page = client.get(f"/doc/{world.doc_id}/en").text
    assert (
        page.count("readonly>") >= 3
        and 'id="action-take-back"' in page
        and 'id="action-approve"' not in page
    )
    refused = save(client, page, 1, "The court fined 12 people on 5 March 2024.")
    assert (
        refused.status_code == 409
        and "take it back to translation" in refused.json()["error"]
    )
    assert act(client, world, "take-back").status_code == 303
    assert _status(world) == Status.MACHINE_TRANSLATED
    page = client.get(f"/doc/{world.doc_id}/en").text
    assert (
        save(client, page, 1, "The court fined 12 people on 5 March 2024.").status_code
        == 200
    )
    client.cookies.clear()
    login(client, "rita")  # the reviewer sees that it was taken back, and by whom
    assert (
        "<td>take-back → machine translated</td>"
        in client.get(f"/doc/{world.doc_id}/en/history").text
    )


def test_in_review_a_reviewer_may_still_fix_the_text(client, world):
    login(client, "rita")
    submit(client, world)
    page = client.get(f"/doc/{world.doc_id}/en").text
    assert (
        save(client, page, 1, "The court fined 12 people on 5 March 2024.").status_code
        == 200
    )
