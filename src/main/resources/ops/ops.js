// The ops dashboard: reads the ops API (same origin, same login as this page) and refreshes itself.
"use strict";

const REFRESH_MS = 5000;
const STATUSES = ["queued", "processing", "retrying", "dead", "failed"];

async function api(path, options) {
  // location.origin never carries user:password@, which fetch refuses in a URL.
  const response = await fetch(location.origin + path, Object.assign({ credentials: "same-origin" }, options || {}));
  if (!response.ok) {
    let message = path + " answered " + response.status;
    try {
      const body = await response.json();
      if (body.error && body.error.message) {
        message = body.error.message + (body.error.details && body.error.details.length
          ? " (" + body.error.details.join("; ") + ")" : "");
      }
    } catch (ignored) {
      // no JSON error body: the status says it
    }
    throw new Error(message);
  }
  return response.status === 204 ? null : response.json();
}

// A cell with the message id, linking to the message's page.
function idCell(id) {
  const td = document.createElement("td");
  const a = document.createElement("a");
  a.href = "#/messages/" + encodeURIComponent(id);
  a.className = "message-link";
  const code = document.createElement("code");
  code.textContent = id;
  a.append(code);
  td.append(a);
  return td;
}

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "" : String(text);
  if (className) {
    td.className = className;
  }
  return td;
}

function fill(tbody, rows) {
  tbody.replaceChildren(...rows);
}

function time(iso) {
  return iso ? iso.replace("T", " ").replace(/\.\d+Z$/, "Z") : "";
}

function renderDepth(stats) {
  const cards = STATUSES.map((status) => {
    const card = document.createElement("div");
    card.className = "card " + status;
    card.dataset.status = status;
    const n = document.createElement("div");
    n.className = "n";
    n.textContent = stats.queue_depth[status] || 0;
    const label = document.createElement("div");
    label.className = "muted";
    label.textContent = status;
    card.append(n, label);
    return card;
  });
  document.getElementById("depth").replaceChildren(...cards);
}

function renderRates(stats) {
  const max = Math.max(1, ...stats.rates.map((r) => r.count));
  fill(document.querySelector("#rates tbody"), stats.rates.map((r) => {
    const tr = document.createElement("tr");
    const bar = cell("");
    const span = document.createElement("span");
    span.className = "bar";
    span.style.width = Math.round(160 * r.count / max) + "px";
    bar.append(span, document.createTextNode(" " + (r.count / stats.minutes).toFixed(1)));
    tr.append(cell(r.message_type), cell(r.target), cell(r.count), bar);
    return tr;
  }));
}

function age(iso) {
  if (!iso) {
    return "";
  }
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return seconds < 120 ? seconds + " s" : seconds < 7200 ? Math.round(seconds / 60) + " min"
    : Math.round(seconds / 3600) + " h";
}

function renderLanes(lanes) {
  fill(document.querySelector("#lanes tbody"), lanes.map((lane) => {
    const tr = document.createElement("tr");
    tr.dataset.target = lane.target;
    const action = cell("");
    const button = document.createElement("button");
    const paused = lane.state === "paused";
    button.textContent = paused ? "Resume" : "Pause";
    button.className = paused ? "resume" : "pause";
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await api("/api/ops/targets/" + encodeURIComponent(lane.target) + (paused ? "/resume" : "/pause"),
          { method: "POST" });
      } finally {
        refresh();
      }
    });
    action.append(button);
    tr.append(cell(lane.target), cell(lane.state.replace("_", "-"), "lane-state " + lane.state),
      cell(lane.waiting), cell(lane.in_flight), cell(age(lane.oldest_waiting_at)), cell(time(lane.last_success_at)),
      cell(lane.last_error, "error"), action);
    return tr;
  }));
}

