//! Resolving what staff type after `--from` into one node of the site.
//!
//! On the phone people say whatever they have in front of them: the asset
//! number on the sticker, the PC's name, the IP from the ransom-note popup,
//! the MAC from the switch's table (in that switch's spelling), the system's
//! name. Ids win over addresses, addresses over names, so a device named like
//! another's id is still reachable by its own id.

use std::net::IpAddr;

use serde::Serialize;

use crate::graph::{InventoryGraph, UnregisteredHost};
use crate::mac::MacAddr;
use crate::site::{Device, Site};

/// A resolved compromised node (indices into the site's vectors or the scan marks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", content = "index", rename_all = "kebab-case")]
pub enum Target {
    /// `site.devices[i]`.
    Device(usize),
    /// `site.systems[i]`.
    System(usize),
    /// `site.lines[i]`.
    Line(usize),
    /// `site.circuits[i]`.
    Circuit(usize),
    /// `site.clouds[i]`.
    Cloud(usize),
    /// `graph.marks.unregistered[i]`.
    Unregistered(usize),
    /// `site.segments[i]` (a whole segment taken over, e.g. a flat VLAN).
    Segment(usize),
}

/// Why `--from` names no single node.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// Nothing matches; the closest ids and names are suggested.
    #[error("--from {query:?}: no device, system, line, circuit, cloud, IP or MAC matches{}", did_you_mean(.suggestions))]
    Unknown {
        /// What was asked.
        query: String,
        /// Closest ids and names, closest first (in English).
        suggestions: Vec<String>,
        /// The same suggestions, typed, for a message in the user's language.
        suggested: Vec<Candidate>,
    },
    /// More than one node matches (e.g. two devices share a name).
    #[error("--from {query:?} matches more than one node: {}; give its id instead", .candidates.join(", "))]
    Ambiguous {
        /// What was asked.
        query: String,
        /// Every match, described (in English).
        candidates: Vec<String>,
        /// The same matches, typed, for a message in the user's language.
        matched: Vec<Candidate>,
    },
}

/// What kind of record a [`Candidate`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateKind {
    /// A ledger device.
    Device,
    /// A system.
    System,
    /// A line.
    Line,
    /// A maintenance circuit (its "name" is its vendor).
    Circuit,
    /// A cloud service.
    Cloud,
    /// A host the scans found that is in no record.
    Unregistered,
    /// A segment (`segments.csv`).
    Segment,
}

/// A record `--from` may have meant, for people: what it is, its id (the IP
/// for an unregistered host), its name, and which of the two matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// What it is.
    pub kind: CandidateKind,
    /// Its id (the IP for an unregistered host).
    pub id: String,
    /// Its name (the vendor for a circuit, the MAC for a host), maybe empty.
    pub name: String,
    /// Its segment id, for a device.
    pub segment: Option<String>,
    /// True when the name (not the id) is what came close to the query.
    pub by_name: bool,
}

fn did_you_mean(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", s.join(", "))
    }
}

/// How many names an unknown `--from` suggests.
const SUGGESTIONS: usize = 5;

