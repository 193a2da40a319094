// Webhooks: the project's endpoints — add (the signing secret is shown once), test, rotate
// the secret, delete.
import { api } from "./api.js";
import { el, clear, when, showError, confirmDialog } from "./ui.js";

export async function webhooksView(root, signal) {
  const types = (await api("/v1/webhook_event_types", { signal })).data;
  const emitted = ["video.completed", "video.failed", "batch.completed", "batch.failed", "batch.expired", "batch.cancelled"];
  const list = el("ul", { class: "queue" });
  const secretBox = el("p", { class: "secret", role: "status" });
  const name = el("input", { id: "w-name", name: "name", required: true, autocomplete: "off" });
  const url = el("input", { id: "w-url", name: "url", type: "url", required: true, placeholder: "https://example.com/hooks/kino" });
  const boxes = emitted.filter((t) => types.includes(t)).map((t) =>
    el("label", { class: "check" }, el("input", { type: "checkbox", value: t, checked: t.startsWith("video.") }), t));
  const error = el("p", { class: "error", role: "alert" });
  const form = el("form", { class: "create", novalidate: true },
    el("label", { for: "w-name" }, "Name"), name, el("p", { class: "field-error error", "data-for": "name", role: "alert" }),
    el("label", { for: "w-url" }, "URL"), url, el("p", { class: "field-error error", "data-for": "url", role: "alert" }),
    el("fieldset", {}, el("legend", {}, "Events"), boxes),
    el("p", { class: "field-error error", "data-for": "event_types", role: "alert" }),
    error, el("button", { type: "submit" }, "Add endpoint"));

  function showSecret(ep) {
    clear(secretBox, "Signing secret for ", el("strong", {}, ep.name), " (shown once, keep it): ",
      el("code", {}, ep.signing_secret));
  }

  function item(ep) {
    const note = el("span", { class: "muted", "aria-live": "polite" });
    const path = `/v1/webhook_endpoints/${encodeURIComponent(ep.id)}`;
    return el("li", {},
      el("p", {}, el("strong", {}, ep.name), " · ", el("span", { class: "url" }, ep.url)),
      el("p", { class: "muted" }, `${ep.event_types.join(", ")} · added ${when(ep.created_at)} · secret ${ep.signing_secret_hint || ""}`),
      el("p", { class: "actions-inline" },
        el("button", { type: "button", class: "quiet", onclick: async () => {
          note.textContent = "Sending…";
          try {
            const r = await api(path + "/test", { method: "POST", json: { event_type: ep.event_types[0] } });
            note.textContent = `Delivered: HTTP ${r.status_code}.`;
          } catch (e) {
            note.textContent = e.message;
          }
        } }, "Send test"),
        el("button", { type: "button", class: "quiet", onclick: async () => {
          showSecret(await api(path + "/rotate_secret", { method: "POST", json: {} }));
          load();
        } }, "Rotate secret"),
        el("button", { type: "button", class: "danger", onclick: async () => {
          if (await confirmDialog(`Delete the endpoint “${ep.name}”?`, "Delete")) {
            await api(path, { method: "DELETE" });
            load();
          }
        } }, "Delete"),
        note));
  }

  async function load() {
    const page = await api("/v1/webhook_endpoints?limit=100", { signal });
    clear(list, page.data.map(item));
    if (!page.data.length) list.append(el("li", { class: "muted" }, "No endpoints yet."));
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    for (const n of form.querySelectorAll(".field-error")) n.textContent = "";
    error.textContent = "";
    const event_types = boxes.map((b) => b.querySelector("input")).filter((i) => i.checked).map((i) => i.value);
    try {
      const ep = await api("/v1/webhook_endpoints", { method: "POST",
        json: { name: name.value.trim(), url: url.value.trim(), event_types } });
      showSecret(ep);
      form.reset();
      await load();
    } catch (e) {
      showError(form, e, error);
    }
  });

  clear(root, el("h1", {}, "Webhooks"), form, secretBox, el("h2", {}, "Endpoints"), list);
  await load();
}
