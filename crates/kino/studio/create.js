// Create: prompt, model, size, seconds and seed from what /v1/models serves, an optional
// reference image (checked against the size before it is sent), the price before queueing.
import { api } from "./api.js";
import { el, clear, usd, showError } from "./ui.js";

const MAX_PROMPT = 32000;

function field(name, label, control, help) {
  return el("div", { class: "field" },
    el("label", { for: "f-" + name }, label),
    control,
    help ? el("p", { class: "help", id: "h-" + name }, help) : null,
    el("p", { class: "field-error error", "data-for": name, role: "alert" }));
}

export async function createView(root, signal) {
  const models = (await api("/v1/models", { signal })).data;
  const prompt = el("textarea", { id: "f-prompt", name: "prompt", rows: 5, maxlength: MAX_PROMPT, required: true,
    "aria-describedby": "h-prompt", placeholder: "A red kite over the dunes at dawn, slow pan" });
  const count = el("span", {}, "0");
  const model = el("select", { id: "f-model", name: "model" },
    models.map((m) => el("option", { value: m.id }, m.id)));
  model.value = models.some((m) => m.id === "sora-2") ? "sora-2" : models[0].id;
  const size = el("select", { id: "f-size", name: "size" });
  const seconds = el("select", { id: "f-seconds", name: "seconds" });
  const seed = el("input", { id: "f-seed", name: "seed", type: "number", min: 0, step: 1, inputmode: "numeric",
    placeholder: "random" });
  const image = el("input", { id: "f-input_reference", name: "input_reference", type: "file",
    accept: "image/jpeg,image/png,image/webp", "aria-describedby": "h-input_reference" });
  const images = (await api("/v1/files?purpose=vision&limit=100", { signal })).data;
  const picked = el("select", { id: "f-input_file", name: "input_file", "aria-label": "or an image uploaded before" },
    el("option", { value: "" }, images.length ? "or one uploaded before…" : "(no uploaded images)"),
    images.map((f) => el("option", { value: f.id }, f.filename)));
  const imageHelp = el("span");
  const characters = (await api("/v1/videos/characters?limit=100", { signal })).data;
  const cast = el("fieldset", { class: "cast" }, el("legend", {}, "Characters (at most 2; cast when the prompt names them)"),
    characters.length
      ? characters.map((c) => el("label", { class: "check" }, el("input", { type: "checkbox", name: "characters", value: c.id }), c.name))
      : el("p", { class: "help" }, "None yet: ", el("a", { href: "#/characters" }, "make one from a clip"), "."),
    el("p", { class: "field-error error", "data-for": "characters", role: "alert" }));
  const price = el("p", { class: "price", "aria-live": "polite" });
  const submit = el("button", { type: "submit" }, "Create video");
  const formError = el("p", { class: "error", role: "alert" });

  function refresh() {
    const m = models.find((x) => x.id === model.value);
    const keep = [size.value, seconds.value];
    clear(size, m.sizes.map((s) => el("option", { value: s }, s)));
    clear(seconds, m.seconds.map((s) => el("option", { value: s }, s + " s")));
    if (m.sizes.includes(keep[0])) size.value = keep[0];
    if (m.seconds.includes(keep[1])) seconds.value = keep[1];
    imageHelp.textContent = `Optional: a JPEG, PNG or WebP of exactly ${size.value} pixels, used as the first frame.`;
    const perSecond = (m.usd_per_second || {})[size.value];
    price.textContent = perSecond === undefined
      ? "This model and size have no price configured."
      : `Price: ${usd(perSecond * Number(seconds.value))} (${usd(perSecond)} a second).`;
  }
  model.addEventListener("change", refresh);
  size.addEventListener("change", refresh);
  seconds.addEventListener("change", refresh);
  prompt.addEventListener("input", () => { count.textContent = prompt.value.length.toLocaleString(); });

  const form = el("form", { class: "create", novalidate: true },
    field("prompt", "Prompt", prompt, el("span", {}, count, ` / ${MAX_PROMPT.toLocaleString()} characters`)),
    el("div", { class: "row" },
      field("model", "Model", model),
      field("size", "Size", size),
      field("seconds", "Length", seconds),
      field("seed", "Seed", seed)),
    field("input_reference", "Reference image", el("div", { class: "pair" }, image, picked), imageHelp),
    cast, price, formError, submit);

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    for (const n of form.querySelectorAll(".field-error")) n.textContent = "";
    formError.textContent = "";
    if (!prompt.value.trim()) {
      showError(form, { message: "Write a prompt first.", param: "prompt" }, formError);
      return;
    }
    const body = new FormData();
    body.append("prompt", prompt.value);
    body.append("model", model.value);
    body.append("size", size.value);
    body.append("seconds", seconds.value);
    if (seed.value !== "") body.append("seed", seed.value);
    const chosen = [...cast.querySelectorAll("input:checked")].map((i) => i.value);
    if (chosen.length > 2) {
      showError(form, { message: "Cast at most 2 characters.", param: "characters" }, formError);
      return;
    }
    for (const id of chosen) body.append("characters[][id]", id);
    const file = image.files[0];
    if (file) {
      // The size rule, before anything is sent.
      const [w, h] = size.value.split("x").map(Number);
      try {
        const bitmap = await createImageBitmap(file);
        if (bitmap.width !== w || bitmap.height !== h) {
          showError(form, { message: `The image is ${bitmap.width}x${bitmap.height}; it must be exactly ${size.value}.`,
            param: "input_reference" }, formError);
          return;
        }
      } catch {
        showError(form, { message: "This file is not an image the browser can read.", param: "input_reference" }, formError);
        return;
      }
      body.append("input_reference", file, file.name);
    } else if (picked.value) {
      body.append("input_reference[file_id]", picked.value);
    }
    submit.disabled = true;
    try {
      const video = await api("/v1/videos", { method: "POST", form: body });
      location.hash = "#/videos/" + video.id;
    } catch (e) {
      showError(form, e, formError);
    } finally {
      submit.disabled = false;
    }
  });

  refresh();
  clear(root, el("h1", {}, "Create a video"), form);
  prompt.focus();
}
