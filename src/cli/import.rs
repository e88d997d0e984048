//! `koseizu import`: each file (nmap XML, arp-scan output, DHCP leases, a
//! packet capture) becomes one snapshot, into `SITE/scans/` or a file.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context};
use koseizu::import::{self, Format};

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
    let to_stdout = match (&args.site, &args.output) {
        (Some(site), _) => {
            if !site.is_dir() {
                bail!("--site {}: not a directory", site.display());
            }
            false
        }
        (None, Some(p)) if p.as_os_str() == "-" => true,
        (None, Some(p)) => {
            if p.exists() {
                bail!(
                    "{}: already exists; snapshots are never overwritten",
                    p.display()
                );
            }
            false
        }
        (None, None) => true,
    };
    if args.site.is_none() && args.files.len() > 1 {
        bail!(
            "{} files give {} snapshots: use --site SITE to import more than one",
            args.files.len(),
            args.files.len()
        );
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
            .with_context(|| format!("cannot import {}", path.display()))?;
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
        let summary = format!(
            "{}: {} ({}), {} hosts{}{}",
            koseizu::text::clean::terminal(&path.display().to_string()),
            snap.source.as_str(),
            snap.started.format("%Y-%m-%d %H:%M:%SZ"),
            snap.hosts.len(),
            if snap.partial { ", partial" } else { "" },
            match &written {
                Some(p) => format!("; written to {}", p.display()),
                None => String::new(),
            }
        );
        if !args.quiet {
            eprintln!("koseizu import: {summary}");
            for l in &snap.limitations {
                eprintln!(
                    "koseizu import: note: {}",
                    koseizu::text::clean::terminal(l)
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
