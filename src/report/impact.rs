//! The one-page text answer IT staff read aloud on the phone (Japanese or English).

use std::io::{self, Write};

use crate::impact::{
    CallEntry, CutLink, EntryKind, ExternalConnection, ExternalKind, Impact, KindCount, NodeRef,
    Route, ScopeFlow, Via,
};
use crate::site::{FlowKind, Lang};

/// Routes printed in text; the JSON lists all of them.
const TEXT_ROUTES: usize = 6;
/// Segments printed one per line in text before summarising the rest.
const TEXT_SEGMENTS: usize = 12;
/// Systems, data flows and ways out named in text before summarising the
/// rest (read aloud, a list longer than this is not heard).
const TEXT_ITEMS: usize = 6;

/// "…ほか N件 (全M件は --format json で)" after the first `shown` of `total`.
fn more_line(lang: Lang, shown: usize, total: usize) -> Option<String> {
    (total > shown).then(|| match lang {
        Lang::Ja => format!("…ほか {}件 (全{total}件は --format json で)", total - shown),
        Lang::En => format!("… {} more (all {total}: --format json)", total - shown),
    })
}

/// The first `TEXT_ITEMS` of `items` joined, with the count of the rest.
fn summarise(lang: Lang, items: &[String]) -> String {
    if items.is_empty() {
        return "-".to_string();
    }
    let mut s = match lang {
        Lang::Ja => format!("{}件: ", items.len()),
        Lang::En => format!("{} in all: ", items.len()),
    };
    s.push_str(&items[..items.len().min(TEXT_ITEMS)].join(", "));
    if let Some(more) = more_line(lang, TEXT_ITEMS, items.len()) {
        s.push(' ');
        s.push_str(&more);
    }
    s
}

fn t(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

fn kinds(lang: Lang, counts: &[KindCount]) -> String {
    counts
        .iter()
        .map(|k| format!("{} {}", k.kind.label(lang), k.count))
        .collect::<Vec<_>>()
        .join(", ")
}

fn entry_word(lang: Lang, k: EntryKind) -> &'static str {
    match k {
        EntryKind::Line => t(lang, "回線", "line"),
        EntryKind::Circuit => t(lang, "保守回線", "maintenance circuit"),
        EntryKind::Cloud => t(lang, "クラウド", "cloud"),
        EntryKind::MediaHandoff => t(lang, "媒体持ち込み", "media hand-off"),
        EntryKind::OutsideNetworkFlow => t(lang, "外部からの通信", "outside network flow"),
        EntryKind::UndeclaredExternal => t(lang, "未申告の外部接続", "undeclared way out"),
        EntryKind::UnregisteredExternal => t(
            lang,
            "未登録機器の外部接続",
            "unregistered host facing outside",
        ),
    }
}

/// One route as a line of hops.
fn route_line(lang: Lang, r: &Route) -> String {
    let mut s = format!("[{}] ", entry_word(lang, r.entry));
    for (i, h) in r.hops.iter().enumerate() {
        if i > 0 {
            match &h.via {
                Some(Via::MediaFlow { description }) => s.push_str(&format!(
                    " ={}: {description}=> ",
                    t(lang, "USB/媒体", "USB/media")
                )),
                Some(Via::NetworkFlow { description }) if !description.is_empty() => {
                    s.push_str(&format!(" ={description}=> "))
                }
                _ => s.push_str(" → "),
            }
        }
        s.push_str(&h.node.label(lang));
    }
    if r.hops.len() == 1 {
        s.push_str(t(
            lang,
            " (対象自体が外部との出入口)",
            " (X is itself a way in)",
        ));
    }
    if let Some(c) = &r.circuit {
        s.push_str(&match lang {
            Lang::Ja => format!(
                " 〔事業者 {}, 方式 {}, 接続時間 {}〕",
                c.vendor, c.method, c.hours
            ),
            Lang::En => format!(
                " [vendor {}, method {}, hours {}]",
                c.vendor, c.method, c.hours
            ),
        });
    }
    if !r.through.is_empty() {
        let names: Vec<String> = r.through.iter().map(|n| n.label(lang)).collect();
        s.push_str(&match lang {
            Lang::Ja => format!(" ※先に {} の突破が必要", names.join("、")),
            Lang::En => format!(" (requires breaking {} first)", names.join(", ")),
        });
    }
    s
}

