//! The rule table: every item of the manual's checklist (pp.7–10) and the
//! inspection items, with the manual's section and level criteria, and for
//! the items the records can speak to, the checks that decide the level.
//! `docs/checklist.md` describes each rule; keep the two together.

use crate::inventory::audit::{AuditReport, DeviceRef, SeenHost};
use crate::site::{Circuit, Contact, DeviceKind, FlowKind, Site};
use crate::snapshot::ExternalEvidence;
use crate::text::Word;

use super::{Check, Evidence, Fact, Value, Verdict};

/// A section of the manual (the chapter an item refers to), with its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// 01.サイバーセキュリティに関する情報収集 (pp.13–15).
    S01,
    /// 02.ネットワーク・システム構成の把握 (pp.16–18).
    S02,
    /// 03.インシデントの早期対応 (pp.19–22).
    S03,
    /// 04.オフラインバックアップの実施 (pp.23–25).
    S04,
    /// 05.医療情報システムへのアクセス管理 (pp.26–29).
    S05,
    /// 06.保守作業等の医療情報システムへのアクセス管理 (pp.30–32).
    S06,
    /// 07.アクセスログの取得と不審なログの確認 (pp.33–35).
    S07,
    /// 08.ウイルス対策ソフトの管理 (pp.36–38).
    S08,
    /// 09.OSのセキュリティ・パッチ適用 (pp.39–41).
    S09,
    /// 10.情報機器・記録媒体の持ち込み管理 (pp.42–44).
    S10,
    /// 11.情報機器・記録媒体の持ち出し管理 (pp.45–47).
    S11,
    /// 12.インターネット・電子メールの取り扱いの注意 (pp.48–50).
    S12,
}

impl Section {
    /// The section's title and pages.
    pub fn word(self) -> Word {
        match self {
            Section::S01 => Word::ChkSec01,
            Section::S02 => Word::ChkSec02,
            Section::S03 => Word::ChkSec03,
            Section::S04 => Word::ChkSec04,
            Section::S05 => Word::ChkSec05,
            Section::S06 => Word::ChkSec06,
            Section::S07 => Word::ChkSec07,
            Section::S08 => Word::ChkSec08,
            Section::S09 => Word::ChkSec09,
            Section::S10 => Word::ChkSec10,
            Section::S11 => Word::ChkSec11,
            Section::S12 => Word::ChkSec12,
        }
    }

    /// The level criteria 1–3 (level 0 is the same for every item): the
    /// steps of the section's 対策プラン page (【準備】/【調査】 1,
    /// 【対策】 2, 【強化】 3); for sections 01 and 02 the criteria the
    /// manual writes out for items No.1 and No.2 (p.5).
    pub const fn criteria(self) -> [Word; 3] {
        match self {
            Section::S01 => [Word::ChkCrit01a, Word::ChkCrit01b, Word::ChkCrit01c],
            Section::S02 => [Word::ChkCrit02a, Word::ChkCrit02b, Word::ChkCrit02c],
            Section::S03 => [Word::ChkCrit03a, Word::ChkCrit03b, Word::ChkCrit03c],
            Section::S04 => [Word::ChkCrit04a, Word::ChkCrit04b, Word::ChkCrit04c],
            Section::S05 => [Word::ChkCrit05a, Word::ChkCrit05b, Word::ChkCrit05c],
            Section::S06 => [Word::ChkCrit06a, Word::ChkCrit06b, Word::ChkCrit06c],
            Section::S07 => [Word::ChkCrit07a, Word::ChkCrit07b, Word::ChkCrit07c],
            Section::S08 => [Word::ChkCrit08a, Word::ChkCrit08b, Word::ChkCrit08c],
            Section::S09 => [Word::ChkCrit09a, Word::ChkCrit09b, Word::ChkCrit09c],
            Section::S10 => [Word::ChkCrit10a, Word::ChkCrit10b, Word::ChkCrit10c],
            Section::S11 => [Word::ChkCrit11a, Word::ChkCrit11b, Word::ChkCrit11c],
            Section::S12 => [Word::ChkCrit12a, Word::ChkCrit12b, Word::ChkCrit12c],
        }
    }
}

/// Which list an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// The manual's checklist, item No.`n`, levels 0–3.
    Manual(u8),
    /// The ministry's on-site inspection checklist, answered はい / いいえ.
    Inspection,
}

/// How an item is judged.
#[derive(Debug, Clone, Copy)]
pub enum Judge {
    /// By these rules.
    Rules(fn(&Evidence<'_>) -> Verdict),
    /// Never from the records: ask this.
    Ask(Word),
}

/// One row of the table.
#[derive(Debug)]
pub struct Rule {
    /// Stable id: `"1"`…`"20"`, or the inspection item's name.
    pub id: &'static str,
    /// Which list.
    pub kind: RuleKind,
    /// A short title.
    pub title: Word,
    /// The item as the checklist asks it.
    pub question: Word,
    /// The manual's section for it.
    pub section: Section,
    /// The level criteria 1–3: the section's (see [`Section::criteria`]),
    /// or for an item the records judge, the section's steps as they
    /// apply to this item (docs/checklist.md gives the source of each).
    /// An inspection item is answered はい / いいえ and has none of its own
    /// (all three are [`Word::ChkYes`]).
    pub criteria: [Word; 3],
    /// How it is judged.
    pub judge: Judge,
}

impl Rule {
    /// The verdict of this rule on `ev`.
    pub fn judge(&self, ev: &Evidence<'_>) -> Verdict {
        match self.judge {
            Judge::Rules(f) => f(ev),
            Judge::Ask(question) => Verdict::NotJudged {
                question,
                facts: Vec::new(),
                waits_for: None,
            },
        }
    }
}

/// What to do to meet a check; the summary adds up, per action, the
/// levels it would raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// Scan the network.
    Scan,
    /// Scan the segments no complete scan covered.
    ScanSegments,
    /// Declare or cut the undeclared ways out.
    DeclareWaysOut,
    /// Register or remove the unregistered devices.
    ResolveUnregistered,
    /// Take personal devices off the network.
    RemovePersonalDevices,
    /// Bring the records up to date after the changes and set `updated`.
    UpdateRecords,
    /// Record the ledger's devices.
    RecordDevices,
    /// Record the segments with their subnets.
    RecordSegments,
    /// Record the external lines with the devices that end them.
    RecordLines,
    /// Record the systems with their owners.
    RecordOwners,
    /// Record each system's vendor contact with a phone number.
    RecordVendorContacts,
    /// Record each circuit's contact with a phone number.
    RecordCircuitContacts,
    /// Record appendix 3's public contacts.
    RecordPublicContacts,
    /// Record the in-hospital contact.
    RecordInternalContact,
    /// Record backups for every system.
    RecordBackups,
    /// Keep part of the backups offline.
    OfflineBackup,
    /// Check incoming media for malware and record it.
    CheckMedia,
    /// Record every circuit's method and hours.
    RecordCircuitHours,
    /// Limit the hours of always-on circuits.
    LimitCircuitHours,
    /// Record which device each circuit connects to.
    RecordCircuitDevices,
    /// Check the remote sessions seen outside a circuit's declared hours.
    CheckOutsideHours,
    /// Record the kinds of ledger devices (servers, PCs, network devices).
    RecordKinds,
}

impl Action {
    /// The action in words.
    pub fn word(self) -> Word {
        match self {
            Action::Scan => Word::ChkDoScan,
            Action::ScanSegments => Word::ChkDoScanSegments,
            Action::DeclareWaysOut => Word::ChkDoDeclareWaysOut,
            Action::ResolveUnregistered => Word::ChkDoResolveUnregistered,
            Action::RemovePersonalDevices => Word::ChkDoRemovePersonal,
            Action::UpdateRecords => Word::ChkDoUpdateRecords,
            Action::RecordDevices => Word::ChkDoRecordDevices,
            Action::RecordSegments => Word::ChkDoRecordSegments,
            Action::RecordLines => Word::ChkDoRecordLines,
            Action::RecordOwners => Word::ChkDoRecordOwners,
            Action::RecordVendorContacts => Word::ChkDoRecordVendorContacts,
            Action::RecordCircuitContacts => Word::ChkDoRecordCircuitContacts,
            Action::RecordPublicContacts => Word::ChkDoRecordPublicContacts,
            Action::RecordInternalContact => Word::ChkDoRecordInternalContact,
            Action::RecordBackups => Word::ChkDoRecordBackups,
            Action::OfflineBackup => Word::ChkDoOfflineBackup,
            Action::CheckMedia => Word::ChkDoCheckMedia,
            Action::RecordCircuitHours => Word::ChkDoRecordCircuitHours,
            Action::LimitCircuitHours => Word::ChkDoLimitCircuitHours,
            Action::RecordCircuitDevices => Word::ChkDoRecordCircuitDevices,
            Action::CheckOutsideHours => Word::ChkDoCheckOutsideHours,
            Action::RecordKinds => Word::ChkDoRecordKinds,
        }
    }

