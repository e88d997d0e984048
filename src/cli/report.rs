//! `koseizu report`: one self-contained HTML file for staff.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use koseizu::inputs::{InputError, Scans, Snapshots};
use koseizu::inventory::{audit, diff};
use koseizu::report::html::{write_html, ReportInput};

use super::common::{lang, load_inputs, refuse_site_file};
use super::ReportArgs;

/// Runs `koseizu report`.
pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let inputs = load_inputs(&args.site, &Scans::given_or_latest(&args.scans))?;
    let graph = inputs.graph();
    let lang = lang(args.lang, &inputs.site);
    let snaps = &inputs.scans.snapshots;
    let report = (!snaps.is_empty()).then(|| audit::audit(&inputs.site, snaps));
    let pair = previous_pair(&args.site, &args.scans)?;
    let changes = pair
        .as_ref()
        .map(|p| diff::diff(&p.snapshots[0], &p.snapshots[1], Some(&inputs.site)));
    let input = ReportInput {
        site: &inputs.site,
        graph: &graph,
        snapshots: snaps,
        audit: report.as_ref(),
        changes: changes.as_ref(),
        lang,
        today: chrono::Local::now().date_naive(),
    };
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| args.site.join("report.html"));
    refuse_site_file(&args.site, &path)?;
    koseizu::output::write_atomic(&path, |w| write_html(w, &input))
        .with_context(|| format!("cannot write {}", path.display()))?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// The two snapshots "changes since the previous scan" compares: the last
/// two given with `--scan`, else the two latest of the same networks in
/// `SITE/scans/`; `None` when there is no such pair.
fn previous_pair(site: &Path, files: &[std::path::PathBuf]) -> anyhow::Result<Option<Snapshots>> {
    if !files.is_empty() {
        if files.len() < 2 {
            return Ok(None);
        }
        let last_two = files[files.len() - 2..].to_vec();
        return Ok(Some(Snapshots::load(Some(site), &Scans::Files(last_two))?));
    }
    match Snapshots::load(Some(site), &Scans::LatestPair) {
        Ok(s) => Ok(Some(s)),
        Err(InputError::NoPair { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
