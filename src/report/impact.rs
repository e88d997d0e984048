//! The one-page text answer IT staff read aloud on the phone (Japanese or English).

use std::io::{self, Write};

use crate::impact::{
    CallEntry, CutLink, EntryKind, ExternalConnection, ExternalKind, Impact, KindCount, NodeRef,
    Route, ScopeFlow, Via,
};
use crate::site::{DeviceKind, FlowKind, Lang, Site};
use crate::text::clean::terminal;
use crate::text::Word;

/// How much of each list the text prints before summarising the rest.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// Routes.
    routes: usize,
    /// Segments, one per line.
    segments: usize,
    /// Systems, data flows and ways out.
    items: usize,
}

/// The one-page answer: read aloud, a list longer than this is not heard.
const SHORT: Limits = Limits {
    routes: 6,
    segments: 12,
    items: 6,
};

/// Every route, segment, system, flow and way out (`impact --all`).
const ALL: Limits = Limits {
    routes: usize::MAX,
    segments: usize::MAX,
    items: usize::MAX,
};

/// "…ほか N件（全M件は --all で表示できます）" after the first `shown` of `total`.
fn more_line(lang: Lang, shown: usize, total: usize) -> Option<String> {
    (total > shown).then(|| Word::ImpactMore.fill(lang, &[&(total - shown), &total]))
}

/// The first `shown` of `items` joined, with the count of the rest.
fn summarise(lang: Lang, items: &[String], shown: usize) -> String {
    if items.is_empty() {
        return "-".to_string();
    }
    let mut s = Word::ImpactInAll.fill(lang, &[&items.len()]);
    s.push_str(&items[..items.len().min(shown)].join(Word::ImpactListSeparator.get(lang)));
    if let Some(more) = more_line(lang, shown, items.len()) {
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
    let mut s = format!("{} ", bracketed(entry_word(lang, r.entry), lang));
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
        // In Japanese the details stand in （…）: no bracket inside them.
        let inner = |s: &str| match lang {
            Lang::Ja => crate::text::unnested(&terminal(s)),
            Lang::En => terminal(s).into_owned(),
        };
        s.push_str(&Word::ImpactCircuitDetail.fill(
            lang,
            &[&inner(&c.vendor), &inner(&c.method), &inner(&c.hours)],
        ));
    }
    if !r.through.is_empty() {
        let names: Vec<String> = r.through.iter().map(|n| label(n, lang)).collect();
        let names = names.join(Word::ImpactListSeparator.get(lang));
        s.push_str(&Word::ImpactRequiresBreaking.fill(lang, &[&names]));
    }
    s
}

/// Whom to ask for a change on the network, from the records: a device's
/// maintainer (the vendor of the system it belongs to, as in systems.csv),
/// and the network's maintainer (the one who maintains most of the
/// switches, routers and firewalls).
struct Ask<'a> {
    site: Option<&'a Site>,
}

impl Ask<'_> {
    /// The maintainer of the device `id`, if the records name one.
    fn device(&self, id: &str) -> Option<String> {
        let site = self.site?;
        let d = site.device(id)?;
        let vendor = site.system(d.system.as_deref()?)?.vendor.trim();
        (!vendor.is_empty()).then(|| terminal(vendor).into_owned())
    }

    /// The maintainer of the device a line ends at.
    fn line(&self, id: &str) -> Option<String> {
        self.device(self.site?.line(id)?.device.as_deref()?)
    }

    /// The maintainer of most of the network devices.
    fn network(&self) -> Option<String> {
        let site = self.site?;
        let mut counts: Vec<(String, usize)> = Vec::new();
        for d in site.devices.iter().filter(|d| {
            matches!(
                d.kind,
                DeviceKind::Switch | DeviceKind::Router | DeviceKind::Firewall
            )
        }) {
            if let Some(v) = self.device(&d.id) {
                match counts.iter_mut().find(|(name, _)| *name == v) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((v, 1)),
                }
            }
        }
        // The first of the most common: stable in ledger order.
        let best = counts.iter().map(|(_, n)| *n).max()?;
        counts.into_iter().find(|(_, n)| *n == best).map(|(v, _)| v)
    }
}

