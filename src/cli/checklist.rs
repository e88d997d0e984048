//! `koseizu checklist`: the manual's checklist and the inspection items,
//! filled in from the records, the scans, the audit and the diff.

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use koseizu::checklist;
use koseizu::inputs::{Inputs, Scans, Snapshots};
use koseizu::inventory::diff::{diff, SnapshotDiff};
use koseizu::output::write_atomic;
use koseizu::report::checklist as checklist_report;
use koseizu::site::Site;
use koseizu::snapshot::{latest_pair, Archive, ArchiveEntry, Snapshot, SnapshotHead};

use super::common::{lang, load_inputs_in, message_lang, refuse_site_file};
use super::LangArg;

/// Formats `checklist` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChecklistFormat {
    /// For reading.
    Text,
    /// For tools.
    Json,
    /// For Excel, laid out like the manual's table (UTF-8 with BOM).
    Csv,
}

/// `koseizu checklist`.
#[derive(Debug, Args)]
pub struct ChecklistArgs {
    /// Site folder.
    pub site: PathBuf,
    /// Snapshot(s); default: the latest per scope in SITE/scans/ (and the
    /// scan before the latest, for the changes since).
    #[arg(long = "scan", value_name = "FILE")]
    pub scans: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ChecklistFormat::Text)]
    pub format: ChecklistFormat,
    /// Language; default: site.toml's.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Output file; default or `-`: stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// The changes between the two latest scans of one scope: among the files
/// given with `--scan`, or else in `SITE/scans/` (none when there are not
/// two of one scope). A snapshot already loaded is not read again.
fn changes(
    args: &ChecklistArgs,
    site: &Site,
    scans: &Snapshots,
) -> anyhow::Result<Option<SnapshotDiff>> {
    let loaded = &scans.snapshots;
    if !args.scans.is_empty() {
        let heads: Vec<SnapshotHead> = loaded.iter().map(SnapshotHead::from).collect();
        return Ok(latest_pair(&heads).map(|(o, n)| diff(&loaded[o], &loaded[n], Some(site))));
    }
    let in_archive = || {
        format!(
            "cannot read the snapshots in {}",
            args.site.join("scans").display()
        )
    };
    let archive = Archive::open(&args.site).with_context(in_archive)?;
    let Some((older, newer)) = archive.latest_pair() else {
        return Ok(None);
    };
    let load = |e: &ArchiveEntry| -> anyhow::Result<Cow<'_, Snapshot>> {
        Ok(match scans.paths.iter().position(|p| *p == e.path) {
            Some(i) => Cow::Borrowed(&loaded[i]),
            None => Cow::Owned(e.load().with_context(in_archive)?),
        })
    };
    let (old, new) = (load(older)?, load(newer)?);
    Ok(Some(diff(&old, &new, Some(site))))
}

/// Runs `koseizu checklist`.
pub fn run(args: &ChecklistArgs) -> anyhow::Result<ExitCode> {
    let messages = message_lang(args.lang, Some(&args.site));
    let Inputs { site, scans } = load_inputs_in(
        &args.site,
        &Scans::given_or_latest(&args.scans),
        messages,
        false,
    )?;
    let lang = lang(args.lang, &site);
    if let Some(out) = args.output.as_deref().filter(|p| *p != Path::new("-")) {
        refuse_site_file(&args.site, out)?;
    }
    let changes = changes(args, &site, &scans)?;
    let list = checklist::judge(&site, &scans.snapshots, changes.as_ref());

    let write = |w: &mut dyn Write| match args.format {
        ChecklistFormat::Text => checklist_report::write_text(&list, lang, w),
        ChecklistFormat::Json => checklist_report::write_json(&list, lang, w),
        ChecklistFormat::Csv => checklist_report::write_csv(&list, lang, w),
    };
    match args.output.as_deref() {
        Some(path) if path != Path::new("-") => {
            write_atomic(path, write).with_context(|| format!("cannot write {}", path.display()))?
        }
        _ => {
            let mut out = BufWriter::new(io::stdout().lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
