//! `koseizu audit`.

use std::process::ExitCode;

use super::AuditArgs;

/// Runs `koseizu audit`.
pub fn run(_args: &AuditArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("koseizu audit: not built yet")
}
