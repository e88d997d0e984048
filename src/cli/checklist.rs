//! `koseizu checklist`: the manual's checklist and the inspection items,
//! filled in from the records, the scans, the audit and the diff.

use std::borrow::Cow;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use koseizu::checklist::{self, Evidence};
use koseizu::inputs::{Inputs, Scans};
use koseizu::inventory::audit;
use koseizu::inventory::diff::{diff, SnapshotDiff};
use koseizu::output::write_atomic;
use koseizu::report::checklist as checklist_report;
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
    /// An Excel workbook with the same table (needs -o or a redirected stdout).
    Xlsx,
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

/// Joins a worker thread, turning a panic into an error.
fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>, what: &str) -> anyhow::Result<T> {
    h.join()
        .map_err(|_| anyhow::anyhow!("internal error: {what} stopped"))
}

/// Runs `koseizu checklist`.
///
/// Two cores do the work side by side: while the site folder and the
/// latest scans are read, the older scan of the latest pair is read too;
/// then the diff of the pair runs beside the audit.
pub fn run(args: &ChecklistArgs) -> anyhow::Result<ExitCode> {
    let messages = message_lang(args.lang, Some(&args.site));
    let to_stdout = !matches!(args.output.as_deref(), Some(p) if p != Path::new("-"));
    if args.format == ChecklistFormat::Xlsx && to_stdout && io::stdout().is_terminal() {
        anyhow::bail!(koseizu::text::Word::MsgXlsxToTerminal.get(messages));
    }
    let in_archive = || {
        format!(
            "cannot read the snapshots in {}",
            args.site.join("scans").display()
        )
    };
    // The latest pair of SITE/scans/, from the heads alone (none with --scan).
    let pair: Option<(ArchiveEntry, ArchiveEntry)> = if args.scans.is_empty() {
        let archive = Archive::open(&args.site).with_context(in_archive)?;
        archive.latest_pair().map(|(o, n)| (o.clone(), n.clone()))
    } else {
        None
    };
    let (inputs, older) = std::thread::scope(|s| {
        let older = pair.as_ref().map(|(o, _)| s.spawn(move || o.load()));
        let inputs = load_inputs_in(
            &args.site,
            &Scans::given_or_latest(&args.scans),
            messages,
            false,
        );
        (inputs, older.map(|h| join(h, "reading the older scan")))
    });
    let Inputs { site, scans } = inputs?;
    let lang = lang(args.lang, &site);
    if let Some(out) = args.output.as_deref().filter(|p| *p != Path::new("-")) {
        refuse_site_file(&args.site, out)?;
    }
    let loaded = &scans.snapshots;
    let older: Option<Snapshot> = match older {
        Some(r) => Some(r?.with_context(in_archive)?),
        None => None,
    };
    // The two scans to compare: the latest pair of the files given, or of
    // SITE/scans/ (its newer one is among the latest already read).
    let compare: Option<(&Snapshot, Cow<'_, Snapshot>)> = match (&pair, &older) {
        (Some((_, newer)), Some(old)) => {
            let new = match scans.paths.iter().position(|p| *p == newer.path) {
                Some(i) => Cow::Borrowed(&loaded[i]),
                None => Cow::Owned(newer.load().with_context(in_archive)?),
            };
            Some((old, new))
        }
        _ => {
            let heads: Vec<SnapshotHead> = loaded.iter().map(SnapshotHead::from).collect();
            latest_pair(&heads)
                .filter(|_| !args.scans.is_empty())
                .map(|(o, n)| (&loaded[o], Cow::Borrowed(&loaded[n])))
        }
    };
    let (report, changes) = std::thread::scope(|s| {
        let changes = compare
            .as_ref()
            .map(|(old, new)| s.spawn(|| diff(old, new, Some(&site))));
        let report = (!loaded.is_empty()).then(|| audit(&site, loaded));
        (report, changes.map(|h| join(h, "the diff")))
    });
    let changes: Option<SnapshotDiff> = changes.transpose()?;
    let list = checklist::judge_evidence(&Evidence {
        site: &site,
        audit: report,
        diff: changes.as_ref(),
    });

    let write = |w: &mut dyn Write| match args.format {
        ChecklistFormat::Text => checklist_report::write_text(&list, lang, w),
        ChecklistFormat::Json => checklist_report::write_json(&list, lang, w),
        ChecklistFormat::Csv => checklist_report::write_csv(&list, lang, w),
        ChecklistFormat::Xlsx => checklist_report::write_xlsx(&list, lang, w),
    };
    match args.output.as_deref() {
        Some(path) if path != Path::new("-") => write_atomic(path, write).with_context(|| {
            koseizu::text::Word::MsgCannotWrite.fill(messages, &[&path.display()])
        })?,
        _ => {
            let mut out = BufWriter::new(io::stdout().lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
