//! `koseizu diff`.

use std::process::ExitCode;

use super::DiffArgs;

/// Runs `koseizu diff`.
pub fn run(_args: &DiffArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("koseizu diff: not built yet")
}
