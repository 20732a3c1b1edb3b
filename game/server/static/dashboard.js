// The teacher's dashboard: log in once (the server answers with a session cookie), then a live
// table of the groups fed by the server's WebSocket, and the facilitator's controls.
"use strict";

const $ = (id) => document.getElementById(id);
let session = null;
let socket = null;

// The page's words in the class's language, from the server's catalogues (/words.json); a phrase
// without a translation stays English. `{name}` in a phrase takes values[name].
let WORDS = {};
function t(text, values) {
  let said = WORDS[text] || text;
  for (const [name, value] of Object.entries(values || {})) said = said.replaceAll(`{${name}}`, String(value));
  return said;
}

async function loadWords() {
  try {
    const response = await fetch("/words.json");
    const data = await response.json();
    WORDS = data.words || {};
    if (data.language) document.documentElement.lang = data.language.replace("_", "-");
  } catch (e) { WORDS = {}; }
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.textContent.trim());
  document.title = `Pragmatic Partners · ${t("class dashboard")}`;
  for (const el of document.querySelectorAll("[title]")) el.title = t(el.title);
  for (const el of document.querySelectorAll("[placeholder]")) el.placeholder = t(el.placeholder);
  for (const el of document.querySelectorAll("[aria-label]")) el.setAttribute("aria-label", t(el.getAttribute("aria-label")));
}

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
  $("login-error").textContent = data.error || t("Could not log in.");
  if (data.wait) {
    $("login-button").disabled = true;
    setTimeout(() => { $("login-button").disabled = false; }, data.wait * 1000);
  }
});

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/ws`);
  socket.onopen = () => { $("status").textContent = t("live"); };
  socket.onmessage = (event) => render(JSON.parse(event.data));
  socket.onclose = (event) => {
    $("status").textContent = t("reconnecting…");
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
  const named = session.meter_labels || {};
  meters.replaceChildren(...session.meters.map((m) => option(m, t(named[m] || m.replaceAll("_", " ")))));
  const c = session.config;
  $("join-line").textContent =
    `python -m game play --join ${location.origin}/ --class-code ${session.class_code} --group NAME`;
  $("summary").textContent =
    t("{level}, seed {seed} · class code {code} · Moscow: {moscow}, Beijing: {beijing}",
      { level: session.title || c.level, seed: c.seed, code: session.class_code, moscow: t(c.sides.moscow), beijing: t(c.sides.beijing) }) +
    (c.timer ? t(" · {minutes} min a turn", { minutes: c.timer }) : "") +
    (c.end_after_turn ? t(" · ends after turn {turn}", { turn: c.end_after_turn }) : "") +
    // The class's language (a pack's `language`): every laptop that joins plays in it.
    (c.language ? t(" · language {language}", { language: session.language_name || c.language }) : "");
}

function fmt(x) { return x === null || x === undefined ? "–" : Math.round(x).toString(); }
// A score to the tenth its goals' points are written in (62.5), as the laptops and the exports
// give it: rounded, it read 63 here and 62 on the laptop.
function fmtScore(x) {
  if (x === null || x === undefined) return "–";
  return Number.isInteger(x) ? x.toString() : (Math.round(x * 10) / 10).toFixed(1);
}

const LABELS = { turn: "Turn", partnership: "Partnership", ceiling: "Ceiling", identity_gap: "Identity gap",
  method_divergence: "Methods", central_asia_rivalry: "Rivalry", washington_thaw: "Washington (M / B)",
  moscow: "Moscow", beijing: "Beijing", state: "State" };

// "provisional (6 of 12 turns)"; a group ended before its first turn was played has met nothing
// (game.session.story.provisional_words says the same on the laptop).
function provisionalWords([played, turns]) {
  if (played <= 0) return t("provisional (0 of {turns} turns: nothing was played, so no goal is met)", { turns });
  return t("provisional ({played} of {turns} turns)", { played, turns });
}

// A group's state as the table shows it: [state, its class, a note under it]. A laptop that is
// closed is offline whether or not the class is paused: a pause hid it.
function groupState(g) {
  let state = "playing", cls = "", note = "";
  if (g.finished) {
    state = "finished"; cls = "state-finished";
    note = (session && session.outcomes && session.outcomes[g.outcome]) || (g.outcome || "").replaceAll("_", " ");
    const scored = g.scored_turns ? provisionalWords(g.scored_turns) : g.scored;
    if (scored) note += t("; scores {scored}", { scored });
  }
  else if (!g.connected) { state = "offline"; cls = "state-offline"; if (g.paused) note = t("paused"); }
  else if (g.paused) { state = "paused"; cls = "state-paused"; }
  if (g.takeover_allowed) note = t("takeover allowed");
  return [t(state), cls, note];
}

function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) {
    td.className = cls;
    const label = LABELS[cls.split(" ")[0]];
    if (label) td.dataset.label = t(label);  // the caption when the table is laid out as cards
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
    for (const k of ["identity_gap", "method_divergence", "central_asia_rivalry"]) {
      tr.append(cell(fmt(g.limits[k]), k));
    }
    // Washington's thaw with each side, Moscow's first: one figure (the higher) did not say with
    // whom, and read as Moscow's when it was Beijing's.
    const thaws = ["washington.thaw_moscow", "washington.thaw_beijing"].map((m) => fmt(g.meters[m]));
    tr.append(cell(thaws.includes("–") ? "–" : thaws.join(" / "), "washington_thaw"));
    const scores = [cell(fmtScore(g.scores.moscow), "moscow"), cell(fmtScore(g.scores.beijing), "beijing")];
    if (g.scored_turns) {
      // Ended early, or a session set to end early (scored as it would end now): the scores are
      // against goals pro-rated to the turns played, which the state's note says once it ends; the
      // figures say it too, where the eye reads them.
      for (const c of scores) {
        c.classList.add("provisional");
        c.title = provisionalWords(g.scored_turns);
      }
    }
    tr.append(...scores);
    const [state, cls, note] = groupState(g);
    const stateCell = cell(state, `state ${cls}`);
    if (note) { const small = document.createElement("small"); small.textContent = note; stateCell.append(small); }
    tr.append(stateCell);
    const actions = document.createElement("td");
    actions.className = "actions";
    const pause = document.createElement("button");
    pause.textContent = g.paused ? t("Resume") : t("Pause");
    pause.onclick = () => act(g.paused ? "resume" : "pause", { group: g.name });
    const takeover = document.createElement("button");
    takeover.textContent = t("Takeover");
    takeover.title = t("let another laptop take this group over");
    takeover.onclick = () => act("takeover", { group: g.name });
    // (A finished group has nothing left to pause or to hand to another laptop.)
    if (!g.finished) actions.append(pause, takeover);
    tr.append(actions);
    return tr;
  });
  body.replaceChildren(...rows);
  $("no-groups").hidden = groups.length > 0;
  for (const select of document.querySelectorAll(".group-select")) {
    const chosen = select.value;
    select.replaceChildren(option("", t("every group")), ...groups.map((g) => option(g.name, g.name)));
    select.value = groups.some((g) => g.name === chosen) ? chosen : "";
  }
  if (data.ended) { $("status").textContent = t("session ended"); $("end").disabled = true; }
  renderActs(data.acts || []);
}

const ACT_NAMES = { pause: "Pause", resume: "Resume", inject: "Inject", schedule: "Schedule",
  adjust: "Adjust", end: "End", takeover: "Takeover" };

function clock(seconds) {
  // In the page's language (the class's), as the rest of the page is.
  return new Date(seconds * 1000).toLocaleTimeString(document.documentElement.lang || [], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

// The teacher's record, newest first: when, what, for whom, and the event, the meter and the reason.
function renderActs(acts) {
  const rows = acts.slice().reverse().map((a) => {
    const tr = document.createElement("tr");
    tr.dataset.act = a.kind;
    const time = cell(clock(a.at), "time");
    time.dataset.label = t("Time");
    const kind = cell(ACT_NAMES[a.kind] ? t(ACT_NAMES[a.kind]) : a.kind, "act");
    kind.dataset.label = t("Act");
    const who = cell(a.group || t("every group"), "group");
    who.dataset.label = t("Group");
    const details = cell(a.details || "", "details");
    details.dataset.label = t("Details");
    tr.append(time, kind, who, details);
    return tr;
  });
  $("acts").querySelector("tbody").replaceChildren(...rows);
  $("no-acts").hidden = acts.length > 0;
}

async function act(kind, body) {
  const { status, data } = await api(`/api/${kind}`, body);
  if (status === 401) { show("login"); return; }
  if (status !== 200) { say(data.error || t("refused ({status})", { status }), true); return; }
  const who = body.group ? body.group : t("every group");
  const done = { pause: t("Paused {who}.", { who }), resume: t("Resumed {who}.", { who }),
                 inject: t("Injected into {who}.", { who }), adjust: t("Adjusted for {who}.", { who }),
                 end: t("The session is ended for every group."),
                 takeover: t("Another laptop may now take over {group}.", { group: body.group }) };
  let said = done[kind] || t("Done.");
  if (data.past && data.past.length) {
    said += " " + t("{groups}: past turn {turn} already, so it happens in the turn being planned there.",
      { groups: data.past.join(", "), turn: body.turn });
  }
  say(said);
}

$("pause-all").onclick = () => act("pause", {});
$("resume-all").onclick = () => act("resume", {});
$("inject").onclick = () => {
  const body = { event: $("inject-event").value, group: $("inject-group").value || null };
  if ($("inject-turn").value) body.turn = Number($("inject-turn").value);
  act("inject", body);
};
// An adjustment moves a meter in the games of the groups it is for, at once and for good; a larger
// one than the laptops' facilitator panel makes in two steps (say 50 typed for 5) is asked about.
const LARGE_ADJUSTMENT = 20;
$("adjust").onclick = () => {
  const meter = $("adjust-meter"), delta = Number($("adjust-delta").value);
  const group = $("adjust-group").value || null;
  if (Math.abs(delta) > LARGE_ADJUSTMENT) {
    const name = meter.options[meter.selectedIndex] ? meter.options[meter.selectedIndex].textContent : meter.value;
    const asked = t("Move {meter} by {delta} for {who}? That is a large change, made as the turn being played resolves.",
      { meter: name, delta: (delta > 0 ? "+" : "") + delta, who: group || t("every group") });
    if (!confirm(asked)) { say(t("Not adjusted.")); return; }
  }
  act("adjust", { meter: meter.value, delta, reason: $("adjust-reason").value, group });
};
$("end").onclick = () => {
  if (confirm(t("End the session for every group? Each goes to its debrief."))) act("end", {});
};
$("logout").onclick = async () => { await api("/api/logout", {}); if (socket) socket.close(); show("login"); };

loadWords().then(start);
