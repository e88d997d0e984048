//! `koseizu diff`: what changed between two scans.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use koseizu::inventory::diff::{self, latest_pair, SnapshotHead};
use koseizu::site::Lang;
use koseizu::snapshot::{list_site_snapshots, Snapshot};

use super::common::load_site;
use super::{DiffArgs, DiffFormat};

/// Reads only the start time and scopes of a snapshot file (the hosts are
/// skipped by the parser, not built).
fn read_head(path: &Path) -> anyhow::Result<SnapshotHead> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_slice(&bytes)
        .with_context(|| format!("{}: not a koseizu snapshot", path.display()))
}

fn read(path: &Path) -> anyhow::Result<Snapshot> {
    Snapshot::read(path).context("cannot read snapshot")
}

/// Runs `koseizu diff`.
pub fn run(args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let site = args.site.as_deref().map(load_site).transpose()?;
    let lang = match (args.lang, &site) {
        (Some(l), _) => Lang::from(l),
        (None, Some(s)) => s.meta.language,
        (None, None) => Lang::Ja,
    };
    let (old, new) = match args.snapshots.as_slice() {
        [old, new] => (read(old)?, read(new)?),
        [_] => anyhow::bail!(
            "diff needs two snapshots (OLD NEW), or none and --site SITE to compare its two latest scans"
        ),
        _ => {
            let Some(root) = &args.site else {
                anyhow::bail!(
                    "give two snapshots (OLD NEW), or --site SITE to compare its two latest scans"
                );
            };
            let paths = list_site_snapshots(root).context("cannot list the site's snapshots")?;
            let heads = paths
                .iter()
                .map(|p| read_head(p))
                .collect::<anyhow::Result<Vec<SnapshotHead>>>()?;
            let Some((o, n)) = latest_pair(&heads) else {
                anyhow::bail!(
                    "{} holds fewer than two scans of the same networks ({} snapshot(s) in all): \
                     run `koseizu scan --site {}` again with the same --cidr to have two to compare",
                    root.join("scans").display(),
                    paths.len(),
                    root.display()
                );
            };
            let (o, n) = (read(&paths[o])?, read(&paths[n])?);
            (o, n)
        }
    };
    if old.started > new.started {
        eprintln!(
            "warning: OLD was taken after NEW ({} > {}); comparing as given",
            old.started, new.started
        );
    }
    let d = diff::diff(&old, &new, site.as_ref());
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        DiffFormat::Text => diff::write_text(&d, lang, &mut out)?,
        DiffFormat::Json => diff::write_json(&d, &mut out)?,
        DiffFormat::Csv => diff::write_csv(&d, lang, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
