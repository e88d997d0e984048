//! Checks across files: references between records, addresses against
//! their segment, flow endpoints, and the records implied by absent files.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use ipnetwork::IpNetwork;

use super::model::*;
use super::table::Headers;
use super::FileState;
use crate::problem::{Problem, Problems};
use crate::text::{Lang, Word};

/// The files whose records refer to each other.
pub(crate) struct Files {
    pub(crate) segments: FileState<Segment>,
    pub(crate) devices: FileState<Device>,
    pub(crate) systems: FileState<System>,
    pub(crate) lines: FileState<Line>,
    pub(crate) circuits: FileState<Circuit>,
    pub(crate) clouds: FileState<Cloud>,
    pub(crate) flows: FileState<Flow>,
}

/// The records after the checks, with implied segments and systems added.
pub(crate) struct Checked {
    pub(crate) segments: Vec<Segment>,
    pub(crate) devices: Vec<Device>,
    pub(crate) systems: Vec<System>,
    pub(crate) lines: Vec<Line>,
    pub(crate) circuits: Vec<Circuit>,
    pub(crate) clouds: Vec<Cloud>,
    pub(crate) flows: Vec<Flow>,
}

/// The ids of one target file, or why references to it are not checked.
enum Targets<'a> {
    /// File absent: every reference dangles.
    Absent,
    /// File unusable: its own errors are reported; references are not checked.
    Unknown,
    /// The ids it defines, and the names that several of its records share
    /// (with their ids), to explain why such a name does not resolve.
    Ids(HashSet<&'a str>, HashMap<&'a str, Vec<&'a str>>),
}

impl<'a> Targets<'a> {
    fn of<T>(state: &'a FileState<T>, id: impl Fn(&'a T) -> &'a str) -> Self {
        match state {
            FileState::Absent => Targets::Absent,
            FileState::Broken => Targets::Unknown,
            FileState::Read(r) => Targets::Ids(r.records.iter().map(id).collect(), HashMap::new()),
        }
    }

    /// Like [`Targets::of`] for records that may be referred to by name.
    fn with_names<T>(
        state: &'a FileState<T>,
        id_and_name: impl Fn(&'a T) -> (&'a str, &'a str),
    ) -> Self {
        let mut targets = Self::of(state, |t| id_and_name(t).0);
        if let (Targets::Ids(ids, shared), FileState::Read(r)) = (&mut targets, state) {
            let mut by_name: HashMap<&str, Vec<&str>> = HashMap::new();
            for (id, name) in r.records.iter().map(&id_and_name) {
                if name != id && !ids.contains(name) {
                    by_name.entry(name).or_default().push(id);
                }
            }
            shared.extend(by_name.into_iter().filter(|(_, ids)| ids.len() > 1));
        }
        targets
    }
}

/// Reports a reference from `at` (column `header`) to `value` that no record
/// of `target_file` defines.
fn check_ref(
    targets: &Targets<'_>,
    target_file: &str,
    at: &SourceRef,
    header: &str,
    value: &str,
    problems: &mut Problems,
) {
    let problem = Problem::error(&at.file, Some(at.line), "").at_cell(header, value);
    let problem = match targets {
        Targets::Unknown => return,
        Targets::Ids(ids, _) if ids.contains(value) => return,
        Targets::Ids(ids, shared) => match shared.get(value) {
            Some(named) => problem.said_each(
                Word::MsgNoSuchIdShared,
                &[&target_file, &named.len(), &named.join(", ")],
                &[&target_file, &named.len(), &named.join("、")],
            ),
            None => {
                let close = close_ids(value, ids.iter().copied());
                if close.is_empty() {
                    problem.said(Word::MsgNoSuchId, &[&target_file])
                } else {
                    problem.said_each(
                        Word::MsgNoSuchIdMeant,
                        &[&target_file, &close.join(" or ")],
                        &[&target_file, &close.join("、")],
                    )
                }
            }
        },
        // A missing ledger is one error of its own (naming the columns it
        // needs); every reference into it would only repeat it.
        Targets::Absent if target_file == "devices.csv" => return,
        Targets::Absent => problem.said(Word::MsgTargetAbsent, &[&target_file]),
    };
    problems.push(problem);
}