    /// A stable name for tools (JSON).
    pub fn name(self) -> &'static str {
        match self {
            Action::Scan => "scan",
            Action::ScanSegments => "scan-segments",
            Action::DeclareWaysOut => "declare-ways-out",
            Action::ResolveUnregistered => "resolve-unregistered",
            Action::RemovePersonalDevices => "remove-personal-devices",
            Action::UpdateRecords => "update-records",
            Action::RecordDevices => "record-devices",
            Action::RecordSegments => "record-segments",
            Action::RecordLines => "record-lines",
            Action::RecordOwners => "record-owners",
            Action::RecordVendorContacts => "record-vendor-contacts",
            Action::RecordCircuitContacts => "record-circuit-contacts",
            Action::RecordPublicContacts => "record-public-contacts",
            Action::RecordInternalContact => "record-internal-contact",
            Action::RecordBackups => "record-backups",
            Action::OfflineBackup => "offline-backup",
            Action::CheckMedia => "check-media",
            Action::RecordCircuitHours => "record-circuit-hours",
            Action::LimitCircuitHours => "limit-circuit-hours",
            Action::RecordCircuitDevices => "record-circuit-devices",
            Action::CheckOutsideHours => "check-outside-hours",
            Action::RecordKinds => "record-kinds",
        }
    }
}

const fn manual(
    no: u8,
    id: &'static str,
    title: Word,
    question: Word,
    section: Section,
    judge: Judge,
) -> Rule {
    Rule {
        id,
        kind: RuleKind::Manual(no),
        title,
        question,
        section,
        criteria: section.criteria(),
        judge,
    }
}

/// An item with criteria of its own (the section's steps as they apply to it).
const fn own(rule: Rule, criteria: [Word; 3]) -> Rule {
    Rule { criteria, ..rule }
}

/// The manual's 20 items (checklist pp.7–10), in order: number, title,
/// question, section, level criteria, and how the item is judged.
#[rustfmt::skip]
pub static RULES: [Rule; 20] = [
    manual(1, "1", Word::ChkT1, Word::ChkQ1, Section::S01, Judge::Ask(Word::ChkAsk1)),
    manual(2, "2", Word::ChkT2, Word::ChkQ2, Section::S02, Judge::Rules(item2)),
    own(manual(3, "3", Word::ChkT3, Word::ChkQ3, Section::S03, Judge::Rules(item3)),
        [Word::ChkCritI3a, Word::ChkCritI3b, Word::ChkCritI3c]),
    own(manual(4, "4", Word::ChkT4, Word::ChkQ4, Section::S04, Judge::Rules(item4)),
        [Word::ChkCritI4a, Word::ChkCritI4b, Word::ChkCritI4c]),
    manual(5, "5", Word::ChkT5, Word::ChkQ5, Section::S05, Judge::Ask(Word::ChkAsk5)),
    manual(6, "6", Word::ChkT6, Word::ChkQ6, Section::S05, Judge::Ask(Word::ChkAsk6)),
    manual(7, "7", Word::ChkT7, Word::ChkQ7, Section::S07, Judge::Ask(Word::ChkAsk7)),
    manual(8, "8", Word::ChkT8, Word::ChkQ8, Section::S07, Judge::Ask(Word::ChkAsk8)),
    manual(9, "9", Word::ChkT9, Word::ChkQ9, Section::S08, Judge::Ask(Word::ChkAsk9)),
    manual(10, "10", Word::ChkT10, Word::ChkQ10, Section::S09, Judge::Ask(Word::ChkAsk10)),
    manual(11, "11", Word::ChkT11, Word::ChkQ11, Section::S01, Judge::Rules(item11)),
    own(manual(12, "12", Word::ChkT12, Word::ChkQ12, Section::S10, Judge::Rules(item12)),
        [Word::ChkCritI12a, Word::ChkCritI12b, Word::ChkCritI12c]),
    own(manual(13, "13", Word::ChkT13, Word::ChkQ13, Section::S06, Judge::Rules(item13)),
        [Word::ChkCritI13a, Word::ChkCritI13b, Word::ChkCritI13c]),
    manual(14, "14", Word::ChkT14, Word::ChkQ14, Section::S11, Judge::Rules(item14)),
    own(manual(15, "15", Word::ChkT15, Word::ChkQ15, Section::S10, Judge::Rules(item15)),
        [Word::ChkCritI15a, Word::ChkCritI15b, Word::ChkCritI15c]),
    manual(16, "16", Word::ChkT16, Word::ChkQ16, Section::S12, Judge::Ask(Word::ChkAsk16)),
    manual(17, "17", Word::ChkT17, Word::ChkQ17, Section::S12, Judge::Ask(Word::ChkAsk17)),
    manual(18, "18", Word::ChkT18, Word::ChkQ18, Section::S12, Judge::Ask(Word::ChkAsk18)),
    manual(19, "19", Word::ChkT19, Word::ChkQ19, Section::S03, Judge::Ask(Word::ChkAsk19)),
    own(manual(20, "20", Word::ChkT20, Word::ChkQ20, Section::S03, Judge::Rules(item20)),
        [Word::ChkCritI20a, Word::ChkCritI20b, Word::ChkCritI20c]),
];

