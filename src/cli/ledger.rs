//! `koseizu ledger SITE --xlsx OUT.xlsx`: the ledger as it stands and what
//! the scans add to it, as a workbook for the yearly ledger review.

use std::process::ExitCode;

use anyhow::Context;
use koseizu::inputs::{Inputs, Scans};
use koseizu::output::write_atomic;
use koseizu::report::xlsx::ledger;
use koseizu::text::Word;

use super::common::{lang, load_inputs, refuse_site_file};
use super::LedgerArgs;

/// Runs `koseizu ledger`. Without snapshots the workbook is the ledger
/// alone, every device "not in a scanned network".
pub fn run(args: &LedgerArgs) -> anyhow::Result<ExitCode> {
    refuse_site_file(&args.site, &args.xlsx)?;
    let Inputs { site, scans } = load_inputs(&args.site, &Scans::given_or_latest(&args.scans))?;
    let lang = lang(args.lang, &site);
    let review = ledger::review(&site, &scans.snapshots, lang);
    write_atomic(&args.xlsx, |w| ledger::write(&review, lang, w))
        .with_context(|| Word::MsgCannotWrite.fill(lang, &[&args.xlsx.display()]))?;
    Ok(ExitCode::SUCCESS)
}