/// `s` without its digits.
fn skeleton(s: &str) -> String {
    s.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// The ids close to a mistyped `value` (the same but for case, or a letter
/// or two off in a longer id), nearest first, at most three: what the writer most likely meant.
fn close_ids<'a>(value: &str, ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = value.to_lowercase();
    // In a short id every character counts: `S9` is not a typo of `S1`.
    let limit = match wanted.chars().count() {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    };
    let mut close: Vec<(usize, &str)> = ids
        .filter_map(|id| {
            let id_lower = id.to_lowercase();
            let d = strsim::levenshtein(&id_lower, &wanted);
            // `SYS9` and `SYS1`, `PC-101` and `PC-110`: other numbers are
            // other records, not typos.
            let other_number = d > 0 && skeleton(&id_lower) == skeleton(&wanted);
            (d <= limit && !other_number).then_some((d, id))
        })
        .collect();
    close.sort_unstable();
    close.into_iter().take(3).map(|(_, id)| id).collect()
}

/// Names that identify exactly one record and are no record's id, mapped
/// to that record's id.
fn names_to_ids<T>(
    state: &FileState<T>,
    id_and_name: impl Fn(&T) -> (&String, &String),
) -> HashMap<String, String> {
    let FileState::Read(r) = state else {
        return HashMap::new();
    };
    let ids: HashSet<&str> = r
        .records
        .iter()
        .map(|t| id_and_name(t).0.as_str())
        .collect();
    let mut by_name: HashMap<String, Option<String>> = HashMap::new();
    for t in &r.records {
        let (id, name) = id_and_name(t);
        if name != id && !ids.contains(name.as_str()) {
            by_name
                .entry(name.clone())
                .and_modify(|v| *v = None)
                .or_insert_with(|| Some(id.clone()));
        }
    }
    by_name
        .into_iter()
        .filter_map(|(name, id)| Some((name, id?)))
        .collect()
}

/// Replaces a reference written as a record's name by the record's id.
fn resolve(names: &HashMap<String, String>, value: &mut String) {
    if let Some(id) = names.get(value.as_str()) {
        value.clone_from(id);
    }
}

/// The first and last address of a network as numbers, with its family.
fn address_range(net: &IpNetwork) -> (bool, u128, u128) {
    match net {
        IpNetwork::V4(n) => {
            let start = u128::from(u32::from(n.network()));
            let host_bits = 32 - u32::from(n.prefix());
            (false, start, start | ((1u128 << host_bits) - 1))
        }
        IpNetwork::V6(n) => {
            let start = u128::from(n.network());
            let host_bits = 128 - u32::from(n.prefix());
            let span = if host_bits == 128 {
                u128::MAX
            } else {
                (1u128 << host_bits) - 1
            };
            (true, start, start | span)
        }
    }
}

/// Warns about segments whose subnets overlap: usually a typo, and it makes
/// "which segment is this host in" ambiguous. Sorting by start address finds
/// every overlapping segment in O(n log n).
fn overlapping_subnets(segments: &[Segment], headers: &Headers, problems: &mut Problems) {
    let mut ranges: Vec<((bool, u128, u128), &Segment)> = segments
        .iter()
        .filter_map(|s| Some((address_range(&s.cidr?), s)))
        .collect();
    ranges.sort_by_key(|((v6, start, end), s)| (*v6, *start, std::cmp::Reverse(*end), s.at.line));
    // The segment reaching furthest so far, per family.
    let mut widest: Option<((bool, u128, u128), &Segment)> = None;
    for &(range, seg) in &ranges {
        match widest {
            Some((w, wseg)) if w.0 == range.0 && range.1 <= w.2 => {
                let cidr = seg.cidr.map(|c| c.to_string()).unwrap_or_default();
                let other = wseg.cidr.map(|c| c.to_string()).unwrap_or_default();
                problems.push(
                    Problem::warning_said(
                        &seg.at.file,
                        Some(seg.at.line),
                        Word::MsgOverlaps,
                        &[&wseg.id, &other, &wseg.at.line],
                    )
                    .at_cell(headers.get("cidr"), cidr),
                );
                if range.2 > w.2 {
                    widest = Some((range, seg));
                }
            }
            _ => widest = Some((range, seg)),
        }
    }
}

