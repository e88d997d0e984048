//! What the ledger says a perimeter device is: the make from its vendor
//! column (in the words Japanese ledgers use), the product from its name
//! or notes, and the firmware and the date it was checked from the
//! `firmware` / `ファームウェア` and `firmware_checked` / `確認日` columns
//! (unknown columns reach a device's notes as `header: value` lines, from
//! CSV files and workbooks alike).

use chrono::NaiveDate;
use serde::Serialize;

use crate::site::Device;

/// Headers of the firmware column.
const FIRMWARE: &[&str] = &[
    "firmware",
    "ファームウェア",
    "ファームウェアバージョン",
    "fw",
    "os version",
    "バージョン",
];
/// Headers of the date the firmware was last checked.
const CHECKED: &[&str] = &[
    "firmware_checked",
    "firmware checked",
    "確認日",
    "ファームウェア確認日",
];

/// Makes as ledgers write them: (words, make as the signature table writes it).
const MAKES: &[(&[&str], &str)] = &[
    (
        &["fortinet", "フォーティネット", "fortigate", "fortios"],
        "Fortinet",
    ),
    (&["yamaha", "ヤマハ"], "YAMAHA"),
    (&["cisco", "シスコ"], "Cisco"),
    (
        &["allied telesis", "alliedtelesis", "アライドテレシス"],
        "Allied Telesis",
    ),
    (&["nec", "日本電気", "univerge"], "NEC"),
    (
        &["palo alto", "paloalto", "パロアルト"],
        "Palo Alto Networks",
    ),
    (&["sonicwall", "ソニックウォール"], "SonicWall"),
    (
        &[
            "century systems",
            "センチュリー・システムズ",
            "センチュリーシステムズ",
            "futurenet",
        ],
        "Century Systems",
    ),
    (
        &["ivanti", "pulse secure", "イヴァンティ", "パルスセキュア"],
        "Ivanti",
    ),
    (&["citrix", "netscaler", "シトリックス"], "Citrix"),
    (&["watchguard", "ウォッチガード"], "WatchGuard"),
];

/// Products as ledgers name them: (word in the name or notes, make, product, platform).
const PRODUCTS: &[(&str, &str, &str, &str)] = &[
    ("fortigate", "Fortinet", "FortiGate", "FortiOS"),
    ("rtx", "YAMAHA", "RTX router", "YAMAHA RTX"),
    ("univerge ix", "NEC", "UNIVERGE IX", "UNIVERGE IX"),
    ("asa", "Cisco", "ASA (AnyConnect / WebVPN)", "Cisco ASA"),
    (
        "pa-",
        "Palo Alto Networks",
        "GlobalProtect portal",
        "PAN-OS",
    ),
    (
        "connect secure",
        "Ivanti",
        "Connect Secure (Pulse Secure)",
        "Ivanti Connect Secure",
    ),
    (
        "pulse",
        "Ivanti",
        "Connect Secure (Pulse Secure)",
        "Ivanti Connect Secure",
    ),
    ("sma", "SonicWall", "SMA 100", "SMA 100"),
    (
        "netscaler",
        "Citrix",
        "NetScaler Gateway (ADC)",
        "NetScaler ADC",
    ),
    ("futurenet", "Century Systems", "FutureNet", "FutureNet"),
];

/// Makes whose perimeter devices run one firmware family.
const MAKE_PLATFORMS: &[(&str, &str)] = &[
    ("Fortinet", "FortiOS"),
    ("Palo Alto Networks", "PAN-OS"),
    ("YAMAHA", "YAMAHA RTX"),
    ("Citrix", "NetScaler ADC"),
    ("Ivanti", "Ivanti Connect Secure"),
    ("WatchGuard", "Fireware"),
];

