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
    DiagramUndeclared => "構成図に未記載の外部接続", "Undeclared external connection";
    DiagramUnseen => "未検出", "Not seen";
    DiagramParty => "院外の相手先", "Outside party";
    DiagramUses => "利用", "Used by";
    DiagramMedia => "記録媒体", "USB/media";
    DiagramFlows => "データの流れ", "Data flows";
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
    DiagramMediaFlow => "記録媒体（USBメモリ・CD等）によるデータの受渡し", "Data hand-off (USB/media)";
    DiagramConnection => "接続", "Connection";
    DiagramRoute => "侵入経路", "Intrusion route";
    DiagramScope => "影響範囲", "Impact scope";
    DiagramFaded => "影響なし", "Not affected";
    DiagramAffected => "影響", "affected";
    DiagramMore => "他", "more";
    DiagramOwnLine => "事業者回線", "vendor's own line";
    DiagramCount => "{0}台", "{0}";
    DiagramTotals => "機器 {0}台 · セグメント {1} · 回線 {2} · 保守回線 {3} · クラウド {4}", "{0} devices · {1} segments · {2} lines · {3} circuits · {4} cloud services";
    DiagramFlowsMore => "… 他 {0} 件（全件は --format json・dot で出せます）", "… {0} more (all in --format json / dot)";
    // ---- end of the diagram ----

    // ---- audit (report::audit) ----
    AuditTitle => "監査", "Audit";
    AuditConfirmed => "確実", "confirmed";
    AuditLikely => "可能性が高い", "likely";
    AuditPossible => "可能性あり", "possible";
    AuditMacUnknown => "MAC不明", "MAC unknown";
    AuditHostNamePrefix => "ホスト名 ", "host name ";
    AuditSegmentPrefix => "セグメント ", "segment ";
    AuditNoRecordedSegment => "（どのセグメントにも属さない）", "(in no recorded segment)";
    AuditDoUndeclared => "回線一覧（lines.csv）または保守回線一覧（maintenance.csv）に記載して構成図に反映するか、不要な経路なら直ちに遮断してください。", "Declare it as a line (lines.csv) or maintenance circuit (maintenance.csv) so it is on the diagram, or cut it off if nobody needs it.";
    AuditDoUnregistered => "持ち込み機器か確認し、正規の機器なら devices.csv に登録、そうでなければネットワークから外してください。", "Find out whose device it is: register it in devices.csv if it belongs, otherwise take it off the network.";
    AuditDoUnseen => "電源断・撤去・台帳の誤りのいずれかを確認し、台帳（devices.csv）を実態に合わせてください。", "Check whether it is switched off, removed, or wrongly recorded, and bring devices.csv up to date.";
    AuditDoMismatch => "台帳のIP・セグメントを実態に合わせて直すか機器の設定を確認してください。IPの重複はなりすましの可能性があります。", "Correct the ledger's IP or segment, or the device's settings. Several MACs on one IP can mean spoofing.";
    AuditNetworkAudit => "台帳とスキャン結果の照合", "Network audit";
    AuditScansUsed => "使用したスキャン", "Scans used";
    AuditHostsFound => "検出ホスト", "hosts found";
    AuditPartialScan => "中断したスキャン（部分的）: 「今回検出されなかった機器」の判定には使いません", "partial scan: absence proves nothing, not used for 'not seen'";
    AuditLimitation => "制約", "limitation";
    AuditUndeclaredWaysOut => "構成図に未記載の外部接続", "Undeclared ways out";
    AuditVirtualRouterAddress => "仮想ルータアドレス", "virtual router address";
    AuditLedgerAtThisIp => "台帳でこのIP:", "ledger at this IP:";
    AuditUnregisteredDevice => "台帳に未登録の機器", "unregistered device";
    AuditEvidence => "根拠", "evidence";
    AuditRandomisedMacLong => "ランダムMAC（私物スマートフォン・PCのプライベートアドレスの可能性）", "randomised MAC (likely a personal phone or laptop's private address)";
    AuditIpRecordedForAnotherMac => "このIPは台帳では別のMACの機器:", "the ledger records this IP for another MAC:";
    AuditShowsExternalFacingEvidence => "外部接続の根拠あり（1.を参照）", "shows external-facing evidence (see 1.)";
    AuditOpenPorts => "応答したサービス", "open ports";
    AuditLedgerButNotSeen => "台帳にあるが今回検出されなかった機器", "In the ledger but not seen";
    AuditSegment => "セグメント", "segment";
    AuditPerimeterDeviceLineCircuit => "境界機器 — 回線・保守回線", "perimeter device of line/circuit";
    AuditMismatches => "台帳との不一致", "Mismatches";
    AuditInformation => "参考", "For information";
    AuditInternalRouting => "院内ルーティング", "internal routing";
    AuditVirtualRouterAddressGroup => "仮想ルータアドレス グループ", "virtual router address, group";
    AuditLedger => "台帳:", "ledger:";
    AuditScannerNotListed => "スキャンした端末自身は未登録機器に含めていません。", "The scanning machine itself is not listed as unregistered.";
    AuditNone => "なし", "none";
    AuditWhatDo => "対処", "What to do";
    AuditLedgerIp => "台帳のIP", "ledger IP";
    AuditSeenAt => "検出IP", "seen at";
    AuditLedgerSegment => "台帳のセグメント", "ledger segment";
    AuditSeenIn => "検出", "seen in";
    AuditNoRecordedSegmentShort => "（どのセグメントにも属さない）", "(no recorded segment)";
    AuditAnsweredBySeveralMacs => "に複数のMACが応答", "answered by several MACs";
    AuditUndeclaredWayOut => "構成図に未記載の外部接続", "undeclared way out";
    AuditLedgerNotSeen => "台帳にあるが今回検出されなかった機器", "in ledger, not seen";
    AuditMismatch => "台帳との不一致", "mismatch";
    AuditRandomisedMacShort => "ランダムMAC（私物端末の可能性）", "randomised MAC (personal device?)";
    AuditLedgerDeviceAtThisIp => "台帳でこのIPの機器:", "ledger device at this IP:";
    AuditExternalFacingEvidence => "外部接続の根拠あり", "external-facing evidence";
    AuditPerimeterDevice => "境界機器 — 回線・保守回線", "perimeter device of";
    AuditInformationPrefix => "参考:", "for information:";
    AuditCoverage => "台帳 {0}台 / 検出 {1}台 / スキャン対象外で確認できなかった機器 {2}台 / MACアドレスもIPアドレスもなく照合できない機器 {3}台", "Ledger {0} devices / seen {1} / not covered by a complete scan {2} / no MAC or IP, cannot be matched {3}";
    AuditUnregisteredTitle => "台帳に未登録の機器（うちランダムMAC {0}件）", "Unregistered devices ({0} with a randomised MAC)";
    AuditUnscannedSegments => "。未スキャンのセグメント: {0}", " (segments not scanned: {0})";
    AuditNotCovered => "スキャン対象外のため確認できなかった機器: {0}台（一覧には含めていません{1}）", "Note: {0} devices not covered by a complete scan are not reported{1}";
    AuditPartialOnly => "うち {0}台は中断したスキャンの範囲のみのため、不在の証明にならず一覧には含めていません。", "Note: {0} of them were covered only by partial scans; absence there proves nothing.";
    AuditScannerIsDevice => "スキャンした端末は台帳の {0}: スキャン結果には自分自身が載らないため、検出扱いにしました。", "The scanning machine is ledger device {0}: a scan never lists itself, so it counts as seen.";
    AuditL3Switch => "L3スイッチ", "L3 switch";
    AuditInternalVirtualRouter => "{0}仮想ルータアドレス・院内", "{0} virtual router address, internal";
    AuditRoutesCheckDefault => "ルーティングしている（{0}）— 既定ルートの行き先を確認してください", "routes ({0}) — check where its default route leads";
    AuditReachedByCircuit => "{0}: 保守回線 {1} の接続経路（保守回線一覧に記載済み）", "{0}: reached by circuit {1} (declared)";
    AuditHeading => "■ {0}. {1}: {2}件", "■ {0}. {1}: {2}";
    AuditColClass => "区分", "class";
    AuditColConfidence => "確度", "confidence";
    AuditColDeviceId => "台帳ID", "device id";
    AuditColName => "名称", "name";
    AuditColKind => "種別", "kind";
    AuditColIp => "IPアドレス", "ip";
    AuditColMac => "MACアドレス", "mac";
    AuditColVendor => "ベンダ", "vendor";
    AuditColHostName => "ホスト名", "host name";
    AuditColSegment => "セグメント", "segment";
    AuditColDetail => "内容", "detail";
    AuditColWhatToDo => "対処", "what to do";
    AuditRemoteControlTitle => "リモート操作を受け付ける機器", "Devices accepting remote control";
    AuditClassRemoteControl => "リモート操作を受け付ける機器", "accepts remote control";
    AuditDoRemoteControl => "外部への出口ではありませんが、院内で機器から機器へ侵入を広げる経路です（ランサムウェアの典型的な手口）。不要なら止め、必要なら接続元を管理端末・保守回線に限ってください。", "Not ways out, but the way an intruder moves from device to device inside (the usual ransomware path): turn off what nobody needs, and limit the rest to the IT room's PCs and the maintenance circuits.";
    AuditNoCircuitExplains => "{0}: 保守回線一覧にある保守回線の接続経路ではありません", "{0}: no declared maintenance circuit reaches it this way";
    // ---- end of audit ----

    // ---- diff (report::diff) ----
    DiffTitle => "差分", "Changes";
    DiffBecameExternal => "外部接続の根拠が現れた機器", "Became external-facing";
    DiffNewHost => "今回新たに検出された機器", "New hosts";
    DiffIpNewMac => "同じIPアドレスに別のMACアドレスの機器が応答（機器の交換、またはなりすましの可能性）", "IP answered by a new MAC (replacement or spoofing)";
    DiffMacMoved => "IPアドレスが変わった機器", "MAC at a new IP";
    DiffHostGone => "今回検出されなかった機器", "Hosts gone";
    DiffPortOpened => "新たに応答したサービス", "Ports opened";
    DiffPortClosed => "応答しなくなったサービス", "Ports closed";
    DiffStoppedExternal => "外部接続の根拠が消えた機器", "Stopped being external-facing";
    DiffMacUnknown => "MAC不明", "MAC unknown";
    DiffHostName => "ホスト名 ", "host name ";
    DiffLedger => "台帳:", "ledger:";
    DiffEvidence => "外部接続の根拠", "external-facing";
    DiffWasDevice => "以前の台帳機器", "was ledger device";
    DiffBothRandomised => "（どちらもランダムMAC: 同じ私物端末がアドレスを変えたか、別の私物端末）", " (both randomised: the same personal device re-randomising, or another one)";
    DiffPartialMark => " ［部分的］", " [partial]";
    DiffOlder => "前回", "Older";
    DiffNewer => "今回", "Newer";
    DiffNewerPartial => "※ 今回のスキャンは中断したため部分的です: 今回検出されなかった機器・応答しなくなったサービスは判定していません。", "Note: the newer scan is partial, so hosts gone and ports closed are not reported.";
    DiffOlderPartial => "※ 前回のスキャンは部分的です: 「今回新たに検出された機器」には前回見落とした機器が含まれることがあります。", "Note: the older scan is partial, so some 'new' hosts may just have been missed then.";
    DiffNoChanges => "変化なし", "No changes";
    DiffSection => "■ {0}: {1}件", "■ {0}: {1}";
    DiffScopesDiffer => "※ スキャン範囲の違いで比較できない機器: 今回のみの範囲 {0}台、前回のみの範囲 {1}台", "Note: not compared because the scopes differ: {0} hosts only in the newer scope, {1} only in the older";
    DiffScannersLeftOut => "※ スキャンした端末自身（{0}台）は比較に含めていません。", "Note: the scanning machines themselves ({0}) are left out.";
    DiffPortsNotCompared => "※ 片方のスキャンでしか調べていないポート（比べていません）", "Ports probed by only one scan (not compared)";
    DiffColChange => "変化", "change";
    DiffColKind => "変化の種類", "change kind";
    DiffColIp => "IPアドレス", "ip";
    DiffColMac => "MACアドレス", "mac";
    DiffColVendor => "ベンダ", "vendor";
    DiffColHostName => "ホスト名", "host name";
    DiffColDevice => "台帳ID", "device id";
    DiffColName => "名称", "name";
    DiffColDetail => "内容", "detail";
    DiffWhatDo => "対処", "What to do";
    DiffDoBecameExternal => "構成図に未記載の外部接続でないか確かめ、必要な経路なら回線一覧（lines.csv）または保守回線一覧（maintenance.csv）に記載し、不要なら直ちに遮断してください。", "Check whether it is a way out nobody recorded: record it in lines.csv or maintenance.csv if it is needed, otherwise cut it off.";
    DiffDoNewHost => "台帳（devices.csv）にある機器か確かめ、正規の機器なら登録し、そうでなければネットワークから外してください。", "Find out whose device it is: register it in devices.csv if it belongs, otherwise take it off the network.";
    DiffDoIpNewMac => "機器を交換したなら台帳のMACアドレスを直してください。交換していなければなりすましの可能性があるため、その機器を確かめてください。", "If the device was replaced, correct its MAC in the ledger; if not, it may be spoofing: check the device.";
    DiffDoMacMoved => "台帳（devices.csv）のIPアドレスを実態に合わせて直してください（DHCPの機器なら空欄で構いません）。", "Bring the ledger's IP up to date (leave it empty for a DHCP device).";
    DiffDoHostGone => "電源断・撤去・故障のいずれかを確かめ、撤去した機器なら台帳（devices.csv）から外してください。", "Check whether it is switched off, removed or broken; take a removed device out of devices.csv.";
    DiffDoPortOpened => "そのサービスが必要か担当ベンダに確かめ、不要なら止めてください（RDP・VNC・telnet は特に注意）。", "Ask the vendor whether the service is needed, and turn it off if not (above all RDP, VNC, telnet).";
    DiffDoPortClosed => "意図して止めたサービスか確かめてください（止めたのであれば対処は不要です）。", "Check that the service was stopped on purpose (nothing to do if it was).";
    DiffDoStoppedExternal => "外部との接続をやめたのであれば、回線一覧・保守回線一覧と構成図を更新してください。", "If the way out was closed on purpose, update lines.csv, maintenance.csv and the diagram.";
    // ---- end of diff ----

    // ---- impact (report::impact) ----
    ImpactTitle => "インシデント影響調査", "Incident impact";
    ImpactLine => "回線", "line";
    ImpactMaintenanceCircuit => "保守回線", "maintenance circuit";
    ImpactCloud => "クラウド", "cloud";
    ImpactMediaHandOff => "記録媒体の持ち込み", "media hand-off";
    ImpactOutsideNetworkFlow => "院外からの通信", "outside network flow";
    ImpactUnregisteredHostFacingOutside => "台帳に未登録の機器の外部接続", "unregistered host facing outside";
    ImpactUsbMedia => "記録媒体", "USB/media";
    ImpactXItselfWay => "（対象自体が院外との出入口）", " (X is itself a way in)";
    ImpactCompromised => "対象", "Compromised";
    ImpactIntrusionRoutesDirectFirst => "侵入経路（直接の経路から、短い順）", "Intrusion routes (direct first, shortest first)";
    ImpactNoRouteFromOutside => "院外からの経路は見つかりません（記録上、院外と接続していません）", "no route from outside found (the records connect it to nothing outside)";
    ImpactRoutesFlatNote => "※ 接続先セグメントが未記入のため、全セグメントが相互に通信できるものとして最大の範囲を示しています", "Note: segments with empty `connects` are assumed reachable from all (pessimistic flat-network assumption)";
    ImpactScope => "影響範囲", "Impact scope";
    ImpactScopeFlatNote => "※ 接続先セグメントが未記入のため、全セグメントが相互に通信できるものとして最大の範囲を示しています（segments.csv の「接続先セグメント」を記入すると絞り込めます）", "Note: pessimistic flat-network assumption: segments with empty `connects` are taken as reachable to and from all";
    ImpactSystems => "システム", "Systems";
    ImpactNetwork => "ネットワーク", "network";
    ImpactLeavesHospital => " ［院外へ］", " [leaves the hospital]";
    ImpactClouds => "クラウド", "Clouds";
    ImpactUndeclaredWayOutAt => "構成図に未記載の外部接続 ", "undeclared way out at ";
    ImpactUnregisteredHostFacingOutsideAt => "台帳に未登録の機器の外部接続 ", "unregistered host facing outside ";
    ImpactWaysOutSpreadLeak => "外部接続（拡散・漏えいに使われうる経路）", "Ways out (to spread or leak)";
    ImpactContainmentCutTheseLinks => "封じ込め（この順に切り離す）", "Containment (cut these links)";
    ImpactNoNetworkLinkCut => "切り離すべきネットワーク接続はありません（記録上、ほかのセグメントにも院外にもつながっていません）", "no network link to cut (the records connect it to no other segment and nothing outside)";
    ImpactContainmentFlatNote => "※ 接続先セグメントが未記入のため、全セグメントが相互に通信できるものとして最大の範囲を示しています", "Note: segments with empty `connects` are assumed to hang off one core (flat network)";
    ImpactWhomCallThisOrder => "連絡先（この順に）", "Whom to call (in this order)";
    ImpactNoContactsRecordedSystems => "登録された連絡先がありません（systems.csv・maintenance.csv・contacts.csv に記入してください）", "no contacts recorded (systems.csv / maintenance.csv / contacts.csv)";
    ImpactMore => "…ほか {0}件（全{1}件は --format json で出せます）", "… {0} more (all {1}: --format json)";
    ImpactInAll => "{0}件: ", "{0} in all: ";
    ImpactCircuitDetail => "（事業者 {0}、接続方式 {1}、接続時間 {2}）", " [vendor {0}, method {1}, hours {2}]";
    ImpactAt => "（接続機器: {0}）", " @ {0}";
    ImpactListSeparator => "、", ", ";
    ImpactRequiresBreaking => "（先に {0} の突破が必要）", " (requires breaking {0} first)";
    ImpactCutLineFromDevice => "{0} を {1} から抜く", "unplug {0} from {1}";
    ImpactCutLineIdNote => "（回線 {0} の切断）", " (cutting line {0})";
    ImpactCutCircuitAtDevice => "{0}（事業者 {1}）を {2} で止める（事業者の回線を抜く）", "stop {0} (vendor {1}) at {2}: unplug the vendor's line";
    ImpactCutCircuitOnLine => "{0}（事業者 {1}）を {2} 上で止める（VPNアカウントの無効化を依頼）", "stop {0} (vendor {1}) on {2}: disable its VPN account";
    ImpactCutDeviceFromSegment => "{0} を {1} から外す（スイッチのポートからケーブルを抜く）", "unplug {0} from {1} (its switch port)";
    ImpactIts => "その", "its";
    ImpactCutSegmentFromCore => "{0}セグメントを基幹から切り離す（{1} と基幹スイッチをつなぐケーブルを抜く）", "cut segment {0} from the core (unplug {1} uplink)";
    ImpactCutSegmentFromSegment => "{0} と {1} の間の通信を止める（ルータ・L3スイッチの設定を担当事業者に依頼）", "stop routing between {0} and {1}";
    ImpactCutCloudOnLine => "{0} への通信を {1} で遮断する", "block {0} on {1}";
    ImpactCutCloudFromSegment => "{1} から {0} への通信を遮断する", "block {0} from {1}";
    ImpactCutOutsideFromSegment => "{1} と {0} の通信を止める", "stop traffic between {1} and {0}";
    ImpactCutUndeclaredWayOut => "{0} の構成図に未記載の外部接続を探して抜く", "find and unplug the undeclared way out at {0}";
    ImpactCallSystem => "責任者 {0}、ベンダ {1}、担当 {2}、電話 {3}、メール {4}", "owner {0}, vendor {1}, contact {2}, phone {3}, email {4}";
    ImpactCallCircuitVendor => "{0} の事業者 {1}", "vendor {1} of {0}";
    ImpactCallContactPhone => "担当 {0}、電話 {1}", "contact {0}, phone {1}";
    ImpactPhone => "電話", "phone";
    ImpactEmail => "メール", "email";
    ImpactMoreRoutes => "…ほか {0} 経路（全経路は --format json で出せます）", "… {0} more routes (--format json lists all)";
    ImpactOwnSegment => "自セグメント", "own segment";
    ImpactDirect => "直接", "direct";
    ImpactDirectFlat => "直接", "direct, flat assumption";
    ImpactHops => "{0}段先", "{0} hops";
    ImpactHopsFlat => "{0}段先", "{0} hops, flat assumption";
    ImpactSegmentUnregistered => "、台帳に未登録の機器 {0}", ", unregistered hosts {0}";
    ImpactMoreSegments => "…ほか {0} セグメント", "… {0} more segments";
    ImpactDevicesTotal => "機器: 合計 {0}台（{1}）", "Devices: {0} in all ({1})";
    ImpactFlowsTotal => "データの流れ: {0}件（院外へ {1}件、記録媒体 {2}件）", "Data flows: {0} ({1} leave the hospital, {2} by USB/media)";
    ImpactIsolateFirst => "まず {0} をネットワークから外す（LANケーブルを抜く・無線を切る。電源は切らない）", "First take {0} off the network (unplug its LAN cable, turn off Wi-Fi; leave it powered on)";
    ImpactAlsoStopMedia => "記録媒体（USBメモリ・CD等）によるデータの受渡しも止める: {0}", "Also stop USB/media hand-offs with: {0}";
    ImpactNodeLine => "回線（{0}）", "line ({0})";
    ImpactNodeSegment => "セグメント", "segment";
    ImpactNodeSystem => "システム", "system";
    ImpactNodeVendor => "保守事業者", "vendor";
    ImpactNodeOutsideParty => "院外の相手先", "outside party";
    ImpactNodeUnregistered => "台帳に未登録の機器", "unregistered host";
    // ---- end of impact ----

    // ---- evidence of a way out (shared by audit, diff, impact, scan) ----
    EvidenceTitle => "外部接続の根拠", "Evidence of a way out";
    EvidenceRoutedGatewayProbe => "院外への通信を中継できる（ルータとして動作）", "routed the gateway probe";
    EvidenceDefaultGateway => "スキャン端末の既定ゲートウェイ", "the scanner's default gateway";
    EvidenceRemoteAccessService => "リモート接続用サービス", "remote-access service";
    EvidenceRouterMakerMac => "ルータ・VPN装置の製造元のMACアドレス:", "MAC of a router/VPN maker:";
    EvidenceSeparator => "、", ", ";
    EvidenceVpnAnswers => "VPN用サービス（{0}）が応答", "VPN service {0} answers";
    EvidenceRemoteControlAnswers => "リモート操作用サービス（{0}）が応答", "remote-control service {0} answers";
    EvidenceMakerIs => "製造元がルータ・VPN装置のメーカー（{0}）", "made by a router/VPN maker: {0}";
    // ---- end of evidence ----

    // ---- scan and the command line ----
    ScanTitle => "スキャン", "Scan";
    // ---- end of scan ----

    // ---- messages ----
    MsgWarning => "警告", "warning";
    MsgOneError => "サイトフォルダ（{0}）に誤りが{1}件あります。修正して再実行してください。", "site folder {0} has {1} error:";
    MsgErrors => "サイトフォルダ（{0}）に誤りが{1}件あります。修正して再実行してください。", "site folder {0} has {1} errors:";
    MsgCannotReadSite => "サイトフォルダ（{0}）を読めません", "cannot read site folder {0}";
    MsgCannotWrite => "{0} に書き込めません", "cannot write {0}";
    MsgOwnFile => "{0} はサイトフォルダの {1} です。別の出力ファイルを指定してください（-o）", "{0} is the site's own {1}: choose another output file (-o)";
    MsgSiteTomlMissing => "ファイルがありません。サイトフォルダに site.toml を作り、少なくとも name = \"○○病院\" の行を書いてください", "missing: every site folder needs one, with at least name = \"○○病院\"";
    MsgDevicesMissing => "資産台帳がありません。1行目に「番号,名称,種別,MACアドレス,IPアドレス,セグメント,システム,部署,ベンダ,設置場所,備考」の列名を書き、1行に1台ずつ記入した devices.csv を作ってください（必須は 番号 の列だけです）", "missing: every site folder needs its asset ledger (id, name, kind, mac, ip, segment, …)";
    MsgEmptyId => "が空欄です。どの行にも番号が必要です", "empty id: every row needs one";
    MsgSameId => "は{0}行目と同じ番号です。番号は重複しないようにしてください", "same id as line {0}";
    MsgNotIp => "はIPアドレスの形式ではありません（例: 192.168.10.5。DHCPなら空欄か DHCP と書きます）", "not an IP address";
    MsgMacZero => "はすべて0のため、MACアドレスなしとして扱います（不明なら空欄にしてください）", "all zeros: taken as no MAC (leave the cell empty if the MAC is unknown)";
    MsgMacGroup => "はグループ（マルチキャスト・ブロードキャスト）アドレスで、機器のMACアドレスではありません。先頭の2桁を確かめてください", "a group (multicast/broadcast) address, never a device's own: check the first two digits";
    MsgNotMac => "の形式が正しくありません（例: 00:1A:2B:3C:4D:5E）", "not a MAC address";
    MsgMacExcelNumber => "の形式が正しくありません。Excel が数値に変えています: 列の書式を「文字列」にしてMACアドレスを入れ直してください（例: 00:1A:2B:3C:4D:5E）", "not a MAC address (Excel turned it into a number: format the column as text (文字列) and type the MAC again)";
    MsgHostBits => "はホスト部が0ではないため、{0} として扱います", "host bits set; taken as {0}";
    MsgNotCidr => "はCIDR形式のネットワークではありません（例: 192.168.10.0/24）", "not a network in CIDR form (e.g. 192.168.10.0/24)";
    MsgNotVlan => "はVLAN番号ではありません（1〜4094。なければ空欄）", "not a VLAN id (1 to 4094)";
    MsgDeviceKind => "は種別として使えません（使える種別: サーバ、パソコン、プリンタ、スイッチ、ルータ、ファイアウォール、VPN装置、無線AP、医療機器、iot、カメラ、電話、ストレージ、その他）", "unknown kind (server/サーバ, pc/パソコン, printer/プリンタ, switch/スイッチ, router/ルータ, firewall/ファイアウォール, vpn/VPN装置, ap/無線AP, medical/医療機器, iot, camera/カメラ, phone/電話, storage/ストレージ, other/その他)";
    MsgSameMac => "は{0}行目と同じMACアドレスです。MACアドレスは1台ごとに違うため、どちらかの誤りを直してください", "same MAC as line {0}";
    MsgSameIp => "は{0}行目と同じIPアドレスです", "same IP as line {0}";
    MsgLineKind => "は回線の種別として使えません（インターネット、インターネットVPN、閉域網、モバイル、その他）", "unknown line kind (internet/インターネット, vpn/インターネットVPN, closed/閉域網, mobile/モバイル, other/その他)";
    MsgFlowEnd => "が空欄です。データの流れには送信元と送信先の両方が必要です", "empty: a flow needs both ends";
    MsgFlowKind => "は区分として使えません（ネットワーク、または 媒体・USBメモリ・CD・DVD）", "unknown flow kind (network/ネットワーク, or media/媒体/USBメモリ/CD/DVD)";
    MsgContactName => "が空欄です。連絡先の名称（組織名）を書いてください", "empty name: whom does this row reach?";
    MsgNotToml => "書き方に誤りがあります（TOMLとして読めません）: {0}", "not valid TOML: {0}";
    MsgMustBeText => "は文字列で書いてください（例: name = \"○○病院\"）", "must be text";
    MsgUnknownKey => "キー「{0}」は使わないため無視します（使えるキー: name, updated, language, author）", "unknown key \"{0}\" ignored (keys: name, updated, language, author)";
    MsgNoName => "病院名がありません。name = \"○○病院\" の行を加えてください", "no hospital name: add a line like name = \"○○病院\"";
    MsgNotDate => "は日付ではありません（例: 2026-11-01、2026/11/01）", "not a date (YYYY-MM-DD or YYYY/MM/DD)";
    MsgNoUpdated => "更新日（updated）がないため、構成図に更新日が載りません（updated = \"YYYY-MM-DD\" を加えてください）", "no \"updated\" date: the diagram will show none (add updated = \"YYYY-MM-DD\")";
    MsgLanguage => "は言語として使えません（ja か en）", "unknown language (ja or en)";
    MsgBadUtf16 => "UTF-16 と記されていますが、UTF-16 として読めません。「CSV UTF-8」で保存し直してください", "marked as UTF-16 but not valid UTF-16; save it as \"CSV UTF-8\"";
    MsgBadUtf8 => "UTF-8 として読めません（ここまでは UTF-8 で、この行に壊れた文字があります）", "not valid UTF-8 (the file is UTF-8 up to here and then has a broken character)";
    MsgNoEncoding => "UTF-8 でも Shift_JIS（CP932）でもありません: この行に読めない文字があります。「CSV UTF-8」で保存し直してください", "neither UTF-8 nor Shift_JIS (CP932): a character here cannot be decoded; save the file as \"CSV UTF-8\"";
    MsgOpenQuote => "ここで始まる \" で囲んだセルが閉じていません（\" が1つ足りません）", "a quoted cell opens here and is never closed (a missing \")";
    MsgUnreadableCsv => "CSVとして読めません: {0}", "unreadable CSV: {0}";
    MsgRowAboveHeader => "列名の行（{1}行目）より上の{0}行は読み飛ばします", "{0} row above the header row (line {1}) ignored";
    MsgRowsAboveHeader => "列名の行（{1}行目）より上の{0}行は読み飛ばします", "{0} rows above the header row (line {1}) ignored";
    MsgOrphanCell => "は列名のない列にあるため無視します（このような行が{0}行あり、最初がこの行です）", "cells under no header are ignored ({0} row with such cells, the first here)";
    MsgOrphanCells => "は列名のない列にあるため無視します（このような行が{0}行あり、最初がこの行です）", "cells under no header are ignored ({0} rows with such cells, the first here)";
    MsgNoHeaderRow => "列名の行がありません（使える列: {0}）", "empty: no header row (expected columns: {0})";
    MsgCellMissing => "セルが{0}個ですが列名は{1}個あります: セルが抜けているため、以降のセルが違う列として読まれてしまいます（どの行も、空でもよいので各列にセルが必要です）", "{0} under {1}: a cell is missing, so the cells after it would be read under the wrong headers (every row needs a cell, empty or not, under every header)";
    MsgCellPastEnd => "セルが{0}個ですが列名は{1}個です: 最後の列より右のセルが空ではありません（\" で囲んでいないセルに , が入っていませんか）", "{0} under {1}: a cell past the last header is not empty (a comma in a cell that is not in double quotes?)";
    MsgSameColumnKept => "列「{0}」は「{1}」と同じ意味です。最初の列を使い、この列は備考に残します", "column \"{0}\" means the same as \"{1}\"; the first one is used, this one kept in notes";
    MsgSameColumnIgnored => "列「{0}」は「{1}」と同じ意味です。最初の列を使い、この列は無視します", "column \"{0}\" means the same as \"{1}\"; the first one is used, this one ignored";
    MsgUnknownColumnKept => "列「{0}」は知らない列のため、値を備考に残します（使える列: {1}）", "unknown column \"{0}\" kept in notes (known columns: {1})";
    MsgUnknownColumnIgnored => "列「{0}」は知らない列のため無視します（使える列: {1}）", "unknown column \"{0}\" ignored (known columns: {1})";
    MsgNoColumn => "「{0}」の列がありません（列名の行に次のどれかが必要です: {1}）", "no \"{0}\" column (the header row needs one of: {1})";
    MsgNoSuchId => "は {0} にありません", "no such id in {0}";
    MsgNoSuchIdMeant => "は {0} にありません。{1} の誤りではありませんか", "no such id in {0}; did you mean {1}?";
    MsgNoSuchIdShared => "は {0} に番号としてはなく、この名称の行が{1}行あります（{2}）: 番号で書いてください", "no such id in {0}, and {1} records there have this name ({2}): write the id";
    MsgTargetAbsent => "を確かめられません: {0} がありません（そのファイルを作るか、この列を空欄にしてください）", "no such id: {0} is absent";
    MsgOverlaps => "はセグメント「{0}」（{1}、{2}行目）と範囲が重なっています", "overlaps segment \"{0}\" ({1}, line {2})";
    MsgSegmentsAbsent => "ファイルがないため、devices.csv にあるセグメント{0}個をサブネット・接続先なしとして扱います: {1}", "absent: the {0} segment(s) named in devices.csv are assumed, without subnets or routing: {1}";
    MsgSystemsAbsent => "ファイルがないため、ほかの一覧にあるシステム{0}個をベンダ・連絡先なしとして扱います: {1}", "absent: the {0} system(s) named in other files are assumed, without vendor or contact: {1}";
    MsgOutsideSegment => "はセグメント「{0}」（{1}）の範囲外です", "outside segment \"{0}\" ({1})";
    MsgOutsideParty => "は台帳にないため院外の相手先として描きます", "names no record; drawn as an outside party";
    MsgListSeparator => "、", ", ";
    MsgIsFolder => "{0} に書き込めません: フォルダです", "cannot write {0}: it is a folder";
    MsgCannotWriteStdout => "構成図を標準出力に書き出せません", "cannot write the diagram to standard output";
    MsgNoSnapshots => "{0} にスキャン結果がありません。先に `koseizu scan --site {1}` でスキャンしてください（または --scan でファイルを指定してください）", "no snapshots in {0}: run `koseizu scan --site {1}` first (or give --scan FILE)";
    MsgDiffOneFile => "diff には前回と今回の2つのスキャン結果のファイル（OLD NEW）を指定するか、ファイルを指定せずに --site サイトフォルダ で最新の2回を比べてください", "diff needs two snapshots (OLD NEW), or none and --site SITE to compare its two latest scans";
    MsgDiffNothing => "2つのスキャン結果のファイル（OLD NEW）か、--site サイトフォルダ を指定してください（最新の2回を比べます）", "give two snapshots (OLD NEW), or --site SITE to compare its two latest scans";
    MsgDiffCount => "diff が比べるのは2つのスキャン結果です（{0}個ではありません）", "diff compares two snapshots, not {0}";
    MsgDiffOrder => "OLD のほうが NEW より後のスキャンです（{0} > {1}）。指定された順に比べます", "OLD was taken after NEW ({0} > {1}); comparing as given";
    MsgNoPair => "{0} には同じネットワークのスキャン結果が2回分ありません（全部で{1}件）。同じ --cidr で `koseizu scan --site {2}` をもう一度実行すると比べられます", "{0} holds fewer than two scans of the same networks ({1} snapshot(s) in all): run `koseizu scan --site {2}` again with the same --cidr to have two to compare";
    MsgArchive => "スキャン結果（{0}）を読めません", "cannot read the snapshots in {0}";
    MsgSnapshot => "スキャン結果のファイルを読めません", "cannot read snapshot";
    MsgNoSite => "最新のスキャン結果を選ぶにはサイトフォルダが必要です（--site）", "choosing the latest snapshots needs a site folder";
    MsgFromUnknown => "--from「{0}」に当たる機器・システム・回線・保守回線・クラウド・IPアドレス・MACアドレスがありません", "--from {0}: no device, system, line, circuit, cloud, IP or MAC matches";
    MsgFromMeant => "{0}。{1} の誤りではありませんか", "{0}; did you mean {1}?";
    MsgFromAmbiguous => "--from「{0}」に当たるものが複数あります: {1}。番号で指定してください", "--from {0} matches more than one node: {1}; give its id instead";
    // ---- end of messages ----

    // ---- help ----
    HelpTemplate => "{before-help}{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}", "{before-help}{about-with-newline}\n{usage-heading} {usage}\n\n{all-args}{after-help}";
    HelpCommands => "コマンド", "Commands";
    HelpArguments => "引数", "Arguments";
    HelpOptions => "オプション", "Options";
    HelpProgram => "病院のネットワークを守る担当者のための道具: ネットワーク簡易構成図の作成、安全なスキャン、台帳とスキャン結果の照合、インシデント発生時の影響範囲の調査。", "Maps a hospital's network for the people who must keep it safe: scan, merge with records, diagram, audit, impact.";
    HelpHelp => "ヘルプを表示します", "Print help";
    HelpVersion => "版数を表示します", "Print version";
    HelpHelpCommand => "このヘルプ、または指定したコマンドのヘルプを表示します", "Print this message or the help of the given subcommand(s)";
    HelpMap => "ネットワーク簡易構成図（付録１）を作ります", "Draw the simplified network diagram (ネットワーク簡易構成図) of a site";
    HelpSite => "サイトフォルダ（site.toml、devices.csv などを入れたフォルダ）", "Site folder (site.toml, devices.csv, …)";
    HelpMapScans => "構成図に印をつけるスキャン結果のファイル（既定: サイトフォルダの scans/ にある範囲ごとの最新）", "Snapshot(s) to mark on the diagram; default: the latest per scope in SITE/scans/";
    HelpMapNoScans => "scans/ のスキャン結果を使わず、台帳だけから描きます", "Draw from the records only, ignoring SITE/scans/";
    HelpMapOutput => "出力ファイル（既定: サイトフォルダの diagram.svg。形式により .dot・.json）。- で標準出力", "Output file; default: SITE/diagram.svg (or .dot/.json by format). `-` for stdout";
    HelpMapFormat => "出力形式: svg（A3横で印刷できるSVG、既定）、dot（同じ図のGraphviz DOT）、json（台数・グループつきのグラフ、ほかの道具向け）", "Output format";
    HelpMapLang => "ラベルと凡例の言語: ja（日本語）、en（英語）。既定: site.toml の language", "Language of labels and legend; default: site.toml's";
    HelpLang => "出力の言語: ja（日本語）、en（英語）。既定: site.toml の language", "Language; default: site.toml's";
    HelpScans => "使うスキャン結果のファイル（既定: サイトフォルダの scans/ にある範囲ごとの最新）", "Snapshot(s); default: the latest per scope in SITE/scans/";
    HelpReportFormat => "出力形式: text（人が読む形、既定）、json（ほかの道具向け）", "Report format";
    HelpScan => "院内のネットワークをスキャンし、機器と院外への経路をすべて見つけます", "Scan the LAN for hosts and for every way out of it";
    HelpScanIface => "スキャンに使うネットワークインタフェース（例: eno1）", "Interface to scan from";
    HelpScanCidrs => "スキャンするネットワーク（例: 10.10.20.0/24。既定: インタフェースのサブネット）", "Networks to scan; default: the interface's own subnet";
    HelpScanSite => "スキャン結果をサイトフォルダの scans/ に日時（UTC）の名前で保存します", "Save the snapshot into SITE/scans/ under a UTC timestamp name";
    HelpScanOutput => "スキャン結果をこのファイルに保存します（上書きはしません）", "Save the snapshot to this file (never overwritten)";
    HelpScanRate => "全体の送信速度の上限（パケット/秒、既定: 1000）", "Global packet-rate cap, packets per second";
    HelpScanHostRate => "1台あたりの送信速度の上限（パケット/秒、既定: 20）", "Per-host packet-rate cap, packets per second";
    HelpScanPorts => "調べるポート（例: 22,443,u500。none で調べない。既定: 病院向けの一覧）", "Ports to probe, e.g. `22,443,u500`, or `none`; default: a hospital list";
    HelpScanOutsideProbe => "院外へ中継できる機器を見つける試験パケットの宛先（院外のアドレス。パケットは最初の中継点で消えます）", "Outside address for the TTL-1 gateway probe";
    HelpScanExcludes => "ARP以外を何も送らない機器: CIDR、MACアドレス、または製造元名（繊細な医療機器など）", "Devices that get nothing beyond ARP: CIDR, MAC or OUI vendor name";
    HelpScanAllowPublic => "プライベートアドレス以外やインタフェースのネットワーク以外のスキャンを許します", "Allow scopes outside private ranges and the interface's own networks";
    HelpScanMaxTargets => "65,536台を超える対象のスキャンを許します（上限の台数）", "Allow more than 65,536 targets";
    HelpScanUnprivileged => "CAP_NET_RAW なしで実行します（TCP接続による確認のみ）", "Run without CAP_NET_RAW: TCP connect probes only";
    HelpScanQuiet => "進み具合を表示しません", "No progress output";
    HelpAudit => "台帳とスキャン結果を照合します: 構成図に未記載の外部接続、台帳に未登録の機器など", "Compare the network with the records: unregistered devices, undeclared ways out";
    HelpAuditCsv => "照合結果を Excel 用のCSVにも書き出します", "Also write the findings as CSV for Excel";
    HelpAuditAllowlist => "台帳のMACアドレスを、MACアドレス認証用の許可リストとして書き出します", "Write the registered MACs for MAC-address authentication";
    HelpAuditAllowlistFormat => "許可リストの形式: plain（1行に1つのMACアドレス、既定）、csv（名称つき、Excel用）、freeradius（FreeRADIUS の authorize・users ファイル）", "Allowlist format";
    HelpAuditFailOn => "指摘があれば終了コード1で終わります: unregistered（台帳に未登録の機器）、undeclared-external（構成図に未記載の外部接続）、any（指摘すべて）", "Exit 1 when findings of this class exist";
    HelpDiff => "前回と今回のスキャンで何が変わったかを示します", "What changed between two scans";
    HelpDiffSnapshots => "前回と今回のスキャン結果のファイル（既定: --site の scans/ にある同じ範囲の最新2回）", "Older and newer snapshot; default: the two latest of --site for the same scope";
    HelpDiffSite => "scans/ を使うサイトフォルダ（台帳の名称で機器を示します）", "Site folder whose scans/ to use (and whose ledger names the hosts)";
    HelpDiffFormat => "出力形式: text（人が読む形、既定）、json（ほかの道具向け）、csv（Excel用）", "Output format";
    HelpImpact => "インシデント発生時: 1台の機器などを起点に、侵入経路・影響範囲・切り離す箇所・連絡先を示します", "Intrusion routes, impact scope, containment and whom to call for one compromised node";
    HelpImpactFrom => "起点（感染が疑われるもの）: 台帳の番号か名称、IPアドレス、MACアドレス、システム・回線・保守回線の番号", "The compromised node: device id or name, IP, MAC, system id, line id or circuit id";
    HelpImpactOutput => "侵入経路と影響範囲を描いた構成図をこのSVGファイルに書き出します", "Draw the diagram with routes and scope highlighted to this SVG file";
    // ---- end of help ----
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