function renderDead(page) {
  document.getElementById("dead-total").textContent = "(" + page.total + ")";
  fill(document.querySelector("#dead tbody"), page.items.map((m) => {
    const tr = document.createElement("tr");
    tr.dataset.messageId = m.message_id;
    const action = cell("");
    const button = document.createElement("button");
    button.textContent = "Replay";
    button.className = "replay";
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await api("/api/ops/dead-letters/" + encodeURIComponent(m.message_id) + "/replay", { method: "POST" });
      } finally {
        refresh();
      }
    });
    action.append(button);
    const received = cell("");
    const link = document.createElement("a");
    link.href = "#/messages/" + encodeURIComponent(m.message_id);
    link.className = "message-link";
    link.textContent = time(m.received_at);
    received.append(link);
    tr.append(received, cell(m.partner), cell(m.message_type), cell(m.correlation_id),
      cell(m.attempts), cell(m.last_error, "error"), action);
    return tr;
  }));
}

function renderRecent(page) {
  fill(document.querySelector("#recent tbody"), page.items.map((m) => {
    const tr = document.createElement("tr");
    tr.dataset.messageId = m.message_id;
    tr.append(cell(time(m.received_at)), idCell(m.message_id), cell(m.partner), cell(m.message_type), cell(m.integrationmode),
      cell(m.target), cell(m.status, "status " + m.status), cell(m.attempts));
    return tr;
  }));
}

// Search over the ops API's filters, a page of 25 at a time.
const PAGE = 25;
let searchOffset = 0;

function searchQuery() {
  const form = document.getElementById("search");
  const params = new URLSearchParams();
  for (const field of ["status", "partner", "message_type", "correlation_id", "external_reference"]) {
    const value = form.elements[field].value.trim();
    if (value) {
      params.set(field, value);
    }
  }
  for (const field of ["from", "to"]) {
    const value = form.elements[field].value;
    if (value) {
      params.set(field, new Date(value).toISOString().replace(/\.\d+Z$/, "Z"));
    }
  }
  params.set("limit", PAGE);
  params.set("offset", searchOffset);
  return params.toString();
}

async function search() {
  const table = document.getElementById("results");
  const paging = document.getElementById("paging");
  try {
    const page = await api("/api/ops/messages?" + searchQuery());
    fill(table.querySelector("tbody"), page.items.map((m) => {
      const tr = document.createElement("tr");
      tr.dataset.messageId = m.message_id;
      tr.append(cell(time(m.received_at)), idCell(m.message_id), cell(m.partner), cell(m.message_type),
        cell(m.correlation_id), cell(m.target), cell(m.status, "status " + m.status), cell(m.attempts));
      return tr;
    }));
    table.hidden = false;
    paging.hidden = false;
    document.getElementById("page-info").textContent = page.total === 0 ? "no message matches"
      : (searchOffset + 1) + "–" + (searchOffset + page.items.length) + " of " + page.total;
    document.getElementById("prev").disabled = searchOffset === 0;
    document.getElementById("next").disabled = searchOffset + page.items.length >= page.total;
  } catch (e) {
    document.getElementById("page-info").textContent = e.message;
    paging.hidden = false;
  }
}

document.getElementById("search").addEventListener("submit", (event) => {
  event.preventDefault();
  searchOffset = 0;
  search();
});
document.getElementById("prev").addEventListener("click", () => {
  searchOffset = Math.max(0, searchOffset - PAGE);
  search();
});
document.getElementById("next").addEventListener("click", () => {
  searchOffset += PAGE;
  search();
});

async function refresh() {
  if (document.getElementById("overview").hidden) {
    return;
  }
  try {
    const [stats, lanes, dead, recent] = await Promise.all([
      api("/api/ops/stats?minutes=30"),
      api("/api/ops/targets"),
      api("/api/ops/dead-letters?limit=50"),
      api("/api/ops/messages?limit=25"),
    ]);
    renderDepth(stats);
    renderLanes(lanes);
    renderRates(stats);
    renderDead(dead);
    renderRecent(recent);
    document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
  } catch (e) {
    document.getElementById("updated").textContent = "cannot reach the ops API: " + e.message;
  }
}

// #/messages/<id> is one message's page (message.js); anything else the overview.
function route() {
  const match = location.hash.match(/^#\/messages\/(.+)$/);
  document.getElementById("overview").hidden = Boolean(match);
  document.getElementById("message-page").hidden = !match;
  if (match) {
    showMessage(decodeURIComponent(match[1]));
  } else {
    refresh();
  }
}

window.addEventListener("hashchange", route);
setInterval(refresh, REFRESH_MS);
