//! Cell values: MAC spellings, addresses, networks, VLANs, kinds, lists;
//! each bad value an error naming file, line, header and value.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;

use koseizu::mac::MacAddr;
use koseizu::site::{self, SiteError};

mod site_fixture;
use site_fixture::{errors_of, site};

#[test]
fn every_mac_spelling_is_one_mac() {
    let spellings = [
        "00:1A:2B:3C:4D:5E",
        "00-1a-2b-3c-4d-5e",
        "001a.2b3c.4d5e",
        "001A2B3C4D5E",
        "0:1a:2b:3c:4d:5e",
        "００：１Ａ：２Ｂ：３Ｃ：４Ｄ：５Ｅ",
        " 00 1a 2b 3c 4d 5e ",
    ];
    let want: MacAddr = "00:1a:2b:3c:4d:5e".parse().unwrap();
    for spelling in spellings {
        let csv = format!("id,MACアドレス\nD1,\"{spelling}\"\n");
        let loaded = site::load(site(&[("devices.csv", &csv)]).path())
            .unwrap_or_else(|e| panic!("{spelling}: {e}"));
        assert_eq!(loaded.site.devices[0].mac, Some(want), "{spelling}");
    }
}

#[test]
fn two_spellings_of_one_mac_are_a_duplicate() {
    let dir = site(&[(
        "devices.csv",
        "id,MACアドレス\nD1,00:1A:2B:3C:4D:5E\nD2,\nD3,001a.2b3c.4d5e\n",
    )]);
    assert_eq!(
        errors_of(&dir),
        ["devices.csv:4: MACアドレス \"001a.2b3c.4d5e\": same MAC as line 2"]
    );
}

#[test]
fn bad_values_name_file_line_header_and_value() {
    let dir = site(&[
        (
            "segments.csv",
            "ID,名称,サブネット,VLAN\nS1,a,192.168.1.0/33,10\nS2,b,10.0.0.0/8,5000\nS3,c,10.1.0.0/16,x\n",
        ),
        (
            "devices.csv",
            "ID,種別,MACアドレス,IPアドレス,セグメント\n\
             D1,サーバ,00:1A:2B:3C:4D,192.168.1.10,S1\n\
             D2,冷蔵庫,,192.168.1.300,S1\n",
        ),
        ("lines.csv", "ID,区分\nL1,糸電話\n"),
        ("flows.csv", "送信元,送信先,区分\nD1,D2,伝書鳩\n"),
    ]);
    assert_eq!(
        errors_of(&dir),
        [
            "segments.csv:2: サブネット \"192.168.1.0/33\": not a network in CIDR form (e.g. 192.168.10.0/24)",
            "segments.csv:3: VLAN \"5000\": not a VLAN id (1 to 4094)",
            "segments.csv:4: VLAN \"x\": not a VLAN id (1 to 4094)",
            "devices.csv:2: MACアドレス \"00:1A:2B:3C:4D\": not a MAC address",
            "devices.csv:3: 種別 \"冷蔵庫\": unknown kind (server/サーバ, pc/パソコン, printer/プリンタ, switch/スイッチ, router/ルータ, firewall/ファイアウォール, vpn/VPN装置, ap/無線AP, medical/医療機器, iot, camera/カメラ, phone/電話, storage/ストレージ, other/その他)",
            "devices.csv:3: IPアドレス \"192.168.1.300\": not an IP address",
            "lines.csv:2: 区分 \"糸電話\": unknown line kind (internet/インターネット, vpn/インターネットVPN, closed/閉域網, mobile/モバイル, other/その他)",
            "flows.csv:2: 区分 \"伝書鳩\": unknown flow kind (network/ネットワーク, or media/媒体/USBメモリ/CD/DVD)",
        ]
    );
}

#[test]
fn fullwidth_addresses_dashes_and_dhcp() {
    let dir = site(&[
        (
            "segments.csv",
            "id,cidr,vlan\nS1,１９２．１６８．１．０／２４,１０\n",
        ),
        (
            "devices.csv",
            "id,ip,mac,segment\nD1,１９２．１６８．１．５,-,S1\nD2,DHCP,なし,S1\nD3,fe80::1,,\n",
        ),
    ]);
    let s = site::load(dir.path()).unwrap().site;
    assert_eq!(s.segments[0].cidr.unwrap().to_string(), "192.168.1.0/24");
    assert_eq!(s.segments[0].vlan, Some(10));
    assert_eq!(s.devices[0].ip, Some("192.168.1.5".parse().unwrap()));
    assert_eq!(
        (s.devices[0].mac, s.devices[1].ip, s.devices[1].mac),
        (None, None, None)
    );
    assert_eq!(s.devices[2].ip, Some("fe80::1".parse().unwrap()));
}

