//! `koseizu impact`: intrusion routes, impact scope, containment and whom
//! to call for one compromised node.

use std::io::Write;
use std::process::ExitCode;

use koseizu::graph::{InventoryGraph, ScanMarks};
use koseizu::impact;

use super::{common, ImpactArgs, ReportFormat};

/// Runs `koseizu impact`.
pub fn run(args: &ImpactArgs) -> anyhow::Result<ExitCode> {
    let site = common::load_site(&args.site)?;
    let lang = common::lang(args.lang, &site);
    let snapshots = common::load_snapshots(&args.site, &args.scans)?;
    let marks = scan_marks(&site, &snapshots);
    let graph = InventoryGraph::build(&site, marks);
    let target = impact::resolve(&site, &graph, &args.from)?;
    let answer = impact::analyse(&site, &graph, &target);

    if let Some(path) = &args.output {
        write_svg(&site, &graph, &answer, lang, path)?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        ReportFormat::Text => impact::write_text(&answer, lang, &mut out)?,
        ReportFormat::Json => answer.write_json(&mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// What the snapshots say about the records: the audit engine's
/// reconciliation, so unregistered hosts can be named with `--from`.
fn scan_marks(
    site: &koseizu::site::Site,
    snapshots: &[(std::path::PathBuf, koseizu::snapshot::Snapshot)],
) -> ScanMarks {
    let snaps: Vec<koseizu::snapshot::Snapshot> =
        snapshots.iter().map(|(_, s)| s.clone()).collect();
    koseizu::inventory::scan_marks(site, &snaps)
}

/// The diagram with the routes and the scope highlighted.
fn write_svg(
    _site: &koseizu::site::Site,
    _graph: &InventoryGraph,
    _answer: &impact::Impact,
    _lang: koseizu::site::Lang,
    path: &std::path::Path,
) -> anyhow::Result<()> {
    anyhow::bail!(
        "cannot write {}: the diagram renderer is not available in this build",
        path.display()
    )
}