/// Finds the node `query` names: an id, an IP, a MAC (any spelling) or a name.
pub fn resolve(site: &Site, graph: &InventoryGraph, query: &str) -> Result<Target, ResolveError> {
    let q = query.trim();
    let describe = |t: &Target| describe(site, graph, t);
    let pick = |found: Vec<Target>| -> Option<Result<Target, ResolveError>> {
        match found.len() {
            0 => None,
            1 => Some(Ok(found[0])),
            _ => Some(Err(ResolveError::Ambiguous {
                query: q.to_string(),
                candidates: found.iter().map(describe).collect(),
                matched: found
                    .iter()
                    .map(|t| candidate(site, graph, t, false))
                    .collect(),
            })),
        }
    };
    if q.is_empty() {
        return Err(ResolveError::Unknown {
            query: q.to_string(),
            suggestions: Vec::new(),
            suggested: Vec::new(),
        });
    }

    // 1. Ids, exactly as written.
    let by_id: Vec<Target> = matching(site, |id, _| id == q);
    if let Some(r) = pick(by_id) {
        return r;
    }
    // 2. Addresses: ledger first, then hosts the scans found.
    let by_address = |dev: &dyn Fn(&Device) -> bool, host: &dyn Fn(&UnregisteredHost) -> bool| {
        let devices = site.devices.iter().enumerate().filter(|(_, d)| dev(d));
        pick(devices.map(|(i, _)| Target::Device(i)).collect()).or_else(|| {
            let hosts = graph.marks.unregistered.iter().enumerate();
            pick(
                hosts
                    .filter(|(_, h)| host(h))
                    .map(|(i, _)| Target::Unregistered(i))
                    .collect(),
            )
        })
    };
    if let Ok(ip) = q.parse::<IpAddr>() {
        if let Some(r) = by_address(&|d| d.ip == Some(ip), &|h| h.ip == ip) {
            return r;
        }
    }
    if let Ok(mac) = q.parse::<MacAddr>() {
        if let Some(r) = by_address(&|d| d.mac == Some(mac), &|h| h.mac == Some(mac)) {
            return r;
        }
    }
    // 3. Names: exact, then ignoring case, width and surrounding spaces.
    if let Some(r) = pick(matching(site, |_, name| !name.is_empty() && name == q)) {
        return r;
    }
    let nq = normalise(q);
    if let Some(r) = pick(matching(site, |id, name| {
        normalise(id) == nq || (!name.is_empty() && normalise(name) == nq)
    })) {
        return r;
    }
    // 4. Segments, only when nothing else matches (so that no answer of
    // the other kinds changes): id, then name, then loosely.
    let segments = |pred: &dyn Fn(&str, &str) -> bool| {
        pick(
            site.segments
                .iter()
                .enumerate()
                .filter(|(_, s)| pred(&s.id, &s.name))
                .map(|(i, _)| Target::Segment(i))
                .collect(),
        )
    };
    if let Some(r) = segments(&|id, _| id == q)
        .or_else(|| segments(&|_, name| !name.is_empty() && name == q))
        .or_else(|| {
            segments(&|id, name| normalise(id) == nq || (!name.is_empty() && normalise(name) == nq))
        })
    {
        return r;
    }
    let (suggestions, suggested) = suggest(site, graph, &nq).into_iter().unzip();
    Err(ResolveError::Unknown {
        query: q.to_string(),
        suggestions,
        suggested,
    })
}

/// Every record whose (id, name) satisfies `pred`, in file order by kind.
fn matching(site: &Site, pred: impl Fn(&str, &str) -> bool) -> Vec<Target> {
    let mut v = Vec::new();
    v.extend(
        site.devices
            .iter()
            .enumerate()
            .filter(|(_, d)| pred(&d.id, &d.name))
            .map(|(i, _)| Target::Device(i)),
    );
    v.extend(
        site.systems
            .iter()
            .enumerate()
            .filter(|(_, s)| pred(&s.id, &s.name))
            .map(|(i, _)| Target::System(i)),
    );
    v.extend(
        site.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| pred(&l.id, &l.name))
            .map(|(i, _)| Target::Line(i)),
    );
    v.extend(
        site.circuits
            .iter()
            .enumerate()
            .filter(|(_, c)| pred(&c.id, ""))
            .map(|(i, _)| Target::Circuit(i)),
    );
    v.extend(
        site.clouds
            .iter()
            .enumerate()
            .filter(|(_, c)| pred(&c.id, &c.name))
            .map(|(i, _)| Target::Cloud(i)),
    );
    v
}

