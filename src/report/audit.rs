//! Writers of the audit report: text for IT staff (Japanese or English),
//! JSON for tools, CSV for Excel.
//!
//! Every string that came off the network (vendor, host name, service name)
//! goes through [`terminal`] in text and through the Excel writer's formula
//! neutralisation in CSV; ledger strings are treated the same way, as Excel
//! cells can hold anything.

use std::io::{self, Write};

use super::evidence::{evidence_labels, service_label, sourced_evidence_labels};
use crate::excel::ExcelCsvWriter;
use crate::inventory::audit::{
    AuditReport, DeviceRef, HoursNotChecked, InternalRouter, Mismatch, OutsideHours, PolledSystem,
    RemoteControl, SeenHost,
};
use crate::inventory::evidence::Confidence;
use crate::mac::MacClass;
use crate::site::Lang;
use crate::snapshot::switching::Placement;
use crate::text::clean::terminal;
use crate::text::{TimeZone, Word};

fn confidence_label(c: Confidence, lang: Lang) -> &'static str {
    match c {
        Confidence::Confirmed => Word::AuditConfirmed.get(lang),
        Confidence::Likely => Word::AuditLikely.get(lang),
        Confidence::Possible => Word::AuditPossible.get(lang),
    }
}

fn device_label(d: &DeviceRef, lang: Lang) -> String {
    format!(
        "{} ({}, {})",
        terminal(&d.id),
        terminal(&d.name),
        d.kind.label(lang)
    )
}

fn host_label(h: &SeenHost, lang: Lang) -> String {
    let mut s = h.ip.to_string();
    s.push_str("  ");
    s.push_str(&h.mac.map_or_else(
        || Word::AuditMacUnknown.get(lang).to_string(),
        |m| m.to_string(),
    ));
    if let Some(v) = &h.vendor {
        s.push_str("  ");
        s.push_str(&terminal(v));
    }
    if let Some(n) = &h.hostname {
        s.push_str(&format!(
            "  {}{}",
            Word::AuditHostNamePrefix.get(lang),
            terminal(n)
        ));
    }
    s.push_str("  ");
    s.push_str(Word::AuditSegmentPrefix.get(lang));
    s.push_str(&h.segment.as_deref().map_or_else(
        || Word::AuditNoRecordedSegment.get(lang).to_string(),
        |s| terminal(s).into_owned(),
    ));
    if let Some(p) = &h.plugged_in {
        s.push_str("\n      ");
        s.push_str(Word::PollPluggedIn.get(lang));
        s.push_str(": ");
        s.push_str(&placement_label(p, lang));
    }
    s
}

/// A mismatch's row values: the ledger device (none for an IP conflict),
/// the IP seen, the MAC(s) and the segment it was seen in. Shared by the
/// CSV and the workbook.
pub(crate) fn mismatch_cells(
    m: &Mismatch,
) -> (Option<&DeviceRef>, String, Option<String>, Option<String>) {
    match m {
        Mismatch::IpDiffers { device, seen_ip } => (
            Some(device),
            seen_ip.to_string(),
            device.mac.map(|m| m.to_string()),
            device.segment.clone(),
        ),
        Mismatch::SegmentDiffers {
            device,
            seen_ip,
            seen_segment,
        } => (
            Some(device),
            seen_ip.to_string(),
            device.mac.map(|m| m.to_string()),
            seen_segment.clone(),
        ),
        Mismatch::IpConflict { ip, macs, .. } => (
            None,
            ip.to_string(),
            Some(
                macs.iter()
                    .map(|m| m.to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            None,
        ),
    }
}

/// Device text on one line: newlines and tabs (Cisco's sysDescr has
/// several lines) as single spaces, hidden characters escaped.
fn one_line(s: &str) -> String {
    let spaced: String = s
        .split(['\r', '\n', '\t', ' '])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    terminal(&spaced).into_owned()
}

/// "部門系スイッチ 2F (sw1, 198.18.0.2)  機種・ファームウェア (sysDescr): …":
/// a device an SNMP poll read and what it says it runs.
pub fn polled_line(d: &PolledSystem, lang: Lang) -> String {
    let who = if d.name == d.device {
        format!("{} ({})", terminal(&d.name), d.ip)
    } else {
        format!("{} ({}, {})", terminal(&d.name), terminal(&d.device), d.ip)
    };
    match d.sys_descr.as_deref().map(one_line) {
        Some(t) if !t.is_empty() => format!("{who}  {}: {t}", Word::PollSysDescr.get(lang)),
        _ => format!("{who}  {}", Word::PollNoSysDescr.get(lang)),
    }
}

/// "部門系スイッチ 2F  Gi1/0/14 (alias)  VLAN 20": where a MAC is plugged in.
pub fn placement_label(p: &Placement, lang: Lang) -> String {
    let mut s = terminal(&p.device_name).into_owned();
    if p.uplink_only {
        s.push(' ');
        s.push_str(Word::PollUplinkOnly.get(lang));
    } else {
        s.push_str("  ");
        s.push_str(&terminal(&p.port));
        if !p.alias.is_empty() {
            s.push_str(&format!(" ({})", terminal(&p.alias)));
        }
    }
    if let Some(v) = p.vlan {
        s.push_str(&format!("  VLAN {v}"));
    }
    s
}

fn virtual_label(c: MacClass) -> &'static str {
    match c {
        MacClass::Hsrp => "HSRP",
        _ => "VRRP",
    }
}

/// The one-line advice shown under each heading.
pub fn what_to_do(class: usize, lang: Lang) -> &'static str {
    match class {
        1 => Word::AuditDoUndeclared.get(lang),
        2 => Word::AuditDoUnregistered.get(lang),
        3 => Word::AuditDoUnseen.get(lang),
        4 => Word::AuditDoMismatch.get(lang),
        _ => Word::AuditDoRemoteControl.get(lang),
    }
}

