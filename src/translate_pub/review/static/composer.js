// The digest composer: search approved sentences, tick a run of them, insert a quote shortcode
// into the Markdown at the cursor, as its own paragraph (one blank line before and after, never
// more, none at the end of the text). Sentences carry the editor's numbers (1 is the title).
// Text from the server is only ever put in with textContent.
"use strict";
(function () {
  const body = document.getElementById("digest-body");
  const results = document.getElementById("quote-results");
  const state = document.getElementById("search-state");

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Consecutive ticked numbers → runs: [1,2,3,7] → [[1,3],[7,7]].
  function runs(numbers) {
    const out = [];
    numbers.sort((a, b) => a - b).forEach(n => {
      const last = out[out.length - 1];
      if (last && n === last[1] + 1) last[1] = n; else out.push([n, n]);
    });
    return out;
  }

  function insert(key, numbers) {
    const codes = runs(numbers).map(([a, b]) =>
      `{{< quote doc="${key}" segments="${a === b ? a : a + "-" + b}" >}}`);
    const at = body.selectionEnd ?? body.value.length;
    const before = body.value.slice(0, at).replace(/\s*$/, ""), after = body.value.slice(at).replace(/^\s*/, "");
    const text = (before ? before + "\n\n" : "") + codes.join("\n\n") + (after ? "\n\n" : "\n");
    body.value = text + after;
    body.focus();
    body.setSelectionRange(text.length, text.length);
    later();
  }

  function article(found) {
    const box = el("article", "found");
    box.dataset.key = found.key;
    box.append(el("h3", "", found.title), el("p", "meta", [found.outlet, found.date, found.tags.join(", ")]
      .filter(Boolean).join(" · ")));
    const list = el("ol", "sentences");
    found.segments.forEach(s => {
      const li = el("li");
      const label = el("label");
      const tick = el("input");
      tick.type = "checkbox";
      tick.value = s.n;
      const src = el("span", "src", s.source), tgt = el("span", "tgt", s.target);
      src.lang = results.dataset.sourceLang;
      tgt.lang = results.dataset.targetLang;
      src.title = results.dataset.source;
      tgt.title = results.dataset.target;
      label.append(tick, el("span", "num", String(s.n)), src, tgt);
      li.append(label);
      list.append(li);
    });
    const button = el("button", "insert", results.dataset.insert);
    button.type = "button";
    button.addEventListener("click", () => {
      const ticked = Array.from(box.querySelectorAll("input:checked")).map(t => Number(t.value));
      if (ticked.length) insert(found.key, ticked);
      box.querySelectorAll("input:checked").forEach(t => { t.checked = false; });
    });
    box.append(list, button);
    return box;
  }

  // The live preview: both editions as the server parses the text, a moment after typing stops.
  const form = document.getElementById("digest-form");
  const previewError = document.getElementById("preview-error");
  const untranslated = form.querySelector(".preview").dataset.untranslated;
  let timer = 0;
  function preview() {
    fetch("/digests/preview", {method: "POST", credentials: "same-origin", body: new FormData(form),
                                headers: {"Accept": "application/json"}})
      .then(r => r.json())
      .then(data => {
        previewError.textContent = data.error || "";
        if (!data.editions) return;
        Object.entries(data.editions).forEach(([code, paragraphs]) => {
          const box = document.getElementById("preview-" + code);
          if (!box) return;
          box.replaceChildren(...paragraphs.map(p => {
            const block = el(p.quote ? "blockquote" : "p", p.translated ? "" : "untranslated", p.text);
            // connecting text not translated yet is in the language it is written in
            const written = document.getElementById("digest-lang").value || form.querySelector(".edition").dataset.lang;
            if (!p.translated) { block.lang = written; block.title = untranslated; }
            return block;
          }));
        });
      });
  }
  function later() { clearTimeout(timer); timer = setTimeout(preview, 400); }
  body.addEventListener("input", later);
  document.getElementById("digest-lang").addEventListener("change", later);
  if (body.value.trim()) preview();

  document.getElementById("quote-search").addEventListener("submit", event => {
    event.preventDefault();
    const params = new URLSearchParams(new FormData(event.target));
    state.textContent = "…";
    fetch("/digests/search?" + params, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(r => r.json().then(data => ({ok: r.ok, data})))
      .then(({ok, data}) => {
        if (!ok) { state.textContent = data.error || "error"; return; }
        state.textContent = data.summary;
        results.replaceChildren(...data.results.map(article));
      });
  });
})();
