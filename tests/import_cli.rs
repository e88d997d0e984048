//! `koseizu import` through the real binary: formats recognised by content,
//! snapshots into SITE/scans/ (never overwriting), bad and hostile files
//! refused with exit 2 naming them, and the imported snapshots used by
//! `audit`, `diff`, `map` and `impact` — where a lease file's absences are
//! not findings but an nmap sweep's are.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use koseizu::snapshot::{Snapshot, Source};

fn koseizu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run koseizu")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write_site(dir: &Path) {
    fs::write(
        dir.join("site.toml"),
        "name = \"テスト病院\"\nupdated = \"2026-11-01\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    fs::write(
        dir.join("segments.csv"),
        "id,name,cidr\r\ncore,基幹,198.18.0.0/24\r\n",
    )
    .unwrap();
    fs::write(
        dir.join("devices.csv"),
        "id,name,kind,mac,ip,segment\r\n\
         fw,ファイアウォール,firewall,00-1A-2B-00-00-01,198.18.0.1,core\r\n\
         ehr,電子カルテ,server,001a.2b00.0010,198.18.0.10,core\r\n\
         old-pc,古いPC,pc,00:1a:2b:00:00:40,198.18.0.40,core\r\n",
    )
    .unwrap();
    fs::write(
        dir.join("lines.csv"),
        "id,name,carrier,kind,device\r\ninet,インターネット,NTT,internet,fw\r\n",
    )
    .unwrap();
}

const LEASES: &str = "1796292000 00:1a:2b:00:00:01 198.18.0.1 fw *\n\
                      1796292000 00:11:22:33:44:55 198.18.0.77 visitor-pc 01:00:11:22:33:44:55\n";

const NMAP: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<nmaprun scanner="nmap" args="nmap -sn -oX a.xml 198.18.0.0/24" start="1796290000" version="7.93">
<host><status state="up" reason="arp-response"/><address addr="198.18.0.1" addrtype="ipv4"/><address addr="00:1A:2B:00:00:01" addrtype="mac"/></host>
<host><status state="up" reason="arp-response"/><address addr="198.18.0.77" addrtype="ipv4"/><address addr="00:11:22:33:44:55" addrtype="mac"/></host>
<runstats><finished time="1796290030" exit="success"/></runstats>
</nmaprun>
"#;

