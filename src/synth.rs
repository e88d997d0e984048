//! Synthetic sites and snapshots for tests and benches.
//!
//! A real hospital's records cannot be shipped, and hand-written fixtures
//! never reach the sizes benches need (100,000 devices in 200 segments), so
//! this module builds a plausible site of any size from a seed: a core switch
//! and firewall, a switch and a few servers per segment, PCs, printers,
//! medical devices, phones and cameras; lines ending on routers and VPN
//! appliances, vendors' maintenance circuits (some on their own line), cloud
//! services, network and USB/CD flows, one outside party. [`write_site`]
//! writes it as a site folder (with the site writer, `site::write_folder`)
//! that `site::load` reads back equal, and [`synthetic_snapshot`] makes a
//! scan of it with unregistered hosts and undeclared routers mixed in.
//!
//! Built only with the `synth` feature, which the crate's dev-dependency on
//! itself turns on for its tests and benches: not part of the library's API.
//!
//! Everything is deterministic: the same spec gives the same bytes. The
//! random numbers come from a ten-line splitmix64 of our own rather than a
//! crate, because fixtures must stay identical across dependency upgrades
//! (a crate may change its algorithm in a minor release) and nothing here
//! needs statistical quality or security.
//!
//! Addresses are text only: 10.0.0.0/8 for internal segments, 172.16.0.0/12
//! for the DMZ. Nothing here sends a packet.

// Test and bench data only (behind the `synth` feature): a panic here is a
// failed test, never a user's run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use ipnetwork::{IpNetwork, Ipv4Network};

use crate::mac::MacAddr;
use crate::site::{
    write_folder, Circuit, Cloud, Contact, Device, DeviceKind, Flow, FlowKind, Lang, Line,
    LineKind, MacSpelling, Segment, Site, SiteMeta, SourceRef, System, WriteError, WriteOptions,
};
use crate::snapshot::{
    ExternalEvidence, Host, HostFlag, OpenPort, Proto, ScanSettings, Snapshot, FORMAT_NAME,
    FORMAT_VERSION,
};

/// What synthetic site to build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthSpec {
    /// Number of ledger devices (exactly this many are generated).
    pub devices: usize,
    /// Number of segments (at least one is generated).
    pub segments: usize,
    /// Lines, maintenance circuits and cloud services together.
    pub externals: usize,
    /// Seed: the same spec always gives the same site.
    pub seed: u64,
}

/// What synthetic scan of a site to build.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapSpec {
    /// Share (0.0..=1.0) of the site's reachable ledger devices the scan sees.
    pub seen_fraction: f64,
    /// Hosts seen that are in no ledger (fresh MACs, some locally administered).
    pub unregistered: usize,
    /// Extra unregistered hosts that answer the gateway probe (a vendor's
    /// mobile router, a carried-in Wi-Fi router): undeclared external devices.
    pub undeclared_routers: usize,
    /// Seed.
    pub seed: u64,
}

/// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and stable forever.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) / ((1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Index chosen with the given weights; `None` if all are zero.
    fn weighted(&mut self, weights: &[u32]) -> Option<usize> {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        if total == 0 {
            return None;
        }
        let mut r = self.next_u64() % total;
        for (i, &w) in weights.iter().enumerate() {
            if r < u64::from(w) {
                return Some(i);
            }
            r -= u64::from(w);
        }
        None
    }
}

/// The role a segment plays; decides its name, zone, devices and routing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SegType {
    Core,
    Dmz,
    Ehr,
    Dept,
    Medical,
    Office,
    Mgmt,
    Guest,
}

impl SegType {
    fn name(self) -> &'static str {
        match self {
            SegType::Core => "基幹サーバ系",
            SegType::Dmz => "DMZ",
            SegType::Ehr => "電子カルテ系",
            SegType::Dept => "部門系",
            SegType::Medical => "医療機器系",
            SegType::Office => "医事・事務系",
            SegType::Mgmt => "管理系",
            SegType::Guest => "ゲスト無線",
        }
    }

    fn zone(self) -> &'static str {
        match self {
            SegType::Core | SegType::Ehr => "基幹系",
            SegType::Dmz => "DMZ",
            SegType::Dept => "部門系",
            SegType::Medical => "医療機器系",
            SegType::Office => "事務系",
            SegType::Mgmt => "管理系",
            SegType::Guest => "ゲスト",
        }
    }

    fn department(self) -> &'static str {
        match self {
            SegType::Core | SegType::Dmz | SegType::Mgmt | SegType::Guest => "情報システム室",
            SegType::Ehr => "看護部",
            SegType::Dept => "放射線科",
            SegType::Medical => "臨床工学科",
            SegType::Office => "医事課",
        }
    }

    /// Share of the ordinary devices that land in a segment of this type.
    fn endpoint_weight(self) -> u32 {
        match self {
            SegType::Dmz => 0,
            SegType::Core | SegType::Guest => 2,
            _ => 10,
        }
    }

    /// Kinds of ordinary devices in this segment, with weights.
    fn endpoint_kinds(self) -> &'static [(DeviceKind, u32)] {
        use DeviceKind::*;
        match self {
            SegType::Core => &[(Server, 6), (Storage, 1), (Pc, 2)],
            SegType::Dmz => &[(Server, 1)],
            SegType::Ehr => &[(Pc, 12), (Printer, 2), (Phone, 1), (Ap, 1)],
            SegType::Dept => &[(Pc, 5), (Medical, 4), (Printer, 1), (Server, 1)],
            SegType::Medical => &[(Medical, 8), (Pc, 1)],
            SegType::Office => &[(Pc, 8), (Printer, 2), (Phone, 2)],
            SegType::Mgmt => &[(Camera, 3), (Phone, 3), (Iot, 2), (Ap, 1)],
            SegType::Guest => &[(Ap, 2), (Pc, 1)],
        }
    }

    /// Systems whose servers stand in this segment (one server each).
    fn server_systems(self) -> &'static [usize] {
        match self {
            SegType::Core => &[SYS_INFRA, SYS_EHR, SYS_ACCT, SYS_DOC],
            SegType::Dmz => &[SYS_INFRA],
            SegType::Ehr => &[SYS_NURSE],
            SegType::Dept => &[SYS_PACS, SYS_LAB, SYS_RIS],
            SegType::Medical => &[SYS_DIAL],
            SegType::Office => &[SYS_MEAL],
            SegType::Mgmt | SegType::Guest => &[],
        }
    }
}

/// The segment types for `n` segments: the first eight once, then the
/// ordinary ones again (more wards, more floors).
fn seg_types(n: usize) -> Vec<SegType> {
    use SegType::*;
    let first: &[SegType] = match n {
        0 | 1 => &[Core],
        2 => &[Core, Ehr],
        _ => &[Core, Dmz, Ehr, Dept, Medical, Office, Mgmt, Guest],
    };
    let again = [Ehr, Dept, Medical, Office, Mgmt];
    (0..n.max(1))
        .map(|i| {
            if i < first.len() {
                first[i]
            } else {
                again[(i - first.len()) % again.len()]
            }
        })
        .collect()
}

