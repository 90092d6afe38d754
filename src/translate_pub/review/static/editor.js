// The editor: autosave, live QA, suggestions, tags, dismissals, conflicts and the keyboard.
// Text is only ever put into the page with textContent or .value, never as HTML.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const boxes = Array.from(document.querySelectorAll("textarea[data-save], textarea[data-new]"));
  const SAVE_DELAY = 1200, QA_DELAY = 300;
  const TAG = /<(\/?)(\d+)(\/?)>/g;
  const T = (document.getElementById("editor-words") || {}).dataset || {};
  // This page load's id, sent with every save: History merges only one page's consecutive saves of a
  // segment, never a second tab's or session's (getRandomValues works without a secure context too).
  const PAGE = Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, "0")).join("");

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify(body),
    }).then(r => r.json().then(data => ({ok: r.ok, status: r.status, data})));
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function seg(box) { return box.closest(".seg"); }
  function cell(box, selector) { return box.closest(".tgt").querySelector(selector); }

  function countErrors() {
    document.getElementById("qa-errors").textContent =
      document.querySelectorAll("ul.qa li.error:not(.dismissed)").length;
  }

  // Live QA, saves and dismissals all answer with the segment's issues; only the answer to the newest
  // request is shown (a live check sent before a dismissal could otherwise answer after it, undoing it).
  function issuesTicket(box) {
    box._issuesTicket = (box._issuesTicket || 0) + 1;
    return box._issuesTicket;
  }

  function showIssues(box, issues, ticket) {
    if (ticket !== box._issuesTicket) return;
    cell(box, "ul.qa").replaceChildren(...issues.map(i => {
      const li = el("li", i.severity + (i.dismissed ? " dismissed" : ""));
      Object.assign(li.dataset, {check: i.check, key: i.key});
      li.append(el("span", "msg", i.message), " ");
      if (i.dismissed) {
        li.append(el("span", "dismissal", (T.dismissed || "dismissed by {user} on {at}: {reason}")
          .replace("{user}", i.dismissed.user).replace("{at}", i.dismissed.at).replace("{reason}", i.dismissed.reason)));
        if (box.dataset.dismiss && !box.readOnly) {
          li.append(" ", el("button", "undismiss", T.undismiss || "Take back"));
          li.lastChild.type = "button";
        }
      } else if (box.dataset.dismiss && !box.readOnly && i.dismissable !== false) {
        li.append(el("button", "dismiss", T.dismiss || "Dismiss…"));
        li.lastChild.type = "button";
      }
      return li;
    }));
    countErrors();
  }

  function showDiff(target, diff) {
    target.replaceChildren(...diff.map(([op, text]) => op === "same" ? document.createTextNode(text) : el(op, "", text)));
  }

  function setState(box, text, cls) {
    const s = cell(box, ".save-state");
    s.textContent = text;
    s.className = "save-state " + (cls || "");
  }

  // Progress in the header: segments with text, and the source words of those without.
  function showProgress() {
    const empty = boxes.filter(b => !b.value.trim() && !seg(b).classList.contains("omitted"));
    const done = boxes.length - empty.length;
    document.getElementById("progress-done").textContent = done;
    document.getElementById("words-left").textContent =
      empty.reduce((n, b) => n + Number(seg(b).dataset.words || 0), 0);
    document.querySelector("#progress meter").value = done;
  }

  function grow(box) {
    box.style.height = "auto";
    box.style.height = (box.scrollHeight + 2) + "px";
  }

  function edited(box) {
    box._dirty = true;
    setState(box, "", "");
    showProgress();
    grow(box);
    clearTimeout(box._qaTimer);
    clearTimeout(box._saveTimer);
    box._qaTimer = setTimeout(() => liveQa(box), QA_DELAY);
    box._saveTimer = setTimeout(() => save(box), SAVE_DELAY);
  }

  function save(box) {
    clearTimeout(box._saveTimer);
    if (!box._dirty || box._conflict || box.readOnly) return Promise.resolve();
    box._dirty = false;
    setState(box, "…", "saving");
    // A segment without a draft is created by its first save, then saved like any other.
    const url = box.dataset.save || box.dataset.new, ticket = issuesTicket(box);
    return post(url, {text: box.value, version: Number(box.dataset.version), page: PAGE}).then(res => {
      if (res.ok) {
        if (res.data.save) {
          Object.assign(box.dataset, {save: res.data.save, qa: res.data.qa, tid: res.data.translation_id,
                                      dismiss: res.data.save.replace("/segment/", "/dismiss/")});
          delete box.dataset.new;
        }
        box.dataset.version = res.data.version;
        showIssues(box, res.data.issues, ticket);
        showDiff(cell(box, "p.diff"), res.data.diff);
        setState(box, "✓", "saved");
      } else if (res.status === 409 && "theirs" in res.data) {
        conflict(box, res.data);
      } else {
        box._dirty = true;
        setState(box, res.data.error || ("error " + res.status), "failed");
      }
    }).catch(() => { box._dirty = true; setState(box, T.offline || "offline: not saved", "failed"); });
  }

  // Someone saved this segment first: keep both texts on screen until the translator decides.
  function conflict(box, data) {
    box._conflict = true;
    box._dirty = true;
    box._theirs = data;
    setState(box, data.error, "failed");
    const panel = cell(box, ".conflict");
    const diff = el("p", "diff");
    showDiff(diff, data.diff);
    const theirs = el("button", "take-theirs", T.theirs || "Use theirs");
    const mine = el("button", "keep-mine", T.mine || "Keep mine (or my merge)");
    theirs.type = mine.type = "button";
    panel.replaceChildren(
      el("p", "", (T.theirsBy || "Theirs ({by}):").replace("{by}", data.by)), el("p", "theirs", data.theirs),
      el("p", "", T.diffLabel || "Theirs → mine:"), diff, theirs, " ", mine);
    panel.hidden = false;
  }

  function resolve(box, keepMine) {
    const data = box._theirs;
    box._conflict = false;
    box.dataset.version = data.version;
    cell(box, ".conflict").hidden = true;
    if (keepMine) { box._dirty = true; save(box); return; }
    box.value = data.theirs;
    box._dirty = false;
    grow(box);
    showProgress();
    setState(box, "✓", "saved");
    liveQa(box);
  }

  function liveQa(box) {
    if (!box.dataset.qa) return;  // not saved yet: the first save answers with its QA
    const ticket = issuesTicket(box);
    post(box.dataset.qa, {text: box.value}).then(res => { if (res.ok) showIssues(box, res.data.issues, ticket); });
  }

  function insert(box, text) {
    if (box.readOnly) return;
    box.focus();
    box.setRangeText(text, box.selectionStart, box.selectionEnd, "end");
    edited(box);
  }

  function replaceWith(box, text) {
    if (box.readOnly || text === undefined) return;
    box.focus();
    box.select();
    box.setRangeText(text, 0, box.value.length, "end");
    edited(box);
  }

  // The first tag of the source that the translation lacks (counting repeats), e.g. "<1>" then "</1>".
  function nextTag(box) {
    const have = {};
    for (const m of box.value.matchAll(TAG)) have[m[0]] = (have[m[0]] || 0) + 1;
    for (const m of seg(box).dataset.source.matchAll(TAG)) {
      if (have[m[0]]) have[m[0]] -= 1;
      else return m[0];
    }
    return "";
  }

  function suggestion(box, kind, nth) {
    const span = seg(box).querySelectorAll(".suggestions ." + kind + " .text")[nth || 0];
    return span ? span.textContent : undefined;
  }

  function undismiss(box, li) {
    const ticket = issuesTicket(box);
    post(box.dataset.dismiss, {key: li.dataset.key, undo: true}).then(res => {
      if (res.ok) showIssues(box, res.data.issues, ticket);
      else setState(box, res.data.error, "failed");
    });
  }

  function dismissForm(li) {
    const box = seg(li).querySelector("textarea");
    const form = el("span", "dismiss-form");
    const label = el("label", "", (T.why || "Why is this a false alarm?") + " ");
    const input = el("input");
    const ok = el("button", "", T.dismissOk || "Dismiss");
    ok.type = "button";
    label.append(input);
    form.append(label, " ", ok);
    li.querySelector("button.dismiss").replaceWith(form);
    input.focus();
    const send = () => {
      if (!input.value.trim()) { input.focus(); return; }
      const ticket = issuesTicket(box);
      post(box.dataset.dismiss, {key: li.dataset.key, reason: input.value}).then(res => {
        if (res.ok) showIssues(box, res.data.issues, ticket);
        else setState(box, res.data.error, "failed");
      });
    };
    ok.addEventListener("click", send);
    input.addEventListener("keydown", ev => { if (ev.key === "Enter") { ev.preventDefault(); send(); } });
  }

  function needsWork(box) {
    return !box.value.trim() || seg(box).querySelector("ul.qa li.error:not(.dismissed)");
  }

  function move(box, step) {
    const next = boxes[boxes.indexOf(box) + step];
    save(box);
    if (next) { next.focus(); next.scrollIntoView({block: "center"}); }
  }

  function saveAndNext(box) {
    save(box).then(() => {
      const after = boxes.slice(boxes.indexOf(box) + 1).filter(b => !b.readOnly);
      const next = after.find(needsWork) || after[0];
      if (next) { next.focus(); next.scrollIntoView({block: "center"}); }
    });
  }

  function keys(box, ev) {
    const ctrl = ev.ctrlKey || ev.metaKey;
    const actions = {
      "ctrl+Enter": () => saveAndNext(box), "ctrl+s": () => save(box),
      "alt+ArrowDown": () => move(box, 1), "alt+ArrowUp": () => move(box, -1),
      "alt+1": () => replaceWith(box, suggestion(box, "mt")), "alt+2": () => replaceWith(box, suggestion(box, "memory")),
      "alt+3": () => replaceWith(box, suggestion(box, "memory", 1)),
      "alt+4": () => replaceWith(box, suggestion(box, "memory", 2)),
      "alt+0": () => replaceWith(box, seg(box).dataset.source), "alt+t": () => insert(box, nextTag(box)),
      "alt+g": () => { const t = seg(box).querySelector(".use-term"); if (t) insert(box, t.dataset.text); },
    };
    const name = (ctrl ? "ctrl+" : ev.altKey ? "alt+" : "") + (ev.key.length === 1 ? ev.key.toLowerCase() : ev.key);
    const code = ev.altKey && ev.code.startsWith("Digit") ? "alt+" + ev.code.slice(5) :
      ev.altKey && ev.code.startsWith("Key") ? "alt+" + ev.code.slice(3).toLowerCase() : name;
    const act = actions[name] || actions[code];
    if (act && (ctrl || ev.altKey)) { ev.preventDefault(); act(); }
  }

  boxes.forEach(box => {
    grow(box);
    box.addEventListener("input", () => edited(box));
    box.addEventListener("blur", () => save(box));
    box.addEventListener("keydown", ev => keys(box, ev));
  });

  document.querySelector(".segments").addEventListener("click", ev => {
    const button = ev.target.closest("button");
    if (!button) return;
    const box = seg(button).querySelector("textarea");
    if (button.matches(".use")) replaceWith(box, button.parentElement.querySelector(".text").textContent);
    else if (button.matches(".copy-source")) replaceWith(box, seg(box).dataset.source);
    else if (button.matches(".insert-tag")) insert(box, nextTag(box));
    else if (button.matches(".use-term")) insert(box, button.dataset.text);
    else if (button.matches(".dismiss")) dismissForm(button.closest("li"));
    else if (button.matches(".undismiss")) undismiss(box, button.closest("li"));
    else if (button.matches(".take-theirs")) resolve(box, false);
    else if (button.matches(".keep-mine")) resolve(box, true);
  });

  // Concordance: Alt+C from anywhere searches the approved translations for the selected text;
  // Escape goes back to the segment. Hits are built with textContent, the match in <mark>.
  const search = document.getElementById("concordance");
  const query = document.getElementById("concordance-q");
  let lastBox = boxes[0];
  boxes.forEach(box => box.addEventListener("focus", () => { lastBox = box; }));

  function pieces(parts) {
    return parts.map(([text, hit]) => hit ? el("mark", "", text) : document.createTextNode(text));
  }

  function showHits(data) {
    const state = document.getElementById("concordance-state");
    state.textContent = data.hits.length ? "" : (state.dataset.none || "");
    document.getElementById("concordance-hits").replaceChildren(...data.hits.map(h => {
      const li = el("li");
      const link = el(h.link ? "a" : "span", "doc", h.title);  // imported memory has no document
      if (h.link) link.href = h.link;
      li.append(el("span", "src", ""), " → ", el("span", "tgt", ""), " ", link);
      li.querySelector(".src").append(...pieces(h.source));
      li.querySelector(".tgt").append(...pieces(h.target));
      return li;
    }));
  }

  search.addEventListener("submit", ev => {
    ev.preventDefault();
    const url = search.action + "?" + new URLSearchParams({q: query.value});
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(r => r.json()).then(showHits);
  });
  query.addEventListener("keydown", ev => {
    if (ev.key === "Escape" && lastBox) { ev.preventDefault(); lastBox.focus(); }
  });
  document.addEventListener("keydown", ev => {
    if (!(ev.altKey && ev.code === "KeyC")) return;
    ev.preventDefault();
    const box = document.activeElement;
    const picked = box && box.tagName === "TEXTAREA" ? box.value.slice(box.selectionStart, box.selectionEnd)
      : String(window.getSelection());
    if (picked.trim()) query.value = picked.trim();
    query.focus();
    query.select();
    if (query.value.trim()) search.requestSubmit();
  });

  // Leaving with any unsaved box (being typed, failed, or in conflict) asks first.
  window.addEventListener("beforeunload", ev => {
    if (boxes.some(b => b._dirty || b._conflict)) { boxes.forEach(save); ev.preventDefault(); ev.returnValue = ""; }
  });
})();
