// Kino's public API, as the SDKs use it: bearer key on every request, OpenAI's error envelope
// on every refusal. The key lives in sessionStorage (localStorage only when the person ticks
// "remember"), never in a URL. Media elements, which cannot send a header, use a short-lived
// content token (GET /v1/content_token) instead.

const STORE = "kino.key";
// Dev mode accepts any bearer token; a server with keys refuses this one with 401.
const DEV_TOKEN = "studio";

export function key() {
  return sessionStorage.getItem(STORE) || localStorage.getItem(STORE) || DEV_TOKEN;
}

export function hasStoredKey() {
  return Boolean(sessionStorage.getItem(STORE) || localStorage.getItem(STORE));
}

export function setKey(value, remember) {
  forgetKey();
  sessionStorage.setItem(STORE, value);
  if (remember) localStorage.setItem(STORE, value);
  contentToken = null;
}

export function forgetKey() {
  sessionStorage.removeItem(STORE);
  localStorage.removeItem(STORE);
  contentToken = null;
}

export class ApiError extends Error {
  constructor(status, body, headers) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.param = e.param || null;
    this.code = e.code || null;
    this.type = e.type || null;
    const retry = headers && headers.get("retry-after");
    this.retryAfter = retry ? Number(retry) : null;
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(fn) {
  onUnauthorized = fn;
}

export async function api(path, { method = "GET", json, form, signal } = {}) {
  const headers = { Authorization: "Bearer " + key() };
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  const r = await fetch(path, { method, headers, body, signal });
  if (!r.ok) {
    let parsed = null;
    try {
      parsed = await r.json();
    } catch {
      parsed = null;
    }
    const err = new ApiError(r.status, parsed, r.headers);
    if (r.status === 401) onUnauthorized(err);
    throw err;
  }
  return r.status === 204 ? null : r.json();
}

let contentToken = null;

async function token() {
  const now = Date.now() / 1000;
  if (!contentToken || contentToken.expires_at - now < 300) {
    contentToken = await api("/v1/content_token");
  }
  return contentToken.token;
}

// A URL for <video>/<img>: the content route with a content token, renewed before it ends.
export async function mediaUrl(videoId, variant) {
  const q = new URLSearchParams({ variant, token: await token() });
  return `/v1/videos/${encodeURIComponent(videoId)}/content?${q}`;
}

// A character's cut-out, for <img>.
export async function cutoutUrl(characterId) {
  const q = new URLSearchParams({ token: await token() });
  return `/v1/videos/characters/${encodeURIComponent(characterId)}/content?${q}`;
}

// A file's bytes as a download the browser saves (the files route needs the key, so the
// bytes come through fetch and leave as a blob).
export async function download(path, filename) {
  const r = await fetch(path, { headers: { Authorization: "Bearer " + key() } });
  if (!r.ok) throw new ApiError(r.status, await r.json().catch(() => null), r.headers);
  const url = URL.createObjectURL(await r.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// Server-Sent Events over fetch (EventSource cannot send the key). Calls onEvent(name, data)
// for each event; reconnects with Last-Event-ID after a network failure; returns when the
// server ends the stream (or answers 204: nothing more will come) or `signal` aborts.
export async function stream(path, onEvent, signal) {
  let lastId = null;
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      const headers = { Authorization: "Bearer " + key(), Accept: "text/event-stream" };
      if (lastId) headers["Last-Event-ID"] = lastId;
      const r = await fetch(path, { headers, signal });
      if (r.status === 204) return;
      if (!r.ok) {
        const err = new ApiError(r.status, await r.json().catch(() => null), r.headers);
        if (r.status === 401) onUnauthorized(err);
        throw err;
      }
      const reader = r.body.getReader();
      const decoder = new TextDecoder();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          let id = null, name = "message", data = "";
          for (const line of block.split("\n")) {
            if (line.startsWith("id:")) id = line.slice(3).trim();
            else if (line.startsWith("event:")) name = line.slice(6).trim();
            else if (line.startsWith("data:")) data += line.slice(5).trim();
          }
          if (!data) continue; // a keep-alive comment
          if (id) lastId = id;
          attempt = 0;
          onEvent(name, JSON.parse(data));
        }
      }
    } catch (e) {
      if (signal.aborted) return;
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) throw e;
      await new Promise((done) => setTimeout(done, Math.min(1000 * 2 ** attempt, 15000)));
    }
  }
}