/// Staff mark "no VLAN" the way they mark "no address": a dash or なし.
#[test]
fn a_dash_in_the_vlan_column_means_none() {
    let dir = site(&[
        (
            "segments.csv",
            "id,cidr,vlan\nS1,10.0.1.0/24,-\nS2,10.0.2.0/24,ー\nS3,10.0.3.0/24,なし\nS4,10.0.4.0/24,20\n",
        ),
        ("devices.csv", "id\nD1\n"),
    ]);
    let s = site::load(dir.path()).unwrap().site;
    let vlans: Vec<Option<u16>> = s.segments.iter().map(|g| g.vlan).collect();
    assert_eq!(vlans, [None, None, None, Some(20)]);
}

#[test]
fn lists_split_at_ascii_and_fullwidth_separators() {
    let dir = site(&[
        (
            "segments.csv",
            "id,connects\nA,B;C\nB,A；C\nC,A、B\nD,\"A, B，C\"\n",
        ),
        ("devices.csv", "id\nD1\n"),
    ]);
    let s = site::load(dir.path()).unwrap().site;
    let connects: Vec<Vec<String>> = s.segments.iter().map(|g| g.connects.clone()).collect();
    assert_eq!(
        connects,
        [
            vec!["B", "C"],
            vec!["A", "C"],
            vec!["A", "B"],
            vec!["A", "B", "C"]
        ]
    );
}

#[test]
fn cidr_with_host_bits_is_a_warning_and_normalised() {
    let dir = site(&[
        ("segments.csv", "id,cidr\nS1,192.168.1.77/24\n"),
        ("devices.csv", "id\nD1\n"),
    ]);
    let loaded = site::load(dir.path()).unwrap();
    assert_eq!(
        loaded.site.segments[0].cidr.unwrap().to_string(),
        "192.168.1.0/24"
    );
    let w: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        w,
        ["segments.csv:2: cidr \"192.168.1.77/24\": host bits set; taken as 192.168.1.0/24"]
    );
}

#[test]
fn site_toml_problems() {
    let dir = site(&[("devices.csv", "id\nD1\n")]);
    let toml = dir.path().join("site.toml");
    fs::write(
        &toml,
        "name = \"H\"\nupdated = \"2026-13-01\"\nlanguage = \"fr\"\n",
    )
    .unwrap();
    assert_eq!(
        errors_of(&dir),
        [
            "site.toml:2: updated \"2026-13-01\": not a date (YYYY-MM-DD or YYYY/MM/DD)",
            "site.toml:3: language \"fr\": unknown language \"fr\" (ja or en)",
        ]
    );
    fs::write(&toml, "name = \"H\"\nupdated = \"2026-11-01\n").unwrap();
    let errors = errors_of(&dir);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("site.toml:2: not valid TOML: "),
        "{errors:?}"
    );
    fs::write(
        &toml,
        "updated = 2026-11-01\nlanguage = \"en\"\nauthor = \"情報管理室\"\n",
    )
    .unwrap();
    assert_eq!(
        errors_of(&dir),
        ["site.toml: no hospital name: add a line like name = \"○○病院\""]
    );
    fs::write(
        &toml,
        "name = \"H\"\nupdated = 2026-11-01\nlanguage = \"en\"\nauthor = \"情報管理室\"\n",
    )
    .unwrap();
    let meta = site::load(dir.path()).unwrap().site.meta;
    assert_eq!(meta.updated.unwrap().to_string(), "2026-11-01");
    for updated in [
        "2026-11-02T09:30:00",
        "\"2026年11月2日\"",
        "\"２０２６／１１／０２\"",
    ] {
        fs::write(&toml, format!("name = \"H\"\nupdated = {updated}\n")).unwrap();
        let meta = site::load(dir.path()).unwrap().site.meta;
        assert_eq!(meta.updated.unwrap().to_string(), "2026-11-02", "{updated}");
    }
    fs::write(
        &toml,
        "name = \"H\"\nupdated = \"2026-11-01\"\ncolour = \"red\"\n",
    )
    .unwrap();
    let w: Vec<String> = site::load(dir.path())
        .unwrap()
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect();
    assert_eq!(
        w,
        ["site.toml:3: unknown key \"colour\" ignored (keys: name, updated, language, author, timezone)"]
    );
    assert_eq!(meta.language, koseizu::site::Lang::En);
    assert_eq!(meta.author.as_deref(), Some("情報管理室"));
}