/// A containment action phrased for the person at the switch, naming whom
/// to ask where the records tell.
fn cut_line(lang: Lang, c: &CutLink, ask: &Ask<'_>) -> String {
    let mut s = cut_action(lang, c);
    let short =
        |n: &NodeRef| terminal(if n.name.is_empty() { &n.id } else { &n.name }).into_owned();
    let request = match c {
        CutLink::LineFromDevice { device, .. } => ask
            .device(&device.id)
            .map(|who| Word::ImpactAskBlockAt.fill(lang, &[&short(device), &who])),
        CutLink::CircuitAtDevice { circuit, .. } => (!circuit.name.is_empty())
            .then(|| Word::ImpactAskStopCircuit.fill(lang, &[&terminal(&circuit.name)])),
        CutLink::CircuitOnLine { line, .. } => ask
            .line(&line.id)
            .map(|who| Word::ImpactAskDisableAccount.fill(lang, &[&who])),
        CutLink::SegmentFromSegment { .. } => Some(ask.network().map_or_else(
            || Word::ImpactAskRoutingSomeone.get(lang).to_owned(),
            |who| Word::ImpactAskRouting.fill(lang, &[&who]),
        )),
        CutLink::CloudFromSegment { .. } | CutLink::OutsideFromSegment { .. } => ask
            .network()
            .map(|who| Word::ImpactAskRouting.fill(lang, &[&who])),
        CutLink::CloudOnLine { line, .. } => ask
            .line(&line.id)
            .map(|who| Word::ImpactAskChange.fill(lang, &[&who])),
        _ => None,
    };
    if let Some(r) = request {
        s.push_str(&r);
    }
    s
}

