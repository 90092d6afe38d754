// Poll the state of a publish run until it is final.
"use strict";
(function () {
  const el = document.getElementById("run-state");
  if (!el) return;
  const FINAL = ["Completed", "Failed", "Crashed", "Cancelled"];
  function poll() {
    if (FINAL.includes(el.textContent)) return;
    fetch("/publish/" + encodeURIComponent(el.dataset.run), {headers: {"Accept": "application/json"}})
      .then(r => r.json()).then(d => { if (d.state) el.textContent = d.state; })
      .finally(() => setTimeout(poll, 1500));
  }
  setTimeout(poll, 1000);
})();
