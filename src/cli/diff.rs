//! `koseizu diff`: what changed between two scans.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use koseizu::inputs::{InputError, Scans};
use koseizu::inventory::diff;
use koseizu::report;
use koseizu::site::Lang;
use koseizu::text::Word;

use super::common::{load_inputs_in, load_snapshots_in, message_lang};
use super::{DiffArgs, DiffFormat};

/// Runs `koseizu diff`.
pub fn run(args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let messages = message_lang(args.lang, args.site.as_deref());
    let scans = match args.snapshots.as_slice() {
        [old, new] => Scans::Files(vec![old.clone(), new.clone()]),
        [_] => anyhow::bail!(Word::MsgDiffOneFile.get(messages)),
        _ => Scans::LatestPair,
    };
    let (site, scans) = match (&args.site, scans) {
        (Some(dir), scans) => {
            let inputs = load_inputs_in(dir, &scans, messages, false)
                .map_err(|e| no_pair_advice(e, dir, messages))?;
            (Some(inputs.site), inputs.scans)
        }
        (None, Scans::LatestPair) => anyhow::bail!(Word::MsgDiffNothing.get(messages)),
        (None, scans) => (None, load_snapshots_in(&scans, messages)?),
    };
    let [old, new] = scans.snapshots.as_slice() else {
        anyhow::bail!(Word::MsgDiffCount.fill(messages, &[&scans.snapshots.len()]));
    };
    let lang = match (args.lang, &site) {
        (Some(l), _) => Lang::from(l),
        (None, Some(s)) => s.meta.language,
        (None, None) => Lang::Ja,
    };
    if old.started > new.started {
        eprintln!(
            "{}: {}",
            Word::MsgWarning.get(messages),
            Word::MsgDiffOrder.fill(messages, &[&old.started, &new.started])
        );
    }
    if args.format == DiffFormat::Xlsx && io::stdout().is_terminal() {
        anyhow::bail!(
            "--format xlsx writes a workbook, not text: send it to a file, e.g. koseizu diff … --format xlsx > diff.xlsx"
        );
    }
    let d = diff::diff(old, new, site.as_ref());
    let tz = site
        .as_ref()
        .map(|s| s.meta.timezone.clone())
        .unwrap_or_default();
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        DiffFormat::Text => report::diff::write_text_in(&d, lang, &tz, &mut out)?,
        DiffFormat::Json => report::diff::write_json(&d, &mut out)?,
        DiffFormat::Csv => report::diff::write_csv(&d, lang, &mut out)?,
        DiffFormat::Xlsx => report::xlsx::diff::write(&d, lang, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// No pair to compare: say how to get one.
fn no_pair_advice(e: anyhow::Error, site: &std::path::Path, lang: Lang) -> anyhow::Error {
    match e.downcast_ref::<InputError>() {
        Some(InputError::NoPair { dir, count }) => {
            anyhow::anyhow!(Word::MsgNoPair.fill(lang, &[&dir.display(), count, &site.display()]))
        }
        _ => e,
    }
}