/// A containment action phrased for the person at the switch.
fn cut_line(lang: Lang, c: &CutLink) -> String {
    match (lang, c) {
        (Lang::Ja, CutLink::LineFromDevice { line, device }) => format!(
            "{} を {} から抜く (回線{}の切断)",
            line.label(lang),
            device.label(lang),
            line.id
        ),
        (Lang::En, CutLink::LineFromDevice { line, device }) => {
            format!("unplug {} from {}", line.label(lang), device.label(lang))
        }
        (Lang::Ja, CutLink::CircuitAtDevice { circuit, device }) => format!(
            "{} (事業者 {}) を {} で止める (事業者回線を抜く)",
            circuit.label(lang),
            circuit.name,
            device.label(lang)
        ),
        (Lang::En, CutLink::CircuitAtDevice { circuit, device }) => format!(
            "stop {} (vendor {}) at {}: unplug the vendor's line",
            circuit.label(lang),
            circuit.name,
            device.label(lang)
        ),
        (Lang::Ja, CutLink::CircuitOnLine { circuit, line }) => format!(
            "{} (事業者 {}) を {} 上で止める (VPNアカウント無効化)",
            circuit.label(lang),
            circuit.name,
            line.label(lang)
        ),
        (Lang::En, CutLink::CircuitOnLine { circuit, line }) => format!(
            "stop {} (vendor {}) on {}: disable its VPN account",
            circuit.label(lang),
            circuit.name,
            line.label(lang)
        ),
        (Lang::Ja, CutLink::DeviceFromSegment { device, segment }) => format!(
            "{} を {} から外す (スイッチのポートを抜く)",
            device.label(lang),
            segment.label(lang)
        ),
        (Lang::En, CutLink::DeviceFromSegment { device, segment }) => format!(
            "unplug {} from {} (its switch port)",
            device.label(lang),
            segment.label(lang)
        ),
        (Lang::Ja, CutLink::SegmentFromCore { segment }) => format!(
            "{}セグメントを基幹から切り離す ({} のアップリンクを抜く)",
            segment.name,
            segment.label(lang)
        ),
        (Lang::En, CutLink::SegmentFromCore { segment }) => format!(
            "cut segment {} from the core (unplug its uplink)",
            segment.name
        ),
        (Lang::Ja, CutLink::SegmentFromSegment { a, b }) => format!(
            "{} と {} の間のルーティングを止める",
            a.label(lang),
            b.label(lang)
        ),
        (Lang::En, CutLink::SegmentFromSegment { a, b }) => format!(
            "stop routing between {} and {}",
            a.label(lang),
            b.label(lang)
        ),
        (Lang::Ja, CutLink::CloudOnLine { cloud, line }) => format!(
            "{} への通信を {} で遮断する",
            cloud.label(lang),
            line.label(lang)
        ),
        (Lang::En, CutLink::CloudOnLine { cloud, line }) => {
            format!("block {} on {}", cloud.label(lang), line.label(lang))
        }
        (Lang::Ja, CutLink::CloudFromSegment { cloud, segment }) => format!(
            "{} から {} への通信を遮断する",
            segment.label(lang),
            cloud.label(lang)
        ),
        (Lang::En, CutLink::CloudFromSegment { cloud, segment }) => {
            format!("block {} from {}", cloud.label(lang), segment.label(lang))
        }
        (Lang::Ja, CutLink::OutsideFromSegment { party, segment }) => format!(
            "{} と {} の通信を止める",
            segment.label(lang),
            party.label(lang)
        ),
        (Lang::En, CutLink::OutsideFromSegment { party, segment }) => format!(
            "stop traffic between {} and {}",
            segment.label(lang),
            party.label(lang)
        ),
        (Lang::Ja, CutLink::UndeclaredWayOut { device }) => {
            format!("{} の未申告の外部接続を探して抜く", device.label(lang))
        }
        (Lang::En, CutLink::UndeclaredWayOut { device }) => format!(
            "find and unplug the undeclared way out at {}",
            device.label(lang)
        ),
    }
}

/// "電話 X, メール Y" with the empty fields left out.
fn present(fields: &[(&str, &String)]) -> String {
    let parts: Vec<String> = fields
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| {
            if k.is_empty() {
                v.to_string()
            } else {
                format!("{k} {v}")
            }
        })
        .collect();
    if parts.is_empty() {
        "-".to_string()
    } else {
        parts.join(", ")
    }
}

