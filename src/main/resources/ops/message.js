// One message's page (#/messages/<id>): its whole story, and for a dead message Edit, Replay and Delete.
"use strict";

let shown = null; // the message on the page, as the ops API gave it

function pretty(json) {
  return JSON.stringify(json, null, 2);
}

// A line diff of two texts (longest common subsequence: payloads are small).
function diffLines(before, after) {
  const a = before.split("\n");
  const b = after.split("\n");
  const lcs = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const lines = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: "same", text: "  " + a[i] });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] > lcs[i + 1][j])) {
      lines.push({ kind: "add", text: "+ " + b[j++] });
    } else {
      lines.push({ kind: "del", text: "- " + a[i++] });
    }
  }
  return lines;
}

function renderDiff(pre, before, after) {
  pre.replaceChildren(...diffLines(before, after).map((line) => {
    const span = document.createElement("span");
    span.className = line.kind;
    span.textContent = line.text + "\n";
    return span;
  }));
}

function renderPreview(request) {
  const lines = [request.method + " " + request.url];
  for (const [name, value] of Object.entries(request.headers || {})) {
    lines.push(name + ": " + value);
  }
  lines.push("");
  if (request.parts) {
    for (const part of request.parts) {
      lines.push("part " + part.name + (part.filename ? " (" + part.filename + ")" : "") + " " + part.content_type
        + ", " + part.size + " bytes" + (part.body ? "\n" + pretty(part.body) : ""));
    }
  } else {
    lines.push(typeof request.body === "string" ? request.body : pretty(request.body));
  }
  document.getElementById("preview").textContent = lines.join("\n");
}

function actionButton(label, className, action) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.className = className;
  button.addEventListener("click", async () => {
    button.disabled = true;
    document.getElementById("message-error").textContent = "";
    try {
      await action();
    } catch (e) {
      document.getElementById("message-error").textContent = e.message;
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function renderActions(m) {
  const box = document.getElementById("message-actions");
  const id = encodeURIComponent(m.message_id);
  const buttons = [];
  if (m.status === "dead") {
    buttons.push(actionButton("Edit", "edit", async () => openEditor(m)));
    buttons.push(actionButton("Replay", "replay", async () => {
      await api("/api/ops/dead-letters/" + id + "/replay", { method: "POST" });
      await showMessage(m.message_id);
    }));
  }
  if (m.status === "dead" || m.status === "failed") {
    buttons.push(actionButton("Delete", "delete", async () => {
      if (confirm("Delete message " + m.message_id + " and its attempts for good?")) {
        await api("/api/ops/messages/" + id, { method: "DELETE" });
        location.hash = "#/";
      }
    }));
  }
  if (m.status === "failed") {
    const note = document.createElement("span");
    note.className = "note";
    note.textContent = "A failed synchronous message was answered to its partner: it is not replayed.";
    buttons.push(note);
  }
  box.replaceChildren(...buttons);
}

function openEditor(m) {
  const editor = document.getElementById("editor");
  const text = document.getElementById("edit-payload");
  text.value = pretty(m.payload);
  document.getElementById("edit-reason").value = "";
  renderDiff(document.getElementById("edit-diff"), pretty(m.payload), text.value);
  editor.hidden = false;
  text.focus();
}

function renderEnvelope(m) {
  const rows = [["Message id", m.message_id], ["Status", m.status], ["Partner", m.partner],
    ["Message type", m.message_type], ["Mode", m.integrationmode], ["Correlation id", m.correlation_id],
    ["External reference", m.external_reference], ["Target", m.target], ["Received", time(m.received_at)],
    ["Attempts", m.attempts], ["Next attempt", time(m.next_attempt_at)], ["Last error", m.last_error]];
  fill(document.querySelector("#envelope tbody"), rows.map(([name, value]) => {
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.textContent = name;
    tr.append(th, cell(value, name === "Status" ? "status " + value : name === "Last error" ? "error" : ""));
    return tr;
  }));
}

function renderRevisions(m) {
  const box = document.getElementById("revisions");
  if (!m.revisions || m.revisions.length === 0) {
    box.textContent = "none: the payload is as the partner sent it";
    return;
  }
  box.replaceChildren(...m.revisions.map((r, n) => {
    const div = document.createElement("div");
    div.className = "revision";
    const head = document.createElement("div");
    head.textContent = "Revision " + (n + 1) + " by " + r.by + " at " + time(r.at) + ": " + r.reason;
    const pre = document.createElement("pre");
    pre.className = "diff";
    renderDiff(pre, pretty(r.before), pretty(r.after));
    div.append(head, pre);
    return div;
  }));
}

function renderAttempts(m) {
  fill(document.querySelector("#attempts tbody"), m.attempt_log.map((a) => {
    const tr = document.createElement("tr");
    tr.append(cell(time(a.at)), cell(a.outcome), cell(a.target_status), cell(a.error, "error"),
      cell(a.target_answer), cell(a.instance));
    return tr;
  }));
}

async function renderBehind(m) {
  const query = new URLSearchParams({ partner: m.partner, correlation_id: m.correlation_id, from: m.received_at,
    limit: "200" });
  const page = await api("/api/ops/messages?" + query);
  const open = ["queued", "retrying", "processing"];
  const behind = page.items.filter((o) => o.message_id !== m.message_id && open.includes(o.status)
    && o.received_at >= m.received_at).reverse();
  fill(document.querySelector("#behind tbody"), behind.map((o) => {
    const tr = document.createElement("tr");
    tr.append(cell(time(o.received_at)), idCell(o.message_id), cell(o.status, "status " + o.status));
    return tr;
  }));
}

async function showMessage(id) {
  document.getElementById("message-error").textContent = "";
  document.getElementById("editor").hidden = true;
  try {
    const m = await api("/api/ops/messages/" + encodeURIComponent(id));
    shown = m;
    document.getElementById("message-title").textContent = m.message_type + " from " + m.partner;
    document.getElementById("message-page").dataset.status = m.status;
    renderActions(m);
    renderEnvelope(m);
    document.getElementById("payload").textContent = m.payload ? pretty(m.payload) : "(does not read)";
    renderRevisions(m);
    renderAttempts(m);
    await renderBehind(m);
    try {
      renderPreview(await api("/api/ops/messages/" + encodeURIComponent(id) + "/preview"));
    } catch (e) {
      document.getElementById("preview").textContent = e.message;
    }
  } catch (e) {
    document.getElementById("message-error").textContent = e.message;
  }
}

document.getElementById("edit-payload").addEventListener("input", () => {
  const pre = document.getElementById("edit-diff");
  try {
    renderDiff(pre, pretty(shown.payload), pretty(JSON.parse(document.getElementById("edit-payload").value)));
  } catch (e) {
    pre.textContent = "Not JSON yet: " + e.message;
  }
});
document.getElementById("edit-cancel").addEventListener("click", () => {
  document.getElementById("editor").hidden = true;
});
document.getElementById("edit-save").addEventListener("click", async () => {
  const error = document.getElementById("message-error");
  error.textContent = "";
  let payload;
  try {
    payload = JSON.parse(document.getElementById("edit-payload").value);
  } catch (e) {
    error.textContent = "The payload is not JSON: " + e.message;
    return;
  }
  try {
    await api("/api/ops/messages/" + encodeURIComponent(shown.message_id) + "/payload", {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ payload, reason: document.getElementById("edit-reason").value }),
    });
    await showMessage(shown.message_id);
  } catch (e) {
    error.textContent = e.message;
  }
});

route();
