// Poll the state of a publish run until it is final; then reload once to show the run's summary.
"use strict";
(function () {
  const el = document.getElementById("run-state");
  if (!el) return;
  const FINAL = ["Completed", "Failed", "Crashed", "Cancelled"];
  function poll() {
    if (FINAL.includes(el.textContent)) return;
    fetch("/publish/" + encodeURIComponent(el.dataset.run), {headers: {"Accept": "application/json"}})
      .then(r => r.json()).then(d => {
        if (!d.state) return;
        el.textContent = d.state;
        if (d.state === "Completed") location.reload();
      })
      .finally(() => setTimeout(poll, 1500));
  }
  setTimeout(poll, 1000);
})();
