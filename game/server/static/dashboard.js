// The teacher's dashboard: log in once (the server answers with a session cookie), then a live
// table of the groups fed by the server's WebSocket, and the facilitator's controls.
"use strict";

const $ = (id) => document.getElementById(id);
let session = null;
let socket = null;

function show(id) {
  $("login").hidden = id !== "login";
  $("dashboard").hidden = id !== "dashboard";
}

function say(text, isError) {
  const m = $("message");
  m.textContent = text;
  m.className = isError ? "error" : "";
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, { credentials: "same-origin", ...options });
  let data = {};
  try { data = await response.json(); } catch (e) { /* not JSON */ }
  return { status: response.status, data };
}

async function start() {
  const { status, data } = await api("/api/session");
  if (status === 401) { show("login"); $("passphrase").focus(); return; }
  session = data;
  fillControls();
  render(data);
  show("dashboard");
  connect();
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const field = $("passphrase");
  $("login-button").disabled = true;
  const { status, data } = await api("/api/login", { passphrase: field.value });
  field.value = "";  // the passphrase is not kept in the page
  $("login-button").disabled = false;
  if (status === 200) { $("login-error").textContent = ""; start(); return; }
  $("login-error").textContent = data.error || "Could not log in.";
  if (data.wait) {
    $("login-button").disabled = true;
    setTimeout(() => { $("login-button").disabled = false; }, data.wait * 1000);
  }
});

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/ws`);
  socket.onopen = () => { $("status").textContent = "live"; };
  socket.onmessage = (event) => render(JSON.parse(event.data));
  socket.onclose = (event) => {
    $("status").textContent = "reconnecting…";
    if (event.code === 4401) { show("login"); return; }
    setTimeout(connect, 1500);
  };
}

function option(value, label) {
  const o = document.createElement("option");
  o.value = value; o.textContent = label;
  return o;
}

function fillControls() {
  const events = $("inject-event");
  events.replaceChildren(...session.events.map((e) => option(e.id, e.title)));
  const meters = $("adjust-meter");
  meters.replaceChildren(...session.meters.map((m) => option(m, m.replaceAll("_", " "))));
  const c = session.config;
  $("join-line").textContent =
    `python -m game play --join ${location.origin}/ --class-code ${session.class_code} --group NAME`;
  $("summary").textContent =
    `${c.level}, seed ${c.seed} · class code ${session.class_code} · ` +
    `Moscow: ${c.sides.moscow}, Beijing: ${c.sides.beijing}` +
    (c.timer ? ` · ${c.timer} min a turn` : "") +
    (c.end_after_turn ? ` · ends after turn ${c.end_after_turn}` : "") +
    // The class's language (a pack's `language`): every laptop that joins plays in it.
    (c.language ? ` · language ${c.language}` : "");
}

function fmt(x) { return x === null || x === undefined ? "–" : Math.round(x).toString(); }

const LABELS = { turn: "Turn", partnership: "Partnership", ceiling: "Ceiling", identity_gap: "Identity gap",
  method_divergence: "Methods", central_asia_rivalry: "Rivalry", washington_thaw: "Washington",
  moscow: "Moscow", beijing: "Beijing", state: "State" };

function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) {
    td.className = cls;
    const label = LABELS[cls.split(" ")[0]];
    if (label) td.dataset.label = label;  // the caption when the table is laid out as cards
  }
  return td;
}

function render(data) {
  const groups = data.groups || [];
  const body = $("groups").querySelector("tbody");
  const rows = groups.map((g) => {
    const tr = document.createElement("tr");
    tr.dataset.group = g.name;
    tr.append(cell(g.name, "name"));
    tr.append(cell(`${g.turn} / ${g.turns}`, "turn"));
    const p = cell(fmt(g.meters.partnership), "partnership");
    const bar = document.createElement("span");
    bar.className = "bar"; bar.style.width = `${(g.meters.partnership || 0) * 0.5}px`;
    p.append(bar);
    tr.append(p, cell(fmt(g.meters.partnership_ceiling), "ceiling"));
    for (const k of ["identity_gap", "method_divergence", "central_asia_rivalry", "washington_thaw"]) {
      tr.append(cell(fmt(g.limits[k]), k));
    }
    tr.append(cell(fmt(g.scores.moscow), "moscow"), cell(fmt(g.scores.beijing), "beijing"));
    let state = "playing", cls = "", note = "";
    if (g.finished) {
      state = "finished"; cls = "state-finished"; note = (g.outcome || "").replaceAll("_", " ");
      if (g.scored) note += `; scores ${g.scored}`;
    }
    else if (g.paused) { state = "paused"; cls = "state-paused"; }
    else if (!g.connected) { state = "offline"; cls = "state-offline"; }
    if (g.takeover_allowed) note = "takeover allowed";
    const stateCell = cell(state, `state ${cls}`);
    if (note) { const small = document.createElement("small"); small.textContent = note; stateCell.append(small); }
    tr.append(stateCell);
    const actions = document.createElement("td");
    actions.className = "actions";
    const pause = document.createElement("button");
    pause.textContent = g.paused ? "Resume" : "Pause";
    pause.onclick = () => act(g.paused ? "resume" : "pause", { group: g.name });
    const takeover = document.createElement("button");
    takeover.textContent = "Takeover";
    takeover.title = "let another laptop take this group over";
    takeover.onclick = () => act("takeover", { group: g.name });
    if (!g.finished) actions.append(pause);
    actions.append(takeover);
    tr.append(actions);
    return tr;
  });
  body.replaceChildren(...rows);
  $("no-groups").hidden = groups.length > 0;
  for (const select of document.querySelectorAll(".group-select")) {
    const chosen = select.value;
    select.replaceChildren(option("", "every group"), ...groups.map((g) => option(g.name, g.name)));
    select.value = groups.some((g) => g.name === chosen) ? chosen : "";
  }
  if (data.ended) { $("status").textContent = "session ended"; $("end").disabled = true; }
  renderActs(data.acts || []);
}

const ACT_NAMES = { pause: "Pause", resume: "Resume", inject: "Inject", schedule: "Schedule",
  adjust: "Adjust", end: "End", takeover: "Takeover" };

function clock(seconds) {
  return new Date(seconds * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

// The teacher's record, newest first: when, what, for whom, and the event, the meter and the reason.
function renderActs(acts) {
  const rows = acts.slice().reverse().map((a) => {
    const tr = document.createElement("tr");
    tr.dataset.act = a.kind;
    const time = cell(clock(a.at), "time");
    time.dataset.label = "Time";
    const kind = cell(ACT_NAMES[a.kind] || a.kind, "act");
    kind.dataset.label = "Act";
    const who = cell(a.group || "every group", "group");
    who.dataset.label = "Group";
    const details = cell(a.details || "", "details");
    details.dataset.label = "Details";
    tr.append(time, kind, who, details);
    return tr;
  });
  $("acts").querySelector("tbody").replaceChildren(...rows);
  $("no-acts").hidden = acts.length > 0;
}

async function act(kind, body) {
  const { status, data } = await api(`/api/${kind}`, body);
  if (status === 401) { show("login"); return; }
  if (status !== 200) { say(data.error || `refused (${status})`, true); return; }
  const who = body.group ? body.group : "every group";
  const done = { pause: `Paused ${who}.`, resume: `Resumed ${who}.`, inject: `Injected into ${who}.`,
                 adjust: `Adjusted for ${who}.`, end: "The session is ended for every group.",
                 takeover: `Another laptop may now take over ${body.group}.` };
  say(done[kind] || "Done.");
}

$("pause-all").onclick = () => act("pause", {});
$("resume-all").onclick = () => act("resume", {});
$("inject").onclick = () => {
  const body = { event: $("inject-event").value, group: $("inject-group").value || null };
  if ($("inject-turn").value) body.turn = Number($("inject-turn").value);
  act("inject", body);
};
$("adjust").onclick = () => act("adjust", {
  meter: $("adjust-meter").value, delta: Number($("adjust-delta").value),
  reason: $("adjust-reason").value, group: $("adjust-group").value || null,
});
$("end").onclick = () => {
  if (confirm("End the session for every group? Each goes to its debrief.")) act("end", {});
};
$("logout").onclick = async () => { await api("/api/logout", {}); if (socket) socket.close(); show("login"); };

start();