const fn inspection(
    id: &'static str,
    title: Word,
    question: Word,
    section: Section,
    judge: Judge,
) -> Rule {
    Rule {
        id,
        kind: RuleKind::Inspection,
        title,
        question,
        section,
        criteria: [Word::ChkYes, Word::ChkYes, Word::ChkYes],
        judge,
    }
}

/// The ministry's on-site inspection items that concern the inventory.
pub static INSPECTION: [Rule; 4] = [
    inspection(
        "ledger",
        Word::ChkTLedger,
        Word::ChkQLedger,
        Section::S02,
        Judge::Rules(inspect_ledger),
    ),
    inspection(
        "remote-maintenance",
        Word::ChkTRemote,
        Word::ChkQRemote,
        Section::S06,
        Judge::Rules(inspect_remote),
    ),
    inspection(
        "source-restriction",
        Word::ChkTSource,
        Word::ChkQSource,
        Section::S06,
        Judge::Rules(inspect_source),
    ),
    inspection(
        "contact-chart",
        Word::ChkTChart,
        Word::ChkQChart,
        Section::S03,
        Judge::Rules(inspect_chart),
    ),
];

// ---- helpers ----

fn check(level: u8, met: bool, action: Action, word: Word, values: Vec<Value>) -> Check {
    Check {
        level,
        met,
        fact: Fact::new(word, values),
        action,
    }
}

fn count(n: usize) -> Value {
    Value::Count(n)
}

fn device_name(d: &DeviceRef) -> String {
    if d.name.is_empty() || d.name == d.id {
        d.id.clone()
    } else {
        format!("{} ({})", d.id, d.name)
    }
}

fn host_name(h: &SeenHost) -> String {
    match h.mac {
        Some(m) => format!("{} {m}", h.ip),
        None => h.ip.to_string(),
    }
}

fn way_out_name(device: Option<&DeviceRef>, host: &SeenHost) -> String {
    match device {
        Some(d) => format!("{} {}", device_name(d), host.ip),
        None => host_name(host),
    }
}

/// Words meaning a backup (in a flow's description or a cloud's name/data).
fn is_backup_text(s: &str) -> bool {
    let s = s.to_lowercase();
    ["バックアップ", "ﾊﾞｯｸｱｯﾌﾟ", "backup", "back-up", "back up"]
        .iter()
        .any(|w| s.contains(w))
}

/// Words saying a backup is kept offline (manual 04, p.25: LTO tape,
/// USB-HDDs taken in turns, write-once media).
fn is_offline_text(s: &str) -> bool {
    let s = s.to_lowercase();
    [
        "オフライン",
        "offline",
        "テープ",
        "tape",
        "lto",
        "usb-hdd",
        "外付",
        "施錠",
        "worm",
        "追記型",
    ]
    .iter()
    .any(|w| s.contains(w))
}

/// Words saying incoming media are checked for malware (manual 10, p.43–44).
fn is_virus_check_text(s: &str) -> bool {
    let s = s.to_lowercase();
    [
        "ウイルスチェック",
        "ウィルスチェック",
        "ウイルス検査",
        "ウイルススキャン",
        "ウイルス対策",
        "virus",
        "malware",
        "anti-virus",
        "antivirus",
    ]
    .iter()
    .any(|w| s.contains(w))
}

/// Hours that keep a circuit connected all the time.
fn is_always_on(hours: &str) -> bool {
    let h = hours.trim().to_lowercase();
    h.is_empty()
        || ["常時", "24時間", "常設", "always", "24/7", "24h", "24 h"]
            .iter()
            .any(|w| h.contains(w))
}

/// True if the endpoint names a record inside the hospital (a system,
/// device or segment), not an outside party, a cloud or a line.
fn is_inside(site: &Site, endpoint: &str) -> bool {
    site.system(endpoint).is_some()
        || site.device(endpoint).is_some()
        || site.segment(endpoint).is_some()
}

fn is_outside_party(site: &Site, endpoint: &str) -> bool {
    !is_inside(site, endpoint)
        && !site.clouds.iter().any(|c| c.id == endpoint)
        && site.line(endpoint).is_none()
        && !site.circuits.iter().any(|c| c.id == endpoint)
}

fn text_has(c: &Contact, words: &[&str]) -> bool {
    let all = format!("{} {} {} {}", c.name, c.role, c.email, c.url).to_lowercase();
    words.iter().any(|w| all.contains(w))
}

/// The public contacts of the manual's appendix 3 (p.21): the ministry,
/// the IPA, the Personal Information Protection Commission, the
/// prefecture and the police.
const PUBLIC_CONTACTS: [(Word, &[&str]); 5] = [
    (Word::ChkPublicMhlw, &["厚生労働省", "mhlw"]),
    (Word::ChkPublicIpa, &["情報処理推進機構", "ipa"]),
    (Word::ChkPublicPpc, &["個人情報保護委員会", "ppc.go.jp"]),
    (
        Word::ChkPublicPref,
        &[
            "都道府県",
            "県庁",
            "府庁",
            "都庁",
            "道庁",
            "pref.",
            "prefectur",
        ],
    ),
    (Word::ChkPublicPolice, &["警察", "police"]),
];

/// The public contacts missing from contacts.csv.
fn missing_public(site: &Site) -> Vec<Word> {
    PUBLIC_CONTACTS
        .iter()
        .filter(|(_, words)| !site.contacts.iter().any(|c| text_has(c, words)))
        .map(|(w, _)| *w)
        .collect()
}

/// An in-hospital contact with a phone (manual 03, p.21: システム担当職員).
fn internal_contacts(site: &Site) -> Vec<&Contact> {
    site.contacts
        .iter()
        .filter(|c| {
            !c.phone.trim().is_empty()
                && text_has(
                    c,
                    &[
                        "院内",
                        "情報システム",
                        "システム管理",
                        "システム担当",
                        "情報管理",
                        "internal",
                        "in-house",
                        "it department",
                        "it office",
                    ],
                )
        })
        .collect()
}

/// Why there is no complete scan to judge by: none at all, or only
/// partial ones (absence proves nothing in those).
fn no_scan_word(ev: &Evidence<'_>) -> Word {
    if ev.audit.is_some() {
        Word::ChkFactOnlyPartial
    } else {
        Word::ChkFactNoScan
    }
}

