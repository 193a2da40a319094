// Kino's API reference: renders /openapi.json. Every string from the document is placed
// with textContent (never as HTML), and nothing is loaded from another origin.
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return node;
}

// Prose from the document: `backticked` spans become <code>, all of it as text.
function prose(text) {
  const span = document.createElement("span");
  String(text || "").split("`").forEach((part, i) => {
    if (i % 2) span.append(el("code", {}, part)); else span.append(document.createTextNode(part));
  });
  return span;
}

function resolve(doc, schema) {
  let s = schema || {};
  for (let i = 0; i < 10 && s.$ref; i++) {
    const name = s.$ref.split("/").pop();
    s = (doc.components && doc.components.schemas && doc.components.schemas[name]) || {};
  }
  return s;
}

function refName(schema) {
  return schema && schema.$ref ? schema.$ref.split("/").pop() : null;
}

// A schema's type, written as a reader expects it: `string | null`, `array of Video`.
function typeOf(doc, schema) {
  if (!schema) return "any";
  const name = refName(schema);
  if (name) return name;
  const variants = schema.oneOf || schema.anyOf;
  if (variants) return variants.map((v) => typeOf(doc, v)).join(" | ");
  let types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (schema.items) types = types.map((t) => (t === "array" ? "array of " + typeOf(doc, schema.items) : t));
  if (schema.format === "binary") types = types.map((t) => (t === "string" ? "file" : t));
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  return types.join(" | ") || "object";
}

// The fields of an object schema as a table; nested objects open on demand.
function fieldsTable(doc, schema, depth) {
  const s = resolve(doc, schema);
  const props = s.properties || {};
  const required = new Set(s.required || []);
  const names = Object.keys(props);
  if (names.length === 0) return el("p", {}, el("span", { class: "type" }, typeOf(doc, schema)));
  const body = el("tbody");
  for (const name of names) {
    const p = props[name];
    const desc = el("td", {}, prose((p.description || resolve(doc, p).description || "").trim()));
    const inner = resolve(doc, p.items || p);
    if (depth < 3 && inner.properties && refName(p.items || p)) {
      desc.append(el("details", {}, el("summary", {}, "fields of " + typeOf(doc, p.items || p)), fieldsTable(doc, inner, depth + 1)));
    }
    body.append(el("tr", {},
      el("td", { class: "name" }, name, required.has(name) ? el("span", { class: "req" }, "required") : null),
      el("td", { class: "type" }, typeOf(doc, p)),
      desc));
  }
  return el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "field"), el("th", {}, "type"), el("th", {}, ""))), body);
}

function operation(doc, path, method, op) {
  const id = op.operationId || method + path;
  const section = el("section", { class: "op", id },
    el("h3", {}, el("span", { class: "method " + method }, method), el("span", { class: "path" }, path),
      el("span", { class: "summary" }, op.summary || "")));
  if (op.description && op.description !== op.summary) section.append(el("p", {}, prose(op.description)));
  const params = op.parameters || [];
  if (params.length) {
    const body = el("tbody");
    for (const p of params) {
      body.append(el("tr", {},
        el("td", { class: "name" }, p.name, p.required ? el("span", { class: "req" }, "required") : null),
        el("td", { class: "type" }, p.in + ", " + typeOf(doc, p.schema)),
        el("td", {}, prose(p.description))));
    }
    section.append(el("h4", {}, "Parameters"), el("table", {}, body));
  }
  const content = (op.requestBody && op.requestBody.content) || {};
  for (const [ctype, media] of Object.entries(content)) {
    section.append(el("h4", {}, "Body: " + ctype), fieldsTable(doc, media.schema, 0));
  }
  const responses = op.responses || {};
  const list = el("div");
  for (const [status, r] of Object.entries(responses)) {
    const types = Object.entries(r.content || {});
    const line = el("p", {}, el("code", {}, status), " ", prose(r.description));
    list.append(line);
    for (const [ctype, media] of types) {
      const shown = resolve(doc, media.schema);
      if (shown.properties) {
        list.append(el("details", {}, el("summary", {}, ctype + ": " + typeOf(doc, media.schema)), fieldsTable(doc, media.schema, 0)));
      } else {
        line.append(el("span", { class: "type" }, " (" + ctype + ")"));
      }
    }
  }
  section.append(el("h4", {}, "Responses"), list);
  return section;
}

function render(doc) {
  const info = doc.info || {};
  document.title = (info.title || "API") + " API reference";
  const intro = document.getElementById("intro");
  intro.textContent = "";
  intro.append(prose(info.description), " OpenAPI " + (doc.openapi || "") + ", version " + (info.version || "") + ". ");
  intro.append(el("a", { href: "/openapi.json" }, "The document as JSON."));
  const byTag = new Map();
  for (const t of doc.tags || []) byTag.set(t.name, { description: t.description, ops: [] });
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const tag = (op.tags && op.tags[0]) || "Other";
      if (!byTag.has(tag)) byTag.set(tag, { description: "", ops: [] });
      byTag.get(tag).ops.push([path, method, op]);
    }
  }
  const toc = document.getElementById("toc");
  const main = document.getElementById("ops");
  for (const [tag, group] of byTag) {
    if (!group.ops.length) continue;
    toc.append(el("h2", {}, tag));
    main.append(el("h2", { id: "tag-" + tag }, tag), el("p", { class: "tag" }, prose(group.description)));
    for (const [path, method, op] of group.ops) {
      const section = operation(doc, path, method, op);
      main.append(section);
      toc.append(el("a", { href: "#" + section.id }, method.toUpperCase() + " " + path));
    }
  }
}

fetch("/openapi.json")
  .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
  .then(render)
  .catch((e) => {
    const intro = document.getElementById("intro");
    intro.className = "error";
    intro.textContent = "Could not load /openapi.json: " + e.message;
  });