/// Checks every reference and address; returns the records with implied
/// segments and systems added for absent `segments.csv`/`systems.csv`.
pub(crate) fn references(files: Files, problems: &mut Problems) -> Checked {
    let mut segments_state = files.segments;
    let mut systems_state = files.systems;
    let mut devices_state = files.devices;
    let lines_state = files.lines;
    let mut circuits_state = files.circuits;
    let mut clouds_state = files.clouds;
    let flows_state = files.flows;

    // Absent segments.csv/systems.csv: the values other files name are the
    // segments and systems (the decision for small sites that keep only a ledger).
    if matches!(segments_state, FileState::Absent) {
        let mut implied: Vec<Segment> = Vec::new();
        if let FileState::Read(r) = &devices_state {
            for d in &r.records {
                if let Some(s) = &d.segment {
                    if !implied.iter().any(|i| &i.id == s) {
                        implied.push(Segment {
                            id: s.clone(),
                            name: s.clone(),
                            cidr: None,
                            zone: None,
                            vlan: None,
                            connects: Vec::new(),
                            notes: String::new(),
                            at: d.at.clone(),
                        });
                    }
                }
            }
        }
        if !implied.is_empty() {
            let ids: Vec<&str> = implied.iter().map(|s| s.id.as_str()).collect();
            problems.push(Problem::warning("segments.csv", None, "").said_each(
                Word::MsgSegmentsAbsent,
                &[
                    &implied.len(),
                    &ids.join(Word::MsgListSeparator.get(Lang::En)),
                ],
                &[
                    &implied.len(),
                    &ids.join(Word::MsgListSeparator.get(Lang::Ja)),
                ],
            ));
            segments_state = FileState::Read(super::read::Read {
                records: implied,
                headers: Headers::default(),
            });
        }
    }
    if matches!(systems_state, FileState::Absent) {
        let mut implied: Vec<System> = Vec::new();
        let mut imply = |id: &str, at: &SourceRef| {
            if !implied.iter().any(|i| i.id == id) {
                implied.push(System {
                    id: id.to_owned(),
                    name: id.to_owned(),
                    vendor: String::new(),
                    owner: String::new(),
                    contact: String::new(),
                    phone: String::new(),
                    email: String::new(),
                    notes: String::new(),
                    at: at.clone(),
                });
            }
        };
        if let FileState::Read(r) = &devices_state {
            for d in &r.records {
                if let Some(s) = &d.system {
                    imply(s, &d.at);
                }
            }
        }
        if let FileState::Read(r) = &circuits_state {
            for c in &r.records {
                if let Some(s) = &c.system {
                    imply(s, &c.at);
                }
            }
        }
        if let FileState::Read(r) = &clouds_state {
            for c in &r.records {
                for s in &c.systems {
                    imply(s, &c.at);
                }
            }
        }
        if !implied.is_empty() {
            let ids: Vec<&str> = implied.iter().map(|s| s.id.as_str()).collect();
            problems.push(Problem::warning("systems.csv", None, "").said_each(
                Word::MsgSystemsAbsent,
                &[
                    &implied.len(),
                    &ids.join(Word::MsgListSeparator.get(Lang::En)),
                ],
                &[
                    &implied.len(),
                    &ids.join(Word::MsgListSeparator.get(Lang::Ja)),
                ],
            ));
            systems_state = FileState::Read(super::read::Read {
                records: implied,
                headers: Headers::default(),
            });
        }
    }

    // Staff often type a segment's, system's or line's name where its id
    // belongs; a name that is unique (and no record's id) means its record.
    let segment_names = names_to_ids(&segments_state, |s: &Segment| (&s.id, &s.name));
    let system_names = names_to_ids(&systems_state, |s: &System| (&s.id, &s.name));
    let line_names = names_to_ids(&lines_state, |l: &Line| (&l.id, &l.name));
    if let FileState::Read(r) = &mut segments_state {
        for s in &mut r.records {
            s.connects
                .iter_mut()
                .for_each(|c| resolve(&segment_names, c));
        }
    }
    if let FileState::Read(r) = &mut devices_state {
        for d in &mut r.records {
            d.segment
                .iter_mut()
                .for_each(|v| resolve(&segment_names, v));
            d.system.iter_mut().for_each(|v| resolve(&system_names, v));
        }
    }
    if let FileState::Read(r) = &mut circuits_state {
        for c in &mut r.records {
            c.system.iter_mut().for_each(|v| resolve(&system_names, v));
            c.line.iter_mut().for_each(|v| resolve(&line_names, v));
        }
    }
    if let FileState::Read(r) = &mut clouds_state {
        for c in &mut r.records {
            c.systems.iter_mut().for_each(|v| resolve(&system_names, v));
            c.line.iter_mut().for_each(|v| resolve(&line_names, v));
        }
    }

    {
        let seg_ids = Targets::with_names(&segments_state, |s: &Segment| (&s.id, &s.name));
        let dev_ids = Targets::of(&devices_state, |d: &Device| d.id.as_str());
        let sys_ids = Targets::with_names(&systems_state, |s: &System| (&s.id, &s.name));
        let line_ids = Targets::with_names(&lines_state, |l: &Line| (&l.id, &l.name));

        if let FileState::Read(r) = &segments_state {
            let h = &r.headers;
            overlapping_subnets(&r.records, h, problems);
            for s in &r.records {
                for c in &s.connects {
                    check_ref(
                        &seg_ids,
                        "segments.csv",
                        &s.at,
                        h.get("connects"),
                        c,
                        problems,
                    );
                }
            }
        }
        if let FileState::Read(r) = &devices_state {
            let h = &r.headers;
            let cidrs: HashMap<&str, &Segment> = match &segments_state {
                FileState::Read(s) => s.records.iter().map(|s| (s.id.as_str(), s)).collect(),
                _ => HashMap::new(),
            };
            for d in &r.records {
                if let Some(s) = &d.segment {
                    check_ref(
                        &seg_ids,
                        "segments.csv",
                        &d.at,
                        h.get("segment"),
                        s,
                        problems,
                    );
                    if let (Some(ip), Some(seg)) = (d.ip, cidrs.get(s.as_str())) {
                        if let Some(net) = seg.cidr.filter(|n| !n.contains(ip)) {
                            problems.push(
                                Problem::warning_said(
                                    &d.at.file,
                                    Some(d.at.line),
                                    Word::MsgOutsideSegment,
                                    &[s, &net],
                                )
                                .at_cell(h.get("ip"), ip.to_string()),
                            );
                        }
                    }
                }
                if let Some(s) = &d.system {
                    check_ref(&sys_ids, "systems.csv", &d.at, h.get("system"), s, problems);
                }
            }
        }
        if let FileState::Read(r) = &lines_state {
            let h = &r.headers;
            for l in &r.records {
                if let Some(d) = &l.device {
                    check_ref(&dev_ids, "devices.csv", &l.at, h.get("device"), d, problems);
                }
            }
        }
        if let FileState::Read(r) = &circuits_state {
            let h = &r.headers;
            for c in &r.records {
                if let Some(s) = &c.system {
                    check_ref(&sys_ids, "systems.csv", &c.at, h.get("system"), s, problems);
                }
                // An empty line is the vendor's own line: nothing to check.
                if let Some(l) = &c.line {
                    check_ref(&line_ids, "lines.csv", &c.at, h.get("line"), l, problems);
                }
                if let Some(d) = &c.device {
                    check_ref(&dev_ids, "devices.csv", &c.at, h.get("device"), d, problems);
                }
            }
        }
        if let FileState::Read(r) = &clouds_state {
            let h = &r.headers;
            for c in &r.records {
                for s in &c.systems {
                    check_ref(
                        &sys_ids,
                        "systems.csv",
                        &c.at,
                        h.get("systems"),
                        s,
                        problems,
                    );
                }
                if let Some(l) = &c.line {
                    check_ref(&line_ids, "lines.csv", &c.at, h.get("line"), l, problems);
                }
            }
        }
        if let FileState::Read(r) = &flows_state {
            let h = &r.headers;
            let mut known: HashSet<&str> = HashSet::new();
            let cloud_ids = Targets::of(&clouds_state, |c: &Cloud| c.id.as_str());
            let circuit_ids = Targets::of(&circuits_state, |c: &Circuit| c.id.as_str());
            for targets in [
                &seg_ids,
                &dev_ids,
                &sys_ids,
                &line_ids,
                &cloud_ids,
                &circuit_ids,
            ] {
                if let Targets::Ids(ids, _) = targets {
                    known.extend(ids.iter().copied());
                }
            }
            if let FileState::Read(s) = &systems_state {
                known.extend(s.records.iter().map(|s| s.name.as_str()));
            }
            if let FileState::Read(d) = &devices_state {
                known.extend(d.records.iter().map(|d| d.name.as_str()));
            }
            for f in &r.records {
                for (field, value) in [("from", &f.from), ("to", &f.to)] {
                    if !known.contains(value.as_str()) {
                        problems.push(
                            Problem::warning_said(
                                &f.at.file,
                                Some(f.at.line),
                                Word::MsgOutsideParty,
                                &[],
                            )
                            .at_cell(h.get(field), value.as_str())
                            .for_drawing_only(),
                        );
                    }
                }
            }
        }
    }

    Checked {
        segments: segments_state.records(),
        devices: devices_state.records(),
        systems: systems_state.records(),
        lines: lines_state.records(),
        circuits: circuits_state.records(),
        clouds: clouds_state.records(),
        flows: flows_state.records(),
    }
}