/// The action itself.
fn cut_action(lang: Lang, c: &CutLink) -> String {
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

/// One line of the call list, laid out like the manual's 外部連絡先一覧:
/// the organisation, whom to ask for, how to reach them, and what it is
/// about (the systems and circuits concerned, the owner inside the hospital).
#[derive(Default)]
struct CallLine {
    org: String,
    role: String,
    contact: String,
    phone: String,
    email: String,
    url: String,
    targets: Vec<String>,
    owners: Vec<String>,
    inside: bool,
}

/// How a contact inside the hospital is recognised (contacts.csv names its
/// own IT room 「…（院内）」, role 「院内窓口」): the manual's 報告ルート starts there.
const INSIDE: &str = "院内";

impl CallLine {
    /// Adds what `c` says to this line, keeping what it already has.
    fn add(&mut self, lang: Lang, c: &CallEntry) {
        let fill = |field: &mut String, v: &str| {
            if field.is_empty() {
                v.clone_into(field);
            }
        };
        let push = |list: &mut Vec<String>, v: String| {
            if !v.is_empty() && !list.contains(&v) {
                list.push(v);
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
                fill(&mut self.org, vendor);
                fill(&mut self.contact, contact);
                fill(&mut self.phone, phone);
                fill(&mut self.email, email);
                push(&mut self.targets, label(system, lang));
                push(&mut self.owners, owner.clone());
            }
            CallEntry::CircuitVendor {
                circuit,
                vendor,
                contact,
                phone,
            } => {
                fill(&mut self.org, vendor);
                fill(&mut self.contact, contact);
                fill(&mut self.phone, phone);
                push(&mut self.targets, label(circuit, lang));
            }
            CallEntry::SiteContact {
                name,
                role,
                phone,
                email,
                url,
            } => {
                fill(&mut self.org, name);
                // 「個人情報保護委員会（個人情報保護委員会）」 says nothing twice.
                if !name.contains(role.as_str()) {
                    fill(&mut self.role, role);
                }
                fill(&mut self.phone, phone);
                fill(&mut self.email, email);
                fill(&mut self.url, url);
                self.inside |= name.contains(INSIDE) || role.contains(INSIDE);
            }
        }
    }

    /// The line as read: 「阿波ネットワークサービス株式会社: 担当 西岡 拓也、電話 …（対象: …。院内の責任者: …）」.
    fn text(&self, lang: Lang) -> String {
        let sep = Word::ImpactListSeparator.get(lang);
        let mut who = terminal(if self.org.is_empty() { "-" } else { &self.org }).into_owned();
        if !self.role.is_empty() {
            let role = terminal(&self.role);
            let role = match lang {
                // In Japanese the role stands in （…）: no bracket inside it.
                Lang::Ja => crate::text::unnested(&role),
                Lang::En => role.into_owned(),
            };
            who.push_str(&Word::ImpactCallRole.fill(lang, &[&role]));
        }
        let fields: Vec<String> = [
            (Word::ImpactContactPerson.get(lang), &self.contact),
            (Word::ImpactPhone.get(lang), &self.phone),
            (Word::ImpactEmail.get(lang), &self.email),
            ("", &self.url),
        ]
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
        let mut about = Vec::new();
        if !self.targets.is_empty() {
            about.push(Word::ImpactCallFor.fill(lang, &[&self.targets.join(sep)]));
        }
        if !self.owners.is_empty() {
            let owners: Vec<String> = self
                .owners
                .iter()
                .map(|o| terminal(o).into_owned())
                .collect();
            about.push(Word::ImpactCallOwner.fill(lang, &[&owners.join(sep)]));
        }
        let mut line = format!(
            "{who}: {}",
            if fields.is_empty() {
                "-".to_string()
            } else {
                fields.join(sep)
            }
        );
        if !about.is_empty() {
            line.push_str(&Word::ImpactCallAbout.fill(
                lang,
                &[&about.join(Word::ImpactCallAboutSeparator.get(lang))],
            ));
        }
        line
    }
}

/// The call list read aloud: entries reaching the same phone number are one
/// line (a vendor maintaining five systems is one call), the hospital's own
/// contacts first (the manual's 報告ルート starts inside), then first come first.
fn call_lines(lang: Lang, calls: &[CallEntry]) -> Vec<String> {
    let mut lines: Vec<CallLine> = Vec::new();
    let mut by_phone: std::collections::HashMap<String, usize> = Default::default();
    for c in calls {
        let phone = match c {
            CallEntry::System { phone, .. }
            | CallEntry::CircuitVendor { phone, .. }
            | CallEntry::SiteContact { phone, .. } => phone,
        };
        let key: String = phone.chars().filter(char::is_ascii_digit).collect();
        let i = match by_phone.get(&key).filter(|_| !key.is_empty()) {
            Some(&i) => i,
            None => {
                if !key.is_empty() {
                    by_phone.insert(key, lines.len());
                }
                lines.push(CallLine::default());
                lines.len() - 1
            }
        };
        lines[i].add(lang, c);
    }
    // A stable sort: inside first, the rest in the order given.
    lines.sort_by_key(|l| !l.inside);
    lines.iter().map(|l| l.text(lang)).collect()
}

/// `s` in brackets: full-width in Japanese text (［直接］), ASCII in English.
fn bracketed(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("［{s}］"),
        Lang::En => format!("[{s}]"),
    }
}

/// Writes the text answer: one page, the longest lists cut short with a
/// count of the rest.
pub fn write_text(imp: &Impact, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    write_text_within(imp, lang, SHORT, &Ask { site: None }, w)
}

/// Like [`write_text`] (every list in full with `all`), the containment
/// steps naming whom to ask from `site`'s records: a device's maintainer
/// (its system's vendor), the network's maintainer for routing changes,
/// the circuit's vendor for a maintenance circuit.
pub fn write_text_for(
    imp: &Impact,
    site: &Site,
    lang: Lang,
    all: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    let limits = if all { ALL } else { SHORT };
    write_text_within(imp, lang, limits, &Ask { site: Some(site) }, w)
}

