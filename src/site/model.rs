//! Typed records of a site folder (see docs/site-format.md).
//!
//! These are what the rest of koseizu sees; `site::load` produces them from
//! the CSV files staff keep in Excel. Ids are kept as written (trimmed).

use std::net::IpAddr;
use std::path::PathBuf;

use chrono::NaiveDate;
use ipnetwork::IpNetwork;
use serde::{Deserialize, Serialize};

use crate::mac::MacAddr;

/// Where a record came from: file name and physical line (header = 1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceRef {
    /// File name relative to the site folder, e.g. `devices.csv`.
    pub file: String,
    /// Physical line where the record starts.
    pub line: usize,
}

/// Language for text meant for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 日本語 (the default: the manual and its users are Japanese).
    #[default]
    Ja,
    /// English.
    En,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "jp" | "japanese" | "日本語" => Ok(Lang::Ja),
            "en" | "english" | "英語" => Ok(Lang::En),
            other => Err(format!("unknown language {other:?} (ja or en)")),
        }
    }
}

/// `site.toml`: the hospital's name, the diagram's update date, the language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteMeta {
    /// Hospital name, shown in the diagram title.
    pub name: String,
    /// Date the records were last brought up to date (shown on the diagram).
    pub updated: Option<NaiveDate>,
    /// Default language for output.
    pub language: Lang,
    /// Who keeps the records (shown under the title), if given.
    pub author: Option<String>,
    /// The site's local time zone, for times in text outputs (default Asia/Tokyo).
    #[serde(default)]
    pub timezone: crate::text::TimeZone,
}

/// The kind of a ledger device. Accepts English and Japanese words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeviceKind {
    /// Server (サーバ).
    Server,
    /// Client PC (パソコン, 端末).
    Pc,
    /// Printer (プリンタ).
    Printer,
    /// Switch (スイッチ).
    Switch,
    /// Router (ルータ).
    Router,
    /// Firewall / UTM (ファイアウォール).
    Firewall,
    /// VPN appliance (VPN装置).
    Vpn,
    /// Wireless access point (無線AP).
    Ap,
    /// Medical device (医療機器).
    Medical,
    /// IoT / building device.
    Iot,
    /// Camera (カメラ).
    Camera,
    /// Telephone (電話).
    Phone,
    /// Storage / NAS (ストレージ).
    Storage,
    /// Anything else (その他).
    Other,
}

impl DeviceKind {
    /// Every kind, in legend order.
    pub const ALL: [DeviceKind; 14] = [
        DeviceKind::Router,
        DeviceKind::Firewall,
        DeviceKind::Vpn,
        DeviceKind::Switch,
        DeviceKind::Ap,
        DeviceKind::Server,
        DeviceKind::Storage,
        DeviceKind::Pc,
        DeviceKind::Printer,
        DeviceKind::Medical,
        DeviceKind::Iot,
        DeviceKind::Camera,
        DeviceKind::Phone,
        DeviceKind::Other,
    ];

    /// Parses an English or Japanese kind word, ignoring case, width and spaces.
    pub fn parse(word: &str) -> Option<DeviceKind> {
        let w: String = word
            .trim()
            .chars()
            .map(|c| match c {
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                _ => c,
            })
            .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
            .collect::<String>()
            .to_lowercase();
        use DeviceKind::*;
        // Every label koseizu prints reads back in (an exported CSV re-imports).
        if let Some(k) = DeviceKind::ALL.into_iter().find(|k| {
            [Lang::Ja, Lang::En]
                .into_iter()
                .any(|l| k.label(l).to_lowercase().replace([' ', '-', '_'], "") == w)
        }) {
            return Some(k);
        }
        Some(match w.as_str() {
            "server" | "サーバ" | "サーバー" | "srv" => Server,
            "pc" | "パソコン" | "端末" | "クライアント" | "client" | "workstation" | "ノートpc"
            | "laptop" => Pc,
            "printer" | "プリンタ" | "プリンター" | "複合機" | "mfp" => Printer,
            "switch" | "スイッチ" | "l2sw" | "l3sw" | "sw" | "ハブ" | "hub" => Switch,
            "router" | "ルータ" | "ルーター" | "gateway" | "ゲートウェイ" => Router,
            "firewall" | "ファイアウォール" | "fw" | "utm" => Firewall,
            "vpn" | "vpn装置" | "vpnルータ" | "vpnルーター" | "vpnappliance" => Vpn,
            "ap" | "無線ap" | "accesspoint" | "アクセスポイント" | "無線lan" | "wifi" => {
                Ap
            }
            "medical" | "医療機器" | "モダリティ" | "modality" => Medical,
            "iot" | "設備" => Iot,
            "camera" | "カメラ" | "監視カメラ" => Camera,
            "phone" | "電話" | "ip電話" | "電話機" | "pbx" => Phone,
            "storage" | "ストレージ" | "nas" => Storage,
            "other" | "その他" | "" => Other,
            _ => return None,
        })
    }

