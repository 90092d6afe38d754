// The editor: autosave, live QA and keyboard navigation. Text is only ever put into
// the page with textContent, never as HTML.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const boxes = Array.from(document.querySelectorAll("textarea[data-save], textarea[data-new]"));
  const SAVE_DELAY = 1200, QA_DELAY = 300;

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify(body),
    }).then(r => r.json().then(data => ({ok: r.ok, status: r.status, data})));
  }

  function cell(box, selector) { return box.closest(".tgt").querySelector(selector); }

  function showIssues(box, issues) {
    const list = cell(box, "ul.qa");
    list.replaceChildren(...issues.map(i => {
      const li = document.createElement("li");
      li.className = i.severity;
      li.dataset.check = i.check;
      li.textContent = i.message;
      return li;
    }));
    document.getElementById("qa-errors").textContent = document.querySelectorAll("ul.qa li.error").length;
  }

  function showDiff(box, diff) {
    const p = cell(box, "p.diff");
    p.replaceChildren(...diff.map(([op, text]) => {
      if (op === "same") return document.createTextNode(text);
      const el = document.createElement(op);
      el.textContent = text;
      return el;
    }));
  }

  // Progress in the header: segments with text, and the source words of those without.
  function showProgress() {
    const empty = boxes.filter(b => !b.value.trim());
    const words = empty.reduce((n, b) => n + Number(b.closest(".seg").dataset.words || 0), 0);
    document.getElementById("progress-done").textContent = boxes.length - empty.length;
    document.getElementById("words-left").textContent = words;
    document.querySelector("#progress meter").value = boxes.length - empty.length;
  }

  function setState(box, text, cls) {
    const s = cell(box, ".save-state");
    s.textContent = text;
    s.className = "save-state " + (cls || "");
  }

  function save(box) {
    clearTimeout(box._saveTimer);
    if (!box._dirty || box._conflict || box.readOnly) return Promise.resolve();
    box._dirty = false;
    setState(box, "…", "saving");
    // A segment without a draft is created by its first save, then saved like any other.
    const url = box.dataset.save || box.dataset.new;
    return post(url, {text: box.value, version: Number(box.dataset.version)}).then(res => {
      if (res.ok) {
        if (res.data.save) {
          Object.assign(box.dataset, {save: res.data.save, qa: res.data.qa, tid: res.data.translation_id});
          delete box.dataset.new;
        }
        box.dataset.version = res.data.version;
        showIssues(box, res.data.issues);
        showDiff(box, res.data.diff);
        setState(box, "✓", "saved");
      } else {
        if (res.status === 409) box._conflict = true;
        else box._dirty = true;
        setState(box, res.data.error || ("error " + res.status), "failed");
      }
    }).catch(() => { box._dirty = true; setState(box, "offline: not saved", "failed"); });
  }

  function liveQa(box) {
    if (!box.dataset.qa) return;  // not saved yet: the first save answers with its QA
    post(box.dataset.qa, {text: box.value}).then(res => { if (res.ok) showIssues(box, res.data.issues); });
  }

  function move(box, step) {
    const next = boxes[boxes.indexOf(box) + step];
    save(box);
    if (next) { next.focus(); next.scrollIntoView({block: "center"}); }
  }

  boxes.forEach(box => {
    box.addEventListener("input", () => {
      box._dirty = true;
      setState(box, "", "");
      showProgress();
      clearTimeout(box._qaTimer);
      clearTimeout(box._saveTimer);
      box._qaTimer = setTimeout(() => liveQa(box), QA_DELAY);
      box._saveTimer = setTimeout(() => save(box), SAVE_DELAY);
    });
    box.addEventListener("blur", () => save(box));
    box.addEventListener("keydown", ev => {
      if (ev.altKey && ev.key === "ArrowDown") { ev.preventDefault(); move(box, 1); }
      else if (ev.altKey && ev.key === "ArrowUp") { ev.preventDefault(); move(box, -1); }
      else if ((ev.ctrlKey || ev.metaKey) && ev.key === "s") { ev.preventDefault(); save(box); }
    });
  });
  window.addEventListener("beforeunload", ev => {
    if (boxes.some(b => b._dirty && !b._conflict)) { boxes.forEach(save); ev.preventDefault(); }
  });
})();
