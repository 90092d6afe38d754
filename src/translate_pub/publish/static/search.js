// The search page (<lang>/search.html): Pagefind's index for the page's language, built beside
// the site (translate_pub.publish.search). Titles, outlets, dates and snippets come from the
// index; they are put into the page as text, and only <mark> is kept of a snippet's markup.
const box = document.getElementById("search");
const form = box.querySelector("form");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const selects = [...box.querySelectorAll("select[data-filter]")];
let pagefind = null;
let asked = 0;

function show(id) {
  document.getElementById(id).hidden = false;
}

async function indexVersion() {
  try {
    const response = await fetch(box.dataset.bundle + "indexed.json", {cache: "no-store"});
    return response.ok ? (await response.json()).version : null;
  } catch {
    return null;
  }
}

function fillFilters(filters) {
  for (const select of selects) {
    const values = Object.keys(filters[select.dataset.filter] || {}).sort();
    for (const value of values) select.append(new Option(value, value));
    if (select.dataset.filter === "year") [...select.options].slice(1).reverse().forEach((o) => select.append(o));
  }
}

function chosenFilters() {
  const chosen = {};
  for (const select of selects) if (select.value) chosen[select.dataset.filter] = select.value;
  return chosen;
}

function snippet(html) {
  // The excerpt is HTML from the index: parsed inertly, then rebuilt as text with its marks.
  const p = document.createElement("p");
  p.className = "excerpt";
  for (const node of new DOMParser().parseFromString(html, "text/html").body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      p.append(mark);
    } else {
      p.append(node.textContent);
    }
  }
  return p;
}

function entry(data) {
  const li = document.createElement("li");
  const h2 = document.createElement("h2");
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = data.meta.title || data.url;
  h2.append(a);
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [data.meta.outlet, data.meta.date].filter(Boolean).join(" · ");
  li.append(h2, meta, snippet(data.excerpt));
  return li;
}

async function run() {
  const query = input.value.trim();
  const filters = chosenFilters();
  const mine = ++asked;
  list.setAttribute("aria-busy", "true"); // until the newest search's results are in
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    list.removeAttribute("aria-busy");
    status.textContent = "";
    return;
  }
  const search = await pagefind.search(query || null, {filters});
  const found = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  if (mine !== asked) return; // a newer search has started
  list.replaceChildren(...found.map(entry));
  list.removeAttribute("aria-busy");
  status.textContent = found.length
    ? box.dataset.results.replace("{count}", search.results.length.toLocaleString(document.documentElement.lang))
    : box.dataset.none;
}

async function start() {
  const version = await indexVersion();
  if (version === null) return show("search-missing");
  if (version !== box.dataset.version) show("search-behind");
  pagefind = await import(box.dataset.bundle + "pagefind.js");
  await pagefind.options({baseUrl: new URL(box.dataset.root, location.href).pathname, excerptLength: 24});
  fillFilters(await pagefind.filters());
  form.hidden = false;
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  selects.forEach((s) => s.addEventListener("change", run));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer); // Enter searches now: the typing's pending search would only redraw
    run();
  });
  const query = new URLSearchParams(location.search).get("q");
  if (query) {
    input.value = query;
    run();
  }
}

start();
