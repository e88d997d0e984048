//! The site-folder writer (`site::write_folder`) beside its reader: what it
//! writes, `site::load` reads back equal, for synthetic sites of every shape
//! and for the bundled sample; and it is what made the golden synth site.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;
use std::path::{Path, PathBuf};

use koseizu::site::{self, MacSpelling, Site, SourceRef, WriteOptions};
use koseizu::synth::{synthetic_site, write_site, SynthSpec};

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn spec(devices: usize, segments: usize, externals: usize, seed: u64) -> SynthSpec {
    SynthSpec {
        devices,
        segments,
        externals,
        seed,
    }
}

/// `site` with every record's line set to 0 and `root` emptied: what is
/// left must survive a write and a read whatever the cells hold.
fn without_positions(mut site: Site) -> Site {
    fn clear(at: &mut SourceRef) {
        at.line = 0;
    }
    site.root = PathBuf::new();
    site.segments.iter_mut().for_each(|r| clear(&mut r.at));
    site.devices.iter_mut().for_each(|r| clear(&mut r.at));
    site.systems.iter_mut().for_each(|r| clear(&mut r.at));
    site.lines.iter_mut().for_each(|r| clear(&mut r.at));
    site.circuits.iter_mut().for_each(|r| clear(&mut r.at));
    site.clouds.iter_mut().for_each(|r| clear(&mut r.at));
    site.flows.iter_mut().for_each(|r| clear(&mut r.at));
    site.contacts.iter_mut().for_each(|r| clear(&mut r.at));
    site
}

#[test]
fn synthetic_sites_read_back_equal_lines_included() {
    for s in [
        spec(300, 8, 9, 21),
        spec(20, 1, 3, 22),
        spec(1_500, 40, 15, 23),
        spec(2, 3, 6, 24),
        spec(0, 0, 0, 25),
    ] {
        let site = synthetic_site(&s);
        for mac in [MacSpelling::Colons, MacSpelling::Mixed] {
            let dir = tempfile::tempdir().unwrap();
            site::write_folder(&site, dir.path(), &WriteOptions { mac }).unwrap();
            let loaded = site::load(dir.path()).unwrap();
            let mut expected = site.clone();
            expected.root = dir.path().to_path_buf();
            assert_eq!(loaded.site, expected, "{s:?} {mac:?}");
            // The one outside party in the flows is the only warning.
            assert!(
                loaded.warnings.iter().all(|w| w.file == "flows.csv"),
                "{:#?}",
                loaded.warnings
            );
        }
    }
}

#[test]
fn the_sample_reads_back_equal() {
    let sample = site::load(&manifest("data")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    site::write_folder(&sample.site, dir.path(), &WriteOptions::default()).unwrap();
    let again = site::load(dir.path()).unwrap();
    // Every record, every field: CP932, Japanese headers, the quoted cell
    // with a comma and a line break, the unknown columns kept in notes.
    assert_eq!(
        without_positions(again.site.clone()),
        without_positions(sample.site.clone())
    );
    // Lines move only after a cell with a line break (the writer adds no
    // title rows and keeps the order).
    let broken = sample
        .site
        .devices
        .iter()
        .position(|d| {
            [&d.name, &d.notes, &d.location, &d.department]
                .iter()
                .any(|c| c.contains('\n'))
        })
        .expect("the sample has a cell with a line break");
    for (a, b) in sample.site.devices[..=broken]
        .iter()
        .zip(&again.site.devices)
    {
        assert_eq!(a.at, b.at, "{}", a.id);
    }
    // The same warnings (the outside parties of the flows), nothing new.
    let messages = |w: &[koseizu::problem::Problem]| -> Vec<String> {
        w.iter()
            .map(|p| format!("{} {}", p.file, p.message))
            .collect()
    };
    assert_eq!(messages(&again.warnings), messages(&sample.warnings));
}

#[test]
fn the_golden_synth_site_is_the_writers_output_byte_for_byte() {
    let site = synthetic_site(&spec(300, 6, 8, 11));
    let dir = tempfile::tempdir().unwrap();
    write_site(&site, dir.path()).unwrap();
    let golden = manifest("tests/golden/synth-site");
    for name in site::FILES {
        assert_eq!(
            fs::read(dir.path().join(name)).unwrap(),
            fs::read(golden.join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn every_file_is_written_with_the_readers_english_headers_even_when_empty() {
    let site = synthetic_site(&spec(0, 0, 0, 1));
    let dir = tempfile::tempdir().unwrap();
    site::write_folder(&site, dir.path(), &WriteOptions::default()).unwrap();
    let first_line = |name: &str| -> String {
        let text = fs::read_to_string(dir.path().join(name)).unwrap();
        text.split("\r\n").next().unwrap().to_owned()
    };
    assert_eq!(
        first_line("devices.csv"),
        "id,name,kind,mac,ip,segment,system,department,vendor,location,notes"
    );
    assert_eq!(
        first_line("segments.csv"),
        "id,name,cidr,zone,vlan,connects,notes"
    );
    assert_eq!(
        first_line("systems.csv"),
        "id,name,vendor,owner,contact,phone,email,notes"
    );
    assert_eq!(
        first_line("lines.csv"),
        "id,name,carrier,kind,device,purpose,notes"
    );
    assert_eq!(
        first_line("maintenance.csv"),
        "id,vendor,system,line,device,method,hours,contact,phone,notes"
    );
    assert_eq!(
        first_line("cloud.csv"),
        "id,name,provider,systems,line,data,notes"
    );
    assert_eq!(first_line("flows.csv"), "from,to,kind,description");
    assert_eq!(
        first_line("contacts.csv"),
        "name,role,phone,email,url,notes"
    );
    for name in site::FILES {
        assert!(dir.path().join(name).is_file(), "{name}");
    }
    // Colons: one spelling, the canonical one.
    let site = synthetic_site(&spec(12, 2, 0, 2));
    site::write_folder(&site, dir.path(), &WriteOptions::default()).unwrap();
    let devices = fs::read_to_string(dir.path().join("devices.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(devices.as_bytes());
    for (row, d) in rows.records().zip(&site.devices) {
        let row = row.unwrap();
        assert_eq!(&row[3], d.mac.map(|m| m.to_string()).unwrap_or_default());
    }
}

#[test]
fn an_unwritable_folder_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    fs::write(&file, "x").unwrap();
    let site = synthetic_site(&spec(1, 1, 0, 3));
    let err = site::write_folder(&site, &file.join("site"), &WriteOptions::default()).unwrap_err();
    assert_eq!(err.to_string(), file.join("site").display().to_string());
}