    /// Network infrastructure (drawn individually, never grouped).
    pub fn is_network(self) -> bool {
        matches!(
            self,
            DeviceKind::Router | DeviceKind::Firewall | DeviceKind::Vpn | DeviceKind::Switch
        )
    }

    /// Drawn individually on the diagram (servers, storage and network devices);
    /// the other kinds are grouped per segment with a count.
    pub fn is_individual(self) -> bool {
        self.is_network() || matches!(self, DeviceKind::Server | DeviceKind::Storage)
    }

    /// Can carry traffic out of the hospital by its nature (router, firewall, VPN).
    pub fn is_gateway_kind(self) -> bool {
        matches!(
            self,
            DeviceKind::Router | DeviceKind::Firewall | DeviceKind::Vpn
        )
    }

    /// The kind's name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        use DeviceKind::*;
        match (lang, self) {
            (Lang::Ja, Server) => "サーバ",
            (Lang::Ja, Pc) => "パソコン",
            (Lang::Ja, Printer) => "プリンタ",
            (Lang::Ja, Switch) => "スイッチ",
            (Lang::Ja, Router) => "ルータ",
            (Lang::Ja, Firewall) => "ファイアウォール",
            (Lang::Ja, Vpn) => "VPN装置",
            (Lang::Ja, Ap) => "無線AP",
            (Lang::Ja, Medical) => "医療機器",
            (Lang::Ja, Iot) => "IoT機器",
            (Lang::Ja, Camera) => "カメラ",
            (Lang::Ja, Phone) => "電話",
            (Lang::Ja, Storage) => "ストレージ",
            (Lang::Ja, Other) => "その他",
            (Lang::En, Server) => "Server",
            (Lang::En, Pc) => "PC",
            (Lang::En, Printer) => "Printer",
            (Lang::En, Switch) => "Switch",
            (Lang::En, Router) => "Router",
            (Lang::En, Firewall) => "Firewall",
            (Lang::En, Vpn) => "VPN appliance",
            (Lang::En, Ap) => "Wireless AP",
            (Lang::En, Medical) => "Medical device",
            (Lang::En, Iot) => "IoT device",
            (Lang::En, Camera) => "Camera",
            (Lang::En, Phone) => "Phone",
            (Lang::En, Storage) => "Storage",
            (Lang::En, Other) => "Other",
        }
    }
}

/// A network segment (VLAN/subnet) from `segments.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Id as written (`seg-core`, `S1`, …).
    pub id: String,
    /// Name for people (`電子カルテ系`).
    pub name: String,
    /// Subnet, if known.
    pub cidr: Option<IpNetwork>,
    /// Free-text zone grouping (`基幹系`, `DMZ`, …); `dmz`/`perimeter`/`境界` put the segment in the perimeter zone.
    pub zone: Option<String>,
    /// VLAN id.
    pub vlan: Option<u16>,
    /// Segments routed to this one. Empty = reachable from all (the pessimistic default).
    pub connects: Vec<String>,
    /// Free text.
    pub notes: String,
    /// Where it was read.
    pub at: SourceRef,
}

impl Segment {
    /// True if the segment belongs to the perimeter zone (DMZ).
    pub fn is_perimeter(&self) -> bool {
        self.zone.as_deref().is_some_and(|z| {
            let z = z.trim().to_lowercase();
            z == "dmz" || z == "perimeter" || z == "境界" || z.contains("dmz")
        })
    }
}

/// A ledger device (資産台帳) from `devices.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    /// Asset id as written.
    pub id: String,
    /// Host name or label.
    pub name: String,
    /// Kind.
    pub kind: DeviceKind,
    /// MAC, if checked.
    pub mac: Option<MacAddr>,
    /// IP, if static (absent for DHCP).
    pub ip: Option<IpAddr>,
    /// Segment id, if on the network; absent for a standalone device.
    pub segment: Option<String>,
    /// System id it belongs to.
    pub system: Option<String>,
    /// Department (部署).
    pub department: String,
    /// Maker or vendor.
    pub vendor: String,
    /// Where it stands (設置場所).
    pub location: String,
    /// Free text, plus unknown columns as `header: value` lines.
    pub notes: String,
    /// Where it was read.
    pub at: SourceRef,
}

