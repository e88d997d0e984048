//! The one-page text answer IT staff read aloud on the phone (Japanese or English).

use std::io::{self, Write};

use crate::impact::{
    CallEntry, CutLink, EntryKind, ExternalConnection, ExternalKind, Impact, KindCount, NodeRef,
    Route, ScopeFlow, Via,
};
use crate::site::{FlowKind, Lang};
use crate::text::clean::terminal;
use crate::text::Word;

/// Routes printed in text; the JSON lists all of them.
const TEXT_ROUTES: usize = 6;
/// Segments printed one per line in text before summarising the rest.
const TEXT_SEGMENTS: usize = 12;
/// Systems, data flows and ways out named in text before summarising the
/// rest (read aloud, a list longer than this is not heard).
const TEXT_ITEMS: usize = 6;

/// "…ほか N件 (全M件は --format json で)" after the first `shown` of `total`.
fn more_line(lang: Lang, shown: usize, total: usize) -> Option<String> {
    (total > shown).then(|| Word::ImpactMore.fill(lang, &[&(total - shown), &total]))
}

/// The first `TEXT_ITEMS` of `items` joined, with the count of the rest.
fn summarise(lang: Lang, items: &[String]) -> String {
    if items.is_empty() {
        return "-".to_string();
    }
    let mut s = Word::ImpactInAll.fill(lang, &[&items.len()]);
    s.push_str(&items[..items.len().min(TEXT_ITEMS)].join(", "));
    if let Some(more) = more_line(lang, TEXT_ITEMS, items.len()) {
        s.push(' ');
        s.push_str(&more);
    }
    s
}

/// A node's label for a terminal (names come from the ledger: hostile text).
fn label(n: &NodeRef, lang: Lang) -> String {
    terminal(&n.label(lang)).into_owned()
}

fn kinds(lang: Lang, counts: &[KindCount]) -> String {
    counts
        .iter()
        .map(|k| format!("{} {}", k.kind.label(lang), k.count))
        .collect::<Vec<_>>()
        .join(", ")
}

fn entry_word(lang: Lang, k: EntryKind) -> &'static str {
    match k {
        EntryKind::Line => Word::ImpactLine.get(lang),
        EntryKind::Circuit => Word::ImpactMaintenanceCircuit.get(lang),
        EntryKind::Cloud => Word::ImpactCloud.get(lang),
        EntryKind::MediaHandoff => Word::ImpactMediaHandOff.get(lang),
        EntryKind::OutsideNetworkFlow => Word::ImpactOutsideNetworkFlow.get(lang),
        EntryKind::UndeclaredExternal => Word::AuditUndeclaredWayOut.get(lang),
        EntryKind::UnregisteredExternal => Word::ImpactUnregisteredHostFacingOutside.get(lang),
    }
}

/// One route as a line of hops.
fn route_line(lang: Lang, r: &Route) -> String {
    let mut s = format!("[{}] ", entry_word(lang, r.entry));
    for (i, h) in r.hops.iter().enumerate() {
        if i > 0 {
            match &h.via {
                Some(Via::MediaFlow { description }) => s.push_str(&format!(
                    " ={}: {}=> ",
                    Word::ImpactUsbMedia.get(lang),
                    terminal(description)
                )),
                Some(Via::NetworkFlow { description }) if !description.is_empty() => {
                    s.push_str(&format!(" ={}=> ", terminal(description)))
                }
                _ => s.push_str(" → "),
            }
        }
        s.push_str(&label(&h.node, lang));
    }
    if r.hops.len() == 1 {
        s.push_str(Word::ImpactXItselfWay.get(lang));
    }
    if let Some(c) = &r.circuit {
        s.push_str(&Word::ImpactCircuitDetail.fill(
            lang,
            &[
                &terminal(&c.vendor),
                &terminal(&c.method),
                &terminal(&c.hours),
            ],
        ));
    }
    if !r.through.is_empty() {
        let names: Vec<String> = r.through.iter().map(|n| label(n, lang)).collect();
        let names = names.join(Word::ImpactListSeparator.get(lang));
        s.push_str(&Word::ImpactRequiresBreaking.fill(lang, &[&names]));
    }
    s
}

