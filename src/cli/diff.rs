//! `koseizu diff`: what changed between two scans.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use koseizu::inventory::diff;
use koseizu::site::Lang;
use koseizu::snapshot::{Archive, Snapshot};

use super::common::load_site;
use super::{DiffArgs, DiffFormat};

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
            let archive = Archive::open(root).with_context(|| {
                format!(
                    "cannot read the snapshots in {}",
                    root.join("scans").display()
                )
            })?;
            let Some((o, n)) = archive.latest_pair() else {
                anyhow::bail!(
                    "{} holds fewer than two scans of the same networks ({} snapshot(s) in all): \
                     run `koseizu scan --site {}` again with the same --cidr to have two to compare",
                    archive.dir().display(),
                    archive.entries().len(),
                    root.display()
                );
            };
            (read(&o.path)?, read(&n.path)?)
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