/// Writes the report for people, times in Asia/Tokyo.
pub fn write_text(r: &AuditReport, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    write_text_in(r, lang, &TimeZone::default(), w)
}

/// Writes the report for people, times in `tz` (the site's `timezone`).
pub fn write_text_in(
    r: &AuditReport,
    lang: Lang,
    tz: &TimeZone,
    w: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        w,
        "{}: {}",
        Word::AuditNetworkAudit.get(lang),
        terminal(&r.site)
    )?;
    writeln!(w, "{}:", Word::AuditScansUsed.get(lang))?;
    for s in &r.snapshots {
        let scopes: Vec<String> = s.scopes.iter().map(|n| n.to_string()).collect();
        write!(
            w,
            "  {}  {}  {}  {} {}",
            tz.local(s.started, lang),
            terminal(&s.interface),
            scopes.join(", "),
            Word::AuditHostsFound.get(lang),
            s.hosts
        )?;
        if s.partial {
            write!(w, "  {}", bracketed(Word::AuditPartialScan.get(lang), lang))?;
        }
        writeln!(w)?;
        for l in &s.limitations {
            writeln!(
                w,
                "    {}: {}",
                Word::AuditLimitation.get(lang),
                terminal(l)
            )?;
        }
        for d in &s.polled {
            writeln!(w, "    {}", polled_line(d, lang))?;
        }
    }
    let c = &r.coverage;
    writeln!(
        w,
        "{}",
        Word::AuditCoverage.fill(
            lang,
            &[&c.ledger_devices, &c.seen, &c.not_covered, &c.cannot_match]
        )
    )?;
    writeln!(w)?;

    // 1.
    heading(
        w,
        1,
        Word::AuditUndeclaredWaysOut.get(lang),
        r.undeclared_external.len(),
        lang,
    )?;
    for u in &r.undeclared_external {
        let who = match (&u.device, u.virtual_router) {
            (_, Some(vc)) => {
                format!(
                    "{} {}",
                    virtual_label(vc),
                    Word::AuditVirtualRouterAddress.get(lang)
                ) + &u
                    .device
                    .as_ref()
                    .map(|d| {
                        format!(
                            " ({} {})",
                            Word::AuditLedgerAtThisIp.get(lang),
                            device_label(d, lang)
                        )
                    })
                    .unwrap_or_default()
            }
            (Some(d), None) => device_label(d, lang),
            (None, None) => Word::AuditUnregisteredDevice.get(lang).to_string(),
        };
        let ev = sourced_evidence_labels(&u.evidence, &u.evidence_sources, lang);
        writeln!(
            w,
            "  - {} {}  {}\n      {}: {}",
            bracketed(confidence_label(u.confidence, lang), lang),
            who,
            host_label(&u.host, lang),
            Word::AuditEvidence.get(lang),
            ev.join(Word::EvidenceSeparator.get(lang))
        )?;
    }
    writeln!(w)?;

    write_outside_hours(r, lang, tz, w)?;

    // 2.
    let randomised = r.unregistered.iter().filter(|u| u.randomised_mac).count();
    let title = Word::AuditUnregisteredTitle.fill(lang, &[&randomised]);
    heading(w, 2, &title, r.unregistered.len(), lang)?;
    for u in &r.unregistered {
        writeln!(w, "  - {}", host_label(&u.host, lang))?;
        if u.randomised_mac {
            writeln!(w, "      {}", Word::AuditRandomisedMacLong.get(lang))?;
        }
        if let Some(d) = &u.ip_recorded_for {
            writeln!(
                w,
                "      {} {} ({})",
                Word::AuditIpRecordedForAnotherMac.get(lang),
                device_label(d, lang),
                d.mac.map(|m| m.to_string()).unwrap_or_default()
            )?;
        }
        if !u.external.is_empty() {
            writeln!(
                w,
                "      {}",
                Word::AuditShowsExternalFacingEvidence.get(lang)
            )?;
        }
        if !u.host.ports.is_empty() {
            let ports: Vec<String> = u
                .host
                .ports
                .iter()
                .map(|p| format!("{:?}/{}", p.proto, p.port).to_lowercase())
                .collect();
            writeln!(
                w,
                "      {}: {}",
                Word::AuditOpenPorts.get(lang),
                ports.join(" ")
            )?;
        }
    }
    writeln!(w)?;

    // 3.
    heading(
        w,
        3,
        Word::AuditLedgerButNotSeen.get(lang),
        r.unseen.len(),
        lang,
    )?;
    for u in &r.unseen {
        let d = &u.device;
        write!(
            w,
            "  - {}  {}  {}  {} {}",
            device_label(d, lang),
            d.ip.map_or_else(|| "-".to_string(), |i| i.to_string()),
            d.mac.map_or_else(|| "-".to_string(), |m| m.to_string()),
            Word::AuditSegment.get(lang),
            d.segment.as_deref().map(terminal).unwrap_or_default()
        )?;
        if !u.perimeter_of.is_empty() {
            let ids: Vec<String> = u
                .perimeter_of
                .iter()
                .map(|s| terminal(s).into_owned())
                .collect();
            let inner = format!(
                "{}: {}",
                Word::AuditPerimeterDeviceLineCircuit.get(lang),
                ids.join(", ")
            );
            write!(w, "  {}", bracketed(&inner, lang))?;
        }
        writeln!(w)?;
    }
    if c.not_covered > 0 {
        let segs: Vec<String> = c
            .unscanned_segments
            .iter()
            .map(|s| terminal(s).into_owned())
            .collect();
        let unscanned = if segs.is_empty() {
            String::new()
        } else {
            Word::AuditUnscannedSegments.fill(lang, &[&segs.join(", ")])
        };
        writeln!(
            w,
            "  {}",
            Word::AuditNotCovered.fill(lang, &[&c.not_covered, &unscanned])
        )?;
    }
    if c.partial_only > 0 {
        writeln!(
            w,
            "  {}",
            Word::AuditPartialOnly.fill(lang, &[&c.partial_only])
        )?;
    }
    if c.not_seen_in_window > 0 {
        writeln!(
            w,
            "  {}",
            Word::AuditNotSeenInWindow.fill(lang, &[&c.not_seen_in_window])
        )?;
    }
    writeln!(w)?;

    // 4.
    heading(
        w,
        4,
        Word::AuditMismatches.get(lang),
        r.mismatches.len(),
        lang,
    )?;
    for m in &r.mismatches {
        writeln!(w, "  - {}", mismatch_line(m, lang))?;
        for mac in m.macs() {
            if let Some(p) = r.mismatch_ports.iter().find(|p| p.mac == mac) {
                writeln!(
                    w,
                    "      {}: {}",
                    Word::PollPluggedIn.get(lang),
                    placement_label(p, lang)
                )?;
            }
        }
    }
    writeln!(w)?;

    // 5.
    heading(
        w,
        5,
        Word::AuditRemoteControlTitle.get(lang),
        r.remote_control.len(),
        lang,
    )?;
    for a in &r.remote_control {
        let who = a.device.as_ref().map_or_else(
            || Word::AuditUnregisteredDevice.get(lang).to_string(),
            |d| device_label(d, lang),
        );
        writeln!(
            w,
            "  - {}  {}\n      {}",
            who,
            host_label(&a.host, lang),
            remote_control_note(a, lang)
        )?;
    }

    if !r.ways_out.is_empty() {
        // 6.
        writeln!(w)?;
        let dates = r
            .ways_out_tables
            .unwrap_or_else(crate::identify::report::bundled_dates);
        crate::identify::report::write_text(&r.ways_out, dates, lang, w)?;
    }

    if !r.virtual_routers.is_empty()
        || !r.internal_routers.is_empty()
        || c.scanner_skipped > 0
        || !c.scanner_devices.is_empty()
    {
        writeln!(w)?;
        writeln!(w, "{}:", Word::AuditInformation.get(lang))?;
        for i in &r.internal_routers {
            let ev = evidence_labels(&i.evidence, lang);
            writeln!(
                w,
                "  - {} {}  {}\n      {}\n      {}: {}",
                bracketed(Word::AuditInternalRouting.get(lang), lang),
                internal_router_who(i, lang),
                host_label(&i.host, lang),
                internal_router_note(i, lang),
                Word::AuditEvidence.get(lang),
                ev.join(Word::EvidenceSeparator.get(lang))
            )?;
        }
        for v in &r.virtual_routers {
            writeln!(
                w,
                "  - {} {} {} {}  {}",
                virtual_label(v.class),
                Word::AuditVirtualRouterAddressGroup.get(lang),
                v.group,
                match &v.device_at_ip {
                    Some(d) => format!(
                        "({} {})",
                        Word::AuditLedger.get(lang),
                        device_label(d, lang)
                    ),
                    None => String::new(),
                },
                host_label(&v.host, lang)
            )?;
        }
        for id in &c.scanner_devices {
            writeln!(
                w,
                "  - {}",
                Word::AuditScannerIsDevice.fill(lang, &[&terminal(id)])
            )?;
        }
        if c.scanner_skipped > 0 {
            writeln!(w, "  - {}", Word::AuditScannerNotListed.get(lang))?;
        }
    }
    Ok(())
}

