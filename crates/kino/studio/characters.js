// Characters: upload a short clip of a subject on a plain background, name it, see the
// cut-out; cast them from Create by id.
import { api, cutoutUrl } from "./api.js";
import { el, clear, when, showError } from "./ui.js";

export async function charactersView(root, signal) {
  const list = el("div", { class: "grid characters" });
  const video = el("input", { id: "c-video", name: "video", type: "file", accept: "video/mp4,video/quicktime", required: true,
    "aria-describedby": "h-c-video" });
  const name = el("input", { id: "c-name", name: "name", maxlength: 80, required: true, autocomplete: "off" });
  const error = el("p", { class: "error", role: "alert" });
  const submit = el("button", { type: "submit" }, "Create character");
  const form = el("form", { class: "create", novalidate: true },
    el("label", { for: "c-name" }, "Name"), name,
    el("p", { class: "field-error error", "data-for": "name", role: "alert" }),
    el("label", { for: "c-video" }, "Clip"), video,
    el("p", { class: "help", id: "h-c-video" },
      "An H.264 clip of the subject against a plain, still background: 2 to 4 s is best, 10 s at most."),
    el("p", { class: "field-error error", "data-for": "video", role: "alert" }),
    error, submit);

  async function card(c) {
    const img = el("img", { alt: `Cut-out of ${c.name}`, loading: "lazy" });
    cutoutUrl(c.id).then((src) => img.setAttribute("src", src)).catch(() => {});
    return el("div", { class: "card character" }, el("div", { class: "frame cutout" }, img),
      el("p", { class: "prompt" }, c.name), el("p", { class: "muted" }, c.id), el("p", { class: "muted" }, when(c.created_at)));
  }

  async function load() {
    const page = await api("/v1/videos/characters?limit=100", { signal });
    clear(list, await Promise.all(page.data.map(card)));
    if (!page.data.length) list.append(el("p", { class: "muted" }, "No characters yet."));
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    for (const n of form.querySelectorAll(".field-error")) n.textContent = "";
    error.textContent = "";
    if (!name.value.trim()) return showError(form, { message: "Give it a name.", param: "name" }, error);
    if (!video.files[0]) return showError(form, { message: "Choose a clip.", param: "video" }, error);
    const body = new FormData();
    body.append("name", name.value.trim());
    body.append("video", video.files[0], video.files[0].name);
    submit.disabled = true;
    submit.textContent = "Cutting out…";
    try {
      await api("/v1/videos/characters", { method: "POST", form: body });
      form.reset();
      await load();
    } catch (e) {
      showError(form, e, error);
    } finally {
      submit.disabled = false;
      submit.textContent = "Create character";
    }
  });

  clear(root, el("h1", {}, "Characters"), form, el("h2", {}, "Your characters"), list);
  await load();
}
