//! One function per site file: rows to typed records, each bad value an
//! error naming file, line, column and value.

use std::net::IpAddr;
use std::str::FromStr;

use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt};
use ipnetwork::IpNetwork;

use super::model::*;
use super::table::{normalize_width, read_rows, ColumnSpec, Headers, Input, Row};
use crate::mac::MacAddr;
use crate::problem::{Problem, Problems};
use crate::text::Word;

// Header spellings as shown in messages; matched in `header_key` form.
const ID: &[&str] = &["id", "番号", "No", "管理番号"];
const NAME: &[&str] = &["name", "名称", "名前", "機器名", "ホスト名", "host name"];
const NOTES: &[&str] = &["notes", "note", "備考", "remarks", "メモ"];
const VENDOR: &[&str] = &[
    "vendor",
    "ベンダ",
    "ベンダー",
    "事業者",
    "メーカー",
    "メーカ",
    "maker",
    "保守事業者",
];
const SYSTEM: &[&str] = &["system", "システム", "システム名"];
const PHONE: &[&str] = &["phone", "電話番号", "電話", "TEL", "連絡先電話番号"];
const EMAIL: &[&str] = &["email", "メールアドレス", "メール", "mail"];
const CONTACT: &[&str] = &["contact", "担当者", "担当", "連絡先"];
const DEVICE: &[&str] = &["device", "接続機器", "機器", "終端装置"];
const LINE: &[&str] = &["line", "回線", "回線ID"];

const fn col(field: &'static str, aliases: &'static [&'static str]) -> ColumnSpec {
    ColumnSpec {
        field,
        aliases,
        required: false,
    }
}

const fn required(field: &'static str, aliases: &'static [&'static str]) -> ColumnSpec {
    ColumnSpec {
        field,
        aliases,
        required: true,
    }
}

pub(super) const SEGMENT_COLUMNS: &[ColumnSpec] = &[
    required(
        "id",
        &[
            "id",
            "番号",
            "No",
            "管理番号",
            "セグメントID",
            "セグメント番号",
        ],
    ),
    col("name", &["name", "名称", "名前", "セグメント名"]),
    col(
        "cidr",
        &[
            "cidr",
            "サブネット",
            "ネットワーク",
            "subnet",
            "network",
            "ネットワークアドレス",
        ],
    ),
    col("zone", &["zone", "ゾーン"]),
    col("vlan", &["vlan", "VLAN ID", "VLAN番号"]),
    col("connects", &["connects", "接続先セグメント", "接続先"]),
    col("notes", NOTES),
];

pub(super) const DEVICE_COLUMNS: &[ColumnSpec] = &[
    required(
        "id",
        &[
            "id",
            "番号",
            "No",
            "管理番号",
            "資産番号",
            "機器番号",
            "機器ID",
            "資産ID",
        ],
    ),
    col("name", NAME),
    col("kind", &["kind", "type", "種別", "種類", "機器種別"]),
    col("mac", &["mac", "MACアドレス", "MAC address", "macaddr"]),
    col("ip", &["ip", "IPアドレス", "IP address", "ipaddr"]),
    col("segment", &["segment", "セグメント", "セグメント名"]),
    col("system", SYSTEM),
    col("department", &["department", "部署", "部門", "所属"]),
    col("vendor", VENDOR),
    col("location", &["location", "設置場所", "場所"]),
    col("notes", NOTES),
];

pub(super) const SYSTEM_COLUMNS: &[ColumnSpec] = &[
    required(
        "id",
        &["id", "番号", "No", "管理番号", "システムID", "システム番号"],
    ),
    col("name", &["name", "名称", "名前", "システム名"]),
    col("vendor", VENDOR),
    col("owner", &["owner", "責任者", "管理者", "所管部署"]),
    col("contact", CONTACT),
    col("phone", PHONE),
    col("email", EMAIL),
    col("notes", NOTES),
];

pub(super) const LINE_COLUMNS: &[ColumnSpec] = &[
    required(
        "id",
        &["id", "番号", "No", "管理番号", "回線ID", "回線番号"],
    ),
    col("name", &["name", "名称", "名前", "回線名"]),
    col("carrier", &["carrier", "回線事業者", "キャリア", "事業者"]),
    col("kind", &["kind", "type", "種別", "種類", "区分"]),
    col("device", DEVICE),
    col("purpose", &["purpose", "用途"]),
    col("notes", NOTES),
];

pub(super) const CIRCUIT_COLUMNS: &[ColumnSpec] = &[
    required("id", ID),
    col("vendor", VENDOR),
    col("system", SYSTEM),
    col("line", LINE),
    col("device", DEVICE),
    col("method", &["method", "接続方式", "方式"]),
    col("hours", &["hours", "接続時間", "時間帯"]),
    col("contact", CONTACT),
    col("phone", PHONE),
    col("notes", NOTES),
];

pub(super) const CLOUD_COLUMNS: &[ColumnSpec] = &[
    required("id", ID),
    col("name", &["name", "名称", "名前", "サービス名"]),
    col(
        "provider",
        &["provider", "提供事業者", "事業者", "ベンダ", "ベンダー"],
    ),
    col("systems", &["systems", "利用システム", "システム"]),
    col("line", LINE),
    col("data", &["data", "取扱データ", "取扱情報"]),
    col("notes", NOTES),
];

pub(super) const FLOW_COLUMNS: &[ColumnSpec] = &[
    required("from", &["from", "送信元", "元"]),
    required("to", &["to", "送信先", "先"]),
    col("kind", &["kind", "type", "区分", "種別", "方法"]),
    col("description", &["description", "内容", "データ", "備考"]),
];

pub(super) const CONTACT_COLUMNS: &[ColumnSpec] = &[
    required("name", &["name", "名称", "名前", "連絡先", "機関名"]),
    col("role", &["role", "役割", "区分"]),
    col("phone", PHONE),
    col("email", EMAIL),
    col("url", &["url", "ウェブサイト", "ホームページ", "web"]),
    col("notes", NOTES),
];

/// The records of one file and its headers as written.
pub(crate) struct Read<T> {
    /// Records in file order.
    pub(crate) records: Vec<T>,
    /// Headers, to name columns in later problems.
    pub(crate) headers: Headers,
}

/// Remembers the first line of each key so a repeat can name it.
struct FirstSeen<K>(HashMap<K, usize>);

impl<K: std::hash::Hash + Eq> FirstSeen<K> {
    fn new() -> Self {
        FirstSeen(HashMap::new())
    }
    /// `None` the first time, the earlier line after that.
    fn check(&mut self, key: K, line: usize) -> Option<usize> {
        match self.0.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(line);
                None
            }
        }
    }
}

