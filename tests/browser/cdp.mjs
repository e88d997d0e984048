// A small DevTools-protocol driver for the browser tests: Node's own
// fetch and WebSocket only (Node 22+, or Node 20/21 with
// --experimental-websocket), Chromium's --remote-debugging-port on 127.0.0.1.
//
//   node cdp.mjs --url URL --script FILE [--offline] [--screenshot OUT.png]
//                [--pdf OUT.pdf] [--width W --height H] [--timeout MS]
//                [--out RESULT.json]
//
// Loads URL in a fresh headless Chromium profile, runs FILE in the page
// (its text is the body of an async function; what it returns is the
// result) and prints one JSON object: result, console errors and
// warnings, uncaught exceptions, every network request the page attempted
// (the page's own URL excluded), JavaScript dialogs opened, and timings
// (to RESULT.json when given, else to standard output).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf("--" + name);
  return i < 0 ? dflt : args[i + 1];
};
const flag = (name) => args.includes("--" + name);
const url = opt("url");
const script = readFileSync(opt("script"), "utf8");
const offline = flag("offline");
const shot = opt("screenshot");
const printTo = opt("pdf");
const width = +opt("width", 1600);
const height = +opt("height", 1000);
const timeout = +opt("timeout", 60000);
const chrome = process.env.CHROMIUM || "chromium";

const profile = mkdtempSync(join(tmpdir(), "koseizu-cdp-"));
const proc = spawn(chrome, [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
  "--no-default-browser-check", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-extensions",
  "--disable-default-apps", "--metrics-recording-only", "--mute-audio",
  // Nothing may leave the machine even if the page tried.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
  "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
  "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
  `--user-data-dir=${profile}`, `--window-size=${width},${height}`,
  "about:blank",
], { stdio: ["ignore", "ignore", "pipe"] });

const fail = (msg) => {
  process.stderr.write(`cdp.mjs: ${msg}\n`);
  try { proc.kill("SIGKILL"); } catch {}
  try { rmSync(profile, { recursive: true, force: true }); } catch {}
  process.exit(2);
};
const timer = setTimeout(() => fail(`timed out after ${timeout} ms`), timeout);

const wsUrl = await new Promise((resolve, reject) => {
  let buf = "";
  proc.stderr.on("data", (d) => {
    buf += d;
    const m = buf.match(/DevTools listening on (ws:\/\/\S+)/);
    if (m) resolve(m[1]);
  });
  proc.on("exit", (c) => reject(new Error(`chromium exited (${c}): ${buf}`)));
  proc.on("error", reject);
}).catch((e) => fail(e.message));
const port = new URL(wsUrl).port;
const target = await (await fetch(`http://127.0.0.1:${port}/json/new?about:blank`, { method: "PUT" })).json();

const ws = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((r, j) => { ws.onopen = r; ws.onerror = () => j(new Error("websocket")); }).catch((e) => fail(e.message));
let nextId = 1;
const pending = new Map();
const waiters = [];
const out = { result: null, console: [], exceptions: [], requests: [], dialogs: [], timing: {} };
ws.onmessage = (ev) => {
  const m = JSON.parse(ev.data);
  if (m.id && pending.has(m.id)) {
    const { resolve, reject } = pending.get(m.id);
    pending.delete(m.id);
    m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result);
    return;
  }
  const p = m.params || {};
  switch (m.method) {
    case "Runtime.consoleAPICalled":
      if (p.type === "error" || p.type === "warning" || p.type === "assert")
        out.console.push(`${p.type}: ${p.args.map((a) => a.value ?? a.description).join(" ")}`);
      break;
    case "Log.entryAdded":
      if (p.entry.level === "error" || p.entry.level === "warning")
        out.console.push(`${p.entry.level} (${p.entry.source}): ${p.entry.text} ${p.entry.url || ""}`);
      break;
    case "Runtime.exceptionThrown":
      out.exceptions.push(p.exceptionDetails.exception?.description || p.exceptionDetails.text);
      break;
    case "Network.requestWillBeSent":
      if (p.request.url !== url) out.requests.push(p.request.url);
      break;
    case "Page.javascriptDialogOpening":
      out.dialogs.push(`${p.type}: ${p.message}`);
      send("Page.handleJavaScriptDialog", { accept: true }).catch(() => {});
      break;
  }
  for (const w of waiters.splice(0)) w(m) || waiters.push(w);
};
function send(method, params = {}) {
  const id = nextId++;
  ws.send(JSON.stringify({ id, method, params }));
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
const event = (name) => new Promise((r) => waiters.push((m) => (m.method === name ? (r(m.params), true) : false)));

try {
  await send("Page.enable");
  await send("Runtime.enable");
  await send("Log.enable");
  await send("Network.enable");
  if (offline) {
    await send("Network.emulateNetworkConditions", { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  }
  await send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false });
  const t0 = Date.now();
  const loaded = event("Page.loadEventFired");
  const nav = await send("Page.navigate", { url });
  if (nav.errorText) fail(`navigation failed: ${nav.errorText}`);
  await loaded;
  out.timing.load_ms = Date.now() - t0;
  const body = `(async () => { ${script}\n })()`;
  const r = await send("Runtime.evaluate", { expression: body, awaitPromise: true, returnByValue: true });
  if (r.exceptionDetails) {
    out.exceptions.push("test script: " + (r.exceptionDetails.exception?.description || r.exceptionDetails.text));
  } else {
    out.result = r.result.value ?? null;
  }
  if (printTo) {
    const p = await send("Page.printToPDF", { preferCSSPageSize: true, printBackground: true });
    writeFileSync(printTo, Buffer.from(p.data, "base64"));
  }
  if (shot) {
    const s = await send("Page.captureScreenshot", { format: "png" });
    writeFileSync(shot, Buffer.from(s.data, "base64"));
  }
  // Let late console messages arrive.
  await new Promise((r) => setTimeout(r, 200));
} catch (e) {
  fail(e.message);
}
clearTimeout(timer);
ws.close();
proc.kill("SIGKILL");
await new Promise((r) => proc.once("exit", r));
try { rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }); } catch {}
const outFile = opt("out");
if (outFile) {
  writeFileSync(outFile, JSON.stringify(out) + "\n");
  process.exit(0);
}
process.stdout.write(JSON.stringify(out) + "\n", () => process.exit(0));
