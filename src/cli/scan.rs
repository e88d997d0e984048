//! `koseizu scan`.

use std::process::ExitCode;

use super::ScanArgs;

/// Runs `koseizu scan`.
pub fn run(_args: &ScanArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("koseizu scan: not built yet")
}
