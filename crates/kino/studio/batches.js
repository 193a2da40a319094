// Batches: upload a JSONL file of /v1/videos requests, start a batch, watch its request
// counts live (its events stream), download its output and error files, cancel it.
import { api, download, stream } from "./api.js";
import { el, clear, when, progressBar, showError, confirmDialog } from "./ui.js";

function row(b, signal, refresh) {
  const c = b.request_counts;
  const done = c.completed + c.failed;
  const files = [];
  if (b.output_file_id) files.push(el("button", { type: "button", class: "quiet",
    onclick: () => download(`/v1/files/${encodeURIComponent(b.output_file_id)}/content`, `${b.id}-output.jsonl`) }, "Output file"));
  if (b.error_file_id) files.push(el("button", { type: "button", class: "quiet",
    onclick: () => download(`/v1/files/${encodeURIComponent(b.error_file_id)}/content`, `${b.id}-errors.jsonl`) }, "Error file"));
  const live = ["validating", "in_progress", "finalizing"].includes(b.status);
  if (live) files.push(el("button", { type: "button", class: "danger", onclick: async () => {
    if (await confirmDialog("Cancel this batch? Finished results are kept.", "Cancel batch")) {
      await api(`/v1/batches/${encodeURIComponent(b.id)}/cancel`, { method: "POST" }).catch(() => {});
      refresh();
    }
  } }, "Cancel"));
  const problems = b.errors && b.errors.data ? b.errors.data.map((e) => el("li", { class: "error" },
    (e.line ? `line ${e.line}: ` : "") + e.message)) : [];
  return el("li", { class: "batch", id: "b-" + b.id },
    el("p", {}, el("strong", {}, b.status.replace("_", " ")), " · ", b.id, " · ", when(b.created_at)),
    el("p", { class: "muted" }, `${c.completed} completed, ${c.failed} failed, of ${c.total}`),
    progressBar(c.total ? Math.round((100 * done) / c.total) : 0, "progress of " + b.id),
    problems.length ? el("ul", {}, problems) : null,
    el("p", { class: "actions-inline" }, files));
}

export async function batchesView(root, signal) {
  const list = el("ul", { class: "queue batches" });
  const file = el("input", { id: "b-file", name: "input_file_id", type: "file", accept: ".jsonl,application/jsonl",
    "aria-describedby": "h-b-file" });
  const error = el("p", { class: "error", role: "alert" });
  const submit = el("button", { type: "submit" }, "Start batch");
  const form = el("form", { class: "create", novalidate: true },
    el("label", { for: "b-file" }, "Requests (JSONL)"), file,
    el("p", { class: "help", id: "h-b-file" },
      'One request per line: {"custom_id": "…", "method": "POST", "url": "/v1/videos", "body": {…}}, one model per batch.'),
    el("p", { class: "field-error error", "data-for": "input_file_id", role: "alert" }),
    error, submit);
  const watching = new Map();

  async function load() {
    const page = await api("/v1/batches?limit=50", { signal });
    clear(list, page.data.map((b) => row(b, signal, load)));
    if (!page.data.length) list.append(el("li", { class: "muted" }, "No batches yet."));
    for (const b of page.data) {
      if (["validating", "in_progress", "finalizing", "cancelling"].includes(b.status) && !watching.has(b.id)) {
        watching.set(b.id, true);
        stream(`/v1/batches/${encodeURIComponent(b.id)}/events`, (_, data) => {
          document.getElementById("b-" + data.id)?.replaceWith(row(data, signal, load));
        }, signal).catch(() => {}).finally(() => watching.delete(b.id));
      }
    }
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    for (const n of form.querySelectorAll(".field-error")) n.textContent = "";
    error.textContent = "";
    if (!file.files[0]) return showError(form, { message: "Choose a JSONL file.", param: "input_file_id" }, error);
    submit.disabled = true;
    try {
      const body = new FormData();
      body.append("purpose", "batch");
      body.append("file", file.files[0], file.files[0].name);
      const uploaded = await api("/v1/files", { method: "POST", form: body });
      await api("/v1/batches", { method: "POST",
        json: { input_file_id: uploaded.id, endpoint: "/v1/videos", completion_window: "24h" } });
      form.reset();
      await load();
    } catch (e) {
      showError(form, e, error);
    } finally {
      submit.disabled = false;
    }
  });

  clear(root, el("h1", {}, "Batches"), form, el("h2", {}, "Recent batches"), list);
  await load();
}