/// A medical information system (医療情報システム) from `systems.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct System {
    /// Id.
    pub id: String,
    /// Name (`電子カルテ`).
    pub name: String,
    /// Vendor that supplies and maintains it.
    pub vendor: String,
    /// Owner inside the hospital (責任者 / department).
    pub owner: String,
    /// Contact person.
    pub contact: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Free text.
    pub notes: String,
    /// Where it was read.
    pub at: SourceRef,
}

/// The kind of an external line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LineKind {
    /// Internet connection (インターネット).
    Internet,
    /// VPN over the internet (インターネットVPN, IPsec, SSL-VPN).
    Vpn,
    /// Closed network (閉域網, IP-VPN, 専用線).
    Closed,
    /// Mobile line (モバイル, LTE, 5G).
    Mobile,
    /// Anything else.
    Other,
}

impl LineKind {
    /// Parses an English or Japanese line-kind word.
    pub fn parse(word: &str) -> Option<LineKind> {
        let w = word.trim().to_lowercase().replace([' ', '-', '_'], "");
        let all = [
            LineKind::Internet,
            LineKind::Vpn,
            LineKind::Closed,
            LineKind::Mobile,
            LineKind::Other,
        ];
        if let Some(k) = all.into_iter().find(|k| {
            [Lang::Ja, Lang::En]
                .into_iter()
                .any(|l| k.label(l).to_lowercase().replace([' ', '-', '_'], "") == w)
        }) {
            return Some(k);
        }
        Some(match w.as_str() {
            "internet" | "インターネット" | "光回線" | "ftth" | "isp" => {
                LineKind::Internet
            }
            "vpn" | "インターネットvpn" | "ipsec" | "sslvpn" | "ipsecvpn" => LineKind::Vpn,
            "closed" | "閉域網" | "閉域" | "ipvpn" | "専用線" | "leased" | "広域イーサネット" => {
                LineKind::Closed
            }
            "mobile" | "モバイル" | "lte" | "4g" | "5g" | "携帯" => LineKind::Mobile,
            "other" | "その他" | "" => LineKind::Other,
            _ => return None,
        })
    }

    /// The kind's name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Ja, LineKind::Internet) => "インターネット",
            (Lang::Ja, LineKind::Vpn) => "インターネットVPN",
            (Lang::Ja, LineKind::Closed) => "閉域網",
            (Lang::Ja, LineKind::Mobile) => "モバイル回線",
            (Lang::Ja, LineKind::Other) => "その他回線",
            (Lang::En, LineKind::Internet) => "Internet",
            (Lang::En, LineKind::Vpn) => "Internet VPN",
            (Lang::En, LineKind::Closed) => "Closed network",
            (Lang::En, LineKind::Mobile) => "Mobile line",
            (Lang::En, LineKind::Other) => "Other line",
        }
    }
}

/// An external line (回線) from `lines.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Carrier (回線事業者).
    pub carrier: String,
    /// Kind.
    pub kind: LineKind,
    /// Id of the device that terminates it inside the hospital (router, VPN appliance).
    pub device: Option<String>,
    /// Purpose (用途).
    pub purpose: String,
    /// Free text.
    pub notes: String,
    /// Where it was read.
    pub at: SourceRef,
}

/// A vendor's remote-maintenance circuit (保守回線) from `maintenance.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Circuit {
    /// Id.
    pub id: String,
    /// Maintenance vendor (保守事業者).
    pub vendor: String,
    /// System maintained.
    pub system: Option<String>,
    /// Line used; `None` = the vendor brought its own line, and `device` is
    /// then external-facing by this circuit's declaration.
    pub line: Option<String>,
    /// Device the vendor connects to (VPN appliance, gateway).
    pub device: Option<String>,
    /// Method (接続方式): `IPsec-VPN`, `SSL-VPN`, `リモートデスクトップ`, …
    pub method: String,
    /// Hours allowed (接続時間): `常時`, `申請時のみ`, …
    pub hours: String,
    /// Contact person at the vendor.
    pub contact: String,
    /// Phone.
    pub phone: String,
    /// Free text.
    pub notes: String,
    /// Where it was read.
    pub at: SourceRef,
}

/// A cloud service from `cloud.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cloud {
    /// Id.
    pub id: String,
    /// Service name.
    pub name: String,
    /// Provider (提供事業者).
    pub provider: String,
    /// Systems that use it.
    pub systems: Vec<String>,
    /// Line it is reached over.
    pub line: Option<String>,
    /// Data handled (取扱データ).
    pub data: String,
    /// Free text.
    pub notes: String,
    /// Where it was read.
    pub at: SourceRef,
}

/// How data moves in a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FlowKind {
    /// Over the network.
    Network,
    /// By hand: USB memory, CD/DVD, external disk (媒体).
    Media,
}

