// Usage: cost and seconds per day, per model, as a chart (SVG built element by element),
// with the totals and the table behind it.
import { api } from "./api.js";
import { el, clear, usd } from "./ui.js";

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

// Stacked bars per day, one colour per model, of cost (or of seconds when nothing is priced).
function chart(rows, models, metric) {
  const value = metric === "cost" ? (r) => r.cost_usd : (r) => r.seconds;
  const show = metric === "cost" ? usd : (n) => `${n} s`;
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const W = 720, H = 240, pad = 36;
  const perDay = days.map((d) => rows.filter((r) => r.day === d).reduce((s, r) => s + value(r), 0));
  const max = Math.max(metric === "cost" ? 0.01 : 1, ...perDay);
  const bar = Math.max(4, Math.min(40, (W - 2 * pad) / Math.max(1, days.length) - 4));
  const graph = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "chart",
    "aria-label": `${metric === "cost" ? "Cost" : "Seconds rendered"} per day, ${days.length} days` });
  graph.append(svg("line", { x1: pad, y1: H - pad, x2: W - pad, y2: H - pad, class: "axis" }));
  graph.append(svg("text", { x: 4, y: pad - 8, class: "label" }, show(max)));
  days.forEach((day, i) => {
    let y = H - pad;
    const x = pad + i * ((W - 2 * pad) / Math.max(1, days.length)) + 2;
    models.forEach((m, k) => {
      const amount = rows.filter((r) => r.day === day && r.model === m).reduce((s, r) => s + value(r), 0);
      const h = ((H - 2 * pad) * amount) / max;
      if (h > 0) {
        y -= h;
        graph.append(svg("rect", { x, y, width: bar, height: h, class: `series s${k % 6}` },
          svg("title", {}, `${day} · ${m}: ${show(amount)}`)));
      }
    });
    if (days.length <= 14 || i % Math.ceil(days.length / 10) === 0) {
      graph.append(svg("text", { x, y: H - pad + 16, class: "label" }, day.slice(5)));
    }
  });
  return graph;
}

export async function usageView(root, signal) {
  const since = new Date(Date.now() - 29 * 86400_000).toISOString().slice(0, 10);
  const report = await api(`/v1/usage/videos?since=${since}&group_by=model,day`, { signal });
  const models = [...new Set(report.data.map((r) => r.model))].sort();
  const legend = el("ul", { class: "legend" }, models.map((m, k) => el("li", { class: `s${k % 6}` }, m)));
  const table = el("table", {},
    el("thead", {}, el("tr", {}, el("th", {}, "Day"), el("th", {}, "Model"), el("th", {}, "Videos"),
      el("th", {}, "Seconds"), el("th", {}, "Cost"))),
    el("tbody", {}, report.data.map((r) => el("tr", {}, el("td", {}, r.day), el("td", {}, r.model),
      el("td", {}, r.videos), el("td", {}, r.seconds), el("td", {}, usd(r.cost_usd))))));
  const t = report.total;
  const b = report.budget;
  const budget = b
    ? el("p", {}, `This month: ${usd(b.spent_this_month_usd)} of a ${usd(b.monthly_usd)} budget. `,
      el("meter", { min: 0, max: b.monthly_usd, value: b.spent_this_month_usd, high: b.monthly_usd * 0.9,
        "aria-label": "budget spent" }))
    : el("p", { class: "muted" }, "No monthly budget is set for this project.");
  clear(root, el("h1", {}, "Usage"),
    el("p", {}, `Last 30 days: ${t.videos} videos, ${t.seconds} seconds, ${usd(t.cost_usd)}.`), budget,
    report.data.length
      ? [el("h2", {}, t.cost_usd > 0 ? "Cost per day" : "Seconds rendered per day (nothing here is priced)"),
        chart(report.data, models, t.cost_usd > 0 ? "cost" : "seconds"), legend, table]
      : el("p", { class: "muted" }, "No completed videos in the last 30 days."));
}