const SYS_EHR: usize = 0;
const SYS_PACS: usize = 1;
const SYS_LAB: usize = 2;
const SYS_RIS: usize = 3;
const SYS_ACCT: usize = 4;
const SYS_MEAL: usize = 5;
const SYS_DIAL: usize = 6;
const SYS_INFRA: usize = 7;
const SYS_NURSE: usize = 8;
const SYS_DOC: usize = 9;

/// (id, name, vendor, owner, contact): fictional vendors and people.
const SYSTEMS: [(&str, &str, &str, &str, &str); 10] = [
    (
        "sys-ehr",
        "電子カルテ",
        "架空メディカルシステムズ株式会社",
        "医療情報管理室",
        "山田 太郎",
    ),
    (
        "sys-pacs",
        "PACS",
        "架空イメージング株式会社",
        "放射線科",
        "佐藤 花子",
    ),
    (
        "sys-lab",
        "臨床検査システム",
        "架空ラボテック株式会社",
        "臨床検査科",
        "鈴木 一郎",
    ),
    (
        "sys-ris",
        "放射線RIS",
        "架空イメージング株式会社",
        "放射線科",
        "高橋 次郎",
    ),
    (
        "sys-acct",
        "医事会計",
        "架空ビジネスソリューション株式会社",
        "医事課",
        "田中 美咲",
    ),
    (
        "sys-meal",
        "給食管理",
        "架空フードシステム株式会社",
        "栄養科",
        "伊藤 健",
    ),
    (
        "sys-dial",
        "透析管理",
        "架空ダイアリシス株式会社",
        "臨床工学科",
        "渡辺 誠",
    ),
    (
        "sys-infra",
        "基盤 (AD・DNS・ファイル)",
        "架空ネットワークサービス株式会社",
        "情報システム室",
        "中村 翔",
    ),
    (
        "sys-nurse",
        "看護勤務管理",
        "架空メディカルシステムズ株式会社",
        "看護部",
        "小林 由美",
    ),
    (
        "sys-doc",
        "文書管理",
        "架空ビジネスソリューション株式会社",
        "医療情報管理室",
        "加藤 大輔",
    ),
];

/// (OUI, maker) per kind: real IEEE assignments, so OUI lookups name a
/// plausible maker. 00:00:0C (Cisco's first block) is avoided: part of it is HSRP.
fn makers(kind: DeviceKind) -> &'static [([u8; 3], &'static str)] {
    use DeviceKind::*;
    match kind {
        Switch => &[
            ([0x00, 0x1B, 0x54], "Cisco"),
            ([0x00, 0x1A, 0xEB], "アライドテレシス"),
        ],
        Firewall => &[([0x00, 0x09, 0x0F], "Fortinet")],
        Router => &[([0x00, 0xA0, 0xDE], "ヤマハ"), ([0x00, 0x00, 0x4C], "NEC")],
        Vpn => &[
            ([0x00, 0x09, 0x0F], "Fortinet"),
            ([0x00, 0xA0, 0xDE], "ヤマハ"),
        ],
        Server => &[
            ([0x00, 0x14, 0x22], "Dell"),
            ([0x3C, 0xD9, 0x2B], "HPE"),
            ([0x00, 0x0B, 0x5D], "富士通"),
        ],
        Storage => &[([0x00, 0x1D, 0x73], "バッファロー")],
        Pc => &[
            ([0x00, 0x1E, 0xC9], "Dell"),
            ([0x00, 0x21, 0x5A], "HP"),
            ([0x00, 0x0B, 0x5D], "富士通"),
            ([0x38, 0xF3, 0xAB], "Lenovo"),
        ],
        Printer => &[
            ([0x00, 0x1E, 0x8F], "キヤノン"),
            ([0x00, 0x26, 0xAB], "エプソン"),
            ([0x08, 0x00, 0x37], "富士フイルムBI"),
        ],
        Medical => &[
            ([0x00, 0x09, 0xFB], "フィリップス"),
            ([0x00, 0x1C, 0x7E], "キヤノンメディカル"),
        ],
        Ap => &[
            ([0xB0, 0xC7, 0x45], "バッファロー"),
            ([0x00, 0x1A, 0xEB], "アライドテレシス"),
        ],
        Camera => &[([0x8C, 0xC1, 0x21], "パナソニック")],
        Phone => &[([0x00, 0x80, 0xF0], "パナソニック")],
        Iot | Other => &[([0x00, 0xE0, 0x4C], "Realtek")],
    }
}

/// Makers of carried-in, unregistered devices (none used in the ledger).
const UNREGISTERED_OUIS: [[u8; 3]; 2] = [[0x8C, 0x3B, 0xAD], [0xC0, 0xA0, 0xBB]];
/// Makers of mobile and consumer routers (none used in the ledger).
const ROUTER_OUIS: [[u8; 3]; 2] = [[0x4C, 0x5E, 0x0C], [0x00, 0x0E, 0x8F]];

const LOCATIONS: [&str; 8] = [
    "本館1F 外来",
    "本館2F 医事課",
    "本館3F 西病棟",
    "本館4F 東病棟",
    "東館B1F 放射線部",
    "東館2F 検査部",
    "西館1F 透析室",
    "本館B1F サーバ室",
];

/// What a planned device is for.
#[derive(Debug, Clone, Copy)]
enum Role {
    CoreSwitch,
    Firewall,
    LineEnd(usize),
    OwnCircuit(usize),
    SegSwitch,
    Analyser,
    Server(usize),
    Endpoint,
}

struct Planned {
    role: Role,
    kind: DeviceKind,
    seg: Option<usize>,
}

/// How many lines, circuits and clouds make up `externals`.
fn split_externals(externals: usize) -> (usize, usize, usize) {
    let lines = externals.div_ceil(3);
    let rest = externals - lines;
    let circuits = rest.div_ceil(2);
    (lines, circuits, rest - circuits)
}

fn line_kind(i: usize) -> LineKind {
    [
        LineKind::Internet,
        LineKind::Closed,
        LineKind::Internet,
        LineKind::Vpn,
        LineKind::Mobile,
    ][i % 5]
}

/// Circuits with an empty line column (the vendor's own line).
fn circuit_has_own_line(i: usize, lines: usize) -> bool {
    lines == 0 || i % 3 == 1
}

fn at(file: &str, index: usize) -> SourceRef {
    // Synthetic cells never contain line breaks: record i is on line i + 2.
    SourceRef {
        file: file.to_string(),
        line: index + 2,
    }
}

/// A 24-bit bijection of the device index, so MACs look scattered yet never repeat.
fn scatter24(index: usize, seed: u64) -> u32 {
    let x = (index as u64).wrapping_add(seed) & 0xFF_FFFF;
    (x.wrapping_mul(0x9E_3779) & 0xFF_FFFF) as u32
}