/// A record with an id, so duplicates can be found after reading.
trait Keyed {
    fn key(&self) -> &str;
    fn line(&self) -> usize;
}

macro_rules! keyed {
    ($($t:ty),*) => {$(
        impl Keyed for $t {
            fn key(&self) -> &str {
                &self.id
            }
            fn line(&self) -> usize {
                self.at.line
            }
        }
    )*};
}
keyed!(Segment, Device, System, Line, Circuit, Cloud);

/// The id cell, or an error if it is empty.
fn take_id(row: &Row<'_>, problems: &mut Problems) -> Option<String> {
    let id = row.text("id");
    if id.is_empty() {
        problems.push(row.error_said("id", id, Word::MsgEmptyId, &[]));
        return None;
    }
    Some(id.to_owned())
}

/// Ends a file with ids: a repeated id is an error naming the first line,
/// and only the first record with it is kept. Checked after reading so
/// the ids are borrowed from the records rather than copied for the check.
fn finish<T: Keyed>(
    file: &str,
    headers: Option<Headers>,
    mut records: Vec<T>,
    mut found: Problems,
    problems: &mut Problems,
) -> Option<Read<T>> {
    let headers = headers?;
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(records.len());
    let mut repeated = Vec::new();
    for (i, r) in records.iter().enumerate() {
        if let Some(line) = first.insert(r.key(), r.line()) {
            // Keep the first line for later repeats of the same id.
            first.insert(r.key(), line);
            found.push(
                Problem::error_said(file, Some(r.line()), Word::MsgSameId, &[&line])
                    .at_cell(headers.get("id"), r.key()),
            );
            repeated.push(i);
        }
    }
    drop(first);
    if !repeated.is_empty() {
        let mut index = 0;
        records.retain(|_| {
            let keep = repeated.binary_search(&index).is_err();
            index += 1;
            keep
        });
    }
    problems.0.append(&mut found.0);
    Some(Read { records, headers })
}

