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
    DiagramCount => "{0}台", "{0}";
    DiagramTotals => "機器 {0}台 · セグメント {1} · 回線 {2} · 保守回線 {3} · クラウド {4}", "{0} devices · {1} segments · {2} lines · {3} circuits · {4} cloud services";
    DiagramFlowsMore => "… 他 {0} 件（全件は --format json / dot）", "… {0} more (all in --format json / dot)";
    // ---- end of the diagram ----

    // ---- audit (report::audit) ----
    AuditTitle => "監査", "Audit";
    AuditConfirmed => "確実", "confirmed";
    AuditLikely => "可能性高", "likely";
    AuditPossible => "可能性あり", "possible";
    AuditMacUnknown => "MAC不明", "MAC unknown";
    AuditHostNamePrefix => "ホスト名 ", "host name ";
    AuditSegmentPrefix => "セグメント ", "segment ";
    AuditNoRecordedSegment => "(どのセグメントにも属さない)", "(in no recorded segment)";
    AuditDoUndeclared => "回線（lines.csv）または保守回線（maintenance.csv）として申告し構成図に載せるか、不要な経路なら直ちに遮断してください。", "Declare it as a line (lines.csv) or maintenance circuit (maintenance.csv) so it is on the diagram, or cut it off if nobody needs it.";
    AuditDoUnregistered => "持ち込み機器か確認し、正規の機器なら devices.csv に登録、そうでなければネットワークから外してください。", "Find out whose device it is: register it in devices.csv if it belongs, otherwise take it off the network.";
    AuditDoUnseen => "電源断・撤去・台帳の誤りのいずれかを確認し、台帳（devices.csv）を実態に合わせてください。", "Check whether it is switched off, removed, or wrongly recorded, and bring devices.csv up to date.";
    AuditDoMismatch => "台帳のIP・セグメントを実態に合わせて直すか機器の設定を確認してください。IPの重複はなりすましの可能性があります。", "Correct the ledger's IP or segment, or the device's settings. Several MACs on one IP can mean spoofing.";
    AuditNetworkAudit => "ネットワーク監査", "Network audit";
    AuditScansUsed => "使用したスキャン", "Scans used";
    AuditHostsFound => "検出ホスト", "hosts found";
    AuditPartialScan => "中断・部分的なスキャン: 不在の判定には使いません", "partial scan: absence proves nothing, not used for 'not seen'";
    AuditLimitation => "制約", "limitation";
    AuditUndeclaredWaysOut => "未申告の外部接続", "Undeclared ways out";
    AuditVirtualRouterAddress => "仮想ルータアドレス", "virtual router address";
    AuditLedgerAtThisIp => "台帳でこのIP:", "ledger at this IP:";
    AuditUnregisteredDevice => "未登録機器", "unregistered device";
    AuditEvidence => "根拠", "evidence";
    AuditRandomisedMacLong => "ランダムMAC（私物スマートフォン・PCのプライベートアドレスの可能性）", "randomised MAC (likely a personal phone or laptop's private address)";
    AuditIpRecordedForAnotherMac => "このIPは台帳では別のMACの機器:", "the ledger records this IP for another MAC:";
    AuditShowsExternalFacingEvidence => "外部接続の根拠あり（1.を参照）", "shows external-facing evidence (see 1.)";
    AuditOpenPorts => "開いているポート", "open ports";
    AuditLedgerButNotSeen => "台帳にあるが検出されない機器", "In the ledger but not seen";
    AuditSegment => "セグメント", "segment";
    AuditPerimeterDeviceLineCircuit => "境界機器 — 回線・保守回線", "perimeter device of line/circuit";
    AuditMismatches => "不一致", "Mismatches";
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
    AuditNoRecordedSegmentShort => "(どのセグメントにも属さない)", "(no recorded segment)";
    AuditAnsweredBySeveralMacs => "に複数のMACが応答", "answered by several MACs";
    AuditUndeclaredWayOut => "未申告の外部接続", "undeclared way out";
    AuditLedgerNotSeen => "台帳にあるが検出されない機器", "in ledger, not seen";
    AuditMismatch => "不一致", "mismatch";
    AuditRandomisedMacShort => "ランダムMAC（私物端末の可能性）", "randomised MAC (personal device?)";
    AuditLedgerDeviceAtThisIp => "台帳でこのIPの機器:", "ledger device at this IP:";
    AuditExternalFacingEvidence => "外部接続の根拠あり", "external-facing evidence";
    AuditPerimeterDevice => "境界機器 — 回線・保守回線", "perimeter device of";
    AuditInformationPrefix => "参考:", "for information:";
    AuditCoverage => "台帳 {0}台 / 検出 {1}台 / スキャン対象外で未確認 {2}台 / MACもIPもなく照合不能 {3}台", "Ledger {0} devices / seen {1} / not covered by a complete scan {2} / no MAC or IP, cannot be matched {3}";
    AuditUnregisteredTitle => "未登録機器（うちランダムMAC {0}件）", "Unregistered devices ({0} with a randomised MAC)";
    AuditUnscannedSegments => "（未スキャンのセグメント: {0}）", " (segments not scanned: {0})";
    AuditNotCovered => "※ スキャン対象外のため未確認（報告しません）: {0}台{1}", "Note: {0} devices not covered by a complete scan are not reported{1}";
    AuditPartialOnly => "※ うち {0}台は中断したスキャンの範囲のみ: 不在の証明にならないため報告しません。", "Note: {0} of them were covered only by partial scans; absence there proves nothing.";
    AuditScannerIsDevice => "スキャンした端末は台帳の {0}: スキャン結果には自分自身が載らないため、検出扱いにしました。", "The scanning machine is ledger device {0}: a scan never lists itself, so it counts as seen.";
    AuditL3Switch => "L3スイッチ", "L3 switch";
    AuditInternalVirtualRouter => "{0}仮想ルータアドレス・院内", "{0} virtual router address, internal";
    AuditRoutesCheckDefault => "ルーティングしている（{0}）— 既定ルートの行き先を確認してください", "routes ({0}) — check where its default route leads";
    AuditReachedByCircuit => "{0}: 保守回線 {1} の接続経路（申告済み）", "{0}: reached by circuit {1} (declared)";
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
    AuditNoCircuitExplains => "{0}: 申告された保守回線の接続経路ではありません", "{0}: no declared maintenance circuit reaches it this way";
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
    ImpactLine => "回線", "line";
    ImpactMaintenanceCircuit => "保守回線", "maintenance circuit";
    ImpactCloud => "クラウド", "cloud";
    ImpactMediaHandOff => "媒体持ち込み", "media hand-off";
    ImpactOutsideNetworkFlow => "外部からの通信", "outside network flow";
    ImpactUnregisteredHostFacingOutside => "未登録機器の外部接続", "unregistered host facing outside";
    ImpactUsbMedia => "USB/媒体", "USB/media";
    ImpactXItselfWay => " (対象自体が外部との出入口)", " (X is itself a way in)";
    ImpactCompromised => "対象", "Compromised";
    ImpactIntrusionRoutesDirectFirst => "侵入経路 (直接の経路から、短い順)", "Intrusion routes (direct first, shortest first)";
    ImpactNoRouteFromOutside => "外部からの経路は見つかりません (記録上、外部と接続していません)", "no route from outside found (the records connect it to nothing outside)";
    ImpactRoutesFlatNote => "※ 接続先セグメントが未記入のセグメントは全セグメントから到達可能と仮定 (悲観的なフラットネットワーク仮定)", "Note: segments with empty `connects` are assumed reachable from all (pessimistic flat-network assumption)";
    ImpactScope => "影響範囲", "Impact scope";
    ImpactScopeFlatNote => "※ 悲観的なフラットネットワーク仮定: 接続先セグメントが未記入のセグメントは全セグメントと相互に到達可能とみなしています", "Note: pessimistic flat-network assumption: segments with empty `connects` are taken as reachable to and from all";
    ImpactSystems => "システム", "Systems";
    ImpactNetwork => "ネットワーク", "network";
    ImpactLeavesHospital => " [院外へ]", " [leaves the hospital]";
    ImpactClouds => "クラウド", "Clouds";
    ImpactUndeclaredWayOutAt => "未申告の外部接続 ", "undeclared way out at ";
    ImpactUnregisteredHostFacingOutsideAt => "未登録機器の外部接続 ", "unregistered host facing outside ";
    ImpactWaysOutSpreadLeak => "外部接続 (拡散・漏えいに使われうる)", "Ways out (to spread or leak)";
    ImpactContainmentCutTheseLinks => "封じ込め (この箇所を切断)", "Containment (cut these links)";
    ImpactNoNetworkLinkCut => "切断すべきネットワーク接続はありません (記録上、他のセグメントにも外部にもつながっていません)", "no network link to cut (the records connect it to no other segment and nothing outside)";
    ImpactContainmentFlatNote => "※ 接続先セグメント未記入のため、全セグメントが基幹でつながっていると仮定しています", "Note: segments with empty `connects` are assumed to hang off one core (flat network)";
    ImpactWhomCallThisOrder => "連絡先 (この順に)", "Whom to call (in this order)";
    ImpactNoContactsRecordedSystems => "登録された連絡先がありません (systems.csv / maintenance.csv / contacts.csv)", "no contacts recorded (systems.csv / maintenance.csv / contacts.csv)";
    ImpactMore => "…ほか {0}件 (全{1}件は --format json で)", "… {0} more (all {1}: --format json)";
    ImpactInAll => "{0}件: ", "{0} in all: ";
    ImpactCircuitDetail => " 〔事業者 {0}, 方式 {1}, 接続時間 {2}〕", " [vendor {0}, method {1}, hours {2}]";
    ImpactListSeparator => "、", ", ";
    ImpactRequiresBreaking => " ※先に {0} の突破が必要", " (requires breaking {0} first)";
    ImpactCutLineFromDevice => "{0} を {1} から抜く", "unplug {0} from {1}";
    ImpactCutLineIdNote => " (回線{0}の切断)", " (cutting line {0})";
    ImpactCutCircuitAtDevice => "{0} (事業者 {1}) を {2} で止める (事業者回線を抜く)", "stop {0} (vendor {1}) at {2}: unplug the vendor's line";
    ImpactCutCircuitOnLine => "{0} (事業者 {1}) を {2} 上で止める (VPNアカウント無効化)", "stop {0} (vendor {1}) on {2}: disable its VPN account";
    ImpactCutDeviceFromSegment => "{0} を {1} から外す (スイッチのポートを抜く)", "unplug {0} from {1} (its switch port)";
    ImpactIts => "その", "its";
    ImpactCutSegmentFromCore => "{0}セグメントを基幹から切り離す ({1} のアップリンクを抜く)", "cut segment {0} from the core (unplug {1} uplink)";
    ImpactCutSegmentFromSegment => "{0} と {1} の間のルーティングを止める", "stop routing between {0} and {1}";
    ImpactCutCloudOnLine => "{0} への通信を {1} で遮断する", "block {0} on {1}";
    ImpactCutCloudFromSegment => "{1} から {0} への通信を遮断する", "block {0} from {1}";
    ImpactCutOutsideFromSegment => "{1} と {0} の通信を止める", "stop traffic between {1} and {0}";
    ImpactCutUndeclaredWayOut => "{0} の未申告の外部接続を探して抜く", "find and unplug the undeclared way out at {0}";
    ImpactCallSystem => "責任者 {0}, ベンダ {1}, 担当 {2}, 電話 {3}, メール {4}", "owner {0}, vendor {1}, contact {2}, phone {3}, email {4}";
    ImpactCallCircuitVendor => "{0} の事業者 {1}", "vendor {1} of {0}";
    ImpactCallContactPhone => "担当 {0}, 電話 {1}", "contact {0}, phone {1}";
    ImpactPhone => "電話", "phone";
    ImpactEmail => "メール", "email";
    ImpactMoreRoutes => "…ほか {0} 経路 (--format json で全経路)", "… {0} more routes (--format json lists all)";
    ImpactOwnSegment => "自セグメント", "own segment";
    ImpactDirect => "直接", "direct";
    ImpactDirectFlat => "直接・フラット仮定", "direct, flat assumption";
    ImpactHops => "{0}段先", "{0} hops";
    ImpactHopsFlat => "{0}段先・フラット仮定", "{0} hops, flat assumption";
    ImpactSegmentUnregistered => ", 未登録機器 {0}", ", unregistered hosts {0}";
    ImpactMoreSegments => "…ほか {0} セグメント", "… {0} more segments";
    ImpactDevicesTotal => "機器: 合計 {0} 台 ({1})", "Devices: {0} in all ({1})";
    ImpactFlowsTotal => "データの流れ: {0}件 (院外へ {1}件, USB/媒体 {2}件)", "Data flows: {0} ({1} leave the hospital, {2} by USB/media)";
    ImpactIsolateFirst => "まず {0} をネットワークから外す (LANケーブルを抜く・無線を切る。電源は切らない)", "First take {0} off the network (unplug its LAN cable, turn off Wi-Fi; leave it powered on)";
    ImpactAlsoStopMedia => "媒体 (USB等) の受け渡しも止める: {0}", "Also stop USB/media hand-offs with: {0}";
    ImpactNodeLine => "回線({0})", "line ({0})";
    ImpactNodeSegment => "セグメント", "segment";
    ImpactNodeSystem => "システム", "system";
    ImpactNodeVendor => "保守事業者", "vendor";
    ImpactNodeOutsideParty => "外部", "outside party";
    ImpactNodeUnregistered => "未登録機器", "unregistered host";
    // ---- end of impact ----

    // ---- evidence of a way out (shared by audit, diff, impact, scan) ----
    EvidenceTitle => "外部接続の根拠", "Evidence of a way out";
    EvidenceRoutedGatewayProbe => "外部宛ての試験パケットを中継した", "routed the gateway probe";
    EvidenceDefaultGateway => "スキャン端末の既定ゲートウェイ", "the scanner's default gateway";
    EvidenceRemoteAccessService => "リモート接続系サービス", "remote-access service";
    EvidenceRouterMakerMac => "ルータ/VPN製造元のMAC:", "MAC of a router/VPN maker:";
    // ---- end of evidence ----

    // ---- scan and the command line ----
    ScanTitle => "スキャン", "Scan";
    // ---- end of scan ----

    // ---- checklist ----
    ChkTitle => "サイバーセキュリティ対策チェックリスト（記録からの提案）", "Cybersecurity checklist (proposed from the records)";
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
    ChkWaits13 => "機器のメーカー・ファームウェアと脆弱性情報の照合（issue 13: 機器の識別）", "matching makes and firmware against advisories (issue 13: identification)";
    ChkDoScan => "院内をスキャンする（koseizu scan --site）", "Scan the network (koseizu scan --site)";
    ChkDoScanSegments => "未スキャンのセグメントもスキャンする", "Scan the segments no scan has covered";
    ChkDoDeclareWaysOut => "未申告の外部接続を lines.csv / maintenance.csv に申告するか、不要なら遮断する", "Declare the undeclared ways out in lines.csv / maintenance.csv, or cut them off";
    ChkDoResolveUnregistered => "未登録機器を devices.csv に登録するか、ネットワークから外す", "Register the unregistered devices in devices.csv, or take them off the network";
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
    ChkFactWaysOutDeclared => "未申告の外部接続なし", "No undeclared way out";
    ChkFactUndeclaredWaysOut => "未申告の外部接続 {0}件: {1}", "Undeclared ways out ({0}): {1}";
    ChkFactNoUnregistered => "未登録機器なし", "No unregistered device";
    ChkFactUnregistered => "未登録機器 {0}台（うちランダムMAC {1}台）: {2}", "Unregistered devices ({0}, {1} with a randomised MAC): {2}";
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
    ChkFactWaysOut => "申告済みの外部接続機器 {0}台（まず確認する機器）: {1}", "Declared external-facing devices ({0}, to check first): {1}";
    ChkFactNoMediaIn => "記録媒体で受け取る流れの記録がない（データの流れ {0}件）", "No hand-off received on media recorded (data flows: {0})";
    ChkFactMediaIn => "記録媒体で受け取る流れ {0}件: {1}", "Hand-offs received on media ({0}): {1}";
    ChkFactMediaChecked => "すべての受け取りにウイルスチェックが記録されている", "Every one records a virus check";
    ChkFactMediaUnchecked => "ウイルスチェックの記録がない受け取り {0}件（全{1}件中）: {2}", "Media received without a virus check recorded: {0} of {1}: {2}";
    ChkNoteAllowlist => "MACアドレス認証の一覧（koseizu audit --allowlist）に載る機器 {0}台（ネットワーク接続の台帳機器 {1}台）", "MAC allowlist (koseizu audit --allowlist): {0} of {1} networked ledger devices";
    ChkFactNoPersonal => "ランダムMACの未登録機器（私物スマートフォン・PCの可能性）なし", "No unregistered device with a randomised MAC (personal phone or laptop)";
    ChkFactPersonal => "ランダムMACの未登録機器（私物スマートフォン・PCの可能性）{0}台: {1}", "Unregistered devices with a randomised MAC, personal phones or laptops? ({0}): {1}";
    ChkFactNoCircuits => "保守回線（maintenance.csv）の記録がない", "No maintenance circuit recorded (maintenance.csv)";
    ChkFactCircuitsDeclared => "全 {0}保守回線に接続方式と接続時間が記録されている", "Every circuit ({0}) has its method and hours recorded";
    ChkFactCircuitsUndeclared => "接続方式か接続時間の記録がない保守回線 {0}件: {1}", "Circuits without method or hours ({0}): {1}";
    ChkFactCircuitsLimited => "常時接続の保守回線なし: {0}", "No circuit is always on: {0}";
    ChkFactCircuitsAlways => "常時接続（または接続時間が空欄）の保守回線 {0}件: {1}", "Circuits always on or with empty hours ({0}): {1}";
    ChkNoteSessions => "申告した接続時間外のリモート保守通信の検出は、通信の記録（issue 9: パッシブ観測）が入ってから判定します。", "Remote sessions outside the declared hours will be checked once captures exist (issue 9: passive observation).";
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
    ChkNoteRemoteUnchecked => "スキャンがないため、申告のない保守回線がないかは確認していません。", "Without a scan, nothing shows there is no undeclared circuit.";
    ChkFactDeclaredRemote => "保守回線で接続を受け付ける機器 {0}台（接続元の制限を設定で確認）: {1}", "Devices accepting maintenance connections ({0}; check their source restrictions): {1}";
    ChkNoteRemoteControl => "申告された保守回線で説明できないリモート操作（RDP・VNC・SSH・Telnet）を受け付ける機器 {0}台（院内のどこからでも接続可能）: {1}", "Devices accepting remote control (RDP, VNC, SSH, Telnet) that no declared circuit explains, from anywhere inside ({0}): {1}";
    ChkFactNoOpenRemote => "スキャンでは、申告のない外部接続でリモート接続を受け付ける機器は見つかっていない", "The scans found no undeclared way out accepting remote access";
    ChkFactOpenRemote => "申告のない外部接続でリモート接続（VPN等）を受け付け、接続元を制限するものがない機器 {0}台: {1}", "Undeclared ways out accepting remote access (VPN and the like), nothing restricting them ({0}): {1}";
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
    ExcelSheetUndeclared => "1 未申告の外部接続", "1 undeclared ways out";
    ExcelSheetUnregistered => "2 未登録機器", "2 unregistered";
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
    // ---- end of identify ----
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
