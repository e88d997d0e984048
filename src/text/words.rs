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

    // ---- import and listen ----
    EvidenceForwardsOutside => "{0} 個の外部アドレスからのパケットを LAN に中継していた（受動観測: {1}）", "forwarded packets from {0} outside addresses onto the LAN (seen passively: {1})";
    EvidenceIpv6DefaultRoute => "IPv6 のデフォルト経路を広告していた（受動観測、配布プレフィックス: {0}）", "announced an IPv6 default route (seen passively; prefixes: {0})";
    // ---- end of import and listen ----
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
