//! `koseizu impact`.

use std::process::ExitCode;

use super::ImpactArgs;

/// Runs `koseizu impact`.
pub fn run(_args: &ImpactArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("koseizu impact: not built yet")
}