/// The maintenance-hours finding and the circuits not checked (written
/// only when a capture saw sessions on a circuit).
fn write_outside_hours(
    r: &AuditReport,
    lang: Lang,
    tz: &TimeZone,
    w: &mut dyn Write,
) -> io::Result<()> {
    if r.outside_hours.is_empty() && r.hours_not_checked.is_empty() {
        return Ok(());
    }
    writeln!(
        w,
        "{}",
        Word::AuditOutsideHoursHeading.fill(
            lang,
            &[
                &Word::AuditOutsideHoursTitle.get(lang),
                &r.outside_hours.len()
            ]
        )
    )?;
    if !r.outside_hours.is_empty() {
        writeln!(
            w,
            "  {}: {}",
            Word::AuditWhatDo.get(lang),
            Word::AuditDoOutsideHours.get(lang)
        )?;
    }
    for o in &r.outside_hours {
        writeln!(w, "  - {}", outside_hours_line(o, lang, tz))?;
        for c in &o.circuits {
            writeln!(
                w,
                "      {}",
                Word::AuditOutsideHoursCircuit.fill(
                    lang,
                    &[&terminal(&c.id), &terminal(&c.vendor), &terminal(&c.hours)]
                )
            )?;
        }
    }
    for n in &r.hours_not_checked {
        writeln!(
            w,
            "  {} {}",
            Word::AuditInformationPrefix.get(lang),
            hours_not_checked_note(n, lang)
        )?;
    }
    writeln!(w)
}