/// A perimeter device as the ledger records it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LedgerView {
    /// Make, recognised from the vendor column, the name or the notes.
    pub make: Option<String>,
    /// Product, from the name or notes (`FortiGate 60F` → FortiGate).
    pub product: Option<String>,
    /// Firmware family advisories name.
    pub platform: Option<String>,
    /// Firmware as written (`FortiOS 6.0.4`, `v6.0.4 build0231`, `Rev.14.01.38`).
    pub firmware: Option<String>,
    /// When the firmware was last checked.
    pub firmware_checked: Option<NaiveDate>,
}

/// The make `text` names, if one.
pub fn make_in(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    MAKES.iter().find_map(|(words, make)| {
        words
            .iter()
            .any(|w| contains_word(&lower, w))
            .then_some(*make)
    })
}

/// `w` in `hay` not inside a longer ASCII word (`nec` is not in `connect`).
fn contains_word(hay: &str, w: &str) -> bool {
    hay.match_indices(w).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + w.len()..].chars().next();
        let ascii = w.is_ascii();
        !ascii
            || (!before.is_some_and(|c| c.is_ascii_alphanumeric())
                && !after.is_some_and(|c| c.is_ascii_alphabetic()))
    })
}

/// The value of the note line `header: value` for one of `headers`.
fn note_value<'a>(notes: &'a str, headers: &[&str]) -> Option<&'a str> {
    notes.lines().find_map(|l| {
        let (h, v) = l.split_once(':').or_else(|| l.split_once('：'))?;
        let h = h.trim().to_lowercase();
        let v = v.trim();
        (headers.contains(&h.as_str()) && !v.is_empty()).then_some(v)
    })
}

/// Reads a date as ledgers write it: `2026-04-01`, `2026/04/01`, `2026.4.1`, `2026年4月1日`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let nums: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    match nums[..] {
        [y, m, d] => NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d),
        _ => None,
    }
}

/// What the ledger says `d` is.
pub fn view(d: &Device) -> LedgerView {
    let text = format!("{}\n{}\n{}", d.vendor, d.name, d.notes);
    let lower = text.to_lowercase();
    let make = make_in(&d.vendor).or_else(|| make_in(&text));
    let product = PRODUCTS
        .iter()
        .find(|(w, m, _, _)| contains_word(&lower, w) && make.map_or(true, |mk| mk == *m));
    let firmware = note_value(&d.notes, FIRMWARE).map(|v| super::bounded_text(v.as_bytes(), 80));
    // A firmware written with its family (`FortiOS 6.0.4`) names the
    // platform too; else the make's one firmware family, where it has one.
    let platform = product
        .map(|p| p.3.to_string())
        .or_else(|| {
            let f = firmware.as_deref()?.to_lowercase();
            f.contains("fortios").then(|| "FortiOS".to_string())
        })
        .or_else(|| {
            let m = make.or(product.map(|p| p.1))?;
            MAKE_PLATFORMS
                .iter()
                .find(|(mk, _)| *mk == m)
                .map(|(_, p)| p.to_string())
        });
    LedgerView {
        make: make.or(product.map(|p| p.1)).map(str::to_string),
        product: product.map(|p| p.2.to_string()),
        platform,
        firmware,
        firmware_checked: note_value(&d.notes, CHECKED).and_then(parse_date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_makes_and_products() {
        assert_eq!(make_in("フォーティネット・ジャパン"), Some("Fortinet"));
        assert_eq!(make_in("ヤマハ株式会社"), Some("YAMAHA"));
        assert_eq!(make_in("日本電気"), Some("NEC"));
        assert_eq!(make_in("Connect Co."), None);
        assert_eq!(make_in("センチュリー・システムズ"), Some("Century Systems"));
        assert_eq!(
            parse_date("2025年4月1日"),
            NaiveDate::from_ymd_opt(2025, 4, 1)
        );
        assert_eq!(
            parse_date("2025/04/01"),
            NaiveDate::from_ymd_opt(2025, 4, 1)
        );
        assert_eq!(parse_date("昨年"), None);
    }
}