/// Lower case, full-width ASCII folded to ASCII, inner whitespace removed.
fn normalise(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// "device dev-01 (受付PC)" — how a candidate is shown in errors.
pub(crate) fn describe(site: &Site, graph: &InventoryGraph, t: &Target) -> String {
    let with_name = |kind: &str, id: &str, name: &str| {
        if name.is_empty() || name == id {
            format!("{kind} {id}")
        } else {
            format!("{kind} {id} ({name})")
        }
    };
    match *t {
        Target::Device(i) => {
            let d = &site.devices[i];
            let mut s = with_name("device", &d.id, &d.name);
            if let Some(seg) = &d.segment {
                s.push_str(&format!(" in {seg}"));
            }
            s
        }
        Target::System(i) => with_name("system", &site.systems[i].id, &site.systems[i].name),
        Target::Line(i) => with_name("line", &site.lines[i].id, &site.lines[i].name),
        Target::Circuit(i) => with_name("circuit", &site.circuits[i].id, &site.circuits[i].vendor),
        Target::Cloud(i) => with_name("cloud", &site.clouds[i].id, &site.clouds[i].name),
        Target::Segment(i) => with_name("segment", &site.segments[i].id, &site.segments[i].name),
        Target::Unregistered(i) => {
            let h = &graph.marks.unregistered[i];
            match h.mac {
                Some(m) => format!("unregistered host {} ({m})", h.ip),
                None => format!("unregistered host {}", h.ip),
            }
        }
    }
}

/// `t` as a [`Candidate`] (`by_name`: its name is what matched).
fn candidate(site: &Site, graph: &InventoryGraph, t: &Target, by_name: bool) -> Candidate {
    let c = |kind, id: &str, name: &str, segment: Option<&String>| Candidate {
        kind,
        id: id.to_string(),
        name: name.to_string(),
        segment: segment.cloned(),
        by_name,
    };
    match *t {
        Target::Device(i) => {
            let d = &site.devices[i];
            c(CandidateKind::Device, &d.id, &d.name, d.segment.as_ref())
        }
        Target::System(i) => c(
            CandidateKind::System,
            &site.systems[i].id,
            &site.systems[i].name,
            None,
        ),
        Target::Line(i) => c(
            CandidateKind::Line,
            &site.lines[i].id,
            &site.lines[i].name,
            None,
        ),
        Target::Circuit(i) => c(
            CandidateKind::Circuit,
            &site.circuits[i].id,
            &site.circuits[i].vendor,
            None,
        ),
        Target::Cloud(i) => c(
            CandidateKind::Cloud,
            &site.clouds[i].id,
            &site.clouds[i].name,
            None,
        ),
        Target::Unregistered(i) => {
            let h = &graph.marks.unregistered[i];
            let mac = h.mac.map(|m| m.to_string()).unwrap_or_default();
            c(CandidateKind::Unregistered, &h.ip.to_string(), &mac, None)
        }
        Target::Segment(i) => c(
            CandidateKind::Segment,
            &site.segments[i].id,
            &site.segments[i].name,
            None,
        ),
    }
}

/// The ids and names closest to `nq` by edit distance (ties in file order),
/// in English and typed.
fn suggest(site: &Site, graph: &InventoryGraph, nq: &str) -> Vec<(String, Candidate)> {
    let mut scored: Vec<(usize, usize, String, Candidate)> = Vec::new();
    let mut add = |key: &str, shown: String, t: Target, by_name: bool| {
        if key.is_empty() {
            return;
        }
        let d = strsim::levenshtein(&normalise(key), nq);
        let cand = candidate(site, graph, &t, by_name);
        scored.push((d, scored.len(), shown, cand));
    };
    for (i, d) in site.devices.iter().enumerate() {
        add(
            &d.id,
            format!("{} (device {})", d.id, d.name),
            Target::Device(i),
            false,
        );
        add(
            &d.name,
            format!("{} (device {})", d.name, d.id),
            Target::Device(i),
            true,
        );
    }
    for (i, s) in site.systems.iter().enumerate() {
        add(
            &s.id,
            format!("{} (system {})", s.id, s.name),
            Target::System(i),
            false,
        );
        add(
            &s.name,
            format!("{} (system {})", s.name, s.id),
            Target::System(i),
            true,
        );
    }
    for (i, l) in site.lines.iter().enumerate() {
        add(
            &l.id,
            format!("{} (line {})", l.id, l.name),
            Target::Line(i),
            false,
        );
        add(
            &l.name,
            format!("{} (line {})", l.name, l.id),
            Target::Line(i),
            true,
        );
    }
    for (i, c) in site.circuits.iter().enumerate() {
        add(
            &c.id,
            format!("{} (circuit, {})", c.id, c.vendor),
            Target::Circuit(i),
            false,
        );
    }
    for (i, c) in site.clouds.iter().enumerate() {
        add(
            &c.id,
            format!("{} (cloud {})", c.id, c.name),
            Target::Cloud(i),
            false,
        );
        add(
            &c.name,
            format!("{} (cloud {})", c.name, c.id),
            Target::Cloud(i),
            true,
        );
    }
    for (i, h) in graph.marks.unregistered.iter().enumerate() {
        add(
            &h.ip.to_string(),
            format!("{} (unregistered host)", h.ip),
            Target::Unregistered(i),
            false,
        );
    }
    for (i, s) in site.segments.iter().enumerate() {
        add(
            &s.id,
            format!("{} (segment {})", s.id, s.name),
            Target::Segment(i),
            false,
        );
        add(
            &s.name,
            format!("{} (segment {})", s.name, s.id),
            Target::Segment(i),
            true,
        );
    }
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<(String, Candidate)> = Vec::new();
    for (_, _, s, c) in scored {
        if out.len() == SUGGESTIONS {
            break;
        }
        if !out.iter().any(|(shown, _)| *shown == s) {
            out.push((s, c));
        }
    }
    out
}