/// A containment action phrased for the person at the switch.
fn cut_line(lang: Lang, c: &CutLink) -> String {
    let l = |n: &NodeRef| label(n, lang);
    match c {
        CutLink::LineFromDevice { line, device } => {
            let mut s = Word::ImpactCutLineFromDevice.fill(lang, &[&l(line), &l(device)]);
            // The Japanese instruction names the line's id once more.
            if lang == Lang::Ja {
                s.push_str(&Word::ImpactCutLineIdNote.fill(lang, &[&terminal(&line.id)]));
            }
            s
        }
        CutLink::CircuitAtDevice { circuit, device } => Word::ImpactCutCircuitAtDevice
            .fill(lang, &[&l(circuit), &terminal(&circuit.name), &l(device)]),
        CutLink::CircuitOnLine { circuit, line } => Word::ImpactCutCircuitOnLine
            .fill(lang, &[&l(circuit), &terminal(&circuit.name), &l(line)]),
        CutLink::DeviceFromSegment { device, segment } => {
            Word::ImpactCutDeviceFromSegment.fill(lang, &[&l(device), &l(segment)])
        }
        CutLink::SegmentFromCore { segment } => {
            // The Japanese instruction names the uplink by the segment's
            // label; the English one says "its uplink".
            let uplink = match lang {
                Lang::Ja => l(segment),
                Lang::En => Word::ImpactIts.get(lang).to_string(),
            };
            Word::ImpactCutSegmentFromCore.fill(lang, &[&terminal(&segment.name), &uplink])
        }
        CutLink::SegmentFromSegment { a, b } => {
            Word::ImpactCutSegmentFromSegment.fill(lang, &[&l(a), &l(b)])
        }
        CutLink::CloudOnLine { cloud, line } => {
            Word::ImpactCutCloudOnLine.fill(lang, &[&l(cloud), &l(line)])
        }
        CutLink::CloudFromSegment { cloud, segment } => {
            Word::ImpactCutCloudFromSegment.fill(lang, &[&l(cloud), &l(segment)])
        }
        CutLink::OutsideFromSegment { party, segment } => {
            Word::ImpactCutOutsideFromSegment.fill(lang, &[&l(party), &l(segment)])
        }
        CutLink::UndeclaredWayOut { device } => {
            Word::ImpactCutUndeclaredWayOut.fill(lang, &[&l(device)])
        }
    }
}

/// "電話 X, メール Y" with the empty fields left out.
fn present(fields: &[(&str, &String)]) -> String {
    let parts: Vec<String> = fields
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| {
            if k.is_empty() {
                terminal(v).into_owned()
            } else {
                format!("{k} {}", terminal(v))
            }
        })
        .collect();
    if parts.is_empty() {
        "-".to_string()
    } else {
        parts.join(", ")
    }
}

/// Who a call entry is ("システム 電子カルテ (SYS-EHR)"), what to say to
/// reach them (owner, vendor, phone...), and the phone number that groups
/// entries reaching the same person.
fn call_parts(lang: Lang, c: &CallEntry) -> (String, String, String) {
    let or_dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            terminal(s).into_owned()
        }
    };
    match c {
        CallEntry::System {
            system,
            owner,
            vendor,
            contact,
            phone,
            email,
        } => {
            let detail = Word::ImpactCallSystem.fill(
                lang,
                &[
                    &or_dash(owner),
                    &or_dash(vendor),
                    &or_dash(contact),
                    &or_dash(phone),
                    &or_dash(email),
                ],
            );
            (label(system, lang), detail, phone.clone())
        }
        CallEntry::CircuitVendor {
            circuit,
            vendor,
            contact,
            phone,
        } => (
            Word::ImpactCallCircuitVendor.fill(lang, &[&label(circuit, lang), &terminal(vendor)]),
            Word::ImpactCallContactPhone.fill(lang, &[&or_dash(contact), &or_dash(phone)]),
            phone.clone(),
        ),
        CallEntry::SiteContact {
            name,
            role,
            phone,
            email,
            url,
        } => {
            let detail = present(&[
                (Word::ImpactPhone.get(lang), phone),
                (Word::ImpactEmail.get(lang), email),
                ("", url),
            ]);
            (
                format!("{} ({})", terminal(name), or_dash(role)),
                detail,
                phone.clone(),
            )
        }
    }
}

