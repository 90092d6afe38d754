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
        document.getElementById("run-reason").textContent = d.reason || "";
        if (d.state === "Completed") location.reload();
      })
      .finally(() => setTimeout(poll, 400));
  }
  setTimeout(poll, 300);  // a run started in the app's own process takes about a second
})();