fn mac_from(oui: [u8; 3], low: u32) -> MacAddr {
    let b = low.to_be_bytes();
    MacAddr::new([oui[0], oui[1], oui[2], b[1], b[2], b[3]])
}

/// Aligned address blocks, handed out in order from `base` up to `end`.
struct Allocator {
    next: u64,
    end: u64,
}

impl Allocator {
    fn block(&mut self, size: u64) -> Option<u32> {
        let start = self.next.div_ceil(size) * size;
        if start + size > self.end {
            return None;
        }
        self.next = start + size;
        u32::try_from(start).ok()
    }
}

/// Builds a deterministic synthetic site (see the module documentation).
///
/// Exactly `spec.devices` devices and `spec.segments.max(1)` segments are
/// made. Infrastructure comes first (core switch, firewall, line and circuit
/// devices, segment switches, servers); when `devices` is too small for all
/// of it, lines and circuits whose device did not fit have none.
///
/// # Panics
/// If the devices cannot be addressed inside 10.0.0.0/8 (more than about
/// eight million).
pub fn synthetic_site(spec: &SynthSpec) -> Site {
    let mut rng = Rng::new(spec.seed ^ 0x6B6F_7365_697A_7500);
    let types = seg_types(spec.segments);
    let edge_seg = types.iter().position(|t| *t == SegType::Dmz).unwrap_or(0);
    let (n_lines, n_circuits, n_clouds) = split_externals(spec.externals);

    // Plan: roles, kinds and segments, infrastructure first.
    let mut plan: Vec<Planned> = Vec::with_capacity(spec.devices);
    let push = |plan: &mut Vec<Planned>, role, kind, seg| {
        if plan.len() < spec.devices {
            plan.push(Planned { role, kind, seg });
        }
    };
    push(&mut plan, Role::CoreSwitch, DeviceKind::Switch, Some(0));
    push(&mut plan, Role::Firewall, DeviceKind::Firewall, Some(0));
    for i in 0..n_lines {
        let kind = match line_kind(i) {
            LineKind::Internet | LineKind::Mobile => DeviceKind::Router,
            _ => DeviceKind::Vpn,
        };
        push(&mut plan, Role::LineEnd(i), kind, Some(edge_seg));
    }
    for i in (0..n_circuits).filter(|&i| circuit_has_own_line(i, n_lines)) {
        push(
            &mut plan,
            Role::OwnCircuit(i),
            DeviceKind::Vpn,
            Some(edge_seg),
        );
    }
    for seg in 1..types.len() {
        push(&mut plan, Role::SegSwitch, DeviceKind::Switch, Some(seg));
    }
    if spec.devices >= 20 {
        push(&mut plan, Role::Analyser, DeviceKind::Medical, None);
    }
    for (seg, t) in types.iter().enumerate() {
        for &sys in t.server_systems() {
            push(&mut plan, Role::Server(sys), DeviceKind::Server, Some(seg));
        }
    }
    let mut seg_weights: Vec<u32> = types.iter().map(|t| t.endpoint_weight()).collect();
    if seg_weights.iter().all(|&w| w == 0) {
        seg_weights.iter_mut().for_each(|w| *w = 1);
    }
    while plan.len() < spec.devices {
        let seg = rng.weighted(&seg_weights).unwrap_or(0);
        let kinds = types[seg].endpoint_kinds();
        let weights: Vec<u32> = kinds.iter().map(|(_, w)| *w).collect();
        let kind = kinds[rng.weighted(&weights).unwrap_or(0)].0;
        plan.push(Planned {
            role: Role::Endpoint,
            kind,
            seg: Some(seg),
        });
    }

    // Segments: each CIDR holds at least twice its devices, so scans find
    // free addresses for DHCP leases and unregistered hosts.
    let mut per_seg = vec![0u64; types.len()];
    for p in &plan {
        if let Some(s) = p.seg {
            per_seg[s] += 1;
        }
    }
    let mut ten = Allocator {
        next: u64::from(u32::from(Ipv4Addr::new(10, 1, 0, 0))),
        end: u64::from(u32::from(Ipv4Addr::new(11, 0, 0, 0))),
    };
    let mut dmz = Allocator {
        next: u64::from(u32::from(Ipv4Addr::new(172, 16, 0, 0))),
        end: u64::from(u32::from(Ipv4Addr::new(172, 32, 0, 0))),
    };
    let mut nets: Vec<Ipv4Network> = Vec::with_capacity(types.len());
    for (i, t) in types.iter().enumerate() {
        let size = (2 * per_seg[i] + 8).next_power_of_two().max(256);
        let prefix = 32 - size.trailing_zeros() as u8;
        let base = match t {
            SegType::Dmz => dmz.block(size).or_else(|| ten.block(size)),
            _ => ten.block(size),
        }
        .expect("synthetic site too large to address inside 10.0.0.0/8");
        nets.push(Ipv4Network::new(Ipv4Addr::from(base), prefix).expect("valid prefix"));
    }
    let core_id = "seg-001".to_string();
    let dept_id = types
        .iter()
        .position(|t| *t == SegType::Dept)
        .map(|i| format!("seg-{:03}", i + 1));
    let dmz_id = types
        .iter()
        .position(|t| *t == SegType::Dmz)
        .map(|i| format!("seg-{:03}", i + 1));
    let mut seen_names: Vec<usize> = vec![0; 8];
    let segments: Vec<Segment> = types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let n = &mut seen_names[*t as usize];
            *n += 1;
            let name = if *n == 1 {
                t.name().to_string()
            } else {
                format!("{} {}", t.name(), n)
            };
            let connects = match t {
                SegType::Medical => std::iter::once(core_id.clone())
                    .chain(dept_id.clone())
                    .collect(),
                SegType::Guest => vec![dmz_id.clone().unwrap_or_else(|| core_id.clone())],
                SegType::Dmz if types.len() > 1 => vec![core_id.clone()],
                _ => Vec::new(),
            };
            let notes = match t {
                SegType::Medical => "医療機器は基幹系と部門系からのみ到達可".to_string(),
                SegType::Guest => "患者・来院者向け, インターネットのみ".to_string(),
                _ => String::new(),
            };
            Segment {
                id: format!("seg-{:03}", i + 1),
                name,
                cidr: Some(IpNetwork::V4(nets[i])),
                zone: Some(t.zone().to_string()),
                vlan: u16::try_from(10 * (i + 1)).ok().filter(|v| *v <= 4094),
                connects,
                notes,
                at: at("segments.csv", i),
            }
        })
        .collect();

    let systems: Vec<System> = SYSTEMS
        .iter()
        .enumerate()
        .map(|(i, (id, name, vendor, owner, contact))| System {
            id: id.to_string(),
            name: name.to_string(),
            vendor: vendor.to_string(),
            owner: owner.to_string(),
            contact: contact.to_string(),
            phone: format!("03-5555-{:04}", 100 + i),
            email: format!("support{:02}@example.jp", i + 1),
            notes: String::new(),
            at: at("systems.csv", i),
        })
        .collect();

    // Devices.
    let mut next_host = vec![1u32; types.len()];
    let mut counters = [0usize; 14];
    let mut per_system = [0usize; SYSTEMS.len()];
    let mut line_device: Vec<Option<String>> = vec![None; n_lines];
    let mut circuit_device: Vec<Option<String>> = vec![None; n_circuits];
    let mut devices: Vec<Device> = Vec::with_capacity(plan.len());
    for (index, p) in plan.iter().enumerate() {
        let id = format!("D{:06}", index + 1);
        let seg_type = p.seg.map(|s| types[s]);
        let infra = !matches!(p.role, Role::Endpoint);
        let dhcp = match (p.role, p.kind, seg_type) {
            (Role::Endpoint, DeviceKind::Pc, Some(SegType::Guest)) => true,
            (Role::Endpoint, DeviceKind::Pc, _) => rng.chance(0.2),
            (Role::Endpoint, DeviceKind::Phone, _) => rng.chance(0.3),
            (Role::Endpoint, DeviceKind::Medical, _) => rng.chance(0.05),
            _ => false,
        };
        // A device nobody has checked yet has no MAC; it keeps its IP so it
        // stays findable.
        let unchecked = !infra && !dhcp && rng.chance(0.03);
        let (oui, maker) = *rng.pick(makers(p.kind));
        let mac = match p.role {
            Role::Analyser => None,
            _ if unchecked => None,
            _ => Some(mac_from(oui, scatter24(index, spec.seed))),
        };
        let ip = match p.seg {
            Some(s) if !dhcp => {
                let host = next_host[s];
                next_host[s] += 1;
                Some(IpAddr::V4(Ipv4Addr::from(
                    u32::from(nets[s].network()) + host,
                )))
            }
            _ => None,
        };
        let kind_no = {
            let c = &mut counters[p.kind as usize];
            *c += 1;
            *c
        };
        let seg_name = p.seg.map(|s| segments[s].name.as_str()).unwrap_or("");
        let (name, system, notes) = match p.role {
            Role::CoreSwitch => (
                "コアスイッチ".to_string(),
                None,
                "L3, 各セグメントのゲートウェイ".to_string(),
            ),
            Role::Firewall => (
                "ファイアウォール (UTM)".to_string(),
                Some(SYS_INFRA),
                String::new(),
            ),
            Role::LineEnd(i) => {
                line_device[i] = Some(id.clone());
                (
                    format!("回線{}終端装置", i + 1),
                    Some(SYS_INFRA),
                    String::new(),
                )
            }
            Role::OwnCircuit(i) => {
                circuit_device[i] = Some(id.clone());
                let sys = i % SYSTEMS.len();
                (
                    format!("{}保守用VPN装置", SYSTEMS[sys].1),
                    Some(sys),
                    "保守事業者の自営回線で接続".to_string(),
                )
            }
            Role::SegSwitch => (format!("{seg_name} スイッチ"), None, String::new()),
            Role::Analyser => (
                "スタンドアロン分析装置".to_string(),
                Some(SYS_LAB),
                "ネットワーク未接続, 結果はUSBメモリで受け渡し".to_string(),
            ),
            Role::Server(sys) => (
                {
                    per_system[sys] += 1;
                    format!("{}サーバ{}", SYSTEMS[sys].1, per_system[sys])
                },
                Some(sys),
                String::new(),
            ),
            Role::Endpoint => {
                let prefix = match p.kind {
                    DeviceKind::Pc => "PC",
                    DeviceKind::Printer => "PRN",
                    DeviceKind::Medical => "ME",
                    DeviceKind::Phone => "TEL",
                    DeviceKind::Camera => "CAM",
                    DeviceKind::Ap => "AP",
                    DeviceKind::Server => "SRV",
                    DeviceKind::Storage => "NAS",
                    _ => "DEV",
                };
                let system = match (p.kind, seg_type) {
                    (DeviceKind::Pc, Some(SegType::Ehr)) => Some(SYS_EHR),
                    (DeviceKind::Pc, Some(SegType::Office)) => Some(SYS_ACCT),
                    (DeviceKind::Medical, Some(SegType::Dept)) => Some(SYS_PACS),
                    (DeviceKind::Medical, Some(SegType::Medical)) => Some(SYS_DIAL),
                    (DeviceKind::Server | DeviceKind::Storage, _) => Some(rng.below(SYSTEMS.len())),
                    _ => None,
                };
                let notes = if unchecked {
                    "MAC未確認".to_string()
                } else if dhcp {
                    "DHCP".to_string()
                } else {
                    String::new()
                };
                (format!("{prefix}-{kind_no:05}"), system, notes)
            }
        };
        devices.push(Device {
            id,
            name,
            kind: p.kind,
            mac,
            ip,
            segment: p.seg.map(|s| segments[s].id.clone()),
            system: system.map(|s| SYSTEMS[s].0.to_string()),
            department: seg_type
                .map(|t| t.department())
                .unwrap_or("臨床検査科")
                .to_string(),
            vendor: maker.to_string(),
            location: if p.kind.is_individual() {
                LOCATIONS[7].to_string()
            } else {
                rng.pick(&LOCATIONS[..7]).to_string()
            },
            notes,
            at: at("devices.csv", index),
        });
    }
    let analyser = plan
        .iter()
        .position(|p| matches!(p.role, Role::Analyser))
        .map(|i| devices[i].id.clone());

    // Lines, circuits, clouds.
    const CARRIERS: [&str; 5] = [
        "NTT東日本",
        "KDDI",
        "ソフトバンク",
        "NTTコミュニケーションズ",
        "NTTドコモ",
    ];
    let lines: Vec<Line> = (0..n_lines)
        .map(|i| {
            let kind = line_kind(i);
            let (name, purpose) = match kind {
                LineKind::Internet => ("インターネット回線", "Web閲覧・メール・クラウド利用"),
                LineKind::Closed => ("閉域網", "オンライン資格確認・地域医療連携"),
                LineKind::Vpn => ("インターネットVPN", "分院との拠点間接続"),
                _ => ("モバイル回線", "災害時のバックアップ"),
            };
            Line {
                id: format!("line-{:02}", i + 1),
                name: format!("{name}{}", i + 1),
                carrier: CARRIERS[i % CARRIERS.len()].to_string(),
                kind,
                device: line_device[i].clone(),
                purpose: purpose.to_string(),
                notes: String::new(),
                at: at("lines.csv", i),
            }
        })
        .collect();
    const METHODS: [&str; 3] = ["SSL-VPN", "IPsec-VPN", "リモートデスクトップ (VPN経由)"];
    const HOURS: [&str; 3] = ["常時", "申請時のみ", "平日9-17時"];
    let circuits: Vec<Circuit> = (0..n_circuits)
        .map(|i| {
            let sys = i % SYSTEMS.len();
            let own = circuit_has_own_line(i, n_lines) && circuit_device[i].is_some();
            let (line, device) = if own {
                (None, circuit_device[i].clone())
            } else if n_lines > 0 {
                let l = i % n_lines;
                (Some(lines[l].id.clone()), lines[l].device.clone())
            } else {
                (None, None)
            };
            Circuit {
                id: format!("mnt-{:02}", i + 1),
                vendor: SYSTEMS[sys].2.to_string(),
                system: Some(SYSTEMS[sys].0.to_string()),
                line,
                device,
                method: if own { "IPsec-VPN" } else { METHODS[i % 3] }.to_string(),
                hours: HOURS[i % 3].to_string(),
                contact: format!("{} 保守窓口", SYSTEMS[sys].2),
                phone: format!("0120-000-{:03}", 100 + i),
                notes: String::new(),
                at: at("maintenance.csv", i),
            }
        })
        .collect();
    const CLOUDS: [(&str, &str, &[usize], &str); 5] = [
        (
            "電子カルテバックアップ",
            "架空クラウド株式会社",
            &[SYS_EHR],
            "診療録の暗号化バックアップ",
        ),
        (
            "Microsoft 365",
            "日本マイクロソフト",
            &[SYS_INFRA, SYS_DOC],
            "メール・事務文書",
        ),
        (
            "遠隔画像診断",
            "架空画像診断サービス株式会社",
            &[SYS_PACS, SYS_RIS],
            "CT・MRI画像 (匿名化なし)",
        ),
        (
            "Web予約",
            "架空予約サービス株式会社",
            &[SYS_ACCT],
            "患者氏名・予約日時",
        ),
        (
            "献立クラウド",
            "架空フードシステム株式会社",
            &[SYS_MEAL],
            "食種・アレルギー情報",
        ),
    ];
    let internet_line = lines
        .iter()
        .find(|l| l.kind == LineKind::Internet)
        .map(|l| l.id.clone());
    let clouds: Vec<Cloud> = (0..n_clouds)
        .map(|i| {
            let (name, provider, systems, data) = CLOUDS[i % CLOUDS.len()];
            Cloud {
                id: format!("cloud-{:02}", i + 1),
                name: if i < CLOUDS.len() {
                    name.to_string()
                } else {
                    format!("{name} {}", i / CLOUDS.len() + 1)
                },
                provider: provider.to_string(),
                systems: systems.iter().map(|&s| SYSTEMS[s].0.to_string()).collect(),
                line: internet_line.clone(),
                data: data.to_string(),
                notes: String::new(),
                at: at("cloud.csv", i),
            }
        })
        .collect();

    // Flows: network links between systems, media hand-offs, an outside party.
    let sys = |i: usize| SYSTEMS[i].0.to_string();
    let mut flow_specs: Vec<(String, String, FlowKind, &str)> = vec![
        (sys(SYS_EHR), sys(SYS_ACCT), FlowKind::Network, "会計情報"),
        (sys(SYS_EHR), sys(SYS_RIS), FlowKind::Network, "検査オーダ"),
        (sys(SYS_RIS), sys(SYS_PACS), FlowKind::Network, "撮影情報"),
        (
            sys(SYS_PACS),
            sys(SYS_EHR),
            FlowKind::Network,
            "画像・読影レポート",
        ),
        (sys(SYS_LAB), sys(SYS_EHR), FlowKind::Network, "検査結果"),
        (sys(SYS_EHR), sys(SYS_MEAL), FlowKind::Network, "食事オーダ"),
        (sys(SYS_DIAL), sys(SYS_EHR), FlowKind::Network, "透析記録"),
        (
            sys(SYS_PACS),
            "外部画像診断センター".to_string(),
            FlowKind::Media,
            "紹介用画像 (CD-R)",
        ),
    ];
    if let Some(a) = &analyser {
        flow_specs.push((
            a.clone(),
            sys(SYS_LAB),
            FlowKind::Media,
            "測定結果 (USBメモリ)",
        ));
    }
    if let Some(c) = clouds.first() {
        flow_specs.push((
            sys(SYS_EHR),
            c.id.clone(),
            FlowKind::Network,
            "夜間バックアップ",
        ));
    }
    let flows: Vec<Flow> = flow_specs
        .into_iter()
        .enumerate()
        .map(|(i, (from, to, kind, description))| Flow {
            from,
            to,
            kind,
            description: description.to_string(),
            at: at("flows.csv", i),
        })
        .collect();

    let contacts: Vec<Contact> = [
        (
            "厚生労働省 (医療分野のサイバーセキュリティ担当)",
            "厚生労働省",
            "03-0000-0001",
            "",
            "https://www.mhlw.go.jp/",
        ),
        (
            "所轄警察署 サイバー犯罪相談窓口",
            "警察",
            "03-0000-0002",
            "",
            "",
        ),
        (
            "架空メディカルシステムズ株式会社 保守窓口",
            "保守事業者",
            "0120-000-001",
            "support01@example.jp",
            "",
        ),
    ]
    .iter()
    .enumerate()
    .map(|(i, (name, role, phone, email, url))| Contact {
        name: name.to_string(),
        role: role.to_string(),
        phone: phone.to_string(),
        email: email.to_string(),
        url: url.to_string(),
        notes: String::new(),
        at: at("contacts.csv", i),
    })
    .collect();

    Site {
        root: PathBuf::new(),
        meta: SiteMeta {
            name: format!("合成テスト病院 (seed {})", spec.seed),
            updated: NaiveDate::from_ymd_opt(2026, 11, 1),
            language: Lang::Ja,
            author: Some("情報システム室".to_string()),
            timezone: Default::default(),
        },
        segments,
        devices,
        systems,
        lines,
        circuits,
        clouds,
        flows,
        contacts,
    }
}