/// Who a call entry is ("システム 電子カルテ (SYS-EHR)"), what to say to
/// reach them (owner, vendor, phone...), and the phone number that groups
/// entries reaching the same person.
fn call_parts(lang: Lang, c: &CallEntry) -> (String, String, String) {
    let or_dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    match c {
        CallEntry::System {
            system,
            owner,
            vendor,
            contact,
            phone,
            email,
        } => {
            let detail = match lang {
                Lang::Ja => format!(
                    "責任者 {}, ベンダ {}, 担当 {}, 電話 {}, メール {}",
                    or_dash(owner),
                    or_dash(vendor),
                    or_dash(contact),
                    or_dash(phone),
                    or_dash(email)
                ),
                Lang::En => format!(
                    "owner {}, vendor {}, contact {}, phone {}, email {}",
                    or_dash(owner),
                    or_dash(vendor),
                    or_dash(contact),
                    or_dash(phone),
                    or_dash(email)
                ),
            };
            (system.label(lang), detail, phone.clone())
        }
        CallEntry::CircuitVendor {
            circuit,
            vendor,
            contact,
            phone,
        } => match lang {
            Lang::Ja => (
                format!("{} の事業者 {}", circuit.label(lang), vendor),
                format!("担当 {}, 電話 {}", or_dash(contact), or_dash(phone)),
                phone.clone(),
            ),
            Lang::En => (
                format!("vendor {} of {}", vendor, circuit.label(lang)),
                format!("contact {}, phone {}", or_dash(contact), or_dash(phone)),
                phone.clone(),
            ),
        },
        CallEntry::SiteContact {
            name,
            role,
            phone,
            email,
            url,
        } => {
            let detail = match lang {
                Lang::Ja => present(&[("電話", phone), ("メール", email), ("", url)]),
                Lang::En => present(&[("phone", phone), ("email", email), ("", url)]),
            };
            (
                format!("{} ({})", name, or_dash(role)),
                detail,
                phone.clone(),
            )
        }
    }
}

/// The call list read aloud: entries reaching the same phone number are one
/// line (a vendor maintaining five systems is one call), first come first.
fn call_lines(lang: Lang, calls: &[CallEntry]) -> Vec<String> {
    let mut groups: Vec<(Vec<String>, String)> = Vec::new();
    let mut by_phone: std::collections::HashMap<String, usize> = Default::default();
    for c in calls {
        let (label, detail, phone) = call_parts(lang, c);
        let key: String = phone.chars().filter(char::is_ascii_digit).collect();
        match by_phone.get(&key).filter(|_| !key.is_empty()) {
            Some(&i) => groups[i].0.push(label),
            None => {
                if !key.is_empty() {
                    by_phone.insert(key, groups.len());
                }
                groups.push((vec![label], detail));
            }
        }
    }
    groups
        .into_iter()
        .map(|(labels, detail)| format!("{}: {detail}", labels.join(" / ")))
        .collect()
}