#[test]
fn missing_required_files() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        errors_of(&site(&[])),
        ["devices.csv: missing: every site folder needs its asset ledger (id, name, kind, mac, ip, segment, …)"]
    );
    fs::write(dir.path().join("devices.csv"), "id\nD1\n").unwrap();
    let dir2 = dir;
    match site::load(dir2.path()) {
        Err(SiteError::Invalid(p)) => assert_eq!(
            p.errors().map(|e| e.to_string()).collect::<Vec<_>>(),
            ["site.toml: missing: every site folder needs one, with at least name = \"○○病院\""]
        ),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        site::load(&dir2.path().join("nowhere")),
        Err(SiteError::Io { .. })
    ));
}

#[test]
fn excel_forms_leading_zero_guards_padded_octets_and_number_damage() {
    let dir = site(&[(
        "devices.csv",
        "id,mac,ip\n=\"0012\",=\"001A2B3C4D5E\",192.168.001.010\nD2,1.23457E+11,010.000.000.001\n",
    )]);
    assert_eq!(
        errors_of(&dir),
        ["devices.csv:3: mac \"1.23457E+11\": not a MAC address (Excel turned it into a number: format the column as text (文字列) and type the MAC again)"]
    );
    fs::write(
        dir.path().join("devices.csv"),
        "id,mac,ip\n=\"0012\",=\"001A2B3C4D5E\",192.168.001.010\nD2,,192.168.1.256\nD3,,1.2.3.04.5\n",
    )
    .unwrap();
    assert_eq!(
        errors_of(&dir),
        [
            "devices.csv:3: ip \"192.168.1.256\": not an IP address",
            "devices.csv:4: ip \"1.2.3.04.5\": not an IP address",
        ]
    );
    fs::write(
        dir.path().join("devices.csv"),
        "id,mac,ip\n=\"0012\",=\"001A2B3C4D5E\",192.168.001.010\n",
    )
    .unwrap();
    let d = &site::load(dir.path()).unwrap().site.devices[0];
    assert_eq!(d.id, "0012");
    assert_eq!(d.mac, Some("00:1a:2b:3c:4d:5e".parse().unwrap()));
    assert_eq!(d.ip, Some("192.168.1.10".parse().unwrap()));
}

#[test]
fn zero_mac_is_no_mac_and_group_macs_are_refused() {
    let dir = site(&[(
        "devices.csv",
        "id,mac\nD1,00:00:00:00:00:00\nD2,00-00-00-00-00-00\nD3,01:00:5e:00:00:01\nD4,FF:FF:FF:FF:FF:FF\n",
    )]);
    let (errors, warnings) = match site::load(dir.path()) {
        Err(SiteError::Invalid(p)) => (
            p.errors().map(|e| e.to_string()).collect::<Vec<_>>(),
            p.warnings().map(|e| e.to_string()).collect::<Vec<_>>(),
        ),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        errors,
        [
            "devices.csv:4: mac \"01:00:5e:00:00:01\": a group (multicast/broadcast) address, never a device's own: check the first two digits",
            "devices.csv:5: mac \"FF:FF:FF:FF:FF:FF\": a group (multicast/broadcast) address, never a device's own: check the first two digits",
        ]
    );
    assert_eq!(
        warnings,
        [
            "devices.csv:2: mac \"00:00:00:00:00:00\": all zeros: taken as no MAC (leave the cell empty if the MAC is unknown)",
            "devices.csv:3: mac \"00-00-00-00-00-00\": all zeros: taken as no MAC (leave the cell empty if the MAC is unknown)",
        ]
    );
}
