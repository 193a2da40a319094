// Library: every video of the project as thumbnails, newest first, paged with the API's
// cursors (each page is one indexed range read however many videos there are), filtered
// by status and model. Hovering a finished clip scrubs through its spritesheet.
import { api, mediaUrl } from "./api.js";
import { el, clear } from "./ui.js";

const PAGE = 24;
const GRID = 5; // the spritesheet is a 5x5 grid of frames

function card(v) {
  const link = el("a", { href: "#/videos/" + v.id, class: "card", "data-status": v.status });
  const frame = el("div", { class: "frame" });
  link.append(frame, el("p", { class: "prompt" }, v.prompt || v.id),
    el("p", { class: "muted" }, `${v.status.replace("_", " ")} · ${v.size} · ${v.seconds} s · ${v.model}`));
  if (v.status === "failed" && v.error) frame.append(el("p", { class: "error" }, v.error.message));
  if (v.status === "queued" || v.status === "in_progress") frame.append(el("p", { class: "muted" }, `${v.progress}%`));
  if (v.status === "completed") {
    mediaUrl(v.id, "thumbnail").then((src) => {
      frame.append(el("img", { src, alt: "", loading: "lazy", decoding: "async" }));
    }).catch(() => {});
    let sheet = null;
    const scrub = (ev) => {
      const box = frame.getBoundingClientRect();
      const i = Math.max(0, Math.min(GRID * GRID - 1, Math.floor(((ev.clientX - box.left) / box.width) * GRID * GRID)));
      frame.style.backgroundPosition = `${(i % GRID) * 25}% ${Math.floor(i / GRID) * 25}%`;
    };
    link.addEventListener("mouseenter", async () => {
      if (!sheet) sheet = await mediaUrl(v.id, "spritesheet").catch(() => null);
      if (!sheet) return;
      frame.style.backgroundImage = `url("${sheet}")`;
      frame.classList.add("scrubbing");
    });
    link.addEventListener("mousemove", scrub);
    link.addEventListener("mouseleave", () => frame.classList.remove("scrubbing"));
  }
  return link;
}

export async function libraryView(root, signal) {
  const models = (await api("/v1/models", { signal })).data;
  const status = el("select", { id: "filter-status" },
    el("option", { value: "" }, "any status"),
    ["completed", "in_progress", "queued", "failed"].map((s) => el("option", { value: s }, s.replace("_", " "))));
  const model = el("select", { id: "filter-model" }, el("option", { value: "" }, "any model"),
    models.map((m) => el("option", { value: m.id }, m.id)));
  const grid = el("div", { class: "grid" });
  const more = el("button", { type: "button", class: "quiet" }, "Load more");
  const note = el("p", { class: "muted" });
  let after = null;

  async function load(reset) {
    if (reset) {
      after = null;
      clear(grid);
    }
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (after) q.set("after", after);
    if (status.value) q.set("status", status.value);
    if (model.value) q.set("model", model.value);
    more.disabled = true;
    const page = await api("/v1/videos?" + q, { signal });
    grid.append(...page.data.map(card));
    after = page.last_id;
    more.hidden = !page.has_more;
    more.disabled = false;
    note.textContent = grid.children.length ? "" : "No videos here yet.";
  }
  status.addEventListener("change", () => load(true));
  model.addEventListener("change", () => load(true));
  more.addEventListener("click", () => load(false));

  clear(root, el("h1", {}, "Library"),
    el("div", { class: "filters" },
      el("label", { for: "filter-status" }, "Status"), status,
      el("label", { for: "filter-model" }, "Model"), model),
    grid, note, more);
  await load(true);
}