/// One session outside the hours: device, service, peer and local times.
pub fn outside_hours_line(o: &OutsideHours, lang: Lang, tz: &TimeZone) -> String {
    Word::AuditOutsideHoursLine.fill(
        lang,
        &[
            &device_label(&o.device, lang),
            &terminal(&o.service),
            &format!("{:?}/{}", o.proto, o.port).to_lowercase(),
            &o.peer,
            &tz.local(o.first, lang),
            &tz.local(o.last, lang),
        ],
    )
}

/// Why a circuit's sessions were not checked against its hours.
pub fn hours_not_checked_note(n: &HoursNotChecked, lang: Lang) -> String {
    let word = if n.on_request {
        Word::AuditHoursOnRequest
    } else {
        Word::AuditHoursUnread
    };
    word.fill(
        lang,
        &[
            &terminal(&n.circuit.id),
            &terminal(&n.circuit.hours),
            &n.sessions,
        ],
    )
}

fn internal_router_who(i: &InternalRouter, lang: Lang) -> String {
    match (&i.device, i.virtual_router) {
        (d, Some(vc)) => {
            format!(
                "{} {}",
                virtual_label(vc),
                Word::AuditVirtualRouterAddress.get(lang)
            ) + &d
                .as_ref()
                .map(|d| {
                    format!(
                        " ({} {})",
                        Word::AuditLedgerAtThisIp.get(lang),
                        device_label(d, lang)
                    )
                })
                .unwrap_or_default()
        }
        (Some(d), None) => device_label(d, lang),
        (None, None) => String::new(),
    }
}

/// What an internal router is and what to check, in words.
pub fn internal_router_note(i: &InternalRouter, lang: Lang) -> String {
    let what = match i.virtual_router {
        None => Word::AuditL3Switch.get(lang).to_string(),
        Some(vc) => Word::AuditInternalVirtualRouter.fill(lang, &[&virtual_label(vc)]),
    };
    Word::AuditRoutesCheckDefault.fill(lang, &[&what])
}

/// A host's remote-control services and whether declared maintenance
/// circuits explain them, in words.
pub fn remote_control_note(a: &RemoteControl, lang: Lang) -> String {
    let services: Vec<String> = a.services.iter().map(|e| service_label(e, lang)).collect();
    let services = services.join(", ");
    if a.circuits.is_empty() {
        Word::AuditNoCircuitExplains.fill(lang, &[&services])
    } else {
        let circuits: Vec<String> = a
            .circuits
            .iter()
            .map(|c| terminal(c).into_owned())
            .collect();
        Word::AuditReachedByCircuit.fill(lang, &[&services, &circuits.join(", ")])
    }
}

fn heading(w: &mut dyn Write, n: usize, title: &str, count: usize, lang: Lang) -> io::Result<()> {
    writeln!(
        w,
        "{}",
        Word::AuditHeading.fill(lang, &[&n, &title, &count])
    )?;
    if count == 0 {
        writeln!(w, "  {}", Word::AuditNone.get(lang))
    } else {
        writeln!(
            w,
            "  {}: {}",
            Word::AuditWhatDo.get(lang),
            what_to_do(n, lang)
        )
    }
}

/// One mismatch as one line (also the detail cell of the workbook).
pub(crate) fn mismatch_line(m: &Mismatch, lang: Lang) -> String {
    match m {
        Mismatch::IpDiffers { device, seen_ip } => format!(
            "{}: {} {} → {} {}",
            device_label(device, lang),
            Word::AuditLedgerIp.get(lang),
            device.ip.map(|i| i.to_string()).unwrap_or_default(),
            Word::AuditSeenAt.get(lang),
            seen_ip
        ),
        Mismatch::SegmentDiffers {
            device,
            seen_ip,
            seen_segment,
        } => format!(
            "{}: {} {} → {} {} ({})",
            device_label(device, lang),
            Word::AuditLedgerSegment.get(lang),
            device.segment.as_deref().map(terminal).unwrap_or_default(),
            Word::AuditSeenIn.get(lang),
            seen_segment.as_deref().map_or_else(
                || Word::AuditNoRecordedSegmentShort.get(lang).to_string(),
                |s| terminal(s).into_owned()
            ),
            seen_ip
        ),
        Mismatch::IpConflict { ip, macs, devices } => {
            let macs: Vec<String> = macs.iter().map(|m| m.to_string()).collect();
            let devs: Vec<String> = devices.iter().map(|d| device_label(d, lang)).collect();
            format!(
                "{} {}: {}{}",
                ip,
                Word::AuditAnsweredBySeveralMacs.get(lang),
                macs.join(", "),
                if devs.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", devs.join(", "))
                }
            )
        }
    }
}

