//! `koseizu import`: each file (nmap XML, arp-scan output, DHCP leases, a
//! packet capture) becomes one snapshot, into `SITE/scans/` or a file.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context};
use koseizu::import::{self, Format};
use koseizu::site::Lang;
use koseizu::text::Word;

use super::{ImportArgs, ImportFormat};

impl ImportFormat {
    fn format(self) -> Option<Format> {
        match self {
            ImportFormat::Auto => None,
            ImportFormat::Pcap => Some(Format::Pcap),
            ImportFormat::Nmap => Some(Format::Nmap),
            ImportFormat::ArpScan => Some(Format::ArpScan),
            ImportFormat::Dnsmasq => Some(Format::Dnsmasq),
            ImportFormat::Dhcpd => Some(Format::Dhcpd),
            ImportFormat::WindowsDhcp => Some(Format::WindowsDhcp),
        }
    }
}

/// Runs `koseizu import`.
pub fn run(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let lang = super::common::message_lang(args.lang, args.site.as_deref());
    let to_stdout = match (&args.site, &args.output) {
        (Some(site), _) => {
            if !site.is_dir() {
                bail!(Word::ScanSiteNotDir.fill(lang, &[&site.display()]));
            }
            false
        }
        (None, Some(p)) if p.as_os_str() == "-" => true,
        (None, Some(p)) => {
            if p.exists() {
                bail!(Word::ScanExists.fill(lang, &[&p.display()]));
            }
            false
        }
        (None, None) => true,
    };
    if args.site.is_none() && args.files.len() > 1 {
        bail!(Word::MsgImportManyFiles.fill(lang, &[&args.files.len()]));
    }
    // Every file read before anything is written: one bad file, nothing written.
    let mut snapshots = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let zone = args
            .site
            .as_deref()
            .map(import::site_zone)
            .unwrap_or_default();
        let snap = import::import_file_in(path, args.format.format(), &zone)
            .with_context(|| Word::MsgCannotImport.fill(lang, &[&path.display()]))?;
        snapshots.push((path, snap));
    }
    for (path, snap) in &snapshots {
        let written = if to_stdout {
            let mut out = std::io::stdout().lock();
            snap.write_to(&mut out)?;
            out.flush()?;
            None
        } else if let Some(site) = &args.site {
            Some(snap.save_in_site(site)?)
        } else if let Some(out) = &args.output {
            snap.save_new(out)?;
            Some(out.clone())
        } else {
            None
        };
        let started = match lang {
            // Text for people: the local time of Japan (the site's own
            // zone is in its site.toml, not read by an import).
            Lang::Ja => koseizu::text::TimeZone::default().local(snap.started, lang),
            Lang::En => snap.started.format("%Y-%m-%d %H:%M:%SZ").to_string(),
        };
        let summary = Word::ImportSummary.fill(
            lang,
            &[
                &koseizu::text::clean::terminal(&path.display().to_string()),
                &snap.source.as_str(),
                &started,
                &snap.hosts.len(),
                &if snap.partial {
                    Word::ImportPartial.get(lang)
                } else {
                    ""
                },
                &match &written {
                    Some(p) => Word::ScanSummaryWritten.fill(lang, &[&p.display()]),
                    None => String::new(),
                },
            ],
        );
        if !args.quiet {
            eprintln!("{summary}");
            for l in &snap.limitations {
                eprintln!(
                    "{}",
                    Word::ImportNote
                        .fill(lang, &[&koseizu::text::clean::terminal(&note_in(lang, l))])
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A note of the import (kept in English in the snapshot) said in `lang`:
/// the one every import carries translated, any other as it is.
fn note_in(lang: Lang, note: &str) -> String {
    const ONLY_SEEN: &str = " only shows what it saw: a device absent from it is not proven absent";
    match note.strip_suffix(ONLY_SEEN) {
        Some(source) => Word::ImportOnlySeen.fill(lang, &[&source]),
        None => note.to_owned(),
    }
}