fn words_value(words: &[Word]) -> Value {
    Value::Words(words.to_vec())
}

// ---- No.2 ----

/// No.2: the diagram is current and shows new lines and VPN devices.
fn item2(ev: &Evidence<'_>) -> Verdict {
    let site = ev.site;
    let mut checks = Vec::new();
    let mut notes = Vec::new();
    // Level 1: the ledger exists (the outline of the network is known).
    checks.push(check(
        1,
        !site.devices.is_empty(),
        Action::RecordDevices,
        Word::ChkFactLedger,
        vec![count(site.devices.len()), count(site.segments.len())],
    ));
    // Level 2: a detailed diagram: segments with subnets, lines with their devices, systems.
    let used: Vec<&str> = {
        let mut v: Vec<&str> = site
            .devices
            .iter()
            .filter_map(|d| d.segment.as_deref())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let no_cidr: Vec<String> = used
        .iter()
        .filter(|id| site.segment(id).map_or(true, |s| s.cidr.is_none()))
        .map(|s| s.to_string())
        .collect();
    checks.push(if no_cidr.is_empty() {
        check(
            2,
            true,
            Action::RecordSegments,
            Word::ChkFactSegmentsCidr,
            vec![count(used.len())],
        )
    } else {
        check(
            2,
            false,
            Action::RecordSegments,
            Word::ChkFactSegmentsNoCidr,
            vec![count(no_cidr.len()), Value::names(no_cidr)],
        )
    });
    let lines_without: Vec<String> = site
        .lines
        .iter()
        .filter(|l| l.device.is_none())
        .map(|l| l.id.clone())
        .collect();
    checks.push(if site.lines.is_empty() {
        check(2, false, Action::RecordLines, Word::ChkFactNoLines, vec![])
    } else if !lines_without.is_empty() {
        check(
            2,
            false,
            Action::RecordLines,
            Word::ChkFactLinesNoDevice,
            vec![count(lines_without.len()), Value::names(lines_without)],
        )
    } else {
        check(
            2,
            true,
            Action::RecordLines,
            Word::ChkFactLines,
            vec![count(site.lines.len()), count(site.circuits.len())],
        )
    });
    checks.push(check(
        2,
        !site.systems.is_empty(),
        Action::RecordOwners,
        Word::ChkFactSystems,
        vec![count(site.systems.len()), count(site.flows.len())],
    ));
    // Level 3: current — the scans agree with the records.
    match &ev.audit {
        Some(a) if ev.has_complete_scan() => {
            let latest = a
                .snapshots
                .iter()
                .filter(|s| !s.partial)
                .map(|s| s.started)
                .max();
            checks.push(check(
                3,
                true,
                Action::Scan,
                Word::ChkFactScanned,
                vec![
                    count(a.snapshots.len()),
                    // The scan's day in the site's local calendar.
                    latest.map_or(Value::Text(String::new()), |t| {
                        Value::Date(ev.site.meta.timezone.day(t))
                    }),
                ],
            ));
            checks.push(segments_scanned(a, 3));
            checks.push(ways_out_declared(a, 3));
            checks.push(unregistered_none(a, 3));
            checks.push(records_current(ev, a));
            if !a.unseen.is_empty() {
                notes.push(Fact::new(
                    Word::ChkNoteUnseen,
                    vec![
                        count(a.unseen.len()),
                        Value::names(a.unseen.iter().map(|u| device_name(&u.device))),
                    ],
                ));
            }
        }
        _ => checks.push(check(3, false, Action::Scan, no_scan_word(ev), vec![])),
    }
    Verdict::judged(3, checks, notes, None)
}

fn segments_scanned(a: &AuditReport, level: u8) -> Check {
    let u = &a.coverage.unscanned_segments;
    if u.is_empty() {
        check(
            level,
            true,
            Action::ScanSegments,
            Word::ChkFactAllSegmentsScanned,
            vec![],
        )
    } else {
        check(
            level,
            false,
            Action::ScanSegments,
            Word::ChkFactUnscannedSegments,
            vec![count(u.len()), Value::names(u.iter().cloned())],
        )
    }
}

fn ways_out_declared(a: &AuditReport, level: u8) -> Check {
    let u = &a.undeclared_external;
    if u.is_empty() {
        check(
            level,
            true,
            Action::DeclareWaysOut,
            Word::ChkFactWaysOutDeclared,
            vec![],
        )
    } else {
        check(
            level,
            false,
            Action::DeclareWaysOut,
            Word::ChkFactUndeclaredWaysOut,
            vec![
                count(u.len()),
                Value::names(u.iter().map(|w| way_out_name(w.device.as_ref(), &w.host))),
            ],
        )
    }
}

fn unregistered_none(a: &AuditReport, level: u8) -> Check {
    let u = &a.unregistered;
    if u.is_empty() {
        check(
            level,
            true,
            Action::ResolveUnregistered,
            Word::ChkFactNoUnregistered,
            vec![],
        )
    } else {
        let randomised = u.iter().filter(|h| h.randomised_mac).count();
        check(
            level,
            false,
            Action::ResolveUnregistered,
            Word::ChkFactUnregistered,
            vec![
                count(u.len()),
                count(randomised),
                Value::names(u.iter().map(|h| host_name(&h.host))),
            ],
        )
    }
}

/// The records' update date against the latest scan and the changes the
/// diff found since.
fn records_current(ev: &Evidence<'_>, a: &AuditReport) -> Check {
    // Days as the staff count them: the site's local calendar.
    let tz = &ev.site.meta.timezone;
    let Some(updated) = ev.site.meta.updated else {
        return check(
            3,
            false,
            Action::UpdateRecords,
            Word::ChkFactNoUpdated,
            vec![],
        );
    };
    let latest = a
        .snapshots
        .iter()
        .filter(|s| !s.partial)
        .map(|s| tz.day(s.started))
        .max();
    if latest.map_or(true, |l| updated >= l) {
        return check(
            3,
            true,
            Action::UpdateRecords,
            Word::ChkFactUpdatedAfterScan,
            vec![Value::Date(updated)],
        );
    }
    let scan_day = latest.unwrap_or(updated);
    match ev.diff {
        Some(d) if tz.day(d.new.started) > updated => {
            let changes = d.changes.len();
            if changes == 0 {
                check(
                    3,
                    true,
                    Action::UpdateRecords,
                    Word::ChkFactNoChangesSince,
                    vec![
                        Value::Date(updated),
                        Value::Date(tz.day(d.old.started)),
                        Value::Date(tz.day(d.new.started)),
                    ],
                )
            } else {
                check(
                    3,
                    false,
                    Action::UpdateRecords,
                    Word::ChkFactChangesSince,
                    vec![
                        Value::Date(updated),
                        count(changes),
                        Value::Date(tz.day(d.old.started)),
                        Value::Date(tz.day(d.new.started)),
                    ],
                )
            }
        }
        _ => check(
            3,
            true,
            Action::UpdateRecords,
            Word::ChkFactOlderNoDiff,
            vec![Value::Date(updated), Value::Date(scan_day)],
        ),
    }
}

// ---- No.3 ----

/// No.3: the list of system owners and vendors is current: step 1 of
/// section 03 (owners and contacts written down) is what the records show.
fn item3(ev: &Evidence<'_>) -> Verdict {
    let site = ev.site;
    let mut checks = Vec::new();
    let no_owner: Vec<String> = site
        .systems
        .iter()
        .filter(|s| s.owner.trim().is_empty())
        .map(|s| s.id.clone())
        .collect();
    checks.push(if site.systems.is_empty() {
        check(
            1,
            false,
            Action::RecordOwners,
            Word::ChkFactNoSystems,
            vec![],
        )
    } else if no_owner.is_empty() {
        check(
            1,
            true,
            Action::RecordOwners,
            Word::ChkFactOwners,
            vec![count(site.systems.len())],
        )
    } else {
        check(
            1,
            false,
            Action::RecordOwners,
            Word::ChkFactNoOwner,
            vec![
                count(no_owner.len()),
                count(site.systems.len()),
                Value::names(no_owner),
            ],
        )
    });
    let no_vendor: Vec<String> = site
        .systems
        .iter()
        .filter(|s| {
            s.vendor.trim().is_empty() || s.contact.trim().is_empty() || s.phone.trim().is_empty()
        })
        .map(|s| s.id.clone())
        .collect();
    if !site.systems.is_empty() {
        checks.push(if no_vendor.is_empty() {
            check(
                1,
                true,
                Action::RecordVendorContacts,
                Word::ChkFactVendorContacts,
                vec![count(site.systems.len())],
            )
        } else {
            check(
                1,
                false,
                Action::RecordVendorContacts,
                Word::ChkFactNoVendorContact,
                vec![count(no_vendor.len()), Value::names(no_vendor)],
            )
        });
    }
    if !site.circuits.is_empty() {
        checks.push(circuit_contacts(site, 1));
    }
    checks.push(public_contacts(site, 1));
    Verdict::judged(1, checks, Vec::new(), Some(Word::ChkBeyond3))
}

fn circuit_contacts(site: &Site, level: u8) -> Check {
    let missing: Vec<String> = site
        .circuits
        .iter()
        .filter(|c| c.contact.trim().is_empty() || c.phone.trim().is_empty())
        .map(|c| c.id.clone())
        .collect();
    if missing.is_empty() {
        check(
            level,
            true,
            Action::RecordCircuitContacts,
            Word::ChkFactCircuitContacts,
            vec![count(site.circuits.len())],
        )
    } else {
        check(
            level,
            false,
            Action::RecordCircuitContacts,
            Word::ChkFactNoCircuitContact,
            vec![count(missing.len()), Value::names(missing)],
        )
    }
}

fn public_contacts(site: &Site, level: u8) -> Check {
    let missing = missing_public(site);
    if missing.is_empty() {
        check(
            level,
            true,
            Action::RecordPublicContacts,
            Word::ChkFactPublicContacts,
            vec![count(site.contacts.len())],
        )
    } else {
        check(
            level,
            false,
            Action::RecordPublicContacts,
            Word::ChkFactNoPublicContacts,
            vec![count(site.contacts.len()), words_value(&missing)],
        )
    }
}

// ---- No.4 ----

/// The systems that have a backup in the records, and whether any backup
/// is offline; with the backup flows and clouds found.
struct Backups {
    with: Vec<String>,
    without: Vec<String>,
    offline: Vec<String>,
    flows: usize,
}

fn backups(site: &Site) -> Backups {
    let backup_cloud = |id: &str| {
        site.clouds
            .iter()
            .find(|c| c.id == id)
            .is_some_and(|c| is_backup_text(&c.name) || is_backup_text(&c.data))
    };
    let mut with: Vec<String> = Vec::new();
    let mut offline: Vec<String> = Vec::new();
    let mut flows = 0;
    for f in &site.flows {
        let is_backup = is_backup_text(&f.description) || backup_cloud(&f.to);
        if !is_backup {
            continue;
        }
        flows += 1;
        // The system backed up: the flow's source, or the device's system.
        let system = site
            .system(&f.from)
            .map(|s| s.id.clone())
            .or_else(|| site.device(&f.from).and_then(|d| d.system.clone()));
        if let Some(s) = &system {
            with.push(s.clone());
        }
        if f.kind == FlowKind::Media || is_offline_text(&f.description) {
            offline.push(format!("{} → {}", f.from, f.to));
        }
    }
    // A backup cloud names the systems it backs up.
    for c in &site.clouds {
        if is_backup_text(&c.name) || is_backup_text(&c.data) {
            with.extend(c.systems.iter().cloned());
        }
    }
    with.sort();
    with.dedup();
    let without = site
        .systems
        .iter()
        .filter(|s| !with.contains(&s.id))
        .map(|s| s.id.clone())
        .collect();
    Backups {
        with,
        without,
        offline,
        flows,
    }
}

/// No.4: backups are taken, some of them offline.
fn item4(ev: &Evidence<'_>) -> Verdict {
    let site = ev.site;
    let b = backups(site);
    let mut checks = Vec::new();
    checks.push(if b.with.is_empty() {
        check(
            1,
            false,
            Action::RecordBackups,
            Word::ChkFactNoBackups,
            vec![],
        )
    } else {
        check(
            1,
            true,
            Action::RecordBackups,
            Word::ChkFactBackups,
            vec![
                count(b.flows),
                count(b.with.len()),
                Value::names(b.with.clone()),
            ],
        )
    });
    checks.push(if site.systems.is_empty() {
        check(
            2,
            false,
            Action::RecordOwners,
            Word::ChkFactNoSystems,
            vec![],
        )
    } else if b.without.is_empty() {
        check(
            2,
            true,
            Action::RecordBackups,
            Word::ChkFactEverySystemBackedUp,
            vec![count(site.systems.len())],
        )
    } else {
        check(
            2,
            false,
            Action::RecordBackups,
            Word::ChkFactSystemsWithoutBackup,
            vec![
                count(b.without.len()),
                count(site.systems.len()),
                Value::names(b.without.clone()),
            ],
        )
    });
    checks.push(if b.offline.is_empty() {
        check(
            2,
            false,
            Action::OfflineBackup,
            Word::ChkFactNoOffline,
            vec![],
        )
    } else {
        check(
            2,
            true,
            Action::OfflineBackup,
            Word::ChkFactOffline,
            vec![count(b.offline.len()), Value::names(b.offline)],
        )
    });
    Verdict::judged(2, checks, Vec::new(), Some(Word::ChkBeyond4))
}

// ---- No.11 ----

/// A declared way out (a line's or circuit's device) named with its maker.
fn declared_way_out(site: &Site, id: &str) -> String {
    match site.device(id) {
        Some(d) if !d.vendor.trim().is_empty() => format!("{} ({}, {})", d.id, d.name, d.vendor),
        Some(d) => format!("{} ({})", d.id, d.name),
        None => id.to_string(),
    }
}

/// No.11: network devices with known flaws updated — waits for the
/// identification issue (make, firmware, advisories); the ways out are
/// listed, as they are the devices to ask about first (manual 01, p.14).
fn item11(ev: &Evidence<'_>) -> Verdict {
    let site = ev.site;
    let declared = site.declared_external_devices();
    let mut facts = vec![Fact::new(
        Word::ChkFactWaysOut,
        vec![
            count(declared.len()),
            Value::names(declared.iter().map(|id| declared_way_out(site, id))),
        ],
    )];
    if let Some(a) = &ev.audit {
        if !a.undeclared_external.is_empty() {
            facts.push(Fact::new(
                Word::ChkFactUndeclaredWaysOut,
                vec![
                    count(a.undeclared_external.len()),
                    Value::names(a.undeclared_external.iter().map(|u| {
                        let name = way_out_name(u.device.as_ref(), &u.host);
                        match u.host.vendor.as_deref() {
                            Some(v) if !v.trim().is_empty() => format!("{name} {v}"),
                            _ => name,
                        }
                    })),
                ],
            ));
        }
    }
    // What identification (issue 13) knows of each way out: make and
    // firmware, on the wire or in the ledger, against the advisory table.
    // Whether a firmware was updated stays the question to answer.
    if let Some(a) = ev.audit.as_ref().filter(|a| !a.ways_out.is_empty()) {
        use crate::identify::WayOutFlag;
        let who = |c: &crate::identify::WayOutCheck| {
            let mut s = c
                .device
                .clone()
                .or_else(|| c.ip.map(|ip| ip.to_string()))
                .unwrap_or_default();
            let firmware = c
                .seen
                .as_ref()
                .and_then(|s| s.firmware.clone())
                .or_else(|| c.ledger.firmware.clone());
            if let Some(f) = firmware {
                s.push_str(&format!(" {f}"));
            }
            s
        };
        let exploited: Vec<String> = a
            .ways_out
            .iter()
            .filter(|c| !c.advisories.is_empty())
            .map(|c| {
                let cves: Vec<&str> = c.advisories.iter().map(|x| x.cve.as_str()).collect();
                format!("{} ({})", who(c), cves.join(", "))
            })
            .collect();
        let unknown: Vec<String> = a
            .ways_out
            .iter()
            .filter(|c| c.flags.contains(&WayOutFlag::FirmwareUnknown))
            .map(who)
            .collect();
        let clear: Vec<String> = a
            .ways_out
            .iter()
            .filter(|c| c.advisories.is_empty() && !c.flags.contains(&WayOutFlag::FirmwareUnknown))
            .map(who)
            .collect();
        for (word, list) in [
            (Word::IdChkKnownExploited, exploited),
            (Word::IdChkFirmwareUnknown, unknown),
            (Word::IdChkFirmwareClear, clear),
        ] {
            if !list.is_empty() {
                facts.push(Fact::new(word, vec![count(list.len()), Value::names(list)]));
            }
        }
        if let Some(t) = a.ways_out_tables {
            facts.push(Fact::new(
                Word::IdChkTables,
                vec![Value::Date(t.advisories)],
            ));
        }
        return Verdict::NotJudged {
            question: Word::ChkAsk11,
            facts,
            waits_for: None,
        };
    }
    Verdict::NotJudged {
        question: Word::ChkAsk11,
        facts,
        waits_for: Some(Word::ChkWaits13),
    }
}

// ---- No.12 and No.15 ----

/// No.12: media received are checked for malware.
fn item12(ev: &Evidence<'_>) -> Verdict {
    let site = ev.site;
    let incoming: Vec<&crate::site::Flow> = site
        .flows
        .iter()
        .filter(|f| f.kind == FlowKind::Media && is_inside(site, &f.to))
        .collect();
    if incoming.is_empty() {
        return Verdict::NotJudged {
            question: Word::ChkAsk12,
            facts: vec![Fact::new(
                Word::ChkFactNoMediaIn,
                vec![count(site.flows.len())],
            )],
            waits_for: None,
        };
    }
    let flow_name = |f: &&crate::site::Flow| format!("{} → {}", f.from, f.to);
    let (checked, unchecked): (Vec<_>, Vec<_>) = incoming
        .iter()
        .partition(|f| is_virus_check_text(&f.description));
    let checks = vec![
        if checked.is_empty() {
            check(
                1,
                false,
                Action::CheckMedia,
                Word::ChkFactMediaNoneChecked,
                vec![count(incoming.len())],
            )
        } else {
            check(
                1,
                true,
                Action::CheckMedia,
                Word::ChkFactMediaSomeChecked,
                vec![
                    count(checked.len()),
                    count(incoming.len()),
                    Value::names(checked.iter().map(flow_name)),
                ],
            )
        },
        if unchecked.is_empty() {
            check(
                2,
                true,
                Action::CheckMedia,
                Word::ChkFactMediaChecked,
                vec![],
            )
        } else {
            check(
                2,
                false,
                Action::CheckMedia,
                Word::ChkFactMediaUnchecked,
                vec![
                    count(unchecked.len()),
                    count(incoming.len()),
                    Value::names(unchecked.iter().map(flow_name)),
                ],
            )
        },
    ];
    let notes = vec![Fact::new(
        Word::ChkFactMediaIn,
        vec![
            count(incoming.len()),
            Value::names(incoming.iter().map(flow_name)),
        ],
    )];
    Verdict::judged(2, checks, notes, Some(Word::ChkBeyond12))
}

/// Networked ledger devices without a MAC (cannot go on the allowlist).
fn allowlist_note(site: &Site) -> Fact {
    let networked = site.devices.iter().filter(|d| d.segment.is_some()).count();
    let listed = crate::inventory::allowlist::allowed_devices(site).count();
    Fact::new(
        Word::ChkNoteAllowlist,
        vec![count(listed), count(networked)],
    )
}

/// No.15: no personal USB memory or other unauthorised media.
fn item15(ev: &Evidence<'_>) -> Verdict {
    let Some(a) = ev.audit.as_ref().filter(|_| ev.has_complete_scan()) else {
        return Verdict::NotJudged {
            question: Word::ChkAsk15,
            facts: vec![Fact::new(no_scan_word(ev), vec![]), allowlist_note(ev.site)],
            waits_for: None,
        };
    };
    let personal: Vec<String> = a
        .unregistered
        .iter()
        .filter(|u| u.randomised_mac)
        .map(|u| host_name(&u.host))
        .collect();
    let checks = vec![
        if personal.is_empty() {
            check(
                1,
                true,
                Action::RemovePersonalDevices,
                Word::ChkFactNoPersonal,
                vec![],
            )
        } else {
            check(
                1,
                false,
                Action::RemovePersonalDevices,
                Word::ChkFactPersonal,
                vec![count(personal.len()), Value::names(personal)],
            )
        },
        unregistered_none(a, 2),
        segments_scanned(a, 2),
    ];
    Verdict::judged(
        2,
        checks,
        vec![allowlist_note(ev.site)],
        Some(Word::ChkBeyond15),
    )
}

// ---- No.13 ----

/// Circuits whose method or hours are not recorded.
fn circuits_without_hours(site: &Site) -> Vec<String> {
    site.circuits
        .iter()
        .filter(|c| c.method.trim().is_empty() || c.hours.trim().is_empty())
        .map(|c| c.id.clone())
        .collect()
}

fn circuit_label(c: &Circuit) -> String {
    format!("{} ({}, {})", c.id, c.vendor, c.hours)
}

/// No.13: maintenance work checked, remote work included.
fn item13(ev: &Evidence<'_>) -> Verdict {
    let site = ev.site;
    let mut facts = Vec::new();
    if let Some(a) = &ev.audit {
        if !a.undeclared_external.is_empty() {
            facts.push(Fact::new(
                Word::ChkFactUndeclaredWaysOut,
                vec![
                    count(a.undeclared_external.len()),
                    Value::names(
                        a.undeclared_external
                            .iter()
                            .map(|w| way_out_name(w.device.as_ref(), &w.host)),
                    ),
                ],
            ));
        }
    }
    if site.circuits.is_empty() {
        return Verdict::NotJudged {
            question: Word::ChkAsk13,
            facts: {
                facts.insert(0, Fact::new(Word::ChkFactNoCircuits, vec![]));
                facts
            },
            waits_for: None,
        };
    }
    let missing = circuits_without_hours(site);
    let always: Vec<String> = site
        .circuits
        .iter()
        .filter(|c| is_always_on(&c.hours))
        .map(circuit_label)
        .collect();
    let mut checks = vec![
        if missing.is_empty() {
            check(
                1,
                true,
                Action::RecordCircuitHours,
                Word::ChkFactCircuitsDeclared,
                vec![count(site.circuits.len())],
            )
        } else {
            check(
                1,
                false,
                Action::RecordCircuitHours,
                Word::ChkFactCircuitsUndeclared,
                vec![count(missing.len()), Value::names(missing)],
            )
        },
        if always.is_empty() {
            check(
                2,
                true,
                Action::LimitCircuitHours,
                Word::ChkFactCircuitsLimited,
                vec![Value::names(site.circuits.iter().map(circuit_label))],
            )
        } else {
            check(
                2,
                false,
                Action::LimitCircuitHours,
                Word::ChkFactCircuitsAlways,
                vec![count(always.len()), Value::names(always)],
            )
        },
    ];
    // Sessions against the declared hours, once a capture was audited.
    let captured = ev.audit.as_ref().filter(|a| {
        a.snapshots
            .iter()
            .any(|s| s.source == crate::snapshot::Source::Capture)
    });
    match captured {
        Some(a) if !a.outside_hours.is_empty() => {
            let mut ids: Vec<String> = a
                .outside_hours
                .iter()
                .flat_map(|o| o.circuits.iter().map(|c| c.id.clone()))
                .collect();
            ids.sort();
            ids.dedup();
            checks.push(check(
                2,
                false,
                Action::CheckOutsideHours,
                Word::ChkFactOutsideHours,
                vec![count(a.outside_hours.len()), Value::names(ids)],
            ));
        }
        Some(_) => checks.push(check(
            2,
            true,
            Action::CheckOutsideHours,
            Word::ChkFactInsideHours,
            vec![],
        )),
        None => facts.push(Fact::new(Word::ChkNoteSessions, vec![])),
    }
    Verdict::judged(2, checks, facts, Some(Word::ChkBeyond13))
}

// ---- No.14 ----

/// No.14: devices and media taken out — the records list what leaves by
/// media, not how it is managed.
fn item14(ev: &Evidence<'_>) -> Verdict {
    let site = ev.site;
    let out: Vec<String> = site
        .flows
        .iter()
        .filter(|f| f.kind == FlowKind::Media && is_outside_party(site, &f.to))
        .map(|f| format!("{} → {}", f.from, f.to))
        .collect();
    Verdict::NotJudged {
        question: Word::ChkAsk14,
        facts: vec![Fact::new(
            Word::ChkFactMediaOut,
            vec![count(out.len()), Value::names(out)],
        )],
        waits_for: None,
    }
}

// ---- No.20 ----

/// No.20: staff know whom to call inside the hospital.
fn item20(ev: &Evidence<'_>) -> Verdict {
    let internal = internal_contacts(ev.site);
    let checks = vec![if internal.is_empty() {
        check(
            1,
            false,
            Action::RecordInternalContact,
            if ev.site.contacts.is_empty() {
                Word::ChkFactNoContacts
            } else {
                Word::ChkFactNoInternalContact
            },
            vec![count(ev.site.contacts.len())],
        )
    } else {
        check(
            1,
            true,
            Action::RecordInternalContact,
            Word::ChkFactInternalContact,
            vec![Value::names(
                internal.iter().map(|c| format!("{} {}", c.name, c.phone)),
            )],
        )
    }];
    Verdict::judged(1, checks, Vec::new(), Some(Word::ChkBeyond20))
}

// ---- inspection items ----

/// 台帳管理: the ledger of servers, PCs and network devices, checked
/// against the network when scanned.
fn inspect_ledger(ev: &Evidence<'_>) -> Verdict {
    let site = ev.site;
    let of = |f: fn(DeviceKind) -> bool| site.devices.iter().filter(|d| f(d.kind)).count();
    let servers = of(|k| matches!(k, DeviceKind::Server | DeviceKind::Storage));
    let pcs = of(|k| k == DeviceKind::Pc);
    let network = of(DeviceKind::is_network);
    let mut missing = Vec::new();
    if servers == 0 {
        missing.push(Word::ChkKindServers);
    }
    if pcs == 0 {
        missing.push(Word::ChkKindPcs);
    }
    if network == 0 {
        missing.push(Word::ChkKindNetwork);
    }
    let mut checks = vec![if missing.is_empty() {
        check(
            1,
            true,
            Action::RecordKinds,
            Word::ChkFactLedgerKinds,
            vec![count(servers), count(pcs), count(network)],
        )
    } else {
        check(
            1,
            false,
            Action::RecordKinds,
            Word::ChkFactLedgerMissingKinds,
            vec![
                count(servers),
                count(pcs),
                count(network),
                words_value(&missing),
            ],
        )
    }];
    let mut notes = Vec::new();
    match ev.audit.as_ref().filter(|_| ev.has_complete_scan()) {
        Some(a) => checks.push(unregistered_none(a, 1)),
        None => notes.push(Fact::new(Word::ChkNoteLedgerUnchecked, vec![])),
    }
    Verdict::judged(1, checks, notes, None)
}

/// リモートメンテナンス機器の有無: the vendors were asked which devices
/// they maintain remotely (every circuit names its device; the scans find
/// no way out nobody declared).
fn inspect_remote(ev: &Evidence<'_>) -> Verdict {
    let site = ev.site;
    let scanned = ev.audit.as_ref().filter(|_| ev.has_complete_scan());
    let undeclared = scanned.map_or(0, |a| a.undeclared_external.len());
    if site.circuits.is_empty() && undeclared == 0 {
        let mut vendors: Vec<String> = site
            .systems
            .iter()
            .map(|s| s.vendor.clone())
            .filter(|v| !v.trim().is_empty())
            .collect();
        vendors.sort();
        vendors.dedup();
        let mut facts = vec![Fact::new(Word::ChkFactNoCircuits, vec![])];
        if !vendors.is_empty() {
            facts.push(Fact::new(
                Word::ChkFactVendorsToAsk,
                vec![count(vendors.len()), Value::names(vendors)],
            ));
        }
        if scanned.is_some() {
            facts.push(Fact::new(Word::ChkFactWaysOutDeclared, vec![]));
        }
        return Verdict::NotJudged {
            question: Word::ChkAskRemote,
            facts,
            waits_for: None,
        };
    }
    let no_device: Vec<String> = site
        .circuits
        .iter()
        .filter(|c| c.device.is_none())
        .map(|c| c.id.clone())
        .collect();
    let mut checks = vec![if site.circuits.is_empty() {
        check(
            1,
            false,
            Action::RecordCircuitDevices,
            Word::ChkFactNoCircuits,
            vec![],
        )
    } else if no_device.is_empty() {
        check(
            1,
            true,
            Action::RecordCircuitDevices,
            Word::ChkFactCircuitDevices,
            vec![
                count(site.circuits.len()),
                Value::names(site.declared_external_devices().into_iter().filter(|d| {
                    site.circuits
                        .iter()
                        .any(|c| c.device.as_deref() == Some(*d))
                })),
            ],
        )
    } else {
        check(
            1,
            false,
            Action::RecordCircuitDevices,
            Word::ChkFactCircuitNoDevice,
            vec![count(no_device.len()), Value::names(no_device)],
        )
    }];
    let mut notes = Vec::new();
    match scanned {
        Some(a) => checks.push(ways_out_declared(a, 1)),
        None => notes.push(Fact::new(Word::ChkNoteRemoteUnchecked, vec![])),
    }
    Verdict::judged(1, checks, notes, None)
}

/// The remote-access services among a host's evidence (VPN endpoints,
/// remote-support tools): what accepts connections from outside.
fn remote_access_services(evidence: &[ExternalEvidence]) -> bool {
    evidence.iter().any(|e| {
        matches!(e, ExternalEvidence::Service { .. }) && crate::inventory::evidence::is_way_out(e)
    })
}

/// 接続元制限: ways out that accept remote access from anywhere.
fn inspect_source(ev: &Evidence<'_>) -> Verdict {
    let site = ev.site;
    let declared_remote: Vec<String> = site
        .circuits
        .iter()
        .filter_map(|c| c.device.clone())
        .collect::<std::collections::BTreeSet<String>>()
        .into_iter()
        .collect();
    let Some(a) = ev.audit.as_ref().filter(|_| ev.has_complete_scan()) else {
        return Verdict::NotJudged {
            question: Word::ChkAskSource,
            facts: vec![
                Fact::new(no_scan_word(ev), vec![]),
                Fact::new(
                    Word::ChkFactDeclaredRemote,
                    vec![count(declared_remote.len()), Value::names(declared_remote)],
                ),
            ],
            waits_for: None,
        };
    };
    let open: Vec<String> = a
        .undeclared_external
        .iter()
        .filter(|u| remote_access_services(&u.evidence))
        .map(|u| way_out_name(u.device.as_ref(), &u.host))
        .collect();
    let unexplained: Vec<String> = a
        .remote_control
        .iter()
        .filter(|r| r.circuits.is_empty())
        .map(|r| way_out_name(r.device.as_ref(), &r.host))
        .collect();
    let mut facts = vec![Fact::new(
        Word::ChkFactDeclaredRemote,
        vec![count(declared_remote.len()), Value::names(declared_remote)],
    )];
    if !unexplained.is_empty() {
        facts.push(Fact::new(
            Word::ChkNoteRemoteControl,
            vec![count(unexplained.len()), Value::names(unexplained)],
        ));
    }
    if open.is_empty() {
        facts.insert(0, Fact::new(Word::ChkFactNoOpenRemote, vec![]));
        return Verdict::NotJudged {
            question: Word::ChkAskSource,
            facts,
            waits_for: None,
        };
    }
    // いいえ on this evidence; declaring these ways out would not make the
    // answer はい, only open the question again: no level above it.
    let checks = vec![check(
        1,
        false,
        Action::DeclareWaysOut,
        Word::ChkFactOpenRemote,
        vec![count(open.len()), Value::names(open)],
    )];
    Verdict::judged(0, checks, facts, Some(Word::ChkAskSource))
}

/// 連絡体制図: the contact chart, inside and outside.
fn inspect_chart(ev: &Evidence<'_>) -> Verdict {
    let site = ev.site;
    let internal = internal_contacts(site);
    let owners_known =
        !site.systems.is_empty() && site.systems.iter().all(|s| !s.owner.trim().is_empty());
    let checks = vec![
        check(
            1,
            owners_known,
            Action::RecordOwners,
            if owners_known {
                Word::ChkFactOwners
            } else {
                Word::ChkFactOwnersIncomplete
            },
            vec![count(site.systems.len())],
        ),
        if internal.is_empty() {
            check(
                1,
                false,
                Action::RecordInternalContact,
                Word::ChkFactNoInternalContact,
                vec![count(site.contacts.len())],
            )
        } else {
            check(
                1,
                true,
                Action::RecordInternalContact,
                Word::ChkFactInternalContact,
                vec![Value::names(
                    internal.iter().map(|c| format!("{} {}", c.name, c.phone)),
                )],
            )
        },
        public_contacts(site, 1),
        {
            let mut c = circuit_contacts(site, 1);
            if site.circuits.is_empty() {
                c.fact = Fact::new(Word::ChkFactNoCircuitsToCall, vec![]);
            }
            c
        },
    ];
    Verdict::judged(1, checks, Vec::new(), None)
}
