// One video: a player that seeks through Range (the content route with a content token),
// its prompt, settings and times, downloads, remix/edit/extend from here, its lineage, and
// delete. While it renders, progress arrives live on its events stream.
import { api, mediaUrl, stream } from "./api.js";
import { el, clear, when, usd, progressBar, confirmDialog, showError } from "./ui.js";

async function lineage(v, signal) {
  const chain = [];
  let id = v.remixed_from_video_id;
  while (id && chain.length < 10) {
    try {
      const source = await api(`/v1/videos/${encodeURIComponent(id)}`, { signal });
      chain.push(source);
      id = source.remixed_from_video_id;
    } catch {
      chain.push({ id, prompt: null, gone: true });
      break;
    }
  }
  return chain;
}

function deriveForm(kind, v) {
  const prompt = el("textarea", { name: "prompt", id: `d-${kind}-prompt`, rows: 3, maxlength: 32000, required: true });
  const error = el("p", { class: "error", role: "alert" });
  const extra = [];
  let seconds = null;
  if (kind === "extend") {
    seconds = el("select", { name: "seconds", id: `d-${kind}-seconds` },
      ["4", "8", "12", "16", "20"].map((s) => el("option", { value: s }, `${s} s more`)));
    extra.push(el("label", { for: seconds.id }, "Add"), seconds,
      el("p", { class: "field-error error", "data-for": "seconds", role: "alert" }));
  }
  const labels = { remix: "Remix", edit: "Edit", extend: "Extend" };
  const helps = {
    remix: "Same model, size and length; the prompt says what changes.",
    edit: "A new video: this one, changed as the prompt asks.",
    extend: "This video followed by a new segment that starts from its last frame.",
  };
  const form = el("form", { class: "derive", novalidate: true },
    el("h3", {}, labels[kind]),
    el("p", { class: "help" }, helps[kind]),
    el("label", { for: prompt.id }, "Prompt"), prompt,
    el("p", { class: "field-error error", "data-for": "prompt", role: "alert" }),
    ...extra, error, el("button", { type: "submit" }, labels[kind]));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!prompt.value.trim()) {
      showError(form, { message: "Write a prompt first.", param: "prompt" }, error);
      return;
    }
    const paths = { remix: `/v1/videos/${encodeURIComponent(v.id)}/remix`, edit: "/v1/videos/edits", extend: "/v1/videos/extensions" };
    const json = kind === "remix" ? { prompt: prompt.value } : { video: { id: v.id }, prompt: prompt.value };
    if (seconds) json.seconds = seconds.value;
    try {
      const made = await api(paths[kind], { method: "POST", json });
      location.hash = "#/videos/" + made.id;
    } catch (e) {
      showError(form, e, error);
    }
  });
  return form;
}

export async function videoView(root, signal, id) {
  let v = await api(`/v1/videos/${encodeURIComponent(id)}`, { signal });
  const models = (await api("/v1/models", { signal })).data;
  const perSecond = (models.find((m) => m.id === v.model)?.usd_per_second || {})[v.size];
  const status = el("p", { class: "status", "aria-live": "polite" });
  const player = el("div", { class: "player" });
  const facts = el("dl", { class: "facts" });
  const downloads = el("p", { class: "downloads" });
  const chain = el("ol", { class: "lineage" });
  const derive = el("div", { class: "derive-forms" });
  const copy = el("button", { type: "button", class: "quiet" }, "Copy prompt");
  const copied = el("span", { class: "muted", "aria-live": "polite" });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(v.prompt || "");
      copied.textContent = "Copied.";
    } catch {
      copied.textContent = "Select the prompt to copy it.";
    }
  });
  const remove = el("button", { type: "button", class: "danger" }, "Delete video");
  remove.addEventListener("click", async () => {
    if (!(await confirmDialog("Delete this video and its files? This cannot be undone.", "Delete"))) return;
    await api(`/v1/videos/${encodeURIComponent(v.id)}`, { method: "DELETE" });
    location.hash = "#/library";
  });

  async function render() {
    status.textContent = v.status === "failed" ? "" : v.status.replace("_", " ");
    clear(facts, [
      ["Model", v.model], ["Size", v.size], ["Length", v.seconds + " s"],
      ["Cost", perSecond === undefined ? "unpriced" : usd(perSecond * Number(v.seconds))],
      ["Created", when(v.created_at)], ["Completed", when(v.completed_at)], ["Expires", when(v.expires_at)],
      ["Id", v.id],
    ].flatMap(([k, val]) => [el("dt", {}, k), el("dd", {}, val)]));
    if (v.status === "completed") {
      const src = await mediaUrl(v.id, "video");
      const poster = await mediaUrl(v.id, "thumbnail");
      clear(player, el("video", { controls: true, preload: "metadata", src, poster, playsinline: true,
        "aria-label": "The video" }));
      clear(downloads, "Download: ",
        el("a", { href: src, download: `${v.id}.mp4` }, "video (MP4)"), " · ",
        el("a", { href: poster, download: `${v.id}.webp` }, "thumbnail (WebP)"), " · ",
        el("a", { href: await mediaUrl(v.id, "spritesheet"), download: `${v.id}-sprites.jpg` }, "spritesheet (JPEG)"));
      clear(derive, deriveForm("remix", v), deriveForm("edit", v), deriveForm("extend", v));
    } else if (v.status === "failed") {
      clear(player, el("div", { class: "failed" },
        el("p", { class: "error", role: "alert" }, v.error ? v.error.message : "The render failed."),
        v.error ? el("p", { class: "muted" }, v.error.code) : null));
      clear(downloads);
      clear(derive);
    } else {
      clear(player, el("div", { class: "waiting" }, progressBar(v.progress, "render progress"),
        el("p", {}, `${v.progress}%`)));
    }
  }

  clear(root,
    el("p", {}, el("a", { href: "#/library" }, "← Library")),
    el("h1", {}, "Video"), status, player,
    el("section", { class: "prompt-box" }, el("h2", {}, "Prompt"),
      el("p", { class: "prompt-text" }, v.prompt || "(none)"), copy, " ", copied),
    facts, downloads,
    el("section", {}, el("h2", {}, "Lineage"), chain),
    derive, el("p", {}, remove));
  await render();
  const sources = await lineage(v, signal);
  clear(chain, el("li", { "aria-current": "true" }, "This video"),
    sources.map((s) => el("li", {}, s.gone ? `${s.id} (deleted)` : el("a", { href: "#/videos/" + s.id }, s.prompt || s.id))));
  if (!sources.length) clear(chain, el("li", {}, "An original: made from a prompt."));

  if (v.status === "queued" || v.status === "in_progress") {
    stream(`/v1/videos/${encodeURIComponent(id)}/events`, (name, data) => {
      if (name === "video.deleted") {
        location.hash = "#/library";
        return;
      }
      v = data;
      render();
    }, signal).catch(() => {});
  }
}
