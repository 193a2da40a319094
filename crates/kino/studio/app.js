// Kino Studio: a client of Kino's own public API (the /v1 routes, the events streams), with
// hash routes so every view has an address and the back button works.
import { api, forgetKey, hasStoredKey, setKey, whenUnauthorized } from "./api.js";
import { el, clear } from "./ui.js";
import { createView } from "./create.js";
import { queueView } from "./queue.js";
import { libraryView } from "./library.js";
import { videoView } from "./video.js";
import { charactersView } from "./characters.js";
import { batchesView } from "./batches.js";
import { usageView } from "./usage.js";
import { webhooksView } from "./webhooks.js";

const view = document.getElementById("view");
let current = null; // the AbortController of the view on screen

const routes = [
  [/^#\/create$/, () => createView],
  [/^#\/queue$/, () => queueView],
  [/^#\/library$/, () => libraryView],
  [/^#\/videos\/([\w-]+)$/, (m) => (root, signal) => videoView(root, signal, m[1])],
  [/^#\/characters$/, () => charactersView],
  [/^#\/batches$/, () => batchesView],
  [/^#\/usage$/, () => usageView],
  [/^#\/webhooks$/, () => webhooksView],
];

async function show() {
  const hash = location.hash || "#/create";
  if (current) current.abort();
  current = new AbortController();
  for (const a of document.querySelectorAll("header nav a")) {
    a.toggleAttribute("aria-current", hash.startsWith(a.getAttribute("href")));
  }
  for (const [pattern, make] of routes) {
    const m = hash.match(pattern);
    if (m) {
      clear(view, el("p", { class: "muted" }, "Loading…"));
      try {
        await make(m)(view, current.signal);
      } catch (e) {
        if (current.signal.aborted) return;
        clear(view, el("p", { class: "error", role: "alert" }, e.message || String(e)));
      }
      return;
    }
  }
  clear(view, el("h1", {}, "Not found"), el("p", {}, el("a", { href: "#/create" }, "Make a video")));
}

// The key dialog: asked for when the server answers 401, and from the header button.
const dialog = document.getElementById("key-dialog");
const keyInput = document.getElementById("key-input");
const keyError = document.getElementById("key-error");

function askForKey(message) {
  keyError.textContent = message || "";
  if (!dialog.open) dialog.showModal();
  keyInput.focus();
}

document.getElementById("key-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const value = keyInput.value.trim();
  if (!value) return;
  setKey(value, document.getElementById("key-remember").checked);
  try {
    await api("/v1/models");
    keyInput.value = "";
    dialog.close();
    show();
  } catch (e) {
    keyError.textContent = e.message;
  }
});
document.getElementById("key-forget").addEventListener("click", () => {
  forgetKey();
  keyInput.value = "";
  askForKey(hasStoredKey() ? "" : "Key forgotten.");
});
document.getElementById("key-button").addEventListener("click", () => askForKey(""));
whenUnauthorized((e) => askForKey(e.message));

window.addEventListener("hashchange", show);
show();
