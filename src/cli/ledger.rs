//! `koseizu ledger SITE --xlsx OUT.xlsx`: the ledger as it stands and what
//! the scans add to it, as a workbook for the yearly ledger review.

use std::process::ExitCode;

use anyhow::Context;
use koseizu::output::write_atomic;
use koseizu::report::xlsx::ledger;

use super::common::{lang, load_site, load_snapshots};
use super::LedgerArgs;

/// Runs `koseizu ledger`.
pub fn run(args: &LedgerArgs) -> anyhow::Result<ExitCode> {
    let site = load_site(&args.site)?;
    let lang = lang(args.lang, &site);
    let snaps: Vec<_> = load_snapshots(&args.site, &args.scans)?
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    let review = ledger::review(&site, &snaps);
    write_atomic(&args.xlsx, |w| ledger::write(&review, lang, w))
        .with_context(|| format!("cannot write {}", args.xlsx.display()))?;
    Ok(ExitCode::SUCCESS)
}
