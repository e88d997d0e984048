//! Checks across files: references between records, addresses against
//! their segment, flow endpoints, and the records implied by absent files.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::model::*;
use super::table::Headers;
use super::FileState;
use crate::problem::{Problem, Problems};

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
    /// The ids it defines.
    Ids(HashSet<&'a str>),
}

impl<'a> Targets<'a> {
    fn of<T>(state: &'a FileState<T>, id: impl Fn(&'a T) -> &'a str) -> Self {
        match state {
            FileState::Absent => Targets::Absent,
            FileState::Broken => Targets::Unknown,
            FileState::Read(r) => Targets::Ids(r.records.iter().map(id).collect()),
        }
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
    let message = match targets {
        Targets::Unknown => return,
        Targets::Ids(ids) if ids.contains(value) => return,
        Targets::Ids(_) => format!("no such id in {target_file}"),
        Targets::Absent => format!("no such id: {target_file} is absent"),
    };
    problems.push(Problem::error(&at.file, Some(at.line), message).at_cell(header, value));
}

/// Checks every reference and address; returns the records with implied
/// segments and systems added for absent `segments.csv`/`systems.csv`.
pub(crate) fn references(files: Files, problems: &mut Problems) -> Checked {
    let mut segments_state = files.segments;
    let mut systems_state = files.systems;

    // Absent segments.csv/systems.csv: the values other files name are the
    // segments and systems (the decision for small sites that keep only a ledger).
    if matches!(segments_state, FileState::Absent) {
        let mut implied: Vec<Segment> = Vec::new();
        if let FileState::Read(r) = &files.devices {
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
            problems.push(Problem::warning(
                "segments.csv",
                None,
                format!(
                    "absent: the {} segment(s) named in devices.csv are assumed, without subnets or routing: {}",
                    implied.len(),
                    implied.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
                ),
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
        if let FileState::Read(r) = &files.devices {
            for d in &r.records {
                if let Some(s) = &d.system {
                    imply(s, &d.at);
                }
            }
        }
        if let FileState::Read(r) = &files.circuits {
            for c in &r.records {
                if let Some(s) = &c.system {
                    imply(s, &c.at);
                }
            }
        }
        if let FileState::Read(r) = &files.clouds {
            for c in &r.records {
                for s in &c.systems {
                    imply(s, &c.at);
                }
            }
        }
        if !implied.is_empty() {
            problems.push(Problem::warning(
                "systems.csv",
                None,
                format!(
                    "absent: the {} system(s) named in other files are assumed, without vendor or contact: {}",
                    implied.len(),
                    implied.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
                ),
            ));
            systems_state = FileState::Read(super::read::Read {
                records: implied,
                headers: Headers::default(),
            });
        }
    }

    {
        let seg_ids = Targets::of(&segments_state, |s: &Segment| s.id.as_str());
        let dev_ids = Targets::of(&files.devices, |d: &Device| d.id.as_str());
        let sys_ids = Targets::of(&systems_state, |s: &System| s.id.as_str());
        let line_ids = Targets::of(&files.lines, |l: &Line| l.id.as_str());

        if let FileState::Read(r) = &segments_state {
            let h = &r.headers;
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
        if let FileState::Read(r) = &files.devices {
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
                                Problem::warning(
                                    &d.at.file,
                                    Some(d.at.line),
                                    format!("outside segment \"{s}\" ({net})"),
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
        if let FileState::Read(r) = &files.lines {
            let h = &r.headers;
            for l in &r.records {
                if let Some(d) = &l.device {
                    check_ref(&dev_ids, "devices.csv", &l.at, h.get("device"), d, problems);
                }
            }
        }
        if let FileState::Read(r) = &files.circuits {
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
        if let FileState::Read(r) = &files.clouds {
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
        if let FileState::Read(r) = &files.flows {
            let h = &r.headers;
            let mut known: HashSet<&str> = HashSet::new();
            let cloud_ids = Targets::of(&files.clouds, |c: &Cloud| c.id.as_str());
            let circuit_ids = Targets::of(&files.circuits, |c: &Circuit| c.id.as_str());
            for targets in [
                &seg_ids,
                &dev_ids,
                &sys_ids,
                &line_ids,
                &cloud_ids,
                &circuit_ids,
            ] {
                if let Targets::Ids(ids) = targets {
                    known.extend(ids.iter().copied());
                }
            }
            if let FileState::Read(s) = &systems_state {
                known.extend(s.records.iter().map(|s| s.name.as_str()));
            }
            if let FileState::Read(d) = &files.devices {
                known.extend(d.records.iter().map(|d| d.name.as_str()));
            }
            for f in &r.records {
                for (field, value) in [("from", &f.from), ("to", &f.to)] {
                    if !known.contains(value.as_str()) {
                        problems.push(
                            Problem::warning(
                                &f.at.file,
                                Some(f.at.line),
                                "names no record; drawn as an outside party",
                            )
                            .at_cell(h.get(field), value.as_str()),
                        );
                    }
                }
            }
        }
    }

    Checked {
        segments: segments_state.records(),
        devices: files.devices.records(),
        systems: systems_state.records(),
        lines: files.lines.records(),
        circuits: files.circuits.records(),
        clouds: files.clouds.records(),
        flows: files.flows.records(),
    }
}