fn audit_json(site: &Path) -> serde_json::Value {
    let o = koseizu(&["audit", s(site), "--format", "json"]);
    assert!(
        o.status.success() || o.status.code() == Some(1),
        "{}",
        err(&o)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn unseen_ids(v: &serde_json::Value) -> Vec<String> {
    v["unseen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["device"]["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn leases_and_nmap_feed_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    fs::create_dir(&site).unwrap();
    write_site(&site);
    // A name that says nothing: the content decides.
    let leases = dir.path().join("export.txt");
    fs::write(&leases, LEASES).unwrap();
    let o = koseizu(&["import", s(&leases), "--site", s(&site)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(err(&o).contains("dhcp-leases"), "{}", err(&o));

    // Seen in the leases: fw (registered) and an unregistered PC. ehr and
    // old-pc were not in the file, which proves nothing.
    let v = audit_json(&site);
    let unreg: Vec<&str> = v["unregistered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["host"]["ip"].as_str().unwrap())
        .collect();
    assert_eq!(unreg, vec!["198.18.0.77"]);
    assert!(unseen_ids(&v).is_empty(), "{v}");
    assert_eq!(v["coverage"]["not_seen_in_window"], 2, "{}", v["coverage"]);
    assert_eq!(v["snapshots"][0]["source"], "dhcp-leases");

    // An nmap sweep of the segment: now ehr and old-pc are unseen.
    let nmap = dir.path().join("nmap-output");
    fs::write(&nmap, NMAP).unwrap();
    let o = koseizu(&["import", s(&nmap), "--site", s(&site)]);
    assert!(o.status.success(), "{}", err(&o));
    let v = audit_json(&site);
    let mut unseen = unseen_ids(&v);
    unseen.sort();
    assert_eq!(unseen, vec!["ehr", "old-pc"]);
    assert_eq!(v["snapshots"].as_array().unwrap().len(), 2);

    // The same file again: a second snapshot, the first never overwritten.
    let before: Vec<_> = fs::read_dir(site.join("scans")).unwrap().collect();
    let o = koseizu(&["import", s(&nmap), "--site", s(&site)]);
    assert!(o.status.success(), "{}", err(&o));
    let after = fs::read_dir(site.join("scans")).unwrap().count();
    assert_eq!(after, before.len() + 1);

    // diff of the two nmap runs, map marks and impact from an imported host.
    let mut nmaps: Vec<_> = fs::read_dir(site.join("scans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| Snapshot::read(p).unwrap().source == Source::Nmap)
        .collect();
    nmaps.sort();
    assert_eq!(nmaps.len(), 2);
    let o = koseizu(&["diff", s(&nmaps[0]), s(&nmaps[1]), "--format", "json"]);
    assert!(o.status.success(), "{}", err(&o));
    let o = koseizu(&["map", s(&site), "--format", "json", "-o", "-"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("198.18.0.77"));
    let o = koseizu(&["impact", s(&site), "--from", "198.18.0.77"]);
    assert!(o.status.success(), "{}", err(&o));
}

#[test]
fn formats_are_recognised_from_content_and_unknown_files_named() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("a.csv", NMAP.as_bytes().to_vec(), Source::Nmap),
        ("b.xml", LEASES.as_bytes().to_vec(), Source::DhcpLeases),
        (
            "c.leases",
            b"198.18.0.5\t00:1a:2b:3c:4d:5e\t(Unknown)\n".to_vec(),
            Source::ArpScan,
        ),
        (
            "d.txt",
            b"lease 198.18.0.9 {\n  binding state active;\n  hardware ethernet 00:1a:2b:3c:4d:09;\n}\n"
                .to_vec(),
            Source::DhcpLeases,
        ),
    ];
    for (name, bytes, source) in &files {
        let p = dir.path().join(name);
        fs::write(&p, bytes).unwrap();
        let o = koseizu(&["import", "-q", s(&p)]);
        assert!(o.status.success(), "{name}: {}", err(&o));
        let snap = Snapshot::from_slice(&o.stdout).unwrap();
        assert_eq!(snap.source, *source, "{name}");
        assert_eq!(snap.imported_from.as_deref(), Some(*name));
    }
    let odd = dir.path().join("notes.xml");
    fs::write(&odd, "meeting notes, nothing else\n").unwrap();
    let o = koseizu(&["import", s(&odd)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("notes.xml"), "{}", err(&o));
    assert!(o.stdout.is_empty());
    // One bad file among good ones: nothing is written.
    let site = dir.path().join("site");
    fs::create_dir(&site).unwrap();
    let good = dir.path().join("a.csv");
    let o = koseizu(&["import", s(&good), s(&odd), "--site", s(&site)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!site.join("scans").exists());
    // Asked for a format the file is not in.
    let o = koseizu(&["import", "--format", "windows-dhcp", s(&good)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("a.csv"), "{}", err(&o));
    // -o never overwrites.
    let out = dir.path().join("out.json");
    fs::write(&out, "x").unwrap();
    let o = koseizu(&["import", s(&good), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&out).unwrap(), "x");
}

#[test]
fn entity_tricks_are_refused_and_nothing_leaks() {
    let dir = tempfile::tempdir().unwrap();
    let laughs = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun [\n <!ENTITY a \"aaaaaaaaaa\">\n{}]>\n<nmaprun args=\"&j;\"></nmaprun>\n",
        (b'b'..=b'j')
            .map(|c| format!(
                " <!ENTITY {} \"{}\">\n",
                c as char,
                format!("&{};", (c - 1) as char).repeat(10)
            ))
            .collect::<String>()
    );
    let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n\
               <nmaprun args=\"nmap 198.18.0.1\"><host><status state=\"up\"/>\
               <address addr=\"198.18.0.1\" addrtype=\"ipv4\"/><hostnames><hostname name=\"&xxe;\"/></hostnames></host></nmaprun>\n";
    for (name, body) in [("laughs.xml", laughs.as_str()), ("xxe.xml", xxe)] {
        let p = dir.path().join(name);
        fs::write(&p, body).unwrap();
        let site = dir.path().join(format!("site-{name}"));
        fs::create_dir(&site).unwrap();
        let o = koseizu(&["import", s(&p), "--site", s(&site)]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(err(&o).contains("DOCTYPE"), "{name}: {}", err(&o));
        assert!(err(&o).contains(name));
        assert!(!err(&o).contains("root:"));
        assert!(!site.join("scans").exists());
    }
}
