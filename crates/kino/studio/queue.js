// Queue: what is queued and rendering, live from the project's events stream (no polling),
// with progress, position among this project's queued videos, and cancel.
import { api, stream } from "./api.js";
import { el, clear, progressBar, confirmDialog } from "./ui.js";

export async function queueView(root, signal) {
  const videos = new Map();
  for (const status of ["in_progress", "queued"]) {
    const page = await api(`/v1/videos?status=${status}&limit=100&order=asc`, { signal });
    for (const v of page.data) videos.set(v.id, v);
  }
  const list = el("ul", { class: "queue", "aria-live": "polite" });
  const empty = el("p", { class: "muted" }, "Nothing is queued or rendering. ", el("a", { href: "#/create" }, "Make a video."));

  function render() {
    const live = [...videos.values()].filter((v) => v.status === "queued" || v.status === "in_progress");
    live.sort((a, b) => (a.status === b.status ? (a.id < b.id ? -1 : 1) : a.status === "in_progress" ? -1 : 1));
    let position = 0;
    clear(list, live.map((v) => {
      const where = v.status === "queued" ? `queued, #${++position} in this project` : `rendering, ${v.progress}%`;
      const cancel = el("button", { type: "button", class: "quiet", onclick: async () => {
        if (await confirmDialog(`Cancel and delete “${(v.prompt || v.id).slice(0, 80)}”?`, "Cancel render")) {
          await api(`/v1/videos/${encodeURIComponent(v.id)}`, { method: "DELETE" }).catch(() => {});
          videos.delete(v.id);
          render();
        }
      } }, "Cancel");
      return el("li", { class: "queued" },
        el("a", { href: "#/videos/" + v.id, class: "prompt" }, v.prompt || v.id),
        el("span", { class: "muted" }, `${v.model} · ${v.size} · ${v.seconds} s · ${where}`),
        progressBar(v.progress, "progress of " + v.id),
        cancel);
    }));
    list.hidden = live.length === 0;
    empty.hidden = live.length !== 0;
  }

  clear(root, el("h1", {}, "Queue"), list, empty);
  render();
  stream("/v1/videos/events", (name, data) => {
    if (name === "video.deleted") videos.delete(data.id);
    else videos.set(data.id, data);
    render();
  }, signal).catch((e) => {
    if (!signal.aborted) root.append(el("p", { class: "error", role: "alert" }, e.message));
  });
}