/// The few distinct kind words of a ledger, parsed once each: parsing
/// normalises and allocates, and a ledger repeats a dozen words 100,000 times.
struct KindCache<K> {
    seen: Vec<(String, Option<K>)>,
}

impl<K> Default for KindCache<K> {
    fn default() -> Self {
        KindCache { seen: Vec::new() }
    }
}

impl<K: Copy> KindCache<K> {
    const MAX: usize = 64;

    fn parse(&mut self, raw: &str, parse: impl Fn(&str) -> Option<K>) -> Option<K> {
        if let Some((_, k)) = self.seen.iter().find(|(w, _)| w == raw) {
            return *k;
        }
        let k = parse(raw);
        if self.seen.len() < Self::MAX {
            self.seen.push((raw.to_owned(), k));
        }
        k
    }
}

/// Values staff write in an address or VLAN column to mean "none" (DHCP, not checked).
fn means_none(value: &str) -> bool {
    matches!(
        normalize_width(value).trim().to_lowercase().as_str(),
        "-" | "ー"
            | "―"
            | "‐"
            | "－"
            | "dhcp"
            | "なし"
            | "無し"
            | "n/a"
            | "none"
            | "不明"
            | "未確認"
    )
}

/// Splits a list cell at `;`, `；`, `、`, `,` or `，`.
fn split_list(value: &str) -> Vec<String> {
    value
        .split([';', '；', '、', ',', '，'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn parse_ip(row: &Row<'_>, problems: &mut Problems) -> Option<IpAddr> {
    let raw = row.opt("ip")?;
    if means_none(raw) {
        return None;
    }
    let plain = normalize_width(raw);
    let plain = plain.trim();
    match IpAddr::from_str(plain)
        .ok()
        .or_else(|| zero_padded_ipv4(plain).map(IpAddr::V4))
    {
        Some(ip) => Some(ip),
        None => {
            problems.push(row.error_said("ip", raw, Word::MsgNotIp, &[]));
            None
        }
    }
}

/// `192.168.001.010`: Japanese ledgers pad octets to three digits to keep
/// Excel's sort in order. They mean decimal (never octal), but Rust's parser
/// refuses leading zeros.
fn zero_padded_ipv4(s: &str) -> Option<std::net::Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut parts = s.split('.');
    for octet in &mut octets {
        let part = parts.next()?;
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *octet = part.parse().ok()?;
    }
    parts
        .next()
        .is_none()
        .then_some(std::net::Ipv4Addr::from(octets))
}

/// True for what Excel shows when it took a cell for a number: `1.23457E+11`.
fn excel_number(s: &str) -> bool {
    let Some((mantissa, exponent)) = s.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    !mantissa.is_empty()
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && !exponent.is_empty()
        && exponent.bytes().all(|b| b.is_ascii_digit())
}

fn parse_mac(row: &Row<'_>, problems: &mut Problems) -> Option<MacAddr> {
    let raw = row.opt("mac")?;
    if means_none(raw) {
        return None;
    }
    match MacAddr::from_str(raw) {
        // A placeholder some ledgers use for "not checked yet".
        Ok(mac) if mac == MacAddr::ZERO => {
            problems.push(row.warning_said("mac", raw, Word::MsgMacZero, &[]));
            None
        }
        Ok(mac) if mac.is_multicast() => {
            problems.push(row.error_said("mac", raw, Word::MsgMacGroup, &[]));
            None
        }
        Ok(mac) => Some(mac),
        Err(_) => {
            let word = if excel_number(raw) || row.was_number("mac") {
                Word::MsgMacExcelNumber
            } else {
                Word::MsgNotMac
            };
            problems.push(row.error_said("mac", raw, word, &[]));
            None
        }
    }
}

/// Reads `segments.csv`.
pub(crate) fn segments(
    file: &str,
    input: Input<'_>,
    problems: &mut Problems,
) -> Option<Read<Segment>> {
    let mut out = Vec::new();
    let mut found = Problems::default();
    let headers = read_rows(file, input, SEGMENT_COLUMNS, true, problems, |row| {
        let Some(id) = take_id(row, &mut found) else {
            return;
        };
        let cidr = row.opt("cidr").and_then(|raw| {
            match IpNetwork::from_str(normalize_width(raw).trim()) {
                Ok(net) => {
                    if net.network() != net.ip() {
                        let taken = format!("{}/{}", net.network(), net.prefix());
                        found.push(row.warning_said("cidr", raw, Word::MsgHostBits, &[&taken]));
                    }
                    IpNetwork::new(net.network(), net.prefix()).ok()
                }
                Err(_) => {
                    found.push(row.error_said("cidr", raw, Word::MsgNotCidr, &[]));
                    None
                }
            }
        });
        let vlan = row
            .opt("vlan")
            .filter(|raw| !means_none(raw))
            .and_then(|raw| match normalize_width(raw).trim().parse::<u16>() {
                Ok(v) if (1..=4094).contains(&v) => Some(v),
                _ => {
                    found.push(row.error_said("vlan", raw, Word::MsgNotVlan, &[]));
                    None
                }
            });
        let name = row.opt("name").unwrap_or(&id).to_owned();
        out.push(Segment {
            name,
            cidr,
            zone: row.opt("zone").map(str::to_owned),
            vlan,
            connects: split_list(row.text("connects")),
            notes: row.notes_with_unknown("notes"),
            at: row.source(),
            id,
        });
    });
    finish(file, headers, out, found, problems)
}

/// Reads `devices.csv`, checking duplicate ids, MACs (errors) and IPs (warnings).
pub(crate) fn devices(
    file: &str,
    input: Input<'_>,
    problems: &mut Problems,
) -> Option<Read<Device>> {
    let mut out = Vec::new();
    let mut kinds = KindCache::default();
    let mut macs = FirstSeen::new();
    let mut ips = FirstSeen::new();
    let mut found = Problems::default();
    let headers = read_rows(file, input, DEVICE_COLUMNS, true, problems, |row| {
        let id = take_id(row, &mut found);
        let kind_raw = row.text("kind");
        let kind = kinds.parse(kind_raw, |k| DeviceKind::parse(&normalize_width(k)));
        if kind.is_none() {
            found.push(row.error_said("kind", kind_raw, Word::MsgDeviceKind, &[]));
        }
        let mac = parse_mac(row, &mut found);
        if let Some(m) = mac {
            if let Some(first) = macs.check(m, row.line) {
                found.push(row.error_said("mac", row.text("mac"), Word::MsgSameMac, &[&first]));
            }
        }
        let ip = parse_ip(row, &mut found);
        if let Some(a) = ip {
            if let Some(first) = ips.check(a, row.line) {
                found.push(row.warning_said("ip", row.text("ip"), Word::MsgSameIp, &[&first]));
            }
        }
        // A bad kind is reported above; the record is kept (as "other") so
        // references to it do not add a second, misleading error.
        let (Some(id), kind) = (id, kind.unwrap_or(DeviceKind::Other)) else {
            return;
        };
        out.push(Device {
            name: row.opt("name").unwrap_or(&id).to_owned(),
            kind,
            mac,
            ip,
            segment: row.opt("segment").map(str::to_owned),
            system: row.opt("system").map(str::to_owned),
            department: row.text("department").to_owned(),
            vendor: row.text("vendor").to_owned(),
            location: row.text("location").to_owned(),
            notes: row.notes_with_unknown("notes"),
            at: row.source(),
            id,
        });
    });
    finish(file, headers, out, found, problems)
}

/// Reads `systems.csv`.
pub(crate) fn systems(
    file: &str,
    input: Input<'_>,
    problems: &mut Problems,
) -> Option<Read<System>> {
    let mut out = Vec::new();
    let mut found = Problems::default();
    let headers = read_rows(file, input, SYSTEM_COLUMNS, true, problems, |row| {
        let Some(id) = take_id(row, &mut found) else {
            return;
        };
        out.push(System {
            name: row.opt("name").unwrap_or(&id).to_owned(),
            vendor: row.text("vendor").to_owned(),
            owner: row.text("owner").to_owned(),
            contact: row.text("contact").to_owned(),
            phone: row.text("phone").to_owned(),
            email: row.text("email").to_owned(),
            notes: row.notes_with_unknown("notes"),
            at: row.source(),
            id,
        });
    });
    finish(file, headers, out, found, problems)
}

/// Reads `lines.csv`.
pub(crate) fn lines(file: &str, input: Input<'_>, problems: &mut Problems) -> Option<Read<Line>> {
    let mut out = Vec::new();
    let mut found = Problems::default();
    let headers = read_rows(file, input, LINE_COLUMNS, true, problems, |row| {
        let id = take_id(row, &mut found);
        let kind_raw = row.text("kind");
        let kind = LineKind::parse(&normalize_width(kind_raw));
        if kind.is_none() {
            found.push(row.error_said("kind", kind_raw, Word::MsgLineKind, &[]));
        }
        // A bad kind is reported above; the record is kept (as "other") so
        // references to it do not add a second, misleading error.
        let (Some(id), kind) = (id, kind.unwrap_or(LineKind::Other)) else {
            return;
        };
        out.push(Line {
            name: row.opt("name").unwrap_or(&id).to_owned(),
            carrier: row.text("carrier").to_owned(),
            kind,
            device: row.opt("device").map(str::to_owned),
            purpose: row.text("purpose").to_owned(),
            notes: row.notes_with_unknown("notes"),
            at: row.source(),
            id,
        });
    });
    finish(file, headers, out, found, problems)
}

/// Reads `maintenance.csv`.
pub(crate) fn circuits(
    file: &str,
    input: Input<'_>,
    problems: &mut Problems,
) -> Option<Read<Circuit>> {
    let mut out = Vec::new();
    let mut found = Problems::default();
    let headers = read_rows(file, input, CIRCUIT_COLUMNS, true, problems, |row| {
        let Some(id) = take_id(row, &mut found) else {
            return;
        };
        out.push(Circuit {
            vendor: row.text("vendor").to_owned(),
            system: row.opt("system").map(str::to_owned),
            line: row.opt("line").map(str::to_owned),
            device: row.opt("device").map(str::to_owned),
            method: row.text("method").to_owned(),
            hours: row.text("hours").to_owned(),
            contact: row.text("contact").to_owned(),
            phone: row.text("phone").to_owned(),
            notes: row.notes_with_unknown("notes"),
            at: row.source(),
            id,
        });
    });
    finish(file, headers, out, found, problems)
}

/// Reads `cloud.csv`.
pub(crate) fn clouds(file: &str, input: Input<'_>, problems: &mut Problems) -> Option<Read<Cloud>> {
    let mut out = Vec::new();
    let mut found = Problems::default();
    let headers = read_rows(file, input, CLOUD_COLUMNS, true, problems, |row| {
        let Some(id) = take_id(row, &mut found) else {
            return;
        };
        out.push(Cloud {
            name: row.opt("name").unwrap_or(&id).to_owned(),
            provider: row.text("provider").to_owned(),
            systems: split_list(row.text("systems")),
            line: row.opt("line").map(str::to_owned),
            data: row.text("data").to_owned(),
            notes: row.notes_with_unknown("notes"),
            at: row.source(),
            id,
        });
    });
    finish(file, headers, out, found, problems)
}

/// Reads `flows.csv`. A flow has no notes, so unknown columns are ignored.
pub(crate) fn flows(file: &str, input: Input<'_>, problems: &mut Problems) -> Option<Read<Flow>> {
    let mut out = Vec::new();
    let mut found = Problems::default();
    let headers = read_rows(file, input, FLOW_COLUMNS, false, problems, |row| {
        let mut ok = true;
        for field in ["from", "to"] {
            if row.text(field).is_empty() {
                found.push(row.error_said(field, "", Word::MsgFlowEnd, &[]));
                ok = false;
            }
        }
        let kind_raw = row.text("kind");
        let kind = FlowKind::parse(&normalize_width(kind_raw));
        if kind.is_none() {
            found.push(row.error_said("kind", kind_raw, Word::MsgFlowKind, &[]));
        }
        let (true, kind) = (ok, kind.unwrap_or(FlowKind::Network)) else {
            return;
        };
        out.push(Flow {
            from: row.text("from").to_owned(),
            to: row.text("to").to_owned(),
            kind,
            description: row.text("description").to_owned(),
            at: row.source(),
        });
    });
    problems.0.append(&mut found.0);
    headers.map(|headers| Read {
        records: out,
        headers,
    })
}

/// Reads `contacts.csv`.
pub(crate) fn contacts(
    file: &str,
    input: Input<'_>,
    problems: &mut Problems,
) -> Option<Read<Contact>> {
    let mut out = Vec::new();
    let mut found = Problems::default();
    let headers = read_rows(file, input, CONTACT_COLUMNS, true, problems, |row| {
        let Some(name) = row.opt("name") else {
            found.push(row.error_said("name", "", Word::MsgContactName, &[]));
            return;
        };
        out.push(Contact {
            name: name.to_owned(),
            role: row.text("role").to_owned(),
            phone: row.text("phone").to_owned(),
            email: row.text("email").to_owned(),
            url: row.text("url").to_owned(),
            notes: row.notes_with_unknown("notes"),
            at: row.source(),
        });
    });
    problems.0.append(&mut found.0);
    headers.map(|headers| Read {
        records: out,
        headers,
    })
}

/// Reads `site.toml`: `name` (required), `updated`, `language`, `author`.
pub(crate) fn meta(file: &str, text: &str, problems: &mut Problems) -> Option<SiteMeta> {
    let table = match text.parse::<toml::Table>() {
        Ok(t) => t,
        Err(e) => {
            let line = e
                .span()
                .map(|s| super::table::LineCounter::new(text.as_bytes()).line_at(s.start));
            problems.push(Problem::error_said(
                file,
                line,
                Word::MsgNotToml,
                &[&e.message()],
            ));
            return None;
        }
    };
    // toml::Table loses positions; find a key's line by scanning for it.
    let line_of_key = |key: &str| {
        text.lines()
            .position(|l| {
                let l = l.trim_start();
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map(|i| i + 1)
    };
    let as_text = |key: &str, problems: &mut Problems| -> Option<String> {
        match table.get(key)? {
            toml::Value::String(s) => Some(s.trim().to_owned()),
            // An unquoted TOML date (updated = 2026-11-01), maybe with a time.
            toml::Value::Datetime(d) => Some(match d.date {
                Some(date) => format!("{:04}-{:02}-{:02}", date.year, date.month, date.day),
                None => d.to_string(),
            }),
            other => {
                problems.push(
                    Problem::error_said(file, line_of_key(key), Word::MsgMustBeText, &[])
                        .at_cell(key, other.to_string()),
                );
                None
            }
        }
    };
    for key in table.keys() {
        if !matches!(
            key.as_str(),
            "name" | "updated" | "language" | "author" | "timezone"
        ) {
            problems.push(Problem::warning_said(
                file,
                line_of_key(key),
                Word::MsgUnknownKey,
                &[&key],
            ));
        }
    }
    // A non-text name was reported by `as_text`; absent or blank is reported here.
    let name_is_text = table.get("name").map_or(true, toml::Value::is_str);
    let name = as_text("name", problems).filter(|n| !n.is_empty());
    if name.is_none() && name_is_text {
        problems.push(Problem::error_said(
            file,
            line_of_key("name"),
            Word::MsgNoName,
            &[],
        ));
    }
    let updated = as_text("updated", problems).and_then(|raw| {
        let plain = normalize_width(&raw).into_owned();
        let date = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(&plain, f).ok());
        if date.is_none() {
            problems.push(
                Problem::error_said(file, line_of_key("updated"), Word::MsgNotDate, &[])
                    .at_cell("updated", raw),
            );
        }
        date
    });
    if !table.contains_key("updated") {
        problems.push(Problem::warning_said(file, None, Word::MsgNoUpdated, &[]));
    }
    let language = match as_text("language", problems) {
        None => Lang::default(),
        Some(raw) => match raw.parse::<Lang>() {
            Ok(l) => l,
            Err(msg) => {
                let mut p =
                    Problem::error(file, line_of_key("language"), msg).at_cell("language", raw);
                p.message_ja = Some(Word::MsgLanguage.ja().to_owned());
                problems.push(p);
                Lang::default()
            }
        },
    };
    let author = as_text("author", problems).filter(|a| !a.is_empty());
    let timezone = match as_text("timezone", problems) {
        None => crate::text::TimeZone::default(),
        Some(raw) => raw.parse().unwrap_or_else(|_| {
            problems.push(
                Problem::error_said(file, line_of_key("timezone"), Word::MsgTimezone, &[])
                    .at_cell("timezone", raw),
            );
            crate::text::TimeZone::default()
        }),
    };
    Some(SiteMeta {
        name: name?,
        updated,
        language,
        author,
        timezone,
    })
}