/// Writes the report as JSON.
pub fn write_json(r: &AuditReport, w: &mut dyn Write) -> io::Result<()> {
    super::write_json_document(r, w)
}

/// Writes the findings as CSV for Excel, one row per finding (times in Asia/Tokyo).
pub fn write_csv(r: &AuditReport, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    write_csv_in(r, lang, &TimeZone::default(), w)
}

/// Writes the findings as CSV for Excel, times in `tz` (the site's `timezone`).
pub fn write_csv_in(
    r: &AuditReport,
    lang: Lang,
    tz: &TimeZone,
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut out = ExcelCsvWriter::new(w)?;
    let headers: [Word; CSV_COLUMNS] = [
        Word::AuditColClass,
        Word::AuditColConfidence,
        Word::AuditColDeviceId,
        Word::AuditColName,
        Word::AuditColKind,
        Word::AuditColIp,
        Word::AuditColMac,
        Word::AuditColVendor,
        Word::AuditColHostName,
        Word::AuditColSegment,
        Word::PollColSwitchPort,
        Word::AuditColDetail,
        Word::AuditColWhatToDo,
    ];
    out.write_row(headers.map(|c| c.get(lang)))?;
    // Where `koseizu poll` placed a host's MAC (empty without a poll).
    let port = |h: &SeenHost| {
        h.plugged_in
            .as_ref()
            .map(|p| placement_label(p, lang))
            .unwrap_or_default()
    };
    let class_name = |n: usize| match n {
        1 => Word::AuditUndeclaredWayOut.get(lang),
        2 => Word::AuditUnregisteredDevice.get(lang),
        3 => Word::AuditLedgerNotSeen.get(lang),
        4 => Word::AuditMismatch.get(lang),
        _ => Word::AuditClassRemoteControl.get(lang),
    };
    let opt = |s: Option<String>| s.unwrap_or_default();
    let dev_cells = |d: Option<&DeviceRef>| -> [String; 3] {
        match d {
            Some(d) => [d.id.clone(), d.name.clone(), d.kind.label(lang).to_string()],
            None => Default::default(),
        }
    };
    // A row about a ledger device itself (no host seen): its recorded
    // address and segment, no vendor, host name or switch port.
    let ledger_row = |class: String, d: &DeviceRef, detail: String, todo: &str| {
        let [id, name, kind] = dev_cells(Some(d));
        [
            class,
            String::new(),
            id,
            name,
            kind,
            opt(d.ip.map(|i| i.to_string())),
            opt(d.mac.map(|m| m.to_string())),
            String::new(),
            String::new(),
            opt(d.segment.clone()),
            String::new(),
            detail,
            todo.to_string(),
        ]
    };
    for u in &r.undeclared_external {
        let [id, name, kind] = dev_cells(u.device.as_ref());
        let ev = sourced_evidence_labels(&u.evidence, &u.evidence_sources, lang);
        let mut detail = ev.join("; ");
        if let Some(v) = u.virtual_router {
            detail = format!(
                "{} {}; {detail}",
                virtual_label(v),
                Word::AuditVirtualRouterAddress.get(lang)
            );
        }
        finding_row(
            &mut out,
            [
                class_name(1).to_string(),
                confidence_label(u.confidence, lang).to_string(),
                id,
                name,
                kind,
                u.host.ip.to_string(),
                opt(u.host.mac.map(|m| m.to_string())),
                opt(u.host.vendor.clone()),
                opt(u.host.hostname.clone()),
                opt(u.host.segment.clone()),
                port(&u.host),
                detail,
                what_to_do(1, lang).to_string(),
            ],
        )?;
    }
    for o in &r.outside_hours {
        let circuits: Vec<String> = o
            .circuits
            .iter()
            .map(|c| Word::AuditOutsideHoursCircuit.fill(lang, &[&c.id, &c.vendor, &c.hours]))
            .collect();
        let detail = format!(
            "{}; {}",
            outside_hours_line(o, lang, tz),
            circuits.join("; ")
        );
        finding_row(
            &mut out,
            ledger_row(
                Word::AuditClassOutsideHours.get(lang).to_string(),
                &o.device,
                detail,
                Word::AuditDoOutsideHours.get(lang),
            ),
        )?;
    }
    for u in &r.unregistered {
        let mut detail = Vec::new();
        if u.randomised_mac {
            detail.push(Word::AuditRandomisedMacShort.get(lang).to_string());
        }
        if let Some(d) = &u.ip_recorded_for {
            detail.push(format!(
                "{} {}",
                Word::AuditLedgerDeviceAtThisIp.get(lang),
                d.id
            ));
        }
        if !u.external.is_empty() {
            detail.push(Word::AuditExternalFacingEvidence.get(lang).to_string());
        }
        finding_row(
            &mut out,
            [
                class_name(2).to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                u.host.ip.to_string(),
                opt(u.host.mac.map(|m| m.to_string())),
                opt(u.host.vendor.clone()),
                opt(u.host.hostname.clone()),
                opt(u.host.segment.clone()),
                port(&u.host),
                detail.join("; "),
                what_to_do(2, lang).to_string(),
            ],
        )?;
    }
    for u in &r.unseen {
        let detail = if u.perimeter_of.is_empty() {
            String::new()
        } else {
            format!(
                "{}: {}",
                Word::AuditPerimeterDevice.get(lang),
                u.perimeter_of.join(", ")
            )
        };
        finding_row(
            &mut out,
            ledger_row(
                class_name(3).to_string(),
                &u.device,
                detail,
                what_to_do(3, lang),
            ),
        )?;
    }
    for m in &r.mismatches {
        let (dev, ip, mac, seg) = mismatch_cells(m);
        let [id, name, kind] = dev_cells(dev);
        let mismatch_port = m
            .macs()
            .iter()
            .filter_map(|mac| r.mismatch_ports.iter().find(|p| p.mac == *mac))
            .map(|p| placement_label(p, lang))
            .collect::<Vec<_>>()
            .join("; ");
        finding_row(
            &mut out,
            [
                class_name(4).to_string(),
                String::new(),
                id,
                name,
                kind,
                ip,
                opt(mac),
                String::new(),
                String::new(),
                opt(seg),
                mismatch_port,
                mismatch_line(m, lang),
                what_to_do(4, lang).to_string(),
            ],
        )?;
    }
    for a in &r.remote_control {
        let [id, name, kind] = dev_cells(a.device.as_ref());
        finding_row(
            &mut out,
            [
                class_name(5).to_string(),
                String::new(),
                id,
                name,
                kind,
                a.host.ip.to_string(),
                opt(a.host.mac.map(|m| m.to_string())),
                opt(a.host.vendor.clone()),
                opt(a.host.hostname.clone()),
                opt(a.host.segment.clone()),
                port(&a.host),
                remote_control_note(a, lang),
                what_to_do(5, lang).to_string(),
            ],
        )?;
    }
    for c in &r.ways_out {
        let seen = c.seen.as_ref().map_or_else(String::new, |s| {
            format!(
                "{} {} {}",
                s.make,
                s.product,
                s.firmware.as_deref().unwrap_or("")
            )
        });
        let mut detail: Vec<String> = vec![seen.trim().to_string()];
        if let Some(f) = &c.ledger.firmware {
            detail.push(format!("{} {f}", Word::IdLedger.get(lang)));
        }
        detail.extend(c.advisories.iter().map(|a| {
            format!(
                "{} ({})",
                a.cve,
                a.fixed
                    .as_deref()
                    .map_or_else(String::new, |f| Word::IdFixed.fill(lang, &[&f]))
            )
        }));
        detail.extend(
            c.flags
                .iter()
                .map(|f| crate::identify::report::flag_word(*f).get(lang).to_string()),
        );
        detail.retain(|d| !d.is_empty());
        finding_row(
            &mut out,
            [
                Word::IdTitle.get(lang).to_string(),
                String::new(),
                c.device.clone().unwrap_or_default(),
                c.name.clone().unwrap_or_default(),
                String::new(),
                c.ip.map(|ip| ip.to_string()).unwrap_or_default(),
                String::new(),
                c.ledger.make.clone().unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
                detail.join("; "),
                String::new(),
            ],
        )?;
    }
    let info = |what: &str| format!("{} {what}", Word::AuditInformationPrefix.get(lang));
    for i in &r.internal_routers {
        let [id, name, kind] = dev_cells(i.device.as_ref());
        let ev = evidence_labels(&i.evidence, lang);
        finding_row(
            &mut out,
            [
                info(Word::AuditInternalRouting.get(lang)),
                String::new(),
                id,
                name,
                kind,
                i.host.ip.to_string(),
                opt(i.host.mac.map(|m| m.to_string())),
                opt(i.host.vendor.clone()),
                opt(i.host.hostname.clone()),
                opt(i.host.segment.clone()),
                port(&i.host),
                format!("{}; {}", internal_router_note(i, lang), ev.join("; ")),
                String::new(),
            ],
        )?;
    }
    out.finish()?;
    Ok(())
}

