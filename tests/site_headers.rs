//! Headers in English or Japanese, any order, any width, with aliases.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use koseizu::mac::MacAddr;
use koseizu::site::{self, DeviceKind, Loaded};
use tempfile::TempDir;

mod site_fixture;
use site_fixture::{errors_of, site};

fn load(dir: &TempDir) -> Loaded {
    site::load(dir.path()).unwrap_or_else(|e| panic!("{e}"))
}

const SEGMENTS: &str = "id,name,cidr\nS1,基幹,192.168.1.0/24\n";

fn assert_device(loaded: &Loaded) {
    let d = &loaded.site.devices[0];
    assert_eq!(d.id, "D1");
    assert_eq!(d.name, "電子カルテサーバ");
    assert_eq!(d.kind, DeviceKind::Server);
    assert_eq!(d.mac, Some("00:1A:2B:3C:4D:5E".parse::<MacAddr>().unwrap()));
    assert_eq!(d.ip, Some("192.168.1.10".parse().unwrap()));
    assert_eq!(d.segment.as_deref(), Some("S1"));
    assert_eq!(d.department, "医事課");
    assert_eq!(d.vendor, "A社");
    assert_eq!(d.location, "サーバ室");
    assert_eq!(d.notes, "冗長化");
}

#[test]
fn english_headers() {
    let dir = site(&[
        ("segments.csv", SEGMENTS),
        (
            "devices.csv",
            "id,name,kind,mac,ip,segment,department,vendor,location,notes\n\
             D1,電子カルテサーバ,server,00:1a:2b:3c:4d:5e,192.168.1.10,S1,医事課,A社,サーバ室,冗長化\n",
        ),
    ]);
    let loaded = load(&dir);
    assert_device(&loaded);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn japanese_headers_in_another_order() {
    let dir = site(&[
        ("segments.csv", "番号,名称,サブネット\nS1,基幹,192.168.1.0/24\n"),
        (
            "devices.csv",
            "備考,設置場所,メーカー,部署,セグメント,IPアドレス,MACアドレス,種別,ホスト名,No\n\
             冗長化,サーバ室,A社,医事課,S1,192.168.1.10,00-1A-2B-3C-4D-5E,サーバ,電子カルテサーバ,D1\n",
        ),
    ]);
    let loaded = load(&dir);
    assert_device(&loaded);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn fullwidth_case_spaces_and_halfwidth_kana_in_headers() {
    let dir = site(&[
        ("segments.csv", SEGMENTS),
        (
            "devices.csv",
            " ＩＤ ,名前, Type ,ｍａｃ　アドレス,Ip Address,ｾｸﾞﾒﾝﾄ,部署,ﾍﾞﾝﾀﾞｰ,設置場所,NOTES\n\
             D1,電子カルテサーバ,SERVER,001a.2b3c.4d5e,１９２．１６８．１．１０,S1,医事課,A社,サーバ室,冗長化\n",
        ),
    ]);
    let loaded = load(&dir);
    assert_device(&loaded);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn context_decides_what_kubun_and_jigyousha_mean() {
    let dir = site(&[
        ("devices.csv", "id,name,kind,事業者\nR1,ルータ,router,B社\n"),
        (
            "lines.csv",
            "番号,名称,事業者,区分,接続機器\nL1,光回線,NTT,インターネット,R1\n",
        ),
        (
            "flows.csv",
            "送信元,送信先,区分,内容\nR1,L1,USBメモリ,画像\n",
        ),
    ]);
    let loaded = load(&dir);
    assert_eq!(loaded.site.devices[0].vendor, "B社");
    let line = &loaded.site.lines[0];
    assert_eq!(line.carrier, "NTT");
    assert_eq!(line.kind, koseizu::site::LineKind::Internet);
    assert_eq!(line.device.as_deref(), Some("R1"));
    assert_eq!(loaded.site.flows[0].kind, koseizu::site::FlowKind::Media);
    assert_eq!(loaded.site.flows[0].description, "画像");
}

#[test]
fn unknown_column_is_warned_once_and_kept_in_notes() {
    let dir = site(&[(
        "devices.csv",
        "id,name,資産区分,notes\nD1,a,リース,古い\nD2,b,購入,\nD3,c,,\n",
    )]);
    let loaded = load(&dir);
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        ["devices.csv:1: unknown column \"資産区分\" kept in notes (known columns: id, name, kind, mac, ip, segment, system, department, vendor, location, notes)"]
    );
    let notes: Vec<&str> = loaded
        .site
        .devices
        .iter()
        .map(|d| d.notes.as_str())
        .collect();
    assert_eq!(notes, ["古い\n資産区分: リース", "資産区分: 購入", ""]);
}

#[test]
fn missing_required_column_names_file_and_expected_names() {
    let dir = site(&[("devices.csv", "機器名,種別\na,pc\n")]);
    assert_eq!(
        errors_of(&dir),
        ["devices.csv:1: no \"id\" column (the header row needs one of: id, 番号, No, 管理番号, 資産番号, 機器番号, 機器ID, 資産ID)"]
    );
}

#[test]
fn every_file_reads_its_japanese_headers() {
    let dir = site(&[
        ("segments.csv", "番号,名称,サブネット,ゾーン,VLAN,接続先セグメント,備考\nS1,基幹,10.0.0.0/24,基幹系,10,S2,\nS2,DMZ,10.0.1.0/24,DMZ,20,,\n"),
        ("devices.csv", "番号,名称,種別,システム\nR1,ルータ,ルータ,SYS1\n"),
        ("systems.csv", "番号,名称,ベンダ,責任者,担当者,電話番号,メールアドレス,備考\nSYS1,電子カルテ,C社,医事課長,山田,03-0000-0000,a@example.jp,\n"),
        ("lines.csv", "番号,名称,回線事業者,区分,接続機器,用途\nL1,光,NTT,閉域網,R1,保守\n"),
        ("maintenance.csv", "番号,事業者,システム,回線,接続機器,接続方式,接続時間,担当者,電話番号\nM1,C社,SYS1,L1,R1,IPsec-VPN,申請時のみ,佐藤,03-1111-1111\n"),
        ("cloud.csv", "番号,名称,提供事業者,利用システム,回線,取扱データ\nC1,PACSクラウド,D社,SYS1；SYS1,L1,画像\n"),
        ("contacts.csv", "名称,役割,電話,メール,URL,備考\n県警察,警察,110,,https://example.jp,\n"),
    ]);
    let s = load(&dir).site;
    assert_eq!(s.segments[0].cidr.unwrap().to_string(), "10.0.0.0/24");
    assert_eq!(s.segments[0].zone.as_deref(), Some("基幹系"));
    assert_eq!(s.segments[0].vlan, Some(10));
    assert_eq!(s.segments[0].connects, ["S2"]);
    assert!(s.segments[1].is_perimeter());
    assert_eq!(s.systems[0].owner, "医事課長");
    assert_eq!(s.systems[0].email, "a@example.jp");
    assert_eq!(s.lines[0].kind, koseizu::site::LineKind::Closed);
    assert_eq!(s.lines[0].purpose, "保守");
    let m = &s.circuits[0];
    assert_eq!(
        (m.vendor.as_str(), m.method.as_str(), m.hours.as_str()),
        ("C社", "IPsec-VPN", "申請時のみ")
    );
    assert_eq!(m.line.as_deref(), Some("L1"));
    assert_eq!(s.clouds[0].systems, ["SYS1", "SYS1"]);
    assert_eq!(s.clouds[0].provider, "D社");
    assert_eq!(s.clouds[0].data, "画像");
    assert_eq!(s.contacts[0].role, "警察");
    assert_eq!(s.contacts[0].url, "https://example.jp");
}

#[test]
fn two_columns_meaning_the_same_field_keep_the_first() {
    let dir = site(&[(
        "devices.csv",
        "ID,機器名,ホスト名\nD1,受付端末,uketsuke01\n",
    )]);
    let loaded = load(&dir);
    assert_eq!(loaded.site.devices[0].name, "受付端末");
    assert_eq!(loaded.site.devices[0].notes, "ホスト名: uketsuke01");
    let w: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        w,
        ["devices.csv:1: column \"ホスト名\" means the same as \"機器名\"; the first one is used, this one kept in notes"]
    );
}

#[test]
fn per_file_id_headers() {
    let dir = site(&[
        (
            "segments.csv",
            "セグメントID,セグメント名,VLAN ID\nS1,基幹,10\n",
        ),
        (
            "devices.csv",
            "資産ID,ＩＰ　Ａｄｄｒｅｓｓ,セグメント\nD1,10.0.0.1,S1\n",
        ),
        ("systems.csv", "システムID,システム名\nSYS1,電子カルテ\n"),
        ("lines.csv", "回線ID,回線名\nL1,光\n"),
    ]);
    let s = load(&dir).site;
    assert_eq!(
        (s.segments[0].name.as_str(), s.segments[0].vlan),
        ("基幹", Some(10))
    );
    assert_eq!(s.devices[0].ip, Some("10.0.0.1".parse().unwrap()));
    assert_eq!(s.systems[0].name, "電子カルテ");
    assert_eq!(s.lines[0].name, "光");
}