/// Writes `site` as a site folder in `dir` with [`write_folder`], MACs in
/// the four spellings staff type, by row, so readers meet all. `site::load`
/// reads it back equal (with `root` = `dir`): synthetic cells hold no line
/// breaks, so every record's `at` line holds too.
pub fn write_site(site: &Site, dir: &Path) -> Result<(), WriteError> {
    write_folder(
        site,
        dir,
        &WriteOptions {
            mac: MacSpelling::Mixed,
        },
    )
}

/// Free IPv4 addresses of one segment, handed out from the top down (where
/// DHCP pools usually sit), skipping addresses already in use.
struct FreeAddresses {
    base: u32,
    next_offset: u32,
}

impl FreeAddresses {
    fn new(net: &Ipv4Network) -> Self {
        let size = net.size();
        FreeAddresses {
            base: u32::from(net.network()),
            // Leave out the broadcast address; a /31 or /32 has none to give.
            next_offset: if net.prefix() >= 31 { 0 } else { size - 2 },
        }
    }

    fn take(&mut self, used: &mut HashSet<IpAddr>) -> Option<IpAddr> {
        while self.next_offset >= 1 {
            let ip = IpAddr::V4(Ipv4Addr::from(self.base.wrapping_add(self.next_offset)));
            self.next_offset -= 1;
            if used.insert(ip) {
                return Some(ip);
            }
        }
        None
    }
}