/// The call list read aloud: entries reaching the same phone number are one
/// line (a vendor maintaining five systems is one call), first come first.
fn call_lines(lang: Lang, calls: &[CallEntry]) -> Vec<String> {
    let mut groups: Vec<(Vec<String>, String)> = Vec::new();
    let mut by_phone: std::collections::HashMap<String, usize> = Default::default();
    for c in calls {
        let (label, detail, phone) = call_parts(lang, c);
        let key: String = phone.chars().filter(char::is_ascii_digit).collect();
        match by_phone.get(&key).filter(|_| !key.is_empty()) {
            Some(&i) => groups[i].0.push(label),
            None => {
                if !key.is_empty() {
                    by_phone.insert(key, groups.len());
                }
                groups.push((vec![label], detail));
            }
        }
    }
    groups
        .into_iter()
        .map(|(labels, detail)| format!("{}: {detail}", labels.join(" / ")))
        .collect()
}

/// Writes the text answer.
pub fn write_text(imp: &Impact, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let l = lang;
    writeln!(w, "{}: {}", Word::ImpactTitle.get(l), terminal(&imp.site))?;
    writeln!(
        w,
        "{}: {}",
        Word::ImpactCompromised.get(l),
        label(&imp.from, l)
    )?;
    writeln!(w)?;

    writeln!(w, "■ {}", Word::ImpactIntrusionRoutesDirectFirst.get(l))?;
    if imp.routes.is_empty() {
        writeln!(w, "  {}", Word::ImpactNoRouteFromOutside.get(l))?;
    }
    for (i, r) in imp.routes.iter().take(TEXT_ROUTES).enumerate() {
        writeln!(w, "  {}. {}", i + 1, route_line(l, r))?;
    }
    if imp.routes.len() > TEXT_ROUTES {
        let more = imp.routes.len() - TEXT_ROUTES;
        writeln!(w, "  {}", Word::ImpactMoreRoutes.fill(l, &[&more]))?;
    }
    if imp.routes.iter().any(|r| r.flat_assumption) {
        writeln!(w, "  {}", Word::ImpactRoutesFlatNote.get(l))?;
    }
    writeln!(w)?;

    let s = &imp.scope;
    writeln!(w, "■ {}", Word::ImpactScope.get(l))?;
    for seg in s.segments.iter().take(TEXT_SEGMENTS) {
        let how = match (seg.distance, seg.flat) {
            (0, _) => Word::ImpactOwnSegment.get(l).to_string(),
            (1, false) => Word::ImpactDirect.get(l).to_string(),
            (1, true) => Word::ImpactDirectFlat.get(l).to_string(),
            (d, false) => Word::ImpactHops.fill(l, &[&d]),
            (d, true) => Word::ImpactHopsFlat.fill(l, &[&d]),
        };
        let mut line = format!(
            "  {} [{}]: {}",
            label(&seg.segment, l),
            how,
            kinds(l, &seg.devices)
        );
        if seg.unregistered > 0 {
            line.push_str(&Word::ImpactSegmentUnregistered.fill(l, &[&seg.unregistered]));
        }
        writeln!(w, "{line}")?;
    }
    if s.segments.len() > TEXT_SEGMENTS {
        let more = s.segments.len() - TEXT_SEGMENTS;
        writeln!(w, "  {}", Word::ImpactMoreSegments.fill(l, &[&more]))?;
    }
    if s.flat_assumption {
        writeln!(w, "  {}", Word::ImpactScopeFlatNote.get(l))?;
    }
    writeln!(
        w,
        "  {}",
        Word::ImpactDevicesTotal.fill(l, &[&s.device_total, &kinds(l, &s.devices)])
    )?;
    let labels = |v: &[NodeRef]| v.iter().map(|n| label(n, l)).collect::<Vec<_>>();
    writeln!(
        w,
        "  {}: {}",
        Word::ImpactSystems.get(l),
        summarise(l, &labels(&s.systems))
    )?;
    // Flows out of the hospital and USB/media hand-offs first: those are
    // what leaks.
    let mut flows: Vec<&ScopeFlow> = s.flows.iter().collect();
    flows.sort_by_key(|f| (!f.leaves_hospital, f.kind != FlowKind::Media));
    let leaving = flows.iter().filter(|f| f.leaves_hospital).count();
    let media = flows.iter().filter(|f| f.kind == FlowKind::Media).count();
    writeln!(
        w,
        "  {}",
        Word::ImpactFlowsTotal.fill(l, &[&flows.len(), &leaving, &media])
    )?;
    for f in flows.iter().take(TEXT_ITEMS) {
        let kind = match f.kind {
            FlowKind::Media => Word::ImpactUsbMedia.get(l),
            FlowKind::Network => Word::ImpactNetwork.get(l),
        };
        let out = if f.leaves_hospital {
            Word::ImpactLeavesHospital.get(l)
        } else {
            ""
        };
        writeln!(
            w,
            "    {} → {} ({kind}: {}){out}",
            label(&f.from, l),
            label(&f.to, l),
            terminal(&f.description)
        )?;
    }
    if let Some(more) = more_line(l, TEXT_ITEMS, flows.len()) {
        writeln!(w, "    {more}")?;
    }
    writeln!(
        w,
        "  {}: {}",
        Word::ImpactClouds.get(l),
        summarise(l, &labels(&s.clouds))
    )?;
    // Undeclared ways out first: nobody else knows of them.
    let mut external: Vec<&ExternalConnection> = s.external.iter().collect();
    external.sort_by_key(|e| {
        !matches!(
            e.kind,
            ExternalKind::UndeclaredExternal | ExternalKind::UnregisteredExternal
        )
    });
    let ext: Vec<String> = external
        .iter()
        .map(|e| {
            let what = match e.kind {
                ExternalKind::UndeclaredExternal => Word::ImpactUndeclaredWayOutAt.get(l),
                ExternalKind::UnregisteredExternal => {
                    Word::ImpactUnregisteredHostFacingOutsideAt.get(l)
                }
                _ => "",
            };
            match &e.at {
                Some(at) => format!("{what}{} @ {}", label(&e.node, l), label(at, l)),
                None => format!("{what}{}", label(&e.node, l)),
            }
        })
        .collect();
    writeln!(
        w,
        "  {}: {}",
        Word::ImpactWaysOutSpreadLeak.get(l),
        summarise(l, &ext)
    )?;
    writeln!(w)?;

    let c = &imp.containment;
    writeln!(w, "■ {}", Word::ImpactContainmentCutTheseLinks.get(l))?;
    if let Some(x) = &c.isolate_first {
        writeln!(
            w,
            "  0. {}",
            Word::ImpactIsolateFirst.fill(l, &[&label(x, l)])
        )?;
    }
    for p in &c.shut_ports {
        let port = if p.placement.alias.is_empty() {
            terminal(&p.placement.port).into_owned()
        } else {
            format!(
                "{} ({})",
                terminal(&p.placement.port),
                terminal(&p.placement.alias)
            )
        };
        writeln!(
            w,
            "  0. {}  [{}]",
            Word::PollShutPort.fill(l, &[&terminal(&p.placement.device_name), &port]),
            label(&p.node, l)
        )?;
    }
    if c.cut.is_empty() {
        writeln!(w, "  {}", Word::ImpactNoNetworkLinkCut.get(l))?;
    }
    for (i, cut) in c.cut.iter().enumerate() {
        writeln!(w, "  {}. {}", i + 1, cut_line(l, cut))?;
    }
    if c.flat_assumption {
        writeln!(w, "  {}", Word::ImpactContainmentFlatNote.get(l))?;
    }
    if !c.media.is_empty() {
        let names: Vec<String> = c.media.iter().map(|n| label(n, l)).collect();
        writeln!(
            w,
            "  {}",
            Word::ImpactAlsoStopMedia.fill(l, &[&names.join(", ")])
        )?;
    }
    writeln!(w)?;

    writeln!(w, "■ {}", Word::ImpactWhomCallThisOrder.get(l))?;
    if imp.contacts.is_empty() {
        writeln!(w, "  {}", Word::ImpactNoContactsRecordedSystems.get(l))?;
    }
    for (i, call) in call_lines(l, &imp.contacts).iter().enumerate() {
        writeln!(w, "  {}. {call}", i + 1)?;
    }
    Ok(())
}

/// Writes the JSON form (for tools).
pub fn write_json(imp: &Impact, w: &mut dyn Write) -> io::Result<()> {
    super::write_json_document(imp, w)
}
