//! Runs pages in headless Chromium through the DevTools driver
//! `tests/browser/cdp.mjs` (Node's own fetch and WebSocket).
//!
//! Without `chromium` or `node` the browser tests are skipped on a
//! developer's machine, and fail when `CI` is set (CI installs both).

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// What the driver saw.
#[derive(Debug)]
pub struct Run {
    /// What the page script returned.
    pub result: Value,
    /// Console errors and warnings (including CSP violations).
    pub console: Vec<String>,
    /// Uncaught exceptions.
    pub exceptions: Vec<String>,
    /// Requests the page attempted (its own URL excluded).
    pub requests: Vec<String>,
    /// JavaScript dialogs opened (alert, confirm, prompt).
    pub dialogs: Vec<String>,
    /// Milliseconds from navigation to the load event.
    pub load_ms: u64,
}

fn has(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// True when the browser tests can run; panics under CI when they cannot.
pub fn available() -> bool {
    let ok = has("chromium", "--version") && has("node", "--version");
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but chromium or node is missing (apt-get install chromium nodejs)"
        );
        eprintln!("skipped: chromium or node not installed");
    }
    ok
}

/// Node's flag for the WebSocket client, when this Node needs one.
fn websocket_flag() -> Option<&'static str> {
    let built_in = Command::new("node")
        .args([
            "-e",
            "process.exit(typeof WebSocket === 'function' ? 0 : 1)",
        ])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    (!built_in).then_some("--experimental-websocket")
}

/// Loads `url`, runs `script` (the body of an async function) in the page
/// and returns what the driver saw. `offline` cuts the page's network.
pub fn run(url: &str, script: &str, offline: bool, screenshot: Option<&Path>) -> Run {
    run_with(url, script, offline, screenshot, None)
}

/// [`run`], also printing the page to `pdf` (the page's own CSS page sizes).
pub fn run_with(
    url: &str,
    script: &str,
    offline: bool,
    screenshot: Option<&Path>,
    pdf: Option<&Path>,
) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let script_path = dir.path().join("script.js");
    std::fs::write(&script_path, script).unwrap();
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/cdp.mjs");
    let mut cmd = Command::new("node");
    if let Some(f) = websocket_flag() {
        cmd.arg(f);
    }
    cmd.arg("--no-warnings")
        .arg(&driver)
        .args(["--url", url, "--script"])
        .arg(&script_path)
        .args(["--timeout", "120000", "--out"])
        .arg(dir.path().join("out.json"));
    if offline {
        cmd.arg("--offline");
    }
    if let Some(p) = screenshot {
        cmd.arg("--screenshot").arg(p);
    }
    if let Some(p) = pdf {
        cmd.arg("--pdf").arg(p);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "driver failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read(dir.path().join("out.json")).unwrap();
    let v: Value = serde_json::from_slice(&text).unwrap();
    let strings = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap_or_default().to_string())
            .collect()
    };
    Run {
        result: v["result"].clone(),
        console: strings("console"),
        exceptions: strings("exceptions"),
        requests: strings("requests"),
        dialogs: strings("dialogs"),
        load_ms: v["timing"]["load_ms"].as_u64().unwrap_or(0),
    }
}

/// A `file://` URL for a path.
pub fn file_url(p: &Path) -> String {
    format!("file://{}", p.canonicalize().unwrap().display())
}
