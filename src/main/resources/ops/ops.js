// The ops dashboard: reads the ops API (same origin, same login as this page) and refreshes itself.
"use strict";

const REFRESH_MS = 5000;
const STATUSES = ["queued", "processing", "retrying", "dead", "failed"];

async function api(path, options) {
  // location.origin never carries user:password@, which fetch refuses in a URL.
  const response = await fetch(location.origin + path, Object.assign({ credentials: "same-origin" }, options || {}));
  if (!response.ok) {
    throw new Error(path + " answered " + response.status);
  }
  return response.json();
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
    tr.append(cell(time(m.received_at)), cell(m.partner), cell(m.message_type), cell(m.correlation_id),
      cell(m.attempts), cell(m.last_error, "error"), action);
    return tr;
  }));
}

function renderRecent(page) {
  fill(document.querySelector("#recent tbody"), page.items.map((m) => {
    const tr = document.createElement("tr");
    tr.dataset.messageId = m.message_id;
    const id = cell("");
    const code = document.createElement("code");
    code.textContent = m.message_id;
    id.append(code);
    tr.append(cell(time(m.received_at)), id, cell(m.partner), cell(m.message_type), cell(m.integrationmode),
      cell(m.target), cell(m.status, "status " + m.status), cell(m.attempts));
    return tr;
  }));
}

async function refresh() {
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

refresh();
setInterval(refresh, REFRESH_MS);