/// Writes the text answer.
pub fn write_text(imp: &Impact, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let l = lang;
    writeln!(
        w,
        "{}: {}",
        t(l, "インシデント影響調査", "Incident impact"),
        imp.site
    )?;
    writeln!(w, "{}: {}", t(l, "対象", "Compromised"), imp.from.label(l))?;
    writeln!(w)?;

    writeln!(
        w,
        "■ {}",
        t(
            l,
            "侵入経路 (直接の経路から、短い順)",
            "Intrusion routes (direct first, shortest first)"
        )
    )?;
    if imp.routes.is_empty() {
        writeln!(
            w,
            "  {}",
            t(
                l,
                "外部からの経路は見つかりません (記録上、外部と接続していません)",
                "no route from outside found (the records connect it to nothing outside)"
            )
        )?;
    }
    for (i, r) in imp.routes.iter().take(TEXT_ROUTES).enumerate() {
        writeln!(w, "  {}. {}", i + 1, route_line(l, r))?;
    }
    if imp.routes.len() > TEXT_ROUTES {
        let more = imp.routes.len() - TEXT_ROUTES;
        match l {
            Lang::Ja => writeln!(w, "  …ほか {more} 経路 (--format json で全経路)")?,
            Lang::En => writeln!(w, "  … {more} more routes (--format json lists all)")?,
        }
    }
    if imp.routes.iter().any(|r| r.flat_assumption) {
        writeln!(
            w,
            "  {}",
            t(
                l,
                "※ 接続先セグメントが未記入のセグメントは全セグメントから到達可能と仮定 (悲観的なフラットネットワーク仮定)",
                "Note: segments with empty `connects` are assumed reachable from all (pessimistic flat-network assumption)"
            )
        )?;
    }
    writeln!(w)?;

    let s = &imp.scope;
    writeln!(w, "■ {}", t(l, "影響範囲", "Impact scope"))?;
    for seg in s.segments.iter().take(TEXT_SEGMENTS) {
        let how = match (seg.distance, seg.flat, l) {
            (0, _, Lang::Ja) => "自セグメント".to_string(),
            (0, _, Lang::En) => "own segment".to_string(),
            (1, false, Lang::Ja) => "直接".to_string(),
            (1, false, Lang::En) => "direct".to_string(),
            (1, true, Lang::Ja) => "直接・フラット仮定".to_string(),
            (1, true, Lang::En) => "direct, flat assumption".to_string(),
            (d, false, Lang::Ja) => format!("{}段先", d),
            (d, false, Lang::En) => format!("{d} hops"),
            (d, true, Lang::Ja) => format!("{}段先・フラット仮定", d),
            (d, true, Lang::En) => format!("{d} hops, flat assumption"),
        };
        let mut line = format!(
            "  {} [{}]: {}",
            seg.segment.label(l),
            how,
            kinds(l, &seg.devices)
        );
        if seg.unregistered > 0 {
            line.push_str(&match l {
                Lang::Ja => format!(", 未登録機器 {}", seg.unregistered),
                Lang::En => format!(", unregistered hosts {}", seg.unregistered),
            });
        }
        writeln!(w, "{line}")?;
    }
    if s.segments.len() > TEXT_SEGMENTS {
        let more = s.segments.len() - TEXT_SEGMENTS;
        match l {
            Lang::Ja => writeln!(w, "  …ほか {more} セグメント")?,
            Lang::En => writeln!(w, "  … {more} more segments")?,
        }
    }
    if s.flat_assumption {
        writeln!(
            w,
            "  {}",
            t(
                l,
                "※ 悲観的なフラットネットワーク仮定: 接続先セグメントが未記入のセグメントは全セグメントと相互に到達可能とみなしています",
                "Note: pessimistic flat-network assumption: segments with empty `connects` are taken as reachable to and from all"
            )
        )?;
    }
    match l {
        Lang::Ja => writeln!(
            w,
            "  機器: 合計 {} 台 ({})",
            s.device_total,
            kinds(l, &s.devices)
        )?,
        Lang::En => writeln!(
            w,
            "  Devices: {} in all ({})",
            s.device_total,
            kinds(l, &s.devices)
        )?,
    }
    let labels = |v: &[NodeRef]| v.iter().map(|n| n.label(l)).collect::<Vec<_>>();
    writeln!(
        w,
        "  {}: {}",
        t(l, "システム", "Systems"),
        summarise(l, &labels(&s.systems))
    )?;
    // Flows out of the hospital and USB/media hand-offs first: those are
    // what leaks.
    let mut flows: Vec<&ScopeFlow> = s.flows.iter().collect();
    flows.sort_by_key(|f| (!f.leaves_hospital, f.kind != FlowKind::Media));
    let leaving = flows.iter().filter(|f| f.leaves_hospital).count();
    let media = flows.iter().filter(|f| f.kind == FlowKind::Media).count();
    match l {
        Lang::Ja => writeln!(
            w,
            "  データの流れ: {}件 (院外へ {leaving}件, USB/媒体 {media}件)",
            flows.len()
        )?,
        Lang::En => writeln!(
            w,
            "  Data flows: {} ({leaving} leave the hospital, {media} by USB/media)",
            flows.len()
        )?,
    }
    for f in flows.iter().take(TEXT_ITEMS) {
        let kind = match f.kind {
            FlowKind::Media => t(l, "USB/媒体", "USB/media"),
            FlowKind::Network => t(l, "ネットワーク", "network"),
        };
        let out = if f.leaves_hospital {
            t(l, " [院外へ]", " [leaves the hospital]")
        } else {
            ""
        };
        writeln!(
            w,
            "    {} → {} ({kind}: {}){out}",
            f.from.label(l),
            f.to.label(l),
            f.description
        )?;
    }
    if let Some(more) = more_line(l, TEXT_ITEMS, flows.len()) {
        writeln!(w, "    {more}")?;
    }
    writeln!(
        w,
        "  {}: {}",
        t(l, "クラウド", "Clouds"),
        summarise(l, &labels(&s.clouds))
    )?;
    // Undeclared ways out first: nobody else knows of them.
    let mut external: Vec<&ExternalConnection> = s.external.iter().collect();
    external.sort_by_key(|e| {
        !matches!(
            e.kind,
            ExternalKind::UndeclaredExternal | ExternalKind::UnregisteredExternal
        )
    });
    let ext: Vec<String> = external
        .iter()
        .map(|e| {
            let what = match e.kind {
                ExternalKind::UndeclaredExternal => {
                    t(l, "未申告の外部接続 ", "undeclared way out at ")
                }
                ExternalKind::UnregisteredExternal => t(
                    l,
                    "未登録機器の外部接続 ",
                    "unregistered host facing outside ",
                ),
                _ => "",
            };
            match &e.at {
                Some(at) => format!("{what}{} @ {}", e.node.label(l), at.label(l)),
                None => format!("{what}{}", e.node.label(l)),
            }
        })
        .collect();
    writeln!(
        w,
        "  {}: {}",
        t(
            l,
            "外部接続 (拡散・漏えいに使われうる)",
            "Ways out (to spread or leak)"
        ),
        summarise(l, &ext)
    )?;
    writeln!(w)?;

    let c = &imp.containment;
    writeln!(
        w,
        "■ {}",
        t(
            l,
            "封じ込め (この箇所を切断)",
            "Containment (cut these links)"
        )
    )?;
    if let Some(x) = &c.isolate_first {
        match l {
            Lang::Ja => writeln!(
                w,
                "  0. まず {} をネットワークから外す (LANケーブルを抜く・無線を切る。電源は切らない)",
                x.label(l)
            )?,
            Lang::En => writeln!(
                w,
                "  0. First take {} off the network (unplug its LAN cable, turn off Wi-Fi; leave it powered on)",
                x.label(l)
            )?,
        }
    }
    if c.cut.is_empty() {
        writeln!(
            w,
            "  {}",
            t(
                l,
                "切断すべきネットワーク接続はありません (記録上、他のセグメントにも外部にもつながっていません)",
                "no network link to cut (the records connect it to no other segment and nothing outside)"
            )
        )?;
    }
    for (i, cut) in c.cut.iter().enumerate() {
        writeln!(w, "  {}. {}", i + 1, cut_line(l, cut))?;
    }
    if c.flat_assumption {
        writeln!(
            w,
            "  {}",
            t(
                l,
                "※ 接続先セグメント未記入のため、全セグメントが基幹でつながっていると仮定しています",
                "Note: segments with empty `connects` are assumed to hang off one core (flat network)"
            )
        )?;
    }
    if !c.media.is_empty() {
        let names: Vec<String> = c.media.iter().map(|n| n.label(l)).collect();
        match l {
            Lang::Ja => writeln!(w, "  媒体 (USB等) の受け渡しも止める: {}", names.join(", "))?,
            Lang::En => writeln!(
                w,
                "  Also stop USB/media hand-offs with: {}",
                names.join(", ")
            )?,
        }
    }
    writeln!(w)?;

    writeln!(
        w,
        "■ {}",
        t(l, "連絡先 (この順に)", "Whom to call (in this order)")
    )?;
    if imp.contacts.is_empty() {
        writeln!(
            w,
            "  {}",
            t(
                l,
                "登録された連絡先がありません (systems.csv / maintenance.csv / contacts.csv)",
                "no contacts recorded (systems.csv / maintenance.csv / contacts.csv)"
            )
        )?;
    }
    for (i, call) in call_lines(l, &imp.contacts).iter().enumerate() {
        writeln!(w, "  {}. {call}", i + 1)?;
    }
    Ok(())
}

/// Writes the JSON form (for tools).
pub fn write_json(imp: &Impact, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, imp)?;
    writeln!(w)
}