/// Writes the text answer with every route, segment, system, data flow and
/// way out (`impact --all`): the full lists for staff, in the same words.
pub fn write_text_all(imp: &Impact, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    write_text_within(imp, lang, ALL, &Ask { site: None }, w)
}

fn write_text_within(
    imp: &Impact,
    lang: Lang,
    limits: Limits,
    ask: &Ask<'_>,
    w: &mut dyn Write,
) -> io::Result<()> {
    let l = lang;
    writeln!(w, "{}: {}", Word::ImpactTitle.get(l), terminal(&imp.site))?;
    writeln!(
        w,
        "{}: {}",
        Word::ImpactCompromised.get(l),
        label(&imp.from, l)
    )?;
    // The flat-network assumption, said once for routes, scope and containment.
    if imp.routes.iter().any(|r| r.flat_assumption)
        || imp.scope.flat_assumption
        || imp.containment.flat_assumption
    {
        writeln!(w, "{}", Word::ImpactScopeFlatNote.get(l))?;
    }
    writeln!(w)?;

    writeln!(w, "■ {}", Word::ImpactIntrusionRoutesDirectFirst.get(l))?;
    if imp.routes.is_empty() {
        writeln!(w, "  {}", Word::ImpactNoRouteFromOutside.get(l))?;
    }
    for (i, r) in imp.routes.iter().take(limits.routes).enumerate() {
        writeln!(w, "  {}. {}", i + 1, route_line(l, r))?;
    }
    if imp.routes.len() > limits.routes {
        let more = imp.routes.len() - limits.routes;
        writeln!(w, "  {}", Word::ImpactMoreRoutes.fill(l, &[&more]))?;
    }
    writeln!(w)?;

    let s = &imp.scope;
    writeln!(w, "■ {}", Word::ImpactScope.get(l))?;
    for seg in s.segments.iter().take(limits.segments) {
        let how = match (seg.distance, seg.flat) {
            (0, _) => Word::ImpactOwnSegment.get(l).to_string(),
            (1, false) => Word::ImpactDirect.get(l).to_string(),
            (1, true) => Word::ImpactDirectFlat.get(l).to_string(),
            (d, false) => Word::ImpactHops.fill(l, &[&d]),
            (d, true) => Word::ImpactHopsFlat.fill(l, &[&d]),
        };
        let mut line = format!(
            "  {} {}: {}",
            label(&seg.segment, l),
            bracketed(&how, l),
            kinds(l, &seg.devices)
        );
        if seg.unregistered > 0 {
            line.push_str(&Word::ImpactSegmentUnregistered.fill(l, &[&seg.unregistered]));
        }
        writeln!(w, "{line}")?;
    }
    if s.segments.len() > limits.segments {
        let more = s.segments.len() - limits.segments;
        writeln!(w, "  {}", Word::ImpactMoreSegments.fill(l, &[&more]))?;
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
        summarise(l, &labels(&s.systems), limits.items)
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
    for f in flows.iter().take(limits.items) {
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
    if let Some(more) = more_line(l, limits.items, flows.len()) {
        writeln!(w, "    {more}")?;
    }
    writeln!(
        w,
        "  {}: {}",
        Word::ImpactClouds.get(l),
        summarise(l, &labels(&s.clouds), limits.items)
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
                Some(at) => format!(
                    "{what}{}{}",
                    label(&e.node, l),
                    Word::ImpactAt.fill(l, &[&label(at, l)])
                ),
                None => format!("{what}{}", label(&e.node, l)),
            }
        })
        .collect();
    writeln!(
        w,
        "  {}: {}",
        Word::ImpactWaysOutSpreadLeak.get(l),
        summarise(l, &ext, limits.items)
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
        writeln!(w, "  {}. {}", i + 1, cut_line(l, cut, ask))?;
    }
    if !c.media.is_empty() {
        let names: Vec<String> = c.media.iter().map(|n| label(n, l)).collect();
        writeln!(
            w,
            "  {}",
            Word::ImpactAlsoStopMedia.fill(l, &[&names.join(Word::ImpactListSeparator.get(l))])
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
