// DOM helpers. Every string that reaches the page goes in as text (textContent or a text
// node), never as HTML: prompts, names and error messages are user text.

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function clear(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

export function when(unixSeconds) {
  if (!unixSeconds) return "—";
  return new Date(unixSeconds * 1000).toLocaleString();
}

export function usd(amount) {
  return amount < 0.01 && amount > 0 ? "< $0.01" : "$" + amount.toFixed(2);
}

export function progressBar(value, label) {
  return el("progress", { max: 100, value: value, "aria-label": label });
}

// Ask before something that cannot be undone; resolves true on "ok".
export function confirmDialog(text, okLabel) {
  const dialog = document.getElementById("confirm-dialog");
  document.getElementById("confirm-text").textContent = text;
  document.getElementById("confirm-ok").textContent = okLabel || "Delete";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    dialog.returnValue = "cancel";
    dialog.showModal();
  });
}

// The message of an error beside the field it concerns (or in `fallback`).
export function showError(form, err, fallback) {
  for (const node of form.querySelectorAll(".field-error")) node.textContent = "";
  let text = err.message || String(err);
  if (err.retryAfter) text += ` Try again in ${err.retryAfter} s.`;
  const root = err.param ? err.param.split(/[.[]/)[0] : null;
  const spot = root && form.querySelector(`.field-error[data-for="${CSS.escape(root)}"]`);
  (spot || fallback).textContent = text;
  (spot ? form.querySelector(`[name="${CSS.escape(root)}"]`) : null)?.focus();
}