/// A fresh MAC under one of `ouis` (or locally administered when `local`),
/// never one in `used`.
fn fresh_mac(rng: &mut Rng, ouis: &[[u8; 3]], local: bool, used: &mut HashSet<MacAddr>) -> MacAddr {
    loop {
        let r = rng.next_u64().to_be_bytes();
        let mac = if local {
            // Locally administered unicast: what a phone's private Wi-Fi address looks like.
            MacAddr::new([(r[0] & 0xFC) | 0x02, r[1], r[2], r[3], r[4], r[5]])
        } else {
            let oui = rng.pick(ouis);
            MacAddr::new([oui[0], oui[1], oui[2], r[3], r[4], r[5]])
        };
        if used.insert(mac) {
            return mac;
        }
    }
}

fn port(proto: Proto, port: u16, service: &str) -> OpenPort {
    OpenPort {
        proto,
        port,
        service: Some(service.to_string()),
    }
}

fn ports_for(kind: DeviceKind, rng: &mut Rng) -> Vec<OpenPort> {
    use DeviceKind::*;
    use Proto::*;
    let mut ports = match kind {
        Server if rng.chance(0.5) => vec![port(Tcp, 22, "ssh"), port(Tcp, 443, "https")],
        Server => vec![port(Tcp, 445, "smb"), port(Tcp, 3389, "rdp")],
        Storage => vec![port(Tcp, 445, "smb"), port(Tcp, 443, "https")],
        Pc if rng.chance(0.1) => vec![port(Tcp, 445, "smb"), port(Tcp, 3389, "rdp")],
        Pc => vec![port(Tcp, 445, "smb")],
        Printer => vec![
            port(Tcp, 80, "http"),
            port(Tcp, 631, "ipp"),
            port(Tcp, 9100, "jetdirect"),
        ],
        Medical => vec![port(Tcp, 104, "dicom")],
        Switch | Router | Firewall => vec![port(Tcp, 22, "ssh"), port(Tcp, 443, "https")],
        Vpn => vec![port(Tcp, 443, "ssl-vpn"), port(Udp, 500, "ike")],
        Camera => vec![port(Tcp, 80, "http"), port(Tcp, 554, "rtsp")],
        Phone => vec![port(Udp, 5060, "sip")],
        Ap => vec![port(Tcp, 443, "https")],
        Iot | Other => vec![port(Tcp, 80, "http")],
    };
    ports.sort();
    ports
}