/// Columns of the audit CSV: class, confidence, device id, name, kind, IP,
/// MAC, vendor, host name, segment, switch port, detail, what to do. Every
/// row has exactly these (a row of another length is a compile error).
const CSV_COLUMNS: usize = 13;

/// One finding row of the audit CSV.
fn finding_row<W: Write>(
    out: &mut ExcelCsvWriter<W>,
    cells: [String; CSV_COLUMNS],
) -> io::Result<()> {
    out.write_row(cells)
}

/// `s` in brackets: full-width in Japanese text (［確実］), ASCII in English.
fn bracketed(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("［{s}］"),
        Lang::En => format!("[{s}]"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::inventory::audit::audit;
    use crate::inventory::audit::tests::{circuit, device, host, session, site, snapshot};
    use crate::site::DeviceKind;

    fn hostile_report() -> AuditReport {
        let s = site(
            vec![("core", "192.168.1.0/24")],
            vec![device(
                "pc",
                DeviceKind::Pc,
                Some("00:1a:2b:00:00:01"),
                Some("192.168.1.5"),
                "core",
            )],
        );
        let mut h = host("192.168.1.66", Some("00:11:22:33:44:55"));
        h.vendor = Some("=HYPERLINK(\"http://evil.example/\",\"click\")".into());
        h.hostname = Some("evil\x1b[2J\u{202e}gpj.exe\nFAKE LINE".into());
        audit(&s, &[snapshot(&["192.168.1.0/24"], vec![h])])
    }

    #[test]
    fn outside_hours_and_the_capture_window_in_text_and_csv() {
        let r = outside_hours_report();
        assert_eq!(r.outside_hours.len(), 1);
        outside_hours_text_and_csv(&r);
    }

    /// An audit of a capture that saw an IKE session at 23:00 Tokyo on a
    /// circuit declared for weekdays 9:00-17:00, and an SSL-VPN session on
    /// an on-request circuit.
    pub(crate) fn outside_hours_report() -> AuditReport {
        let mut s = site(
            vec![("core", "192.168.1.0/24")],
            vec![
                device("vpn", DeviceKind::Vpn, None, Some("192.168.1.2"), "core"),
                device("pc", DeviceKind::Pc, None, Some("192.168.1.5"), "core"),
            ],
        );
        let mut c = circuit("MNT-01", "vpn");
        c.hours = "平日 9:00-17:00".into();
        c.vendor = "保守ベンダ\x1b[2J".into();
        let mut asked = circuit("MNT-02", "vpn");
        asked.hours = "申請時のみ".into();
        asked.method = "SSL-VPN".into();
        s.circuits = vec![c, asked];
        let mut snap = snapshot(&["192.168.1.0/24"], vec![host("192.168.1.2", None)]);
        snap.source = crate::snapshot::Source::Capture;
        snap.details = vec![
            session(
                "192.168.1.2",
                "198.19.0.7",
                "IKE",
                "2026-12-04T14:00:00Z",
                "2026-12-04T14:30:00Z",
            ),
            session(
                "192.168.1.2",
                "198.19.0.8",
                "SSL-VPN",
                "2026-12-04T14:00:00Z",
                "2026-12-04T14:30:00Z",
            ),
        ];
        audit(&s, &[snap])
    }

    fn outside_hours_text_and_csv(r: &AuditReport) {
        let r = r.clone();
        let mut out = Vec::new();
        write_text(&r, Lang::Ja, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("■ 保守回線の接続時間外のリモート接続: 1件"),
            "{text}"
        );
        assert!(
            text.contains(
                "IKE udp/500  相手 198.19.0.7  2026年12月4日 23:00 〜 2026年12月4日 23:30"
            ),
            "{text}"
        );
        assert!(text.contains("保守回線 MNT-01（保守ベンダ"), "{text}");
        assert!(text.contains("の接続時間: 平日 9:00-17:00"), "{text}");
        assert!(
            text.contains("保守回線 MNT-02（接続時間「申請時のみ」）: 申請時のみ"),
            "{text}"
        );
        assert!(!text.contains('\x1b'), "{text}");
        // The PC a capture did not see is "not seen in the window", not unseen.
        assert!(
            text.contains("■ 3. 台帳にあるが今回検出されなかった機器: 0件"),
            "{text}"
        );
        assert!(
            text.contains("うち 1台はキャプチャ・リース等の観測期間内に見えなかった機器"),
            "{text}"
        );
        let mut out = Vec::new();
        write_text(&r, Lang::En, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("peer 198.19.0.7  2026-12-04 23:00 (Asia/Tokyo)"),
            "{text}"
        );
        assert!(text.contains("not seen in the capture window"), "{text}");
        let mut out = Vec::new();
        write_csv(&r, Lang::Ja, &mut out).unwrap();
        let csv = String::from_utf8(out).unwrap();
        assert!(csv.contains("接続時間外のリモート接続"), "{csv}");
        let mut out = Vec::new();
        write_json(&r, &mut out).unwrap();
        let json = String::from_utf8(out).unwrap();
        assert!(json.contains("\"outside_hours\""), "{json}");
        assert!(json.contains("\"hours_not_checked\""), "{json}");
    }

    #[test]
    fn text_headings_counts_and_escaping() {
        let r = hostile_report();
        let mut out = Vec::new();
        write_text(&r, Lang::Ja, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("■ 1. 構成図に未記載の外部接続: 0件"),
            "{text}"
        );
        assert!(
            text.contains("■ 2. 台帳に未登録の機器（うちランダムMAC 0件）: 1件"),
            "{text}"
        );
        assert!(
            text.contains("■ 3. 台帳にあるが今回検出されなかった機器: 1件"),
            "{text}"
        );
        assert!(text.contains("■ 4. 台帳との不一致: 0件"), "{text}");
        assert!(text.contains("対処: 持ち込み機器か確認し"), "{text}");
        assert!(
            !text.contains('\x1b') && !text.contains('\u{202e}'),
            "{text}"
        );
        assert!(
            text.contains("evil\\u{1b}[2J\\u{202e}gpj.exe\\u{a}FAKE LINE"),
            "{text}"
        );
        assert!(!text.lines().any(|l| l.starts_with("FAKE LINE")));
        let mut out = Vec::new();
        write_text(&r, Lang::En, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("■ 2. Unregistered devices (0 with a randomised MAC): 1"),
            "{text}"
        );
    }

    #[test]
    fn csv_neutralises_hostile_vendor_and_round_trips() {
        let r = hostile_report();
        let mut out = Vec::new();
        write_csv(&r, Lang::Ja, &mut out).unwrap();
        assert!(out.starts_with(crate::excel::UTF8_BOM));
        let mut rd = csv::Reader::from_reader(out.as_slice());
        let headers = rd.headers().unwrap().clone();
        assert_eq!(&headers[0], "区分");
        let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][0], "台帳に未登録の機器");
        assert_eq!(
            &rows[0][7],
            "'=HYPERLINK(\"http://evil.example/\",\"click\")"
        );
        assert_eq!(&rows[1][2], "pc");
    }

    #[test]
    fn hostile_evidence_of_a_way_out_is_escaped_in_text_and_neutralised_in_csv() {
        use crate::snapshot::{ExternalEvidence, Proto};
        let s = site(vec![("core", "192.168.1.0/24")], vec![]);
        let mut h = host("192.168.1.254", Some("00:11:22:33:44:55"));
        h.vendor = Some("-2+3\r\nforged,row".into());
        h.external = vec![
            ExternalEvidence::Service {
                proto: Proto::Tcp,
                port: 3389,
                what: "RDP\x1b[2K\u{202e}".into(),
            },
            ExternalEvidence::Vendor {
                organization: "Evil\nFAKE LINE".into(),
            },
        ];
        let r = audit(&s, &[snapshot(&["192.168.1.0/24"], vec![h])]);
        assert_eq!(r.undeclared_external.len(), 1);
        for lang in [Lang::Ja, Lang::En] {
            let mut out = Vec::new();
            write_text(&r, lang, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(!text.contains('\x1b') && !text.contains('\u{202e}') && !text.contains('\r'));
            assert!(text.contains("RDP\\u{1b}[2K\\u{202e}"), "{text}");
            assert!(!text
                .lines()
                .any(|l| l.starts_with("FAKE LINE") || l.starts_with("forged")));
        }
        let mut out = Vec::new();
        write_csv(&r, Lang::En, &mut out).unwrap();
        let body = &out[crate::excel::UTF8_BOM.len()..];
        let mut rd = csv::Reader::from_reader(body);
        let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
        // One row per finding (the way out, the unregistered host, the RDP
        // listener in list 5), the vendor cell kept whole, as text.
        assert_eq!(rows.len(), 3, "{rows:?}");
        for row in &rows {
            assert!(row.iter().any(|c| c == "'-2+3\r\nforged,row"), "{row:?}");
            assert!(
                row.iter().all(|c| !crate::excel::is_formula_like(c)),
                "{row:?}"
            );
        }
    }

    #[test]
    fn the_switch_port_column_and_the_polled_devices_sys_descr() {
        let mut r = hostile_report();
        let mac: crate::mac::MacAddr = "00:11:22:33:44:55".parse().unwrap();
        r.unregistered[0].host.plugged_in = Some(Placement {
            mac,
            device: "sw1".into(),
            device_name: "部門系スイッチ 2F".into(),
            port: "Gi1/0/14".into(),
            alias: "=cmd|' /C calc'!A0".into(),
            vlan: Some(20),
            uplink_only: false,
        });
        r.snapshots[0].polled = vec![PolledSystem {
            device: "sw1".into(),
            name: "部門系スイッチ 2F".into(),
            ip: "192.168.1.2".parse().unwrap(),
            sys_descr: Some(
                "Cisco IOS Software, C2960X Software, Version 15.2(7)E8\r\nTechnical Support\u{202e}"
                    .into(),
            ),
        }];
        let mut out = Vec::new();
        write_csv(&r, Lang::Ja, &mut out).unwrap();
        let mut rd = csv::Reader::from_reader(&out[crate::excel::UTF8_BOM.len()..]);
        let headers = rd.headers().unwrap().clone();
        assert_eq!(&headers[9], "セグメント");
        assert_eq!(&headers[10], "接続先（スイッチ・ポート・VLAN）");
        let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
        assert!(rows.iter().all(|row| row.len() == headers.len()));
        assert_eq!(
            &rows[0][10],
            "部門系スイッチ 2F  Gi1/0/14 (=cmd|' /C calc'!A0)  VLAN 20"
        );
        // The ledger device not seen has no port.
        assert_eq!(&rows[1][10], "");

        let mut out = Vec::new();
        write_text(&r, Lang::Ja, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains(
                "    部門系スイッチ 2F (sw1, 192.168.1.2)  機種・ファームウェア (sysDescr): Cisco IOS Software, C2960X Software, Version 15.2(7)E8 Technical Support\\u{202e}\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("接続先: 部門系スイッチ 2F  Gi1/0/14"),
            "{text}"
        );
        let mut out = Vec::new();
        write_json(&r, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["snapshots"][0]["polled"][0]["device"], "sw1");
    }

    #[test]
    fn json_is_the_report() {
        let r = hostile_report();
        let mut out = Vec::new();
        write_json(&r, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["unregistered"][0]["host"]["ip"], "192.168.1.66");
        assert_eq!(v["unseen"][0]["device"]["id"], "pc");
    }
}
