//! `koseizu audit`: the ledger against the latest scans.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use koseizu::inputs::{Inputs, Scans};
use koseizu::inventory::audit;
use koseizu::output::write_atomic;
use koseizu::report::{allowlist, audit as audit_report};
use koseizu::site::Lang;
use koseizu::text::Word;

use super::common::{lang, load_inputs_in, message_lang, refuse_site_file};
use super::{AllowlistFormat, AuditArgs, FailOn, ReportFormat};

/// Fails, naming the file, if `path` cannot be written (a directory, or a
/// folder that does not exist or is read-only).
fn check_writable(path: &Path, lang: Lang) -> anyhow::Result<()> {
    let cannot = || Word::MsgCannotWrite.fill(lang, &[&path.display()]);
    if path.is_dir() {
        anyhow::bail!(Word::MsgIsFolder.fill(lang, &[&path.display()]));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    tempfile::NamedTempFile::new_in(dir).with_context(cannot)?;
    Ok(())
}

/// Runs `koseizu audit`.
pub fn run(args: &AuditArgs) -> anyhow::Result<ExitCode> {
    let messages = message_lang(args.lang, Some(&args.site));
    let Inputs { site, scans } = load_inputs_in(
        &args.site,
        &Scans::given_or_latest(&args.scans),
        messages,
        false,
    )?;
    let snaps = scans.snapshots;
    let lang = lang(args.lang, &site);
    if snaps.is_empty() {
        anyhow::bail!(Word::MsgNoSnapshots.fill(
            messages,
            &[&args.site.join("scans").display(), &args.site.display()]
        ));
    }
    let mut report = audit(&site, &snaps);
    if let Some(p) = &args.advisories {
        let text = std::fs::read_to_string(p)
            .with_context(|| Word::MsgCannotRead.fill(messages, &[&p.display()]))?;
        let adv =
            koseizu::identify::Advisories::parse(&text).with_context(|| p.display().to_string())?;
        koseizu::inventory::audit::set_ways_out(&mut report, &site, &snaps, &adv);
    }

    // Every output is checked before any is written: a run that fails
    // leaves none of its files behind.
    if let Some(path) = &args.xlsx {
        refuse_site_file(&args.site, path)?;
    }
    for path in args.csv.iter().chain(&args.allowlist).chain(&args.xlsx) {
        check_writable(path, messages)?;
    }
    if let Some(path) = &args.csv {
        write_atomic(path, |w| {
            audit_report::write_csv_in(&report, lang, &site.meta.timezone, w)
        })
        .with_context(|| Word::MsgCannotWrite.fill(messages, &[&path.display()]))?;
    }
    if let Some(path) = &args.xlsx {
        write_atomic(path, |w| {
            koseizu::report::xlsx::audit::write_in(&report, lang, &site.meta.timezone, w)
        })
        .with_context(|| Word::MsgCannotWrite.fill(messages, &[&path.display()]))?;
    }
    if let Some(path) = &args.allowlist {
        let today = chrono::Local::now().date_naive();
        write_atomic(path, |w| match args.allowlist_format {
            AllowlistFormat::Plain => allowlist::write_plain(&site, today, w),
            AllowlistFormat::Csv => allowlist::write_csv(&site, w),
            AllowlistFormat::Freeradius => allowlist::write_freeradius(&site, today, w),
        })
        .with_context(|| Word::MsgCannotWrite.fill(messages, &[&path.display()]))?;
    }

    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ReportFormat::Text => {
            audit_report::write_text_in(&report, lang, &site.meta.timezone, &mut out)?
        }
        ReportFormat::Json => audit_report::write_json(&report, &mut out)?,
    }
    out.flush()?;

    let failed = match args.fail_on {
        None => false,
        Some(FailOn::Unregistered) => !report.unregistered.is_empty(),
        Some(FailOn::UndeclaredExternal) => !report.undeclared_external.is_empty(),
        Some(FailOn::Any) => report.finding_count() > 0,
    };
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
