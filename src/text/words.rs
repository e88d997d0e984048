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
    AuditScannerNotListed => "スキャンした端末自身は台帳に未登録の機器に含めていません。", "The scanning machine itself is not listed as unregistered.";
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
    DiffDoMacMovedPort => "対処: 機器が別のスイッチポートに移されていないか、台帳の設置場所を現地で確認してください", "What to do: check on site whether the device was moved to another switch port, and update its location in the ledger";
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
    ImpactMore => "…ほか {0}件（全{1}件は --all で表示できます）", "… {0} more (all {1}: --all)";
    ImpactInAll => "{0}件: ", "{0} in all: ";
    ImpactCircuitDetail => "（事業者 {0}、接続方式 {1}、接続時間 {2}）", " [vendor {0}, method {1}, hours {2}]";
    ImpactContactPerson => "担当", "contact";
    ImpactCallRole => "（{0}）", " ({0})";
    ImpactCallFor => "対象: {0}", "for: {0}";
    ImpactCallOwner => "院内の責任者: {0}", "owner: {0}";
    ImpactCallAbout => "（{0}）", " ({0})";
    ImpactCallAboutSeparator => "。", "; ";
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
    ImpactCutSegmentFromSegment => "{0} と {1} の間の通信を止める", "stop routing between {0} and {1}";
    ImpactCutCloudOnLine => "{0} への通信を {1} で遮断する", "block {0} on {1}";
    ImpactCutCloudFromSegment => "{1} から {0} への通信を遮断する", "block {0} from {1}";
    ImpactCutOutsideFromSegment => "{1} と {0} の通信を止める", "stop traffic between {1} and {0}";
    ImpactCutUndeclaredWayOut => "{0} の構成図に未記載の外部接続を探して抜く", "find and unplug the undeclared way out at {0}";
    ImpactCallSystem => "責任者 {0}、ベンダ {1}、担当 {2}、電話 {3}、メール {4}", "owner {0}, vendor {1}, contact {2}, phone {3}, email {4}";
    ImpactCallCircuitVendor => "{0} の事業者 {1}", "vendor {1} of {0}";
    ImpactCallContactPhone => "担当 {0}、電話 {1}", "contact {0}, phone {1}";
    ImpactPhone => "電話", "phone";
    ImpactEmail => "メール", "email";
    ImpactMoreRoutes => "…ほか {0} 経路（全経路は --all で表示できます）", "… {0} more routes (--all lists all)";
    ImpactOwnSegment => "自セグメント", "own segment";
    ImpactDirect => "直接", "direct";
    ImpactDirectFlat => "直接", "direct, flat assumption";
    ImpactHops => "{0}段先", "{0} hops";
    ImpactHopsFlat => "{0}段先", "{0} hops, flat assumption";
    ImpactSegmentUnregistered => "、台帳に未登録の機器 {0}", ", unregistered hosts {0}";
    ImpactMoreSegments => "…ほか {0} セグメント（全セグメントは --all で表示できます）", "… {0} more segments (--all lists all)";
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
    MsgDevicesMissingInBook => "資産台帳がありません。site.xlsx に「機器台帳」シートを作るか devices.csv を作り、1行目に「番号,名称,種別,MACアドレス,IPアドレス,セグメント,システム,部署,ベンダ,設置場所,備考」の列名を書いて、1行に1台ずつ記入してください（必須は 番号 の列だけです）", "missing: every site folder needs its asset ledger (id, name, kind, mac, ip, segment, …), as devices.csv or as a sheet 機器台帳 (devices) in site.xlsx";
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
    MsgUnknownKey => "キー「{0}」は使わないため無視します（使えるキー: name, updated, language, author, timezone）", "unknown key \"{0}\" ignored (keys: name, updated, language, author, timezone)";
    MsgNoName => "病院名がありません。name = \"○○病院\" の行を加えてください", "no hospital name: add a line like name = \"○○病院\"";
    MsgNotDate => "は日付ではありません（例: 2026-11-01、2026/11/01）", "not a date (YYYY-MM-DD or YYYY/MM/DD)";
    MsgNoUpdated => "更新日（updated）がないため、構成図に更新日が載りません（updated = \"YYYY-MM-DD\" を加えてください）", "no \"updated\" date: the diagram will show none (add updated = \"YYYY-MM-DD\")";
    MsgTimezone => "は時間帯として使えません（例: Asia/Tokyo、UTC、+09:00）", "unknown time zone (e.g. Asia/Tokyo, UTC, +09:00)";
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
    HelpChecklist => "マニュアルのチェックリスト（レベル0〜3）と点検項目を、記録とスキャン結果から提案します", "The manual's checklist (levels 0–3) and the inspection items, proposed from the records and scans";
    HelpImport => "ほかのツールの結果（nmap XML・arp-scan・DHCPリース・キャプチャ）をスキャン結果として取り込みます", "Turn what other tools saw (nmap XML, arp-scan, DHCP leases, captures) into snapshots";
    HelpImportFiles => "取り込むファイル（1ファイルが1つのスキャン結果になります）", "Files to import; each becomes one snapshot";
    HelpImportSite => "結果を SITE/scans/ に保存します（上書きしません）", "Save the snapshots into SITE/scans/ (never overwriting)";
    HelpImportOutput => "結果をこのファイルに保存します（上書きしません）。`-` で標準出力", "Save the snapshot to this file (never overwritten); `-` for stdout";
    HelpImportFormat => "ファイルの形式（既定: 内容から判定）", "Format of the files";
    HelpImportQuiet => "標準エラーに要約を表示しません", "No summary on stderr";
    HelpListen => "インターフェース（ミラーポート）で通信を聞くだけで機器を把握します（何も送信しません）", "Listen on an interface (a mirror port) without sending anything, and learn the hosts";
    HelpListenIface => "聞き取るインターフェース（プロミスキャスモードにします。何も送信しません）", "Interface to listen on (put in promiscuous mode; nothing is sent)";
    HelpListenDuration => "この時間で止めます（`30m`、`45s`、`2h`）。既定: Ctrl-C まで", "Stop after this long (`30m`, `45s`, `2h`); default: until Ctrl-C";
    HelpListenSite => "結果を SITE/scans/ に UTC の日時の名前で保存します", "Save the snapshot into SITE/scans/ under a UTC timestamp name";
    HelpListenWritePcap => "すべてのフレームをこの pcap ファイルにも書きます: 通信そのもの（ネットワークに流れていれば患者データも）を含みます", "Also write every frame to this pcap file: it holds the traffic itself, patient data included where the network carries it";
    HelpListenQuiet => "進捗を表示しません", "No progress output";
    HelpReport => "スタッフ向けの1つのHTMLファイル（オフラインで開けます）: 構成図・機器一覧・照合結果・変化・連絡先", "One self-contained HTML report for staff: diagram, devices, findings, changes, contacts";
    HelpReportOutput => "出力ファイル。既定: SITE/report.html", "Output file; default: SITE/report.html";
    HelpReportScans => "スキャン結果。既定: SITE/scans/ の範囲ごとの最新（変化にはその1つ前も）", "Snapshot(s); default: the latest per scope in SITE/scans/ (and the one before, for the changes)";
    HelpScanIdentify => "見つかった外部接続機器を識別します（TLS証明書・HTTP・SSHバナー・IKE Vendor ID）: `ways-out`（既定）または `none`", "Identification of the ways out found (TLS certificate, HTTP, SSH banner, IKE Vendor IDs): `ways-out` (default) or `none`";
    HelpAuditXlsx => "結果を Excel ブックにも書き出します（項目ごとに1シート）", "Also write the findings as an Excel workbook, a sheet per section";
    HelpAuditAdvisories => "項目6（外部接続機器の確認）に使う、新しい脆弱性情報の表（同梱の形式）", "A newer advisory table for section 6 (ways out to check), in the bundled format";
    HelpInit => "新しいサイトフォルダを作ります: site.toml と記入用の site.xlsx", "Start a new site folder: site.toml and a site.xlsx to fill in";
    HelpInitDir => "新しいサイトフォルダ（なければ作ります。サイトのファイルがすでにあるフォルダには書きません）", "The new site folder (made if missing; must hold no site files)";
    HelpInitLang => "ブックのシート名と列名の言語", "Language of the workbook's sheets and headers";
    HelpLedger => "台帳にスキャン結果を加えた Excel ブック（年次の台帳見直し用）", "The ledger with what the scans add, as a workbook for the yearly review";
    HelpLedgerXlsx => "書き出す Excel ブック", "The workbook to write";
    HelpPoll => "SNMP でスイッチのポート・VLAN・隣接機器・ARP表を読み取ります（読み取りのみ）", "Read switch ports, VLANs, neighbours and ARP tables over SNMP (read-only)";
    HelpPollSite => "サイトフォルダ（台帳に機器、SITE/snmp.toml に認証情報）", "Site folder (its ledger lists the devices; SITE/snmp.toml the credentials)";
    HelpPollDevices => "この機器だけを読み取ります（台帳の番号またはIP）。既定: IPのあるスイッチ・ルータ・ファイアウォールすべて", "Poll only these devices (ledger id or IP); default: every switch, router and firewall with an IP";
    HelpPollCredentials => "認証情報のファイル（パーミッション 0600）。既定: SITE/snmp.toml", "Credentials file (mode 0600); default: SITE/snmp.toml";
    HelpPollOutput => "結果を SITE/scans/ ではなくこのファイルに保存します（上書きしません）", "Save the snapshot to this file (never overwritten) instead of SITE/scans/";
    HelpPollRate => "機器1台あたりの要求数の上限（1秒あたり）", "Per-device request-rate cap, requests per second";
    HelpPollTimeout => "応答を待つ時間（ミリ秒）", "Wait this long for each answer, milliseconds";
    HelpPollRetries => "要求を再送する最大回数（10回まで）", "Resend a request at most this many times (at most 10)";
    HelpPollMaxRepetitions => "GETBULK の max-repetitions（1〜1000、1 回の要求で列ごとに求める行数）", "GETBULK max-repetitions (1 to 1000): rows per column asked in one request";
    HelpPollPort => "SNMPエージェントのUDPポート", "Agent UDP port";
    HelpPollQuiet => "進捗を表示しません（問題は表示します）", "No progress output (problems are still printed)";
    HelpIdentify => "外部接続機器を製品名・機種・ファームウェアで識別し、悪用が確認された脆弱性と照合します", "Identify every way out by make, model and firmware, against known-exploited advisories";
    HelpIdentifyDevices => "この外部接続機器だけ: 台帳の番号またはIP（複数指定可）。既定: すべて", "Only these ways out: ledger device id or IP (repeatable); default: all";
    HelpIdentifyNoProbe => "通信しません: スキャン結果にある情報だけで報告します", "Probe nothing: report from what the snapshots already hold";
    HelpIdentifySave => "最新のスキャン結果にこの識別結果を加えて、SITE/scans/ に新しく保存します", "Save a new snapshot in SITE/scans/: the latest one's hosts with these observations";
    HelpIdentifyAdvisories => "新しい脆弱性情報の表（同梱の形式）", "A newer advisory table in the bundled format";
    HelpIdentifyExcludes => "通信しない機器: CIDR または MAC（スキャン結果の除外設定は常に守ります）", "Devices never probed: CIDR or MAC (the snapshot's own exclusions always hold)";
    HelpIdentifyAllowPublic => "プライベートアドレス以外への通信を許可します", "Allow probing addresses outside private ranges";
    HelpChecklistScans => "使うスキャン結果のファイル（既定: サイトフォルダの scans/ にある範囲ごとの最新と、変化を見るためのその前の回）", "Snapshot(s); default: the latest per scope in SITE/scans/ (and the scan before the latest, for the changes since)";
    HelpChecklistFormat => "出力形式: text（人が読む形、既定）、json（ほかの道具向け）、csv（マニュアルの表の形の Excel 用、BOMつきUTF-8）", "Output format";
    HelpChecklistOutput => "出力ファイル（既定または -: 標準出力）", "Output file; default or `-`: stdout";
    HelpErrPrefix => "エラー", "error";
    HelpErrMissing => "必要な引数がありません: {0}", "missing: {0}";
    HelpErrUnknown => "知らないオプションです: {0}", "unknown argument: {0}";
    HelpErrSubcommand => "「{0}」というコマンドはありません", "no such command: {0}";
    HelpErrValue => "{0} の値「{1}」は使えません", "invalid value {1} for {0}";
    HelpErrNoCommand => "コマンドを指定してください（map、scan、audit、diff、impact など）", "give a command (map, scan, audit, diff, impact, …)";
    HelpErrOther => "コマンドラインの誤りです（{0}）", "bad command line ({0})";
    HelpErrValid => "（使える値: {0}）", " (possible values: {0})";
    HelpErrSuggested => "。{0} の誤りではありませんか", "; did you mean {0}?";
    HelpErrMore => "詳しくは --help を付けて実行してください。", "For more information, try '--help'.";
    // ---- end of help ----

    // ---- checklist ----
    ChkTitle => "サイバーセキュリティ対策チェックリスト（記録からの提案）", "Cybersecurity checklist (proposed from the records)";
    ChkSheet => "チェックリスト", "Checklist";
    MsgXlsxToTerminal => "--format xlsx は Excel ブックを書き出します。-o でファイル名を指定してください（例: koseizu checklist … --format xlsx -o checklist.xlsx）", "--format xlsx writes a workbook, not text: give -o FILE (e.g. koseizu checklist … --format xlsx -o checklist.xlsx)";
    ChkRecordsUpdated => "記録の更新日: {0}", "Records updated: {0}";
    ChkNoUpdatedDate => "記録の更新日: なし（site.toml に updated がありません）", "Records updated: not given (no updated in site.toml)";
    ChkScansUsed => "使用したスキャン", "Scans used";
    ChkNoScans => "スキャン: なし（記録だけから判定しました）", "Scans: none (judged from the records alone)";
    ChkCompared => "差分: {0} と {1} のスキャンを比較（変化 {2}件）", "Changes: the scans of {0} and {1} compared (changes: {2})";
    ChkPartial => "中断・部分的", "partial";
    ChkSummary => "概要", "Summary";
    ChkSummaryJudged => "判定した項目: {0} / 20（レベル0: {1}件、レベル1: {2}件、レベル2: {3}件、レベル3: {4}件）、記録からは判定できません: {5}件", "Items judged: {0} of 20 (level 0: {1}, level 1: {2}, level 2: {3}, level 3: {4}); not judged from the records: {5}";
    ChkSummaryInspection => "立入検査の項目: はい {0}件、いいえ {1}件、記録からは判定できません {2}件", "Inspection items: yes {0}, no {1}, not judged from the records {2}";
    ChkSummaryActions => "レベルを最も上げる対策", "What would raise the most levels";
    ChkSummaryNoActions => "記録で示せる範囲では、上げられるレベルはありません。", "Nothing the records can show would raise a level.";
    ChkActionGain => "{0}（{1}レベル上がる: {2}）", "{0} (raises {1} level(s): {2})";
    ChkItemRef => "No.{0}", "No.{0}";
    ChkManualHeading => "チェックリスト（マニュアル p.7–10）", "The checklist (manual pp.7–10)";
    ChkInspectionHeading => "立入検査の項目（厚生労働省「医療機関におけるサイバーセキュリティ対策チェックリスト」のうち台帳・連絡体制に関するもの）", "On-site inspection items (the ministry's checklist for medical institutions: the inventory and contact items)";
    ChkSection => "マニュアル", "Manual";
    ChkProposed => "提案レベル: {0} — {1}", "Proposed level: {0} — {1}";
    ChkProposedAnswer => "提案: {0}", "Proposed answer: {0}";
    ChkYes => "はい", "yes";
    ChkNo => "いいえ", "no";
    ChkNotJudged => "記録からは判定できません", "Not judged from the records";
    ChkQuestionLabel => "確認すること", "Question to answer";
    ChkEvidence => "根拠", "Evidence";
    ChkNotes => "参考", "For information";
    ChkToRaise => "レベル{0}にするには", "To reach level {0}";
    ChkToYes => "「はい」にするには", "To answer yes";
    ChkBeyondLabel => "レベル{0}は記録からは判定できません", "Level {0} cannot be judged from the records";
    ChkWaitsLabel => "判定に必要なもの", "Needed to judge it";
    ChkMore => "ほか{0}件", "{0} more";
    ChkListSep => "、", ", ";
    ChkActionSep => "／", "; ";
    ChkLevel => "レベル{0}", "level {0}";
    ChkColNo => "No", "No";
    ChkColItem => "チェック項目", "Item";
    ChkColResult => "結果", "Result";
    ChkColCriteria => "レベル判定（0～3）", "Level criteria (0–3)";
    ChkColEvidence => "根拠", "Evidence";
    ChkColSection => "マニュアル記載箇所", "Manual section";
    ChkMinistry => "厚生労働省 立入検査チェックリスト", "Ministry's on-site inspection checklist";
    ChkCrit0 => "対策／取組みができていない状態。", "Nothing in place.";
    ChkSec01 => "01.サイバーセキュリティに関する情報収集（p.13–15）", "01. Gathering cybersecurity information (pp.13–15)";
    ChkSec02 => "02.ネットワーク・システム構成の把握（p.16–18）", "02. Knowing the network and system layout (pp.16–18)";
    ChkSec03 => "03.インシデントの早期対応（p.19–22）", "03. Early incident response (pp.19–22)";
    ChkSec04 => "04.オフラインバックアップの実施（p.23–25）", "04. Offline backups (pp.23–25)";
    ChkSec05 => "05.医療情報システムへのアクセス管理（p.26–29）", "05. Access control to medical information systems (pp.26–29)";
    ChkSec06 => "06.保守作業等の医療情報システムへのアクセス管理（p.30–32）", "06. Access control for maintenance work (pp.30–32)";
    ChkSec07 => "07.アクセスログの取得と不審なログの確認（p.33–35）", "07. Access logs and suspicious entries (pp.33–35)";
    ChkSec08 => "08.ウイルス対策ソフトの管理（p.36–38）", "08. Managing anti-virus software (pp.36–38)";
    ChkSec09 => "09.OSのセキュリティ・パッチ適用（p.39–41）", "09. OS security patches (pp.39–41)";
    ChkSec10 => "10.情報機器・記録媒体の持ち込み管理（p.42–44）", "10. Devices and media brought in (pp.42–44)";
    ChkSec11 => "11.情報機器・記録媒体の持ち出し管理（p.45–47）", "11. Devices and media taken out (pp.45–47)";
    ChkSec12 => "12.インターネット・電子メールの取り扱いの注意（p.48–50）", "12. Care with the internet and e-mail (pp.48–50)";
    ChkCrit01a => "サイバーセキュリティにかかる情報を収集している。", "Cybersecurity information is gathered.";
    ChkCrit01b => "収集した情報を基にサイバーセキュリティ対策の実施について、医療情報システムベンダ等に相談し、対応している。", "Based on it, measures are discussed with the system vendors and carried out.";
    ChkCrit01c => "医療情報システムベンダ等とサイバーセキュリティ対策に関する契約を締結している。", "A cybersecurity contract with the system vendors is in place.";
    ChkCrit02a => "ネットワーク・システムの構成の概要がわかる。", "The outline of the network and systems is known.";
    ChkCrit02b => "ネットワーク・システムの詳細な構成図が作成されている。", "A detailed network and system diagram exists.";
    ChkCrit02c => "新規導入した回線や医療機器等も構成図に反映され、現状を把握できている。", "New lines and medical devices are on the diagram too: the current state is known.";
    ChkCrit03a => "責任者を決定して文書化している（【準備】p.20）。", "Owners are decided and written down (step 1, p.20).";
    ChkCrit03b => "対応方法を現場に周知している（【対策】p.20）。", "Staff have been told what to do (step 2, p.20).";
    ChkCrit03c => "定期的な訓練を実施している（【強化】p.20）。", "Regular exercises are held (step 3, p.20).";
    ChkCrit04a => "オフラインバックアップを計画している（【準備】p.24）。", "Offline backups are planned (step 1, p.24).";
    ChkCrit04b => "オフラインバックアップを実施している（【対策】p.24）。", "Offline backups are taken (step 2, p.24).";
    ChkCrit04c => "定期的にバックアップ状況を管理し、復元テストをしている（【強化】p.24）。", "Backups are checked regularly and restores tested (step 3, p.24).";
    ChkCrit05a => "医療情報システムのアクセス権限を分けている（【準備】p.27）。", "Access rights are separated (step 1, p.27).";
    ChkCrit05b => "アクセス権限を見直している（【対策】p.27）。", "Access rights are reviewed (step 2, p.27).";
    ChkCrit05c => "アクセス権限を統合管理して、定期的に棚卸している（【強化】p.27）。", "Access rights are managed centrally and audited regularly (step 3, p.27).";
    ChkCrit06a => "保守作業の内容を把握している（【調査】p.31）。", "The maintenance work is known (step 1, p.31).";
    ChkCrit06b => "リモートアクセスの接続申請を受けている（【対策】p.31）。", "Remote access is applied for beforehand (step 2, p.31).";
    ChkCrit06c => "許可なくリモートアクセスができない仕組みにしている（【強化】p.31）。", "Remote access is impossible without the hospital's permission (step 3, p.31).";
    ChkCrit07a => "アクセスログの取得状況を事業者に確認している（【調査】p.34）。", "What access logs are kept has been checked with the vendors (step 1, p.34).";
    ChkCrit07b => "必要なアクセスログの取得と時刻同期をしている（【対策】p.34）。", "The needed access logs are kept and clocks synchronised (step 2, p.34).";
    ChkCrit07c => "アクセスログを分析し、不審なアクセスを調査している（【強化】p.34）。", "Logs are analysed and suspicious access investigated (step 3, p.34).";
    ChkCrit08a => "ウイルス対策ソフトの導入状況を確認している（【調査】p.37）。", "Where anti-virus software runs is known (step 1, p.37).";
    ChkCrit08b => "パターンファイルの更新を確認している（【対策】p.37）。", "Pattern-file updates are checked (step 2, p.37).";
    ChkCrit08c => "パターンファイルの更新状況を一元管理している（【強化】p.37）。", "Pattern-file updates are managed centrally (step 3, p.37).";
    ChkCrit09a => "セキュリティ・パッチ適用の可否を確認している（【調査】p.40）。", "Whether patches may be applied has been checked (step 1, p.40).";
    ChkCrit09b => "セキュリティ・パッチ適用を計画し、適用している（【対策】p.40）。", "Patches are planned and applied (step 2, p.40).";
    ChkCrit09c => "セキュリティ・パッチの適用状況を一元管理している（【強化】p.40）。", "Patching is managed centrally (step 3, p.40).";
    ChkCrit10a => "私物の情報機器・外部媒体を院内ネットワークに接続しないよう注意喚起している（【準備】p.43）。", "Staff are told not to connect personal devices or media (step 1, p.43).";
    ChkCrit10b => "持ち込まれる情報機器・記録媒体をウイルスチェックしている（【対策】p.43）。", "Devices and media brought in are checked for viruses (step 2, p.43).";
    ChkCrit10c => "接続できる情報機器・記録媒体を技術的に制御している（【強化】p.43）。", "Which devices and media can connect is enforced technically (step 3, p.43).";
    ChkCrit11a => "情報機器・記録媒体等の外部利用を業務上必要な場合に限定している（【準備】p.46）。", "Taking devices and media out is limited to business need (step 1, p.46).";
    ChkCrit11b => "持ち出しの記録を作成している（【対策】p.46）。", "Every take-out is recorded (step 2, p.46).";
    ChkCrit11c => "暗号化機能を有効にした持ち出し専用の情報機器・記録媒体を準備している（【強化】p.46）。", "Dedicated encrypted devices and media are used for take-outs (step 3, p.46).";
    ChkCrit12a => "業務におけるインターネットの利用状況を把握している（【調査】p.49）。", "How the internet is used at work is known (step 1, p.49).";
    ChkCrit12b => "職員にインターネット・電子メールの取扱いに関する注意喚起をしている（【対策】p.49）。", "Staff are warned about the internet and e-mail (step 2, p.49).";
    ChkCrit12c => "インターネット・電子メールの取扱いを制限する仕組みを導入している（【強化】p.49）。", "Systems restrict the internet and e-mail use (step 3, p.49).";
    ChkT1 => "サイバーセキュリティ情報の収集", "Gathering cybersecurity information";
    ChkT2 => "全体構成図が最新か", "The diagram is current";
    ChkT3 => "システム責任者一覧が最新か", "The list of system owners is current";
    ChkT4 => "バックアップ（一部オフライン）", "Backups, some offline";
    ChkT5 => "契約終了者のアクセス権限の無効化", "Access removed when contracts end";
    ChkT6 => "異動時のアクセス権限の変更", "Access changed when duties change";
    ChkT7 => "アクセスログの取得と確認", "Access logs kept and checked";
    ChkT8 => "システムの時刻", "System clocks";
    ChkT9 => "パターンファイルの更新", "Anti-virus pattern files";
    ChkT10 => "OSのセキュリティ・パッチ", "OS security patches";
    ChkT11 => "脆弱性のあるネットワーク機器の更新", "Network devices with known flaws updated";
    ChkT12 => "記録媒体・受領情報の不正ソフトウェア確認", "Media and received data checked for malware";
    ChkT13 => "保守作業（リモート含む）の確認", "Maintenance work checked, remote included";
    ChkT14 => "持ち出す情報機器・記録媒体の管理", "Devices and media taken out";
    ChkT15 => "私物USBメモリ等の不使用", "No personal USB memory or other unauthorised media";
    ChkT16 => "業務外のウェブサイト閲覧", "Browsing unrelated websites";
    ChkT17 => "不審なメール・リンクへの注意", "Care with unknown attachments and links";
    ChkT18 => "重要情報のメール送信", "Sending important information by e-mail";
    ChkT19 => "不審なメールを開いた時の連絡", "Reporting a suspicious mail opened";
    ChkT20 => "異常時の院内の連絡先", "Whom to call inside the hospital";
    ChkQ1 => "サイバーセキュリティにかかる最新動向（インシデント情報やセキュリティ専門知識を持つ者等からの情報発信等）の収集を実施していますか。医療情報システムベンダ及びサービス事業者から技術的対策や医療情報システムのアップデート等の情報を収集していますか。", "Do you gather the latest cybersecurity news (incident reports, advice from security experts)? Do you get technical measures and system update information from the system vendors and service providers?";
    ChkQ2 => "医療情報システムに関する全体構成図（ネットワーク構成図・システム構成図等）は、最新の状態を維持していますか。新設したインターネット回線やVPN 機器等は記載されていますか。", "Is the overall diagram of the medical information systems (network and system diagrams) kept up to date? Are newly installed internet lines and VPN devices on it?";
    ChkQ3 => "医療情報システムに関するシステム責任者一覧（設置事業者等含む）は、最新の状態を維持していますか。", "Is the list of system owners of the medical information systems (installers and vendors included) kept up to date?";
    ChkQ4 => "バックアップは、正常に取得できていますか。バックアップの一部は、オフラインバックになっていますか。", "Are backups taken successfully? Is part of them kept offline?";
    ChkQ5 => "医療情報システムへのアクセスにおける利用者は、契約終了等に合わせて、アクセス権限を無効化していますか。", "Are users' access rights to the medical information systems disabled when their contracts end?";
    ChkQ6 => "医療情報システムへのアクセスにおける利用者は、人事異動等による利用者の担当業務の変更等に合わせて、アクセス権限の変更を行っていますか。", "Are users' access rights changed when their duties change (transfers and the like)?";
    ChkQ7 => "アクセスログは取得できていますか。大量のログイン失敗の形跡等の不審なログはありませんか。", "Are access logs kept? Are there suspicious entries such as many failed logins?";
    ChkQ8 => "医療情報システムの時刻は合っていますか。", "Are the medical information systems' clocks right?";
    ChkQ9 => "ウイルス対策ソフトのパターンファイルは更新されていますか。", "Are the anti-virus pattern files up to date?";
    ChkQ10 => "OSのセキュリティ・パッチを適用していますか。", "Are OS security patches applied?";
    ChkQ11 => "脆弱性が検出されたネットワーク機器（VPN機器等）は、ファームウェアを更新していますか。", "Is the firmware of network devices (VPN devices and the like) with known flaws updated?";
    ChkQ12 => "システム構築時、適切に管理されていない記録媒体の使用時、外部からの情報受領時には、不正ソフトウェアが混入していないか確認していますか。", "When building systems, using media not properly managed, or receiving data from outside, do you check it for malware?";
    ChkQ13 => "保守作業等の医療情報システムに直接アクセスする作業の際には、作業者、作業内容及び作業結果を確認していますか。リモートから保守作業を行われた場合も同様に確認できていますか。", "For maintenance and other work with direct access to the systems, do you check who worked, what was done and the result? Can you do the same for remote maintenance?";
    ChkQ14 => "外部に持ち出す情報機器（ノートパソコン、スマートフォン等）や記録媒体（USBメモリ等）の管理を実施していますか。", "Do you manage the devices (laptops, smartphones) and media (USB memory) taken outside?";
    ChkQ15 => "職員が個人のUSBメモリ等の許可していない外部媒体を使用していませんか。", "Do staff refrain from using personal USB memory and other unauthorised media?";
    ChkQ16 => "職員が業務に関係がないウェブサイトを閲覧していませんか。", "Do staff refrain from browsing websites unrelated to work?";
    ChkQ17 => "職員は、見知らぬ相手先等からの添付ファイル付きの電子メールやリンク先のクリックは注意していますか。（受信メールの信頼性を確認する、添付ファイルを開かない、安易にクリックしない等）", "Are staff careful with e-mail attachments and links from unknown senders (checking the mail, not opening attachments, not clicking lightly)?";
    ChkQ18 => "重要情報は電子メール本文に書くのではなく、添付ファイルに書いてパスワードなどで保護していますか。なおパスワードは別手段で知らせる、あるいは事前に取り決めておく等の手法とセットで行うこと。", "Is important information sent in a password-protected attachment rather than in the mail body, with the password given by other means or agreed beforehand?";
    ChkQ19 => "職員は、身に覚えのないメールや添付ファイルを開いてしまった場合は、すぐにシステム管理者へ連絡していますか。", "Do staff who opened an unexpected mail or attachment tell the system administrator at once?";
    ChkQ20 => "職員は、システムの異常があった場合、院内のどこに連絡し、相談すればいいのか知っていますか。", "Do staff know whom to call inside the hospital when a system misbehaves?";
    ChkTLedger => "台帳管理", "Ledger of devices";
    ChkTRemote => "リモートメンテナンス機器の有無", "Devices under remote maintenance";
    ChkTSource => "接続元制限", "Restricting where connections come from";
    ChkTChart => "連絡体制図", "Contact chart";
    ChkQLedger => "サーバ、端末PC、ネットワーク機器の台帳管理を行っていますか。", "Do you keep a ledger of servers, PCs and network devices?";
    ChkQRemote => "リモートメンテナンス（保守）を利用している機器の有無を事業者等に確認しましたか。", "Have you asked the vendors which devices are maintained remotely?";
    ChkQSource => "外部からの接続（リモート保守・VPN）について、接続元を制限していますか。", "Are the sources of connections from outside (remote maintenance, VPN) restricted?";
    ChkQChart => "インシデント発生時における組織内と外部関係機関（事業者、厚生労働省、警察等）への連絡体制図がありますか。", "Is there a chart of whom to contact inside and outside (vendors, the ministry, the police) in an incident?";
    ChkAsk1 => "毎月、厚生労働省・IPA・JPCERT/CC などの注意喚起を確認していますか。導入した事業者から製品の更新情報・脆弱性情報を受け取っていますか。", "Do you check the ministry's, IPA's and JPCERT/CC's alerts every month? Do the vendors send you product updates and vulnerability notices?";
    ChkAsk5 => "退職者・契約終了者のアカウント（保守用・テスト用を含む）は無効化されていますか。", "Are the accounts of people who left or whose contracts ended (maintenance and test accounts included) disabled?";
    ChkAsk6 => "異動・昇格した職員のアクセス権限は変更されていますか。アカウントの棚卸はいつ行いましたか。", "Were the access rights of transferred or promoted staff changed? When were the accounts last reviewed?";
    ChkAsk7 => "医療情報システムとVPN装置のアクセスログは取得・保管されていますか。大量のログイン失敗や時間外のアクセスを確認していますか。", "Are the access logs of the systems and the VPN devices kept? Does anyone look for many failed logins or access out of hours?";
    ChkAsk8 => "医療情報システムの時刻はNTPなどで標準時に同期されていますか。", "Are the systems' clocks synchronised to standard time (NTP or the like)?";
    ChkAsk9 => "全端末のパターンファイルは最新ですか。インターネットにつながらない端末はどう更新していますか。", "Are the pattern files on every PC current? How are PCs without internet access updated?";
    ChkAsk10 => "OSのセキュリティ・パッチは適用されていますか。サポートの切れたOSは残っていませんか。", "Are OS security patches applied? Are there PCs with an OS out of support?";
    ChkAsk11 => "外部接続機器（VPN装置等）の機種とファームウェアの版を確認し、公開された脆弱性に対応済みか導入事業者に確認してください。", "Check the model and firmware version of every external-facing device (VPN devices and the like) and ask the vendor whether the published vulnerabilities are fixed.";
    ChkAsk12 => "記録媒体（USBメモリ・CD等）の受け渡しはありますか。ある場合、取り込む前にウイルスチェックをしていますか。あれば flows.csv に記録してください。", "Are data handed over on media (USB memory, CDs)? If so, are they checked for viruses before use? Record them in flows.csv.";
    ChkAsk13 => "保守事業者によるリモート保守はありますか。ある場合、保守回線を maintenance.csv に記録し、作業報告書で作業者・内容・結果を確認してください。", "Is any system maintained remotely by a vendor? If so, record the circuits in maintenance.csv and check the work reports for who, what and the result.";
    ChkAsk14 => "持ち出す情報機器・記録媒体の持ち出し記録（日時・利用者・機器・用途・返却）はありますか。暗号化されていますか。", "Is every take-out of devices and media recorded (when, who, what, why, returned)? Are they encrypted?";
    ChkAsk15 => "私物のUSBメモリ・スマートフォン等を院内の機器やネットワークに接続していませんか。スキャンすれば、院内ネットワーク上の私物端末（ランダムMAC）を確認できます。", "Are personal USB memory or smartphones connected to the hospital's devices or network? A scan shows personal devices (randomised MACs) on the network.";
    ChkAsk16 => "医療情報システムの端末から業務に関係のないウェブサイトを閲覧できないようにしていますか。", "Are the systems' PCs kept from browsing websites unrelated to work?";
    ChkAsk17 => "不審なメールの添付ファイルやリンクを開かないよう、職員に注意喚起や訓練をしていますか。", "Are staff warned and trained not to open suspicious attachments and links?";
    ChkAsk18 => "重要情報をメールで送るとき、添付ファイルをパスワードで保護し、パスワードを別の手段で伝えていますか。", "When sending important information by mail, is the attachment password-protected and the password sent by other means?";
    ChkAsk19 => "不審なメールを開いてしまったとき、LANケーブルを抜いてすぐシステム管理者へ連絡することを職員は知っていますか。", "Do staff know to unplug the LAN cable and call the system administrator at once after opening a suspicious mail?";
    ChkAskRemote => "各システムの事業者に、リモートメンテナンスを行っている機器の有無を確認しましたか。ある場合は maintenance.csv に記録してください。", "Have you asked each system's vendor which devices they maintain remotely? Record them in maintenance.csv.";
    ChkAskSource => "VPN装置・保守回線で接続を受け付ける機器は、接続元（事業者のIPアドレス等）を制限していますか。装置の設定で確認してください。", "Do the VPN devices and maintenance gateways accept connections only from known sources (the vendors' addresses)? Check their settings.";
    ChkBeyond3 => "責任者と連絡先を現場に周知し、緊急時にすぐ参照できるようにしていますか（03【対策】p.20）。その上のレベル3は定期的な訓練です。", "Have staff been told the owners and contacts, and can they find them at once in an emergency (03, step 2, p.20)? Level 3 above it is regular exercises.";
    ChkBeyond4 => "バックアップの取得状況を定期的に確認し、オフライン媒体から復元できるかテストしていますか（04【強化】p.24）。", "Are backups checked regularly and restores from the offline media tested (04, step 3, p.24)?";
    ChkBeyond12 => "接続できる記録媒体を資産管理ソフト等で技術的に制限していますか（10【強化】p.43）。", "Is the use of media restricted technically, e.g. by asset-management software (10, step 3, p.43)?";
    ChkBeyond13 => "保守事業者のリモートアクセスは、病院側が許可したときだけ接続できる仕組み（その都度のアカウント有効化・回線接続）ですか。作業報告書で作業者・内容・結果を確認していますか（06【強化】p.31–32）。", "Can the vendors connect only when the hospital allows it each time (account enabled, line plugged in for the job)? Are the work reports checked for who, what and the result (06, step 3, pp.31–32)?";
    ChkBeyond15 => "MACアドレス認証（koseizu audit --allowlist で出力した一覧）をスイッチ・RADIUSに設定していますか。私物USBメモリの接続を資産管理ソフト等で制限していますか（10【強化】p.43）。", "Is MAC-address authentication (the list `koseizu audit --allowlist` writes) set on the switches or RADIUS? Is personal USB memory blocked by asset-management software (10, step 3, p.43)?";
    ChkBeyond20 => "院内の連絡先を「サイバーセキュリティ対策5ヶ条」（付録4）などで職員が見える場所に掲示し、周知していますか（03【対策】p.20）。", "Is the in-hospital contact posted where staff see it, e.g. with the five rules of appendix 4 (03, step 2, p.20)?";
    ChkWaits13 => "機器のメーカー・ファームウェアの識別（koseizu scan または koseizu identify）と脆弱性情報との照合", "identifying makes and firmware (koseizu scan or koseizu identify) and matching them against the advisories";
    ChkDoScan => "院内をスキャンする（koseizu scan --site）", "Scan the network (koseizu scan --site)";
    ChkDoScanSegments => "未スキャンのセグメントもスキャンする", "Scan the segments no scan has covered";
    ChkDoDeclareWaysOut => "構成図に未記載の外部接続を回線一覧（lines.csv）または保守回線一覧（maintenance.csv）に記載して構成図に反映するか、不要なら遮断する", "Declare the undeclared ways out in lines.csv / maintenance.csv, or cut them off";
    ChkDoResolveUnregistered => "台帳に未登録の機器を資産台帳（devices.csv）に登録するか、ネットワークから外す", "Register the unregistered devices in devices.csv, or take them off the network";
    ChkDoRemovePersonal => "私物端末（ランダムMAC）の持ち主を確認し、ネットワークから外す", "Find the owners of the personal devices (randomised MACs) and take them off the network";
    ChkDoUpdateRecords => "スキャンで見つかった変化を記録に反映し、site.toml の updated を更新する", "Bring the records up to date with the changes the scans found, and set updated in site.toml";
    ChkDoRecordDevices => "資産台帳（devices.csv）に機器を記録する", "Record the devices in the ledger (devices.csv)";
    ChkDoRecordSegments => "segments.csv にセグメントとサブネット（CIDR）を記録する", "Record the segments with their subnets (CIDR) in segments.csv";
    ChkDoRecordLines => "lines.csv に外部回線と終端機器を記録する", "Record the external lines and the devices that end them in lines.csv";
    ChkDoRecordOwners => "systems.csv に各システムと責任者を記録する", "Record every system and its owner in systems.csv";
    ChkDoRecordVendorContacts => "systems.csv に各システムのベンダ・担当者・電話番号を記録する", "Record every system's vendor, contact and phone in systems.csv";
    ChkDoRecordCircuitContacts => "maintenance.csv に各保守回線の担当者・電話番号を記録する", "Record every circuit's contact and phone in maintenance.csv";
    ChkDoRecordPublicContacts => "contacts.csv に付録3の外部連絡先（厚生労働省・IPA・個人情報保護委員会・県・警察）を記録する", "Record appendix 3's public contacts (ministry, IPA, PPC, prefecture, police) in contacts.csv";
    ChkDoRecordInternalContact => "contacts.csv に院内の連絡先（システム担当・電話番号）を記録する", "Record the in-hospital contact (IT staff, phone) in contacts.csv";
    ChkDoRecordBackups => "各システムのバックアップを取得し、flows.csv に記録する", "Back up every system and record it in flows.csv";
    ChkDoOfflineBackup => "バックアップの一部をオフライン（LTOテープ・交互に外すUSB-HDD等）にし、flows.csv に記録する", "Keep part of the backups offline (LTO tape, USB disks taken in turns) and record it in flows.csv";
    ChkDoCheckMedia => "受け取る記録媒体をウイルスチェックしてから取り込み、flows.csv の内容に記録する", "Check incoming media for viruses before use, and say so in flows.csv";
    ChkDoRecordCircuitHours => "maintenance.csv に各保守回線の接続方式と接続時間を記録する", "Record every circuit's method and hours in maintenance.csv";
    ChkDoLimitCircuitHours => "常時接続の保守回線を申請時のみ・時間限定にする", "Limit the always-on circuits to applications or set hours";
    ChkDoRecordCircuitDevices => "maintenance.csv に各保守回線の接続機器を記録する", "Record the device each circuit connects to in maintenance.csv";
    ChkDoRecordKinds => "devices.csv にサーバ・端末PC・ネットワーク機器を種別付きで記録する", "Record the servers, PCs and network devices with their kinds in devices.csv";
    ChkPublicMhlw => "厚生労働省", "the ministry (MHLW)";
    ChkPublicIpa => "IPA", "IPA";
    ChkPublicPpc => "個人情報保護委員会", "the Personal Information Protection Commission";
    ChkPublicPref => "都道府県", "the prefecture";
    ChkPublicPolice => "警察", "the police";
    ChkKindServers => "サーバ", "servers";
    ChkKindPcs => "端末PC", "PCs";
    ChkKindNetwork => "ネットワーク機器", "network devices";
    ChkFactLedger => "資産台帳に {0}台、セグメント {1}件", "Ledger: {0} device(s) in {1} segment(s)";
    ChkFactSegmentsCidr => "機器のある {0}件のセグメントすべてにサブネットが記録されている", "Every segment with devices ({0}) has a subnet recorded";
    ChkFactSegmentsNoCidr => "サブネットの記録がないセグメント {0}件: {1}", "Segments without a subnet ({0}): {1}";
    ChkFactNoLines => "外部回線（lines.csv）の記録がない", "No external line recorded (lines.csv)";
    ChkFactLinesNoDevice => "終端機器の記録がない回線 {0}件: {1}", "Lines without the device that ends them ({0}): {1}";
    ChkFactLines => "外部回線 {0}件（すべて終端機器あり）、保守回線 {1}件", "External lines: {0}, each with its device; maintenance circuits: {1}";
    ChkFactSystems => "医療情報システム {0}件、データの流れ {1}件", "Medical information systems: {0}; data flows: {1}";
    ChkFactScanned => "スキャン {0}件（最新 {1}）で記録と照合", "Scans compared with the records: {0} (latest {1})";
    ChkFactNoScan => "スキャンがない: 記録が現状と合っているか確かめられない", "No scan: nothing shows the records match the network";
    ChkFactAllSegmentsScanned => "機器のあるセグメントはすべてスキャン済み", "Every segment with devices has been scanned";
    ChkFactUnscannedSegments => "未スキャンのセグメント {0}件: {1}", "Segments never scanned ({0}): {1}";
    ChkFactWaysOutDeclared => "構成図に未記載の外部接続なし", "No undeclared way out";
    ChkFactUndeclaredWaysOut => "構成図に未記載の外部接続 {0}件: {1}", "Undeclared ways out ({0}): {1}";
    ChkFactNoUnregistered => "台帳に未登録の機器なし", "No unregistered device";
    ChkFactUnregistered => "台帳に未登録の機器 {0}台（うちランダムMAC {1}台）: {2}", "Unregistered devices ({0}, {1} with a randomised MAC): {2}";
    ChkFactNoUpdated => "site.toml に更新日（updated）がない: 記録がいつの状態か分からない", "site.toml gives no updated date: nobody can tell how current the records are";
    ChkFactUpdatedAfterScan => "記録の更新日 {0} は最新のスキャン以降", "The records (updated {0}) are newer than the latest scan";
    ChkFactNoChangesSince => "記録の更新日 {0} 以降のスキャン（{1} と {2} の比較）で変化なし", "No change between the scans of {1} and {2}, after the records' update ({0})";
    ChkFactChangesSince => "記録の更新日 {0} より後に、スキャン（{2} と {3} の比較）で {1}件の変化: 構成図に反映されていない", "Changes found by the scans ({2} against {3}) after the records' update ({0}): {1}, not on the diagram";
    ChkFactOlderNoDiff => "記録の更新日 {0} は最新のスキャン（{1}）より前だが、比べる前回のスキャンがない", "The records (updated {0}) predate the latest scan ({1}); there is no earlier scan to compare with";
    ChkNoteUnseen => "台帳にあるが検出されない機器 {0}台（撤去・電源断の可能性）: {1}", "Ledger devices not seen ({0}; removed or switched off?): {1}";
    ChkFactNoSystems => "医療情報システム（systems.csv）の記録がない", "No medical information system recorded (systems.csv)";
    ChkFactOwners => "全 {0}システムに責任者が記録されている", "Every system ({0}) has an owner recorded";
    ChkFactNoOwner => "責任者の記録がないシステム {0}件（全{1}件中）: {2}", "Systems without an owner: {0} of {1}: {2}";
    ChkFactVendorContacts => "全 {0}システムにベンダ・担当者・電話番号が記録されている", "Every system ({0}) has its vendor, contact and phone recorded";
    ChkFactNoVendorContact => "ベンダ・担当者・電話番号のいずれかがないシステム {0}件: {1}", "Systems missing vendor, contact or phone ({0}): {1}";
    ChkFactCircuitContacts => "全 {0}保守回線に担当者・電話番号が記録されている", "Every maintenance circuit ({0}) has a contact and phone";
    ChkFactNoCircuitContact => "担当者・電話番号のない保守回線 {0}件: {1}", "Circuits without a contact or phone ({0}): {1}";
    ChkFactPublicContacts => "外部連絡先 {0}件に付録3の公的機関（厚生労働省・IPA・個人情報保護委員会・県・警察）がそろっている", "The external contacts ({0}) include appendix 3's public bodies (ministry, IPA, PPC, prefecture, police)";
    ChkFactNoPublicContacts => "外部連絡先 {0}件に付録3の次の連絡先がない: {1}", "The external contacts ({0}) lack these of appendix 3: {1}";
    ChkFactNoBackups => "バックアップの記録（flows.csv・cloud.csv）がない", "No backup recorded (flows.csv, cloud.csv)";
    ChkFactBackups => "バックアップの流れ {0}件、バックアップのあるシステム {1}件: {2}", "Backup flows: {0}; systems backed up ({1}): {2}";
    ChkFactEverySystemBackedUp => "全 {0}システムにバックアップの記録がある", "Every system ({0}) has a backup recorded";
    ChkFactSystemsWithoutBackup => "バックアップの記録がないシステム {0}件（全{1}件中）: {2}", "Systems with no backup recorded: {0} of {1}: {2}";
    ChkFactNoOffline => "オフラインのバックアップ（媒体・テープ等）の記録がない", "No offline backup (media, tape) recorded";
    ChkFactOffline => "オフラインのバックアップ {0}件: {1}", "Offline backups ({0}): {1}";
    ChkFactWaysOut => "構成図に記載済みの外部接続機器 {0}台（まず確認する機器）: {1}", "Declared external-facing devices ({0}, to check first): {1}";
    ChkFactNoMediaIn => "記録媒体で受け取る流れの記録がない（データの流れ {0}件）", "No hand-off received on media recorded (data flows: {0})";
    ChkFactMediaIn => "記録媒体で受け取る流れ {0}件: {1}", "Hand-offs received on media ({0}): {1}";
    ChkFactMediaChecked => "すべての受け取りにウイルスチェックが記録されている", "Every one records a virus check";
    ChkFactMediaUnchecked => "ウイルスチェックの記録がない受け取り {0}件（全{1}件中）: {2}", "Media received without a virus check recorded: {0} of {1}: {2}";
    ChkNoteAllowlist => "MACアドレス認証の一覧（koseizu audit --allowlist）に載る機器 {0}台（ネットワーク接続の台帳機器 {1}台）", "MAC allowlist (koseizu audit --allowlist): {0} of {1} networked ledger devices";
    ChkFactNoPersonal => "ランダムMACの台帳に未登録の機器（私物スマートフォン・PCの可能性）なし", "No unregistered device with a randomised MAC (personal phone or laptop)";
    ChkFactPersonal => "ランダムMACの台帳に未登録の機器（私物スマートフォン・PCの可能性）{0}台: {1}", "Unregistered devices with a randomised MAC, personal phones or laptops? ({0}): {1}";
    ChkFactNoCircuits => "保守回線（maintenance.csv）の記録がない", "No maintenance circuit recorded (maintenance.csv)";
    ChkFactCircuitsDeclared => "全 {0}保守回線に接続方式と接続時間が記録されている", "Every circuit ({0}) has its method and hours recorded";
    ChkFactCircuitsUndeclared => "接続方式か接続時間の記録がない保守回線 {0}件: {1}", "Circuits without method or hours ({0}): {1}";
    ChkFactCircuitsLimited => "常時接続の保守回線なし: {0}", "No circuit is always on: {0}";
    ChkFactCircuitsAlways => "常時接続（または接続時間が空欄）の保守回線 {0}件: {1}", "Circuits always on or with empty hours ({0}): {1}";
    ChkNoteSessions => "保守回線一覧に記載した接続時間外のリモート保守通信は、通信の記録（koseizu listen、または koseizu import でキャプチャファイル）を取り込むと判定できます。", "Remote sessions outside the declared hours are checked once a capture is in the site (koseizu listen, or koseizu import of a capture file).";
    ChkFactMediaOut => "記録媒体で院外へ渡す流れ {0}件: {1}", "Hand-offs on media to outside parties ({0}): {1}";
    ChkFactNoContacts => "連絡先一覧（contacts.csv）がない", "No contact list (contacts.csv)";
    ChkFactNoInternalContact => "連絡先 {0}件に院内の連絡先（システム担当・電話番号）がない", "No in-hospital contact with a phone among the contacts ({0})";
    ChkFactInternalContact => "院内の連絡先: {0}", "In-hospital contact: {0}";
    ChkFactLedgerKinds => "台帳にサーバ {0}台、端末PC {1}台、ネットワーク機器 {2}台", "Ledger: servers {0}, PCs {1}, network devices {2}";
    ChkFactLedgerMissingKinds => "台帳にサーバ {0}台、端末PC {1}台、ネットワーク機器 {2}台: {3} の記録がない", "Ledger: servers {0}, PCs {1}, network devices {2}; none recorded: {3}";
    ChkNoteLedgerUnchecked => "スキャンがないため、台帳が実機とそろっているかは確認していません。", "Without a scan, the ledger has not been checked against the network.";
    ChkFactVendorsToAsk => "確認する事業者 {0}社: {1}", "Vendors to ask ({0}): {1}";
    ChkFactCircuitDevices => "全 {0}保守回線に接続機器が記録されている: {1}", "Every circuit ({0}) names its device: {1}";
    ChkFactCircuitNoDevice => "接続機器の記録がない保守回線 {0}件: {1}", "Circuits that name no device ({0}): {1}";
    ChkNoteRemoteUnchecked => "スキャンがないため、保守回線一覧にない保守回線がないかは確認していません。", "Without a scan, nothing shows there is no undeclared circuit.";
    ChkFactDeclaredRemote => "保守回線で接続を受け付ける機器 {0}台（接続元の制限を設定で確認）: {1}", "Devices accepting maintenance connections ({0}; check their source restrictions): {1}";
    ChkNoteRemoteControl => "保守回線一覧に記載された保守回線で説明できないリモート操作（RDP・VNC・SSH・Telnet）を受け付ける機器 {0}台（院内のどこからでも接続可能）: {1}", "Devices accepting remote control (RDP, VNC, SSH, Telnet) that no declared circuit explains, from anywhere inside ({0}): {1}";
    ChkFactNoOpenRemote => "スキャンでは、構成図に未記載の外部接続でリモート接続を受け付ける機器は見つかっていない", "The scans found no undeclared way out accepting remote access";
    ChkFactOpenRemote => "構成図に未記載の外部接続でリモート接続（VPN等）を受け付け、接続元を制限するものがない機器 {0}台: {1}", "Undeclared ways out accepting remote access (VPN and the like), nothing restricting them ({0}): {1}";
    ChkFactOwnersIncomplete => "システム {0}件: 責任者の記録がないものがある（または systems.csv がない）", "Systems ({0}): some without an owner, or no systems.csv";
    ChkFactNoCircuitsToCall => "保守回線の記録なし（連絡する保守事業者の回線がない）", "No maintenance circuit recorded (no circuit vendor to call)";
    ChkCritI3a => "責任者と連絡先（ベンダ・保守事業者・付録3の外部機関）を決めて文書化している（03【準備】p.20）。", "Owners and contacts (vendors, maintenance vendors, appendix 3's bodies) are decided and written down (03, step 1, p.20).";
    ChkCritI3b => "責任者と対応方法を現場に周知している（03【対策】p.20）。", "Staff have been told who is responsible and what to do (03, step 2, p.20).";
    ChkCritI3c => "定期的な訓練を実施している（03【強化】p.20）。", "Regular exercises are held (03, step 3, p.20).";
    ChkCritI4a => "影響の大きいシステムからバックアップを取得している（04【準備】p.24）。", "The systems that matter most are backed up (04, step 1, p.24).";
    ChkCritI4b => "全システムのバックアップを取得し、一部をオフラインにしている（04【対策】p.23–24）。", "Every system is backed up, part of it offline (04, step 2, pp.23–24).";
    ChkCritI4c => "定期的にバックアップ状況を確認し、復元テストをしている（04【強化】p.24）。", "Backups are checked regularly and restores tested (04, step 3, p.24).";
    ChkCritI12a => "記録媒体の受け取りを把握し、一部はウイルスチェックしてから取り込んでいる（10 p.43–44）。", "Media received are known and some are checked for viruses before use (10, pp.43–44).";
    ChkCritI12b => "受け取る記録媒体はすべてウイルスチェックしてから取り込んでいる（10【対策】p.43）。", "All media received are checked for viruses before use (10, step 2, p.43).";
    ChkCritI12c => "接続できる記録媒体を技術的に制御している（10【強化】p.43）。", "Which media can connect is enforced technically (10, step 3, p.43).";
    ChkCritI13a => "保守作業の内容（保守回線・接続方式・接続時間）を把握している（06【調査】p.31）。", "The maintenance work (circuits, methods, hours) is known (06, step 1, p.31).";
    ChkCritI13b => "リモートアクセスは申請時・決められた時間に限っている（06【対策】p.30–31）。", "Remote access is limited to applications or set hours (06, step 2, pp.30–31).";
    ChkCritI13c => "許可なくリモートアクセスができない仕組みにしている（06【強化】p.31）。", "Remote access is impossible without the hospital's permission (06, step 3, p.31).";
    ChkCritI15a => "私物の情報機器を院内ネットワークに接続していない（10【準備】p.43: 原則禁止）。", "No personal device is connected to the hospital network (10, step 1, p.43: forbidden in principle).";
    ChkCritI15b => "許可していない情報機器が院内ネットワークにない（10【対策】p.43）。", "No unauthorised device is on the hospital network (10, step 2, p.43).";
    ChkCritI15c => "接続できる情報機器・記録媒体を技術的に制御している（10【強化】p.43: MACアドレス認証等）。", "Which devices and media can connect is enforced technically (10, step 3, p.43: MAC authentication and the like).";
    ChkCritI20a => "院内の連絡先（システム担当）を決めて文書化している（03【準備】p.20）。", "The in-hospital contact (IT staff) is decided and written down (03, step 1, p.20).";
    ChkCritI20b => "院内の連絡先を職員に周知している（03【対策】p.20、付録4）。", "Staff have been told the in-hospital contact (03, step 2, p.20; appendix 4).";
    ChkCritI20c => "定期的な訓練を実施している（03【強化】p.20）。", "Regular exercises are held (03, step 3, p.20).";
    ChkActionAlso => "ほかに必要: {0}", "also needed for: {0}";
    ChkActionNeeded => "{0}（必要な項目: {1}）", "{0} (needed for: {1})";
    ChkBeyondYes => "「はい」かどうかは記録からは判定できません", "Whether the answer is yes cannot be judged from the records";
    ChkFactMediaNoneChecked => "記録媒体の受け取り {0}件のどれにもウイルスチェックの記録がない", "No media hand-off received ({0}) records a virus check";
    ChkFactMediaSomeChecked => "ウイルスチェックの記録がある受け取り {0}件（全{1}件中）: {2}", "Media received with a virus check recorded: {0} of {1}: {2}";
    ChkFactOnlyPartial => "完全なスキャンがない（中断・部分的なスキャンのみ: 不在の証明にならない）", "No complete scan (partial scans only: absence there proves nothing)";
    // ---- end of checklist ----
    // ---- excel ----
    ExcelColId => "資産番号", "id";
    ExcelColName => "機器名", "name";
    ExcelColKind => "種別", "kind";
    ExcelColMac => "MACアドレス", "mac";
    ExcelColIp => "IPアドレス", "ip";
    ExcelColSegment => "セグメント", "segment";
    ExcelColSystem => "システム", "system";
    ExcelColDepartment => "部署", "department";
    ExcelColVendor => "メーカー", "vendor";
    ExcelColLocation => "設置場所", "location";
    ExcelColNotes => "備考", "notes";
    ExcelColLastSeen => "最終検出 (UTC)", "Last seen (UTC)";
    ExcelColSeenIp => "検出IP", "Seen IP";
    ExcelColSeenMac => "検出MAC", "Seen MAC";
    ExcelColMacVendor => "MACの製造元", "MAC vendor";
    ExcelColHostName => "ホスト名", "Host name";
    ExcelColSwitchPort => "スイッチポート", "Switch port";
    ExcelColStatus => "状態", "Status";
    ExcelColEvidence => "根拠", "Evidence";
    ExcelColOpenPorts => "開いているポート", "Open ports";
    ExcelColDetail => "詳細", "Detail";
    ExcelColWhatToDo => "対処", "What to do";
    ExcelColConfidence => "確度", "Confidence";
    ExcelColItem => "項目", "Item";
    ExcelColValue => "内容", "Value";
    ExcelSheetLedger => "台帳の見直し", "ledger review";
    ExcelSheetSummary => "概要", "summary";
    ExcelSheetUndeclared => "1 構成図に未記載の外部接続", "1 undeclared ways out";
    ExcelSheetUnregistered => "2 台帳に未登録の機器", "2 unregistered";
    ExcelSheetUnseen => "3 未検出", "3 not seen";
    ExcelSheetMismatch => "4 不一致", "4 mismatches";
    ExcelSheetRemote => "5 リモート操作", "5 remote control";
    ExcelSheetInternal => "参考 内部ルータ", "info internal routers";
    ExcelSite => "施設", "Site";
    ExcelScan => "スキャン", "Scan";
    ExcelStatusSeen => "検出 (台帳どおり)", "seen, as recorded";
    ExcelStatusIpDiffers => "検出 (IPが台帳と異なる)", "seen at another IP";
    ExcelStatusNotSeen => "未検出", "not seen";
    ExcelStatusNotSeenPartial => "未検出 (中断されたスキャンのみ)", "not seen (partial scans only)";
    ExcelStatusNotScanned => "スキャン範囲外", "not in a scanned network";
    ExcelStatusNoAddress => "IP・MACの記載なし (照合不可)", "no IP or MAC recorded (cannot match)";
    ExcelStatusUnregistered => "未登録 (台帳にない)", "unregistered (not in the ledger)";
    ExcelUplinkOnly => "上位ポートでのみ検出", "seen on uplinks only";
    // ---- end of excel ----
    // ---- poll (SNMP placements in audit, diff, impact) ----
    PollPluggedIn => "接続先", "plugged in at";
    PollUplinkOnly => "(アップリンクでのみ観測: 接続ポート不明)", "(seen on uplinks only: port unknown)";
    PollMacMoved => "別のスイッチポートに移ったMAC", "MAC on another switch port";
    PollShutPort => "{0} の {1} を無効化", "shut {1} on {0}";
    PollColSwitchPort => "接続先（スイッチ・ポート・VLAN）", "Plugged in at (switch, port, VLAN)";
    PollSysDescr => "機種・ファームウェア (sysDescr)", "model and firmware (sysDescr)";
    PollNoSysDescr => "(sysDescr なし)", "(no sysDescr)";
    // ---- end of poll ----
    // ---- identify ----
    IdTitle => "外部接続機器の確認", "Ways out to check";
    IdTables => "シグネチャ {0} / 脆弱性情報 {1}（CISA KEV 掲載分）", "signatures {0} / advisories {1} (CISA KEV listed)";
    IdNone => "外部接続機器は見つかりませんでした", "no way out found";
    IdSeen => "機器から", "seen";
    IdLedger => "台帳", "ledger";
    IdUnknown => "不明", "unknown";
    IdNotProbed => "未確認（識別プローブ未実施）", "not probed";
    IdFirmware => "ファームウェア", "firmware";
    IdChecked => "確認日", "checked";
    IdFixed => "修正版 {0}", "fixed in {0}";
    IdKevAdded => "KEV掲載 {0}", "in KEV since {0}";
    IdFlagKnownExploited => "悪用が確認された脆弱性のあるファームウェア", "firmware with a known-exploited vulnerability";
    IdFlagVendorDevice => "保守業者回線の機器を識別できない", "device of a vendor's circuit not identified";
    IdFlagFirmwareUnknown => "ファームウェア不明", "firmware unknown";
    IdFlagLedgerDisagrees => "台帳と機器が一致しない", "ledger and device disagree";
    IdFlagCertExpired => "証明書の期限切れ", "certificate expired";
    IdFlagCertSelfSigned => "自己署名証明書", "self-signed certificate";
    IdFlagCheckOld => "ファームウェア確認から1年以上", "firmware last checked over a year ago";
    IdSheet => "6 外部接続機器の確認", "6 ways out to check";
    IdColPerimeterOf => "接続する回線", "Lines and circuits";
    IdColSeenMake => "機器から メーカー", "Seen make";
    IdColSeenProduct => "機器から 製品", "Seen product";
    IdColSeenFirmware => "機器から ファームウェア", "Seen firmware";
    IdColConfidence => "識別の確からしさ", "Confidence";
    IdColEvidence => "識別の根拠", "Identified by";
    IdColLedgerMake => "台帳 メーカー", "Ledger make";
    IdColLedgerProduct => "台帳 製品", "Ledger product";
    IdColLedgerFirmware => "台帳 ファームウェア", "Ledger firmware";
    IdColAdvisories => "該当する脆弱性（修正版、KEV掲載日）", "Advisories (fixed in, in KEV since)";
    IdColFlags => "確認事項", "To check";
    IdDiagramMark => "要確認: {0}", "check: {0}";
    IdChkKnownExploited => "悪用が確認された脆弱性に該当するファームウェアの外部接続機器 {0}台: {1}", "Ways out whose firmware has a known-exploited vulnerability ({0}): {1}";
    IdChkFirmwareUnknown => "ファームウェアの版が分からない外部接続機器 {0}台（台帳にも機器からも）: {1}", "Ways out whose firmware is unknown, in the ledger and on the wire ({0}): {1}";
    IdChkFirmwareClear => "ファームウェアの版が分かり、掲載の脆弱性に該当しない外部接続機器 {0}台: {1}", "Ways out whose firmware is known and in no listed advisory ({0}): {1}";
    IdChkTables => "照合した脆弱性情報 {0}（CISA KEV 掲載分）", "advisories matched: table of {0} (CISA KEV listed)";
    // ---- end of identify ----
    // ---- report (report::html) ----
    ReportTitle => "ネットワーク構成レポート", "Network report";
    ReportMade => "作成日", "Made";
    ReportSectionDiagram => "ネットワーク簡易構成図", "Network diagram";
    ReportSectionDevices => "機器一覧", "Devices";
    ReportSectionAudit => "監査の結果", "Audit findings";
    ReportSectionChanges => "前回のスキャンからの変化", "Changes since the previous scan";
    ReportSectionExternal => "外部接続", "External connections";
    ReportSectionContacts => "連絡先（別紙3）", "Contacts (appendix 3)";
    ReportClickHint => "機器・回線・保守事業者・クラウドをクリックすると、侵入経路と影響範囲を図に示し、連絡先を表示します（koseizu impact と同じ答え）。セグメントをクリックすると、その機器を一覧に表示します。", "Click a device, line, maintenance vendor or cloud service to show its intrusion routes and impact scope on the diagram and whom to call (the same answer as koseizu impact). Click a segment to list its devices.";
    ReportClear => "解除", "Clear";
    ReportSearch => "検索", "Search";
    ReportAll => "すべて", "All";
    ReportStatusRegistered => "登録済み", "Registered";
    ReportStatusUnregistered => "未登録", "Unregistered";
    ReportStatusUnseen => "未検出", "Not seen";
    ReportRowsShown => "{0} / {1} 件", "{0} of {1}";
    ReportShowMore => "さらに表示", "Show more";
    ReportOnDiagram => "図", "Map";
    ReportTrace => "追跡", "Trace";
    ReportTraceOf => "{0} が侵害された場合", "If {0} is compromised";
    ReportWhomToCall => "連絡先", "Whom to call";
    ReportNoCalls => "システム・保守事業者の連絡先なし（下の連絡先一覧を参照）", "No system or vendor to call (see the contact list below)";
    ReportPickOne => "どれを追跡しますか", "Which one to trace?";
    ReportShownInTable => "{0} 台を一覧に表示", "{0} devices listed in the table";
    ReportRoutesCount => "侵入経路 {0} 件 · 影響範囲の機器 {1} 台", "{0} intrusion routes · {1} devices in the impact scope";
    ReportImpactHint => "詳細: koseizu impact SITE --from {0}", "Details: koseizu impact SITE --from {0}";
    ReportNoMatch => "該当なし", "No match";
    ReportNoScans => "スキャンがありません（koseizu scan --site SITE で実施）。", "No scans (run koseizu scan --site SITE).";
    ReportNoPrevious => "同じ範囲の前回のスキャンがないため、比較できません。", "No previous scan of the same networks to compare with.";
    ReportColStatus => "状態", "Status";
    ReportColId => "番号", "ID";
    ReportColName => "名称", "Name";
    ReportColKind => "種別", "Kind";
    ReportColIp => "IPアドレス", "IP address";
    ReportColMac => "MACアドレス", "MAC address";
    ReportColVendor => "ベンダ", "Vendor";
    ReportColSegment => "セグメント", "Segment";
    ReportColSystem => "システム", "System";
    ReportColLocation => "設置場所", "Location";
    ReportColSwitchPort => "スイッチポート", "Switch port";
    ReportColFirstSeen => "初回検出", "First seen";
    ReportColLastSeen => "最終検出", "Last seen";
    ReportLines => "回線", "Lines";
    ReportCircuits => "保守回線", "Maintenance circuits";
    ReportClouds => "クラウドサービス", "Cloud services";
    ReportColCarrier => "回線事業者", "Carrier";
    ReportColDevice => "接続機器", "Device";
    ReportColPurpose => "用途", "Purpose";
    ReportColLine => "回線", "Line";
    ReportColMethod => "接続方式", "Method";
    ReportColHours => "接続時間", "Hours";
    ReportColContact => "担当者", "Contact";
    ReportColPhone => "電話番号", "Phone";
    ReportColProvider => "提供者", "Provider";
    ReportColData => "扱う情報", "Data";
    ReportColRole => "役割", "Role";
    ReportColEmail => "メールアドレス", "E-mail";
    ReportColUrl => "URL", "URL";
    ReportColNotes => "備考", "Notes";
    // ---- end of report ----
    // ---- import and listen ----
    EvidenceForwardsOutside => "{0} 個の外部アドレスからのパケットを LAN に中継していた（受動観測: {1}）", "forwarded packets from {0} outside addresses onto the LAN (seen passively: {1})";
    EvidenceIpv6DefaultRoute => "IPv6 のデフォルト経路を広告していた（受動観測、配布プレフィックス: {0}）", "announced an IPv6 default route (seen passively; prefixes: {0})";
    // ---- end of import and listen ----
    // ---- listen (capture) ----
    EvidenceSaysRouter => "{0} でルータ機能を名乗っていた（受動観測、自己申告のみ）", "announced the router capability in {0} (seen passively; its own claim only)";
    EvidenceSeenBy => "（出典: {0}）", " (seen by {0})";
    // ---- end of listen ----
    // ---- maintenance hours (audit) ----
    AuditOutsideHoursTitle => "保守回線の接続時間外のリモート接続", "Remote sessions outside a circuit's declared hours";
    AuditOutsideHoursHeading => "■ {0}: {1}件", "■ {0}: {1}";
    AuditClassOutsideHours => "接続時間外のリモート接続", "remote session outside hours";
    AuditOutsideHoursLine => "{0}  {1} {2}  相手 {3}  {4} 〜 {5}", "{0}  {1} {2}  peer {3}  {4} to {5}";
    AuditOutsideHoursCircuit => "保守回線 {0}（{1}）の接続時間: {2}", "circuit {0} ({1}), declared hours: {2}";
    AuditHoursOnRequest => "保守回線 {0}（接続時間「{1}」）: 申請時のみの回線のため時刻では判定できません。リモート接続 {2}件を作業申請と照合してください。", "circuit {0} (hours \"{1}\"): on request, times alone cannot tell; check its {2} sessions against the work requests.";
    AuditHoursUnread => "保守回線 {0}: 接続時間「{1}」を読み取れないため、リモート接続 {2}件を判定していません（読める書き方の例: 平日 9:00-17:00、常時、申請時のみ）。", "circuit {0}: hours \"{1}\" could not be read, so its {2} sessions were not checked (forms read: 平日 9:00-17:00, Mon-Fri 9:00-17:00, 常時, 申請時のみ).";
    AuditDoOutsideHours => "作業申請・作業報告と照合し、申請のない接続なら事業者に確認のうえ回線を止めてください（チェックリスト13）。", "Compare with the work requests and reports; if nobody asked for it, check with the vendor and close the circuit (checklist item 13).";
    AuditNotSeenInWindow => "うち {0}台はキャプチャ・リース等の観測期間内に見えなかった機器です。観測で見えなかったことは不在の証明にならないため、指摘にしていません。", "Note: {0} of them were not seen in the capture window (captures, leases, arp-scan listings): not seen there is not proof of absence, so not a finding.";
    ChkDoCheckOutsideHours => "接続時間外のリモート接続を作業申請と照合し、申請のないものは事業者に確認する", "Check the sessions outside the declared hours against the work requests, and ask the vendor about the rest";
    ChkFactOutsideHours => "キャプチャで、申告した接続時間外のリモート接続を {0}件確認（保守回線: {1}）", "The capture saw {0} remote sessions outside the declared hours (circuits: {1})";
    ChkFactInsideHours => "キャプチャで見えた保守回線のリモート接続は、すべて申告した接続時間内（または申請時のみの回線）でした", "Every remote session the capture saw on a circuit was within its declared hours (or on an on-request circuit)";
    // ---- end of maintenance hours (audit) ----
    // ---- issue 16 (Japanese first) ----
    ScanPhaseTargets => "台（機器の確認）", "targets";
    ScanPhasePorts => "件（ポートの確認）", "port probes";
    ScanBarMessage => "見つかった機器 {0}台、{1} パケット/秒", "{0} hosts, {1} pps";
    ScanPhaseDiscovery => "機器の確認", "discovery";
    ScanPhasePortsLine => "ポートの確認", "ports";
    ScanPhaseDone => "完了", "done";
    ScanProgressLine => "koseizu scan: {0}: {1}/{2} 件確認、見つかった機器 {3}台、{4} パケット/秒、送信 {5} パケット", "koseizu scan: {0}: {1}/{2} probed, {3} hosts, {4} pps, {5} packets";
    ScanStopping => "koseizu scan: 中止します。ここまでに見つかった分を書き出します（途中まで）", "koseizu scan: stopping; writing what was found (partial)";
    ScanIdentifying => "koseizu scan: 院外への経路 {0}件を識別しています", "koseizu scan: identifying {0} ways out";
    ScanSummary => "見つかった機器 {0}台、うち院外への経路がある機器 {1}台", "{0} hosts, {1} external-facing";
    ScanSummaryPartial => "（途中で中止したため一部のみ）", " (partial: stopped early)";
    ScanSummaryWritten => "。{0} に保存しました", "; written to {0}";
    ScanNote => "koseizu scan: 注意: {0}", "koseizu scan: note: {0}";
    ScanExists => "{0} はすでにあります。スキャン結果は上書きしません。別のファイル名を指定してください", "{0}: already exists; snapshots are never overwritten";
    ScanSiteNotDir => "--site {0} はフォルダではありません。サイトフォルダを指定してください", "--site {0}: not a directory";
    ScanRecordsUnreadable => "識別: サイトの台帳を読めなかったため（{0}）、院外との通信の証拠がある機器だけを識別しました", "identification: the site's records could not be read ({0}); only hosts with external-facing evidence were identified";
    ScanHostRateTooLow => "院外への経路を識別していません: --host-rate {0} が識別1回分のパケット数 {1} より小さいためです", "no identification of the ways out: --host-rate {0} is below the {1} packets of one identification step";
    ScanNoteSendError => "一部のフレームを送信できませんでした: {0}", "some frames could not be sent: {0}";
    ScanNoteRoutedExcludes => "ルータ越しの範囲: ARPが届かないため、MACアドレス・製造元による除外は効きません（IP・CIDRによる除外だけが効きます）", "routed scopes: MAC and vendor exclusions cannot be recognised there (no ARP); only IP/CIDR exclusions apply";
    ScanNoteNoGatewayMac => "ルータ越しの範囲: デフォルトゲートウェイのMACアドレスが分からないためICMPエコーを送っていません。ルータ越しの機器はTCP/UDPの確認だけで見つけています", "routed scopes: the default gateway's MAC is unknown, so no ICMP echo was sent; routed hosts were found by TCP/UDP probes only";
    ScanNoteGatewayExcluded => "ルータ越しの範囲: デフォルトゲートウェイが除外されており（--exclude）、ルータ越しの機器へのパケットはすべてそこを通るため、ルータ越しの機器は確認していません", "routed scopes: the default gateway is excluded (--exclude) and every packet to a routed target would pass through it, so routed targets were not probed";
    ScanErrPorts => "--ports「{0}」を読めません: {1}（例: 22,443,u500、1-1024、none）", "--ports \"{0}\": {1} (expected e.g. `22,443,u500`, `1-1024`, or `none`)";
    ScanErrExclude => "--exclude「{0}」はCIDR・IPアドレス・MACアドレス・製造元名のどれでもありません（例: 10.10.30.0/24、00:1A:2B:3C:4D:5E、Siemens）", "--exclude \"{0}\": not a CIDR, IP, MAC or vendor name";
    ScanErrScope => "--cidr {0}: {1}", "--cidr {0}: {1}";
    ScanErrNeverScanned => "ループバック・マルチキャスト・予約済みのアドレスか /8 より広い範囲のため、スキャンしません", "loopback, multicast, reserved or wider than /8: never scanned";
    ScanErrNotPrivate => "プライベートアドレスでもインタフェースのネットワークでもありません。確かな場合だけ --allow-public を付けてください", "outside the private ranges and the interface's own networks; pass --allow-public if you are sure";
    ScanErrOverlaps => "{0} と範囲が重なっています。各ネットワークは1回だけ指定してください", "overlaps {0}; give each network once";
    ScanErrTooMany => "対象が{0}台あり、上限の{1}台を超えています。--cidr の範囲を狭めるか、--max-targets {0} を付けてください", "{0} targets is more than {1}; narrow --cidr or pass --max-targets {0}";
    ScanErrRate => "{0} {1}: 1〜{2} パケット/秒で指定してください", "{0} {1}: must be 1 to {2} packets per second";
    ScanErrHostRate => "--host-rate {0}: {1}〜--rate の値（{2}）で指定してください（1台への最初のポート確認は最大5パケットです: ARP、SYN、ACK、サーバの最初の応答への返答、RST）", "--host-rate {0}: must be {1} to --rate ({2}); a first port probe to a host is up to 5 packets (kernel ARP, SYN, ACK, the answer to the server's first segment, RST)";
    ScanErrOutsideProbe => "--outside-probe {0}: {1}", "--outside-probe {0}: {1}";
    ScanErrProbeV4 => "IPv4アドレスで指定してください", "must be an IPv4 address";
    ScanErrProbeOutside => "LANとスキャン範囲の外のアドレス（院外のアドレス）を指定してください", "must be an address outside the LAN and the scopes";
    ScanErrInterface => "インタフェース {0}: {1}", "interface {0}: {1}";
    ScanErrNoIpv4 => "IPv4アドレスがありません。LANにつながったインタフェースを指定してください", "has no IPv4 address";
    ScanErrNoMac => "MACアドレスがありません（イーサネットではありません）。TCPの確認だけで調べるなら --unprivileged を付けてください", "has no MAC address (not Ethernet): use --unprivileged for TCP probes only";
    ScanErrIsDown => "リンクが切れています（ダウン）。ケーブルと設定を確かめてください", "is down";
    ScanErrNoSuchIface => "このインタフェースはありません（あるもの: {0}）", "no such interface (there are: {0})";
    ScanErrExcludeLayer2 => "--exclude「{0}」: MACアドレス・製造元はARPの応答でしか見分けられず、--unprivileged では見えません。IPアドレスかCIDRで除外してください", "--exclude \"{0}\": a MAC or vendor can only be recognised from its ARP reply, which --unprivileged cannot see; exclude it by IP or CIDR";
    ScanErrNothingToProbe => "--unprivileged ではTCP/UDPの確認でしか機器を見つけられず、--ports none では何も調べられません", "--unprivileged finds hosts only by TCP/UDP probes, and --ports none leaves none";
    MsgCannotRead => "{0} を読めません", "cannot read {0}";
    MsgCannotMake => "フォルダ {0} を作れません", "cannot make {0}";
    MsgInitIsFile => "{0} にサイトフォルダを作れません: ファイルです。新しいフォルダ名を指定してください", "cannot make a site folder at {0}: it is a file";
    MsgInitHoldsSite => "{0} にはすでにサイトがあります（{1}）。koseizu init は新しいフォルダか空のフォルダにだけ書き込み、何も上書きしません", "{0} already holds a site ({1}): koseizu init writes only into a new or empty folder, and overwrites nothing";
    MsgCannotImport => "{0} を取り込めません", "cannot import {0}";
    MsgImportManyFiles => "ファイルが{0}個あり、スキャン結果も{0}個になります。2個以上を取り込むときは --site サイトフォルダ を指定してください", "{0} files give {0} snapshots: use --site SITE to import more than one";
    ImportSummary => "koseizu import: {0}: {1}（{2}）、機器 {3}台{4}{5}", "koseizu import: {0}: {1} ({2}), {3} hosts{4}{5}";
    ImportPartial => "（一部のみ）", ", partial";
    ImportNote => "koseizu import: 注意: {0}", "koseizu import: note: {0}";
    ListenProgress => "koseizu listen: 受信 {0} パケット（{1} バイト）、機器 {2}台、取りこぼし {3} パケット", "koseizu listen: {0} packets, {1} bytes, {2} hosts, {3} drops";
    ListenTableFull => "koseizu listen: 警告: 機器の表がいっぱいです（{0}台）。これ以上の機器は数えるだけで記録しません（ランダムなアドレスが大量に流れていませんか）", "koseizu listen: warning: host table full ({0} hosts): further hosts are counted, not kept (a flood of random addresses?)";
    ListenStopping => "koseizu listen: 中止します。ここまでに見えた分を書き出します（途中まで）", "koseizu listen: stopping; writing what was seen (partial)";
    ListenSummary => "koseizu listen: 見つかった機器 {0}台{1}{2}", "koseizu listen: {0} hosts{1}{2}";
    ListenWritePcap => "--write-pcap {0}（既存のファイルは上書きしません）", "--write-pcap {0} (never overwritten)";
    ListenCapturing => "受信中の誤り", "capturing";
    ListenWritingPcap => "--write-pcap の書き込み", "writing --write-pcap";
    ImportOnlySeen => "{0} に載るのは見えた機器だけです。載っていない機器が無いとは限りません", "{0} only shows what it saw: a device absent from it is not proven absent";
    HelpImpactAll => "侵入経路・セグメント・システム・データの流れ・外部接続をすべて表示します（既定は先頭の数件と残りの件数）", "Text: every route, segment, system, data flow and way out, not only the first few";
    DiagramLegendUnregistered => "台帳に未登録の機器 {0}台", "Not in the ledger: {0}";
    DiagramLegendUndeclared => "構成図に未記載の外部接続 {0}台", "Undeclared external connection: {0}";
    DiagramLegendUnseen => "台帳にあるが今回未検出 {0}台", "In the ledger, not seen this time: {0}";
    DiagramImpactTitle => "影響範囲図（起点: {0}）", "Impact diagram (from {0})";
    DiagramAffectedCount => "影響 {0}台", "{0} affected";
    DiagramUnseenCount => "未検出 {0}台", "{0} not seen";
    DiagramScanned => "スキャン日", "Scanned";
    DiagramAuthor => "作成者", "By";
    ImpactAskBlockAt => "。抜けない場合は {0} での遮断を {1} に依頼", "; if it cannot be unplugged, ask {1} to block it at {0}";
    ImpactAskStopCircuit => "。{0} に保守回線の停止を連絡", "; tell {0} to stop the circuit";
    ImpactAskDisableAccount => "。VPNアカウントの無効化を {0} に依頼", "; ask {0} to disable its VPN account";
    ImpactAskRouting => "。ルータ・L3スイッチでの遮断を {0} に依頼", "; ask {0} to block it on the routers / L3 switches";
    ImpactAskRoutingSomeone => "（ルータ・L3スイッチの設定を担当事業者に依頼）", "; ask whoever maintains the routers / L3 switches";
    ImpactAskChange => "。設定の変更を {0} に依頼", "; ask {0} to make the change";
    DiagramWithin => "（{0}内）", "(in {0})";
    FromKindDevice => "機器", "device";
    FromKindSystem => "システム", "system";
    FromKindLine => "回線", "line";
    FromKindCircuit => "保守回線", "circuit";
    FromKindCloud => "クラウド", "cloud";
    FromKindUnregistered => "台帳に未登録の機器", "unregistered host";
    FromKindSegment => "セグメント", "segment";
    FromInSegment => "（セグメント {0}）", " in {0}";
    // ---- end of issue 16 ----
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