/// Microseconds as milliseconds with a short decimal form: serde_json (without
/// its `float_roundtrip` feature) may read a 17-digit float back one ULP off,
/// and snapshots must compare equal after a round trip.
fn millis(micros: usize) -> f64 {
    micros as f64 / 1000.0
}

fn vendor_of(mac: &MacAddr) -> Option<String> {
    if mac.is_locally_administered() {
        return None;
    }
    oui_data::lookup(&mac.oui_hex()).map(|o| o.organization().to_string())
}

fn flags_of(mac: &MacAddr) -> Vec<HostFlag> {
    if mac.is_locally_administered() {
        vec![HostFlag::RandomisedMac]
    } else {
        Vec::new()
    }
}

/// Builds a deterministic scan of `site` (see the module documentation).
///
/// Scopes are the segments' CIDRs. Seen: every device declared external
/// (line and circuit devices, with gateway-probe evidence) plus other
/// networked devices up to `seen_fraction` of those with a MAC or an IP;
/// DHCP devices get a free address of their segment, unchecked devices
/// (no MAC in the ledger) a fresh MAC. Then `unregistered` hosts (every third
/// with a locally administered MAC) and `undeclared_routers` hosts answering
/// the gateway probe, on free addresses spread over the segments. When the
/// segments run out of free addresses, fewer extra hosts are made.
pub fn synthetic_snapshot(site: &Site, spec: &SnapSpec) -> Snapshot {
    let mut rng = Rng::new(spec.seed ^ 0x736E_6170_7368_6F74);
    let mut used_ips: HashSet<IpAddr> = site.devices.iter().filter_map(|d| d.ip).collect();
    let mut used_macs: HashSet<MacAddr> = site.devices.iter().filter_map(|d| d.mac).collect();
    let mut pools: Vec<Option<FreeAddresses>> = site
        .segments
        .iter()
        .map(|s| match s.cidr {
            Some(IpNetwork::V4(net)) => Some(FreeAddresses::new(&net)),
            _ => None,
        })
        .collect();
    let seg_index = |id: &str| site.segments.iter().position(|s| s.id == id);
    let declared: HashSet<&str> = site.declared_external_devices().into_iter().collect();

    // Which ledger devices are seen.
    let candidates: Vec<usize> = site
        .devices
        .iter()
        .enumerate()
        .filter(|(_, d)| d.segment.is_some() && (d.mac.is_some() || d.ip.is_some()))
        .map(|(i, _)| i)
        .collect();
    let target = (spec.seen_fraction.clamp(0.0, 1.0) * candidates.len() as f64).round() as usize;
    let (mut seen, mut others): (Vec<usize>, Vec<usize>) = candidates
        .iter()
        .partition(|&&i| declared.contains(site.devices[i].id.as_str()));
    // Partial Fisher-Yates: the first `want` of `others` become a uniform sample.
    let want = target.saturating_sub(seen.len()).min(others.len());
    for k in 0..want {
        let j = k + rng.below(others.len() - k);
        others.swap(k, j);
    }
    seen.extend_from_slice(&others[..want]);
    seen.sort_unstable();

    let mut hosts: Vec<Host> = Vec::with_capacity(seen.len() + spec.unregistered);
    for &i in &seen {
        let d = &site.devices[i];
        let ip = match d.ip {
            Some(ip) => ip,
            None => {
                let pool = d
                    .segment
                    .as_deref()
                    .and_then(seg_index)
                    .and_then(|s| pools[s].as_mut());
                match pool.and_then(|p| p.take(&mut used_ips)) {
                    Some(ip) => ip,
                    None => continue,
                }
            }
        };
        let mac = match d.mac {
            Some(m) => m,
            None => {
                let ouis: Vec<[u8; 3]> = makers(d.kind).iter().map(|(o, _)| *o).collect();
                fresh_mac(&mut rng, &ouis, false, &mut used_macs)
            }
        };
        let mut external = Vec::new();
        if declared.contains(d.id.as_str()) {
            external.push(ExternalEvidence::GatewayProbe { responder: ip });
            if d.kind == DeviceKind::Vpn {
                external.push(ExternalEvidence::Service {
                    proto: Proto::Udp,
                    port: 500,
                    what: "IKE".to_string(),
                });
            }
        }
        hosts.push(Host {
            ip,
            mac: Some(mac),
            other_macs: Vec::new(),
            vendor: vendor_of(&mac),
            hostname: d.kind.is_individual().then(|| d.id.to_lowercase()),
            ports: ports_for(d.kind, &mut rng),
            rtt_ms: Some(millis(200 + rng.below(2800))),
            flags: flags_of(&mac),
            external,
            identify: None,
        });
    }

    // Unregistered hosts and undeclared routers, round-robin over segments
    // (skipping full ones).
    let extra = spec.unregistered + spec.undeclared_routers;
    let mut seg = 0usize;
    for n in 0..extra {
        let router = n >= spec.unregistered;
        let mut ip = None;
        for _ in 0..pools.len() {
            let s = seg % pools.len().max(1);
            seg += 1;
            if let Some(found) = pools[s].as_mut().and_then(|p| p.take(&mut used_ips)) {
                ip = Some(found);
                break;
            }
        }
        let Some(ip) = ip else { break };
        let mac = if router {
            fresh_mac(&mut rng, &ROUTER_OUIS, false, &mut used_macs)
        } else {
            fresh_mac(&mut rng, &UNREGISTERED_OUIS, n % 3 == 0, &mut used_macs)
        };
        let (ports, external, hostname) = if router {
            (
                vec![port(Proto::Tcp, 80, "http"), port(Proto::Tcp, 443, "https")],
                vec![ExternalEvidence::GatewayProbe { responder: ip }],
                None,
            )
        } else {
            let name = (n % 4 == 1).then(|| format!("android-{:08x}", rng.next_u64() as u32));
            (Vec::new(), Vec::new(), name)
        };
        hosts.push(Host {
            ip,
            mac: Some(mac),
            other_macs: Vec::new(),
            vendor: vendor_of(&mac),
            hostname,
            ports,
            rtt_ms: Some(millis(500 + rng.below(9000))),
            flags: flags_of(&mac),
            external,
            identify: None,
        });
    }
    hosts.sort_by_key(|h| h.ip);

    let started: DateTime<Utc> = NaiveDate::from_ymd_opt(2026, 11, 27)
        .and_then(|d| d.and_hms_opt(1, 20, 0))
        .map(|t| t.and_utc())
        .unwrap_or_default();
    let finished = started + TimeDelta::milliseconds(hosts.len() as i64 * 20 + 5_000);
    let scanner_ip = pools
        .first_mut()
        .and_then(|p| p.as_mut())
        .and_then(|p| p.take(&mut used_ips));
    let scanner_mac = Some(fresh_mac(&mut rng, &[], true, &mut used_macs));
    Snapshot {
        format: FORMAT_NAME.to_string(),
        version: FORMAT_VERSION,
        source: crate::snapshot::Source::Scan,
        imported_from: None,
        started,
        finished,
        partial: false,
        interface: "eth0".to_string(),
        scanner_ip,
        scanner_mac,
        // No default gateway: the only external evidence is what the spec asks for.
        default_gateway: None,
        scopes: site.segments.iter().filter_map(|s| s.cidr).collect(),
        settings: ScanSettings {
            rate_pps: 1000,
            host_rate_pps: 20,
            tcp_ports: vec![22, 80, 104, 443, 445, 554, 631, 3389, 9100],
            udp_ports: vec![500, 5060],
            outside_probe: Some(IpAddr::V4(Ipv4Addr::new(198, 19, 0, 1))),
            excluded: Vec::new(),
            unprivileged: false,
        },
        hosts,
        limitations: Vec::new(),
        switching: None,
        details: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::fs;

    fn spec(devices: usize, segments: usize, externals: usize, seed: u64) -> SynthSpec {
        SynthSpec {
            devices,
            segments,
            externals,
            seed,
        }
    }

    fn check_site(site: &Site, s: &SynthSpec) {
        assert_eq!(site.devices.len(), s.devices);
        assert_eq!(site.segments.len(), s.segments.max(1));
        assert_eq!(
            site.lines.len() + site.circuits.len() + site.clouds.len(),
            s.externals
        );
        let mut ids = HashSet::new();
        let mut macs = HashSet::new();
        let mut ips = HashSet::new();
        for d in &site.devices {
            assert!(ids.insert(d.id.clone()), "duplicate id {}", d.id);
            if let Some(m) = d.mac {
                assert!(macs.insert(m), "duplicate MAC {m}");
                assert_eq!(m.class(), crate::mac::MacClass::Universal, "{m}");
            }
            if let Some(ip) = d.ip {
                assert!(ips.insert(ip), "duplicate IP {ip}");
                let seg = site.segment(d.segment.as_deref().unwrap()).unwrap();
                assert!(seg.cidr.unwrap().contains(ip), "{ip} outside {}", seg.id);
            }
            if let Some(sys) = &d.system {
                assert!(site.system(sys).is_some(), "{sys}");
            }
        }
        for seg in &site.segments {
            for c in &seg.connects {
                assert!(site.segment(c).is_some(), "{c}");
            }
        }
        for l in &site.lines {
            if let Some(dev) = &l.device {
                assert!(site.device(dev).unwrap().kind.is_gateway_kind());
            }
        }
        for c in &site.circuits {
            if let Some(l) = &c.line {
                assert!(site.line(l).is_some());
            }
            if let Some(d) = &c.device {
                assert!(site.device(d).is_some());
            }
        }
    }

    #[test]
    fn same_seed_same_site_other_seed_other_site() {
        let s = spec(500, 8, 9, 42);
        assert_eq!(synthetic_site(&s), synthetic_site(&s));
        assert_ne!(
            synthetic_site(&s),
            synthetic_site(&SynthSpec { seed: 43, ..s })
        );
        let site = synthetic_site(&s);
        let snap = SnapSpec {
            seen_fraction: 0.7,
            unregistered: 12,
            undeclared_routers: 2,
            seed: 7,
        };
        assert_eq!(
            synthetic_snapshot(&site, &snap),
            synthetic_snapshot(&site, &snap)
        );
    }

    #[test]
    fn counts_ids_macs_and_ips_are_as_specified() {
        for s in [
            spec(500, 8, 9, 1),
            spec(150, 4, 6, 2),
            spec(3, 10, 2, 3),
            spec(0, 0, 0, 4),
            spec(60, 1, 12, 5),
            spec(2_000, 30, 20, 6),
        ] {
            check_site(&synthetic_site(&s), &s);
        }
    }

    #[test]
    fn realistic_mix() {
        let site = synthetic_site(&spec(500, 8, 9, 11));
        let kinds: HashSet<DeviceKind> = site.devices.iter().map(|d| d.kind).collect();
        for k in [
            DeviceKind::Switch,
            DeviceKind::Firewall,
            DeviceKind::Router,
            DeviceKind::Vpn,
            DeviceKind::Server,
            DeviceKind::Pc,
            DeviceKind::Printer,
            DeviceKind::Medical,
            DeviceKind::Phone,
        ] {
            assert!(kinds.contains(&k), "{k:?} missing");
        }
        assert!(site
            .devices
            .iter()
            .any(|d| d.ip.is_none() && d.mac.is_some()));
        assert!(site
            .devices
            .iter()
            .any(|d| d.mac.is_none() && d.ip.is_some()));
        assert!(site
            .devices
            .iter()
            .any(|d| d.mac.is_none() && d.ip.is_none() && d.segment.is_none()));
        assert!(site.segments.iter().any(|s| s.connects.is_empty()));
        assert!(site.segments.iter().any(|s| !s.connects.is_empty()));
        assert!(site.segments.iter().any(|s| s.is_perimeter()));
        // 9 externals = 3 lines, 3 circuits, 3 clouds; circuit 2 on its own line.
        assert_eq!(site.lines.len(), 3);
        assert_eq!(site.circuits.len(), 3);
        assert_eq!(site.clouds.len(), 3);
        let own: Vec<&Circuit> = site.circuits.iter().filter(|c| c.line.is_none()).collect();
        assert_eq!(own.len(), 1);
        assert_eq!(
            site.device(own[0].device.as_deref().unwrap()).unwrap().kind,
            DeviceKind::Vpn
        );
        assert!(site.flows.iter().any(|f| f.kind == FlowKind::Media));
        let known = |id: &str| {
            site.system(id).is_some()
                || site.device(id).is_some()
                || site.clouds.iter().any(|c| c.id == id)
        };
        let outside: Vec<&Flow> = site
            .flows
            .iter()
            .filter(|f| !known(&f.from) || !known(&f.to))
            .collect();
        assert_eq!(outside.len(), 1);
    }

    #[test]
    fn snapshot_sees_what_was_asked() {
        let site = synthetic_site(&spec(1_000, 10, 9, 3));
        let snap = synthetic_snapshot(
            &site,
            &SnapSpec {
                seen_fraction: 0.5,
                unregistered: 30,
                undeclared_routers: 3,
                seed: 9,
            },
        );
        let by_mac: HashMap<MacAddr, &Device> = site
            .devices
            .iter()
            .filter_map(|d| d.mac.map(|m| (m, d)))
            .collect();
        let by_ip: HashMap<IpAddr, &Device> = site
            .devices
            .iter()
            .filter_map(|d| d.ip.map(|ip| (ip, d)))
            .collect();
        let candidates = site
            .devices
            .iter()
            .filter(|d| d.segment.is_some() && (d.mac.is_some() || d.ip.is_some()))
            .count();
        let registered = snap
            .hosts
            .iter()
            .filter(|h| by_mac.contains_key(&h.mac.unwrap()) || by_ip.contains_key(&h.ip))
            .count();
        assert_eq!(registered, (candidates as f64 * 0.5).round() as usize);
        let unregistered: Vec<&Host> = snap
            .hosts
            .iter()
            .filter(|h| !by_mac.contains_key(&h.mac.unwrap()) && !by_ip.contains_key(&h.ip))
            .collect();
        assert_eq!(unregistered.len(), 33);
        assert!(unregistered
            .iter()
            .any(|h| h.mac.unwrap().is_locally_administered()
                && h.flags.contains(&HostFlag::RandomisedMac)));
        let undeclared = unregistered
            .iter()
            .filter(|h| h.external.iter().any(|e| e.is_strong()))
            .count();
        assert_eq!(undeclared, 3);
        // Every declared line/circuit device is seen with gateway evidence.
        for id in site.declared_external_devices() {
            let d = site.device(id).unwrap();
            let h = snap.hosts.iter().find(|h| Some(h.ip) == d.ip).unwrap();
            assert!(h
                .external
                .iter()
                .any(|e| matches!(e, ExternalEvidence::GatewayProbe { .. })));
        }
        // Unique IPs and MACs, all inside a scope, sorted.
        let ips: HashSet<IpAddr> = snap.hosts.iter().map(|h| h.ip).collect();
        assert_eq!(ips.len(), snap.hosts.len());
        let macs: HashSet<MacAddr> = snap.hosts.iter().map(|h| h.mac.unwrap()).collect();
        assert_eq!(macs.len(), snap.hosts.len());
        assert!(snap
            .hosts
            .iter()
            .all(|h| snap.scopes.iter().any(|s| s.contains(h.ip))));
        assert!(snap.hosts.windows(2).all(|w| w[0].ip < w[1].ip));
        assert_eq!(snap.scopes.len(), 10);
        // Round-trips through the snapshot format.
        let mut buf = Vec::new();
        snap.write_to(&mut buf).unwrap();
        assert_eq!(Snapshot::from_slice(&buf).unwrap(), snap);
    }

    #[test]
    fn written_site_has_english_headers_crlf_and_mixed_mac_spellings() {
        let site = synthetic_site(&spec(40, 4, 6, 5));
        let dir = tempfile::tempdir().unwrap();
        write_site(&site, dir.path()).unwrap();
        for f in [
            "segments.csv",
            "devices.csv",
            "systems.csv",
            "lines.csv",
            "maintenance.csv",
            "cloud.csv",
            "flows.csv",
            "contacts.csv",
        ] {
            let text = fs::read_to_string(dir.path().join(f)).unwrap();
            assert!(text.ends_with("\r\n"), "{f}");
            // One physical line per record plus the header: SourceRef lines hold.
            assert_eq!(text.matches("\r\n").count(), text.lines().count(), "{f}");
        }
        let devices = fs::read_to_string(dir.path().join("devices.csv")).unwrap();
        let mut lines = devices.lines();
        assert_eq!(
            lines.next().unwrap(),
            "id,name,kind,mac,ip,segment,system,department,vendor,location,notes"
        );
        assert_eq!(devices.lines().count(), site.devices.len() + 1);
        // Every spelling parses back to the ledger's MAC.
        let mut rdr = csv::Reader::from_reader(devices.as_bytes());
        let mut spellings = HashSet::new();
        for (rec, d) in rdr.records().zip(&site.devices) {
            let rec = rec.unwrap();
            let cell = &rec[3];
            match d.mac {
                Some(m) => {
                    assert_eq!(cell.parse::<MacAddr>().unwrap(), m);
                    spellings.insert(cell.chars().find(|c| !c.is_ascii_hexdigit()));
                }
                None => assert_eq!(cell, ""),
            }
            assert_eq!(rec[0], d.id);
        }
        assert_eq!(spellings.len(), 4, "{spellings:?}");
        let meta = fs::read_to_string(dir.path().join("site.toml")).unwrap();
        let v: toml::Value = toml::from_str(&meta).unwrap();
        assert_eq!(v["name"].as_str(), Some(site.meta.name.as_str()));
        assert_eq!(v["updated"].as_str(), Some("2026-11-01"));
        assert_eq!(v["language"].as_str(), Some("ja"));
    }

    #[test]
    fn hundred_thousand_devices_in_two_hundred_segments() {
        let s = spec(100_000, 200, 30, 2026);
        let site = synthetic_site(&s);
        check_site(&site, &s);
        let snap = synthetic_snapshot(
            &site,
            &SnapSpec {
                seen_fraction: 0.9,
                unregistered: 1_000,
                undeclared_routers: 10,
                seed: 1,
            },
        );
        assert!(snap.hosts.len() > 80_000);
    }
}
