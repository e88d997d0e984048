//! `koseizu map`.

use std::process::ExitCode;

use super::MapArgs;

/// Runs `koseizu map`.
pub fn run(_args: &MapArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("koseizu map: not built yet")
}
