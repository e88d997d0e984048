//! The one translation table: every fixed word and phrase koseizu prints,
//! in Japanese and English, as a typed [`Word`] (a missing translation is a
//! compile error, never a placeholder).
//!
//! A phrase that takes values marks them `{0}`, `{1}`, … in both
//! languages (the order may differ: Japanese puts the count last where
//! English puts it first); [`Word::fill`] puts them in, and a test checks
//! that every entry's two texts have the same placeholders.
//!
//! Entries are grouped by the output they belong to, one section each.

use super::Lang;

/// Declares [`Word`] from `Name => "日本語", "English";` entries.
macro_rules! words {
    ($($name:ident => $ja:literal, $en:literal;)*) => {
        /// A fixed word or phrase for people, in both languages.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Word {
            $(
                #[doc = concat!($ja, " / ", $en)]
                $name,
            )*
        }

        impl Word {
            /// Every entry, for the table's own tests.
            pub const ALL: &'static [Word] = &[$(Word::$name),*];

            /// The Japanese text.
            pub const fn ja(self) -> &'static str {
                match self { $(Word::$name => $ja,)* }
            }

            /// The English text.
            pub const fn en(self) -> &'static str {
                match self { $(Word::$name => $en,)* }
            }
        }
    };
}

impl Word {
    /// The text in `lang`.
    pub const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja(),
            Lang::En => self.en(),
        }
    }

    /// The text in `lang` with `{0}`, `{1}`, … replaced by `values`.
    pub fn fill(self, lang: Lang, values: &[&dyn std::fmt::Display]) -> String {
        fill(self.get(lang), values)
    }
}