impl FlowKind {
    /// Parses `network`/`ネットワーク`/`online` or `usb`/`media`/`媒体`/`USBメモリ`/`CD`/`DVD`.
    pub fn parse(word: &str) -> Option<FlowKind> {
        let w = word.trim().to_lowercase().replace([' ', '-', '_'], "");
        if w.is_empty()
            || matches!(
                w.as_str(),
                "network" | "net" | "ネットワーク" | "online" | "オンライン" | "lan"
            )
        {
            return Some(FlowKind::Network);
        }
        let media = [
            "usb",
            "media",
            "媒体",
            "cd",
            "dvd",
            "外付",
            "可搬",
            "sd",
            "disk",
            "ディスク",
            "メモリ",
        ];
        media
            .iter()
            .any(|m| w.contains(m))
            .then_some(FlowKind::Media)
    }
}

/// A data flow (データの流れ) from `flows.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    /// Source: a system, device, segment, cloud, line id — or an outside party's name.
    pub from: String,
    /// Destination, same rules.
    pub to: String,
    /// Network or media.
    pub kind: FlowKind,
    /// What moves (内容).
    pub description: String,
    /// Where it was read.
    pub at: SourceRef,
}

/// An external contact (appendix 3, 外部連絡先一覧) from `contacts.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Organisation or person.
    pub name: String,
    /// Role (役割): `厚生労働省`, `警察`, `保守事業者`, …
    pub role: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Web address.
    pub url: String,
    /// Free text.
    pub notes: String,
    /// Where it was read.
    pub at: SourceRef,
}

/// A whole site folder, read and validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    /// Folder it was read from.
    pub root: PathBuf,
    /// `site.toml`.
    pub meta: SiteMeta,
    /// `segments.csv`.
    pub segments: Vec<Segment>,
    /// `devices.csv`.
    pub devices: Vec<Device>,
    /// `systems.csv`.
    pub systems: Vec<System>,
    /// `lines.csv`.
    pub lines: Vec<Line>,
    /// `maintenance.csv`.
    pub circuits: Vec<Circuit>,
    /// `cloud.csv`.
    pub clouds: Vec<Cloud>,
    /// `flows.csv`.
    pub flows: Vec<Flow>,
    /// `contacts.csv`.
    pub contacts: Vec<Contact>,
}

impl Site {
    /// The segment with this id.
    pub fn segment(&self, id: &str) -> Option<&Segment> {
        self.segments.iter().find(|s| s.id == id)
    }
    /// The device with this id.
    pub fn device(&self, id: &str) -> Option<&Device> {
        self.devices.iter().find(|d| d.id == id)
    }
    /// The system with this id.
    pub fn system(&self, id: &str) -> Option<&System> {
        self.systems.iter().find(|s| s.id == id)
    }
    /// The line with this id.
    pub fn line(&self, id: &str) -> Option<&Line> {
        self.lines.iter().find(|l| l.id == id)
    }

    /// Ids of devices declared external-facing: each line's device, and the
    /// device of every maintenance circuit (with or without its own line).
    pub fn declared_external_devices(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .lines
            .iter()
            .filter_map(|l| l.device.as_deref())
            .chain(self.circuits.iter().filter_map(|c| c.device.as_deref()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_printed_kind_label_parses_back() {
        for k in DeviceKind::ALL {
            for l in [Lang::Ja, Lang::En] {
                assert_eq!(DeviceKind::parse(k.label(l)), Some(k), "{}", k.label(l));
            }
        }
        assert_eq!(DeviceKind::parse("ＰＣ"), Some(DeviceKind::Pc));
        assert_eq!(DeviceKind::parse("L3SW"), Some(DeviceKind::Switch));
        assert_eq!(DeviceKind::parse("toaster"), None);
    }

    #[test]
    fn line_and_flow_kinds() {
        for k in [
            LineKind::Internet,
            LineKind::Vpn,
            LineKind::Closed,
            LineKind::Mobile,
            LineKind::Other,
        ] {
            assert!(
                LineKind::parse(k.label(Lang::Ja)).is_some(),
                "{}",
                k.label(Lang::Ja)
            );
        }
        assert_eq!(LineKind::parse("IP-VPN"), Some(LineKind::Closed));
        assert_eq!(FlowKind::parse("USBメモリ"), Some(FlowKind::Media));
        assert_eq!(FlowKind::parse("CD-R"), Some(FlowKind::Media));
        assert_eq!(FlowKind::parse(""), Some(FlowKind::Network));
        assert_eq!(FlowKind::parse("fax"), None);
    }
}