/// `template` with `{n}` replaced by `values[n]` (a placeholder without a
/// value is left as it is, so the table's test catches it).
fn fill(template: &str, values: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let n: usize = after[..close].parse().ok()?;
            Some((close, values.get(n)?))
        }) {
            Some((close, value)) => {
                out.push_str(&value.to_string());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

words! {
    // ---- the diagram (render) ----
    DiagramOutside => "院外（外部接続）", "Outside the hospital";
    DiagramPerimeter => "境界（外部接続機器・DMZ）", "Perimeter (external-facing devices, DMZ)";
    DiagramInside => "院内ネットワーク", "Inside the hospital";
    DiagramStandalone => "ネットワーク未接続", "Standalone";
    DiagramUnknown => "所属不明（未登録の機器）", "Unknown segment (unregistered)";
    DiagramSystems => "機器未登録のシステム", "Systems without devices";
    DiagramUnregistered => "未登録", "Unregistered";
    DiagramUndeclared => "未申告の外部接続", "Undeclared external connection";
    DiagramUnseen => "未検出", "Not seen";
    DiagramParty => "院外の相手先", "Outside party";
    DiagramUses => "利用", "Used by";
    DiagramMedia => "USB/媒体", "USB/media";
    DiagramFlows => "データの流れ", "Data flows";
    DiagramNetwork => "ネットワーク", "network";
    DiagramUpdated => "更新日", "Updated";
    DiagramCreated => "作成日", "Created";
    DiagramTitle => "ネットワーク簡易構成図", "Simplified network diagram";
    DiagramLegend => "凡例", "Legend";
    DiagramLine => "回線", "Line";
    DiagramVendor => "保守事業者（保守回線）", "Maintenance vendor (circuit)";
    DiagramCloud => "クラウドサービス", "Cloud service";
    DiagramPerimeterDevice => "外部接続機器", "External-facing device";
    DiagramDevice => "サーバ・ネットワーク機器", "Server / network device";
    DiagramGroup => "機器グループ（台数）", "Device group (count)";
    DiagramSystem => "医療情報システム", "Medical information system";
    DiagramSegment => "セグメント", "Segment";
    DiagramNetworkFlow => "データの流れ（ネットワーク）", "Data flow (network)";
    DiagramMediaFlow => "データの受け渡し（USB/媒体）", "Data hand-off (USB/media)";
    DiagramConnection => "接続", "Connection";
    DiagramRoute => "侵入経路", "Intrusion route";
    DiagramScope => "影響範囲", "Impact scope";
    DiagramFaded => "影響なし", "Not affected";
    DiagramAffected => "影響", "affected";
    DiagramMore => "他", "more";
    DiagramOwnLine => "事業者回線", "vendor's own line";
    DiagramDevicesTotal => "機器", "devices";
    // ---- end of the diagram ----

    // ---- audit (report::audit) ----
    AuditTitle => "監査", "Audit";
    // ---- end of audit ----

    // ---- diff (report::diff) ----
    DiffTitle => "差分", "Changes";
    DiffBecameExternal => "外部接続の根拠が現れた機器", "Became external-facing";
    DiffNewHost => "新しく現れた機器", "New hosts";
    DiffIpNewMac => "IPに別のMACが応答（機器交換・なりすましの可能性）", "IP answered by a new MAC (replacement or spoofing)";
    DiffMacMoved => "IPが変わった機器", "MAC at a new IP";
    DiffHostGone => "見えなくなった機器", "Hosts gone";
    DiffPortOpened => "開いたポート", "Ports opened";
    DiffPortClosed => "閉じたポート", "Ports closed";
    DiffStoppedExternal => "外部接続の根拠が消えた機器", "Stopped being external-facing";
    DiffMacUnknown => "MAC不明", "MAC unknown";
    DiffHostName => "ホスト名 ", "host name ";
    DiffLedger => "台帳:", "ledger:";
    DiffEvidence => "外部接続の根拠", "external-facing";
    DiffWasDevice => "以前の台帳機器", "was ledger device";
    DiffBothRandomised => " （どちらもランダムMAC: 同じ私物端末のアドレス変更か、別の私物端末）", " (both randomised: the same personal device re-randomising, or another one)";
    DiffPartialMark => " [部分的]", " [partial]";
    DiffOlder => "前回", "Older";
    DiffNewer => "今回", "Newer";
    DiffNewerPartial => "※ 今回のスキャンは中断・部分的です: 見えなくなった機器・閉じたポートは判定していません。", "Note: the newer scan is partial, so hosts gone and ports closed are not reported.";
    DiffOlderPartial => "※ 前回のスキャンは部分的です: 「新しく現れた機器」には前回見落とした機器が含まれ得ます。", "Note: the older scan is partial, so some 'new' hosts may just have been missed then.";
    DiffNoChanges => "変化なし", "No changes";
    DiffSection => "■ {0}: {1}件", "■ {0}: {1}";
    DiffScopesDiffer => "※ スキャン範囲の違いで比較できない機器: 今回のみの範囲 {0}台、前回のみの範囲 {1}台", "Note: not compared because the scopes differ: {0} hosts only in the newer scope, {1} only in the older";
    DiffScannersLeftOut => "※ スキャンした端末自身（{0}台）は比較に含めていません。", "Note: the scanning machines themselves ({0}) are left out.";
    DiffPortsNotCompared => "※ 片方のスキャンでしか調べていないポート（比較せず）", "Ports probed by only one scan (not compared)";
    DiffColChange => "変化", "change";
    DiffColKind => "変化の種類", "change kind";
    DiffColIp => "IPアドレス", "ip";
    DiffColMac => "MACアドレス", "mac";
    DiffColVendor => "ベンダ", "vendor";
    DiffColHostName => "ホスト名", "host name";
    DiffColDevice => "台帳ID", "device id";
    DiffColName => "名称", "name";
    DiffColDetail => "内容", "detail";
    // ---- end of diff ----

    // ---- impact (report::impact) ----
    ImpactTitle => "インシデント影響調査", "Incident impact";
    // ---- end of impact ----

    // ---- evidence of a way out (shared by audit, diff, impact, scan) ----
    EvidenceTitle => "外部接続の根拠", "Evidence of a way out";
    // ---- end of evidence ----

    // ---- scan and the command line ----
    ScanTitle => "スキャン", "Scan";
    // ---- end of scan ----
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<usize> {
        let mut v: Vec<usize> = s
            .match_indices('{')
            .filter_map(|(i, _)| {
                let rest = &s[i + 1..];
                rest[..rest.find('}')?].parse().ok()
            })
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn both_languages_take_the_same_values() {
        for w in Word::ALL {
            assert_eq!(placeholders(w.ja()), placeholders(w.en()), "{w:?}");
            assert!(!w.ja().is_empty() && !w.en().is_empty(), "{w:?}");
        }
    }

    #[test]
    fn fill_puts_values_in_their_places() {
        assert_eq!(fill("{1}の{0}件", &[&3, &"未登録"]), "未登録の3件");
        assert_eq!(fill("{0} of {1}", &[&3]), "3 of {1}");
        assert_eq!(fill("{x} {", &[]), "{x} {");
    }
}
