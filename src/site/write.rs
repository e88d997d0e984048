//! Writing a site folder: the one writer of the format that `read` reads
//! (see docs/site-format.md), for synthetic test sites, `koseizu init` and
//! anything else that makes a site folder.
//!
//! Every CSV is UTF-8 without BOM, CRLF as Excel writes it, with the English
//! header of each column exactly as the reader's column list names it (so a
//! column added to the reader and not here fails a test), one cell under
//! every header. Cells that hold a comma, a quote or a line break are quoted
//! by the csv crate. `site::load` reads a written folder back equal, with
//! `at` lines equal as long as no cell holds a line break.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::model::{
    Circuit, Cloud, Contact, Device, DeviceKind, Flow, FlowKind, Lang, Line, LineKind, Segment,
    Site, SiteMeta, System,
};
use super::read::{
    CIRCUIT_COLUMNS, CLOUD_COLUMNS, CONTACT_COLUMNS, DEVICE_COLUMNS, FLOW_COLUMNS, LINE_COLUMNS,
    SEGMENT_COLUMNS, SYSTEM_COLUMNS,
};
use super::table::ColumnSpec;
use crate::mac::MacAddr;
use crate::output::write_atomic;

/// How `devices.csv` spells MAC addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MacSpelling {
    /// One spelling everywhere: `00:1a:2b:3c:4d:5e`.
    #[default]
    Colons,
    /// The four spellings staff type, in turn by row (`00:1A:…`,
    /// `00-1a-…`, `001a.2b3c.…`, `001A2B…`): test data for the readers.
    Mixed,
}

/// Choices in how a site folder is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// How MAC addresses are spelled.
    pub mac: MacSpelling,
}

/// Why a site folder could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file or the folder could not be written. Displays the path only:
    /// the cause is the error's source.
    #[error("{}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Cause.
        source: io::Error,
    },
}

/// Writes `site` as a site folder in `dir` (created if needed): `site.toml`
/// and all eight CSV files, header-only where the site has no records.
/// Each file is replaced atomically; files of other names are left alone.
pub fn write_folder(site: &Site, dir: &Path, options: &WriteOptions) -> Result<(), WriteError> {
    fs::create_dir_all(dir).map_err(|source| WriteError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let file = |name: &str, fill: &dyn Fn(&mut dyn Write) -> io::Result<()>| {
        let path = dir.join(name);
        write_atomic(&path, |w| fill(w)).map_err(|source| WriteError::Io { path, source })
    };
    file("site.toml", &|w| write_meta(&site.meta, w))?;
    file("segments.csv", &|w| write_segments(&site.segments, w))?;
    file("devices.csv", &|w| write_devices(&site.devices, options, w))?;
    file("systems.csv", &|w| write_systems(&site.systems, w))?;
    file("lines.csv", &|w| write_lines(&site.lines, w))?;
    file("maintenance.csv", &|w| write_circuits(&site.circuits, w))?;
    file("cloud.csv", &|w| write_clouds(&site.clouds, w))?;
    file("flows.csv", &|w| write_flows(&site.flows, w))?;
    file("contacts.csv", &|w| write_contacts(&site.contacts, w))
}

/// Writes `site.toml`: `name`, then `updated`, `language`, `author` and
/// `timezone` (the optional ones only when set, the zone only when not the
/// default Asia/Tokyo), one key a line, LF line ends.
pub fn write_meta(meta: &SiteMeta, mut w: impl Write) -> io::Result<()> {
    writeln!(w, "name = {}", toml_string(&meta.name))?;
    if let Some(d) = meta.updated {
        writeln!(
            w,
            "updated = {}",
            toml_string(&d.format("%Y-%m-%d").to_string())
        )?;
    }
    let lang = match meta.language {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    writeln!(w, "language = {}", toml_string(lang))?;
    if let Some(a) = &meta.author {
        writeln!(w, "author = {}", toml_string(a))?;
    }
    if meta.timezone != crate::text::TimeZone::default() {
        writeln!(w, "timezone = {}", toml_string(meta.timezone.name()))?;
    }
    Ok(())
}

/// Writes `segments.csv`; `connects` as a `;`-separated list.
pub fn write_segments(segments: &[Segment], w: impl Write) -> io::Result<()> {
    write_table(
        w,
        SEGMENT_COLUMNS,
        segments.iter().map(|s| {
            [
                s.id.clone(),
                s.name.clone(),
                opt(&s.cidr),
                opt(&s.zone),
                opt(&s.vlan),
                s.connects.join(";"),
                s.notes.clone(),
            ]
        }),
    )
}

/// Writes `devices.csv`, MACs spelled as `options` says.
pub fn write_devices(devices: &[Device], options: &WriteOptions, w: impl Write) -> io::Result<()> {
    write_table(
        w,
        DEVICE_COLUMNS,
        devices.iter().enumerate().map(|(row, d)| {
            [
                d.id.clone(),
                d.name.clone(),
                kind_word(d.kind).to_owned(),
                d.mac
                    .map(|m| spell_mac(&m, options.mac, row))
                    .unwrap_or_default(),
                opt(&d.ip),
                opt(&d.segment),
                opt(&d.system),
                d.department.clone(),
                d.vendor.clone(),
                d.location.clone(),
                d.notes.clone(),
            ]
        }),
    )
}

/// Writes `systems.csv`.
pub fn write_systems(systems: &[System], w: impl Write) -> io::Result<()> {
    write_table(
        w,
        SYSTEM_COLUMNS,
        systems.iter().map(|s| {
            [
                s.id.clone(),
                s.name.clone(),
                s.vendor.clone(),
                s.owner.clone(),
                s.contact.clone(),
                s.phone.clone(),
                s.email.clone(),
                s.notes.clone(),
            ]
        }),
    )
}

/// Writes `lines.csv`.
pub fn write_lines(lines: &[Line], w: impl Write) -> io::Result<()> {
    write_table(
        w,
        LINE_COLUMNS,
        lines.iter().map(|l| {
            [
                l.id.clone(),
                l.name.clone(),
                l.carrier.clone(),
                line_kind_word(l.kind).to_owned(),
                opt(&l.device),
                l.purpose.clone(),
                l.notes.clone(),
            ]
        }),
    )
}

/// Writes `maintenance.csv` (the vendors' maintenance circuits).
pub fn write_circuits(circuits: &[Circuit], w: impl Write) -> io::Result<()> {
    write_table(
        w,
        CIRCUIT_COLUMNS,
        circuits.iter().map(|c| {
            [
                c.id.clone(),
                c.vendor.clone(),
                opt(&c.system),
                opt(&c.line),
                opt(&c.device),
                c.method.clone(),
                c.hours.clone(),
                c.contact.clone(),
                c.phone.clone(),
                c.notes.clone(),
            ]
        }),
    )
}

/// Writes `cloud.csv`; `systems` as a `;`-separated list.
pub fn write_clouds(clouds: &[Cloud], w: impl Write) -> io::Result<()> {
    write_table(
        w,
        CLOUD_COLUMNS,
        clouds.iter().map(|c| {
            [
                c.id.clone(),
                c.name.clone(),
                c.provider.clone(),
                c.systems.join(";"),
                opt(&c.line),
                c.data.clone(),
                c.notes.clone(),
            ]
        }),
    )
}

/// Writes `flows.csv`.
pub fn write_flows(flows: &[Flow], w: impl Write) -> io::Result<()> {
    write_table(
        w,
        FLOW_COLUMNS,
        flows.iter().map(|f| {
            [
                f.from.clone(),
                f.to.clone(),
                match f.kind {
                    FlowKind::Network => "network",
                    FlowKind::Media => "media",
                }
                .to_owned(),
                f.description.clone(),
            ]
        }),
    )
}

/// Writes `contacts.csv`.
pub fn write_contacts(contacts: &[Contact], w: impl Write) -> io::Result<()> {
    write_table(
        w,
        CONTACT_COLUMNS,
        contacts.iter().map(|c| {
            [
                c.name.clone(),
                c.role.clone(),
                c.phone.clone(),
                c.email.clone(),
                c.url.clone(),
                c.notes.clone(),
            ]
        }),
    )
}

/// One CSV: the reader's field names as the header, then the rows, CRLF.
/// Rows are arrays of the header's width (checked by the compiler per
/// table, and against `columns` here).
fn write_table<const N: usize>(
    w: impl Write,
    columns: &[ColumnSpec],
    rows: impl IntoIterator<Item = [String; N]>,
) -> io::Result<()> {
    if columns.len() != N {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{N} cells a row for {} columns ({})",
                columns.len(),
                columns
                    .iter()
                    .map(|c| c.field)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    // CRLF as Excel writes it: readers must count physical lines right.
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    out.write_record(columns.iter().map(|c| c.field))?;
    for row in rows {
        out.write_record(&row)?;
    }
    out.flush()
}

/// The word the reader takes for `kind` (its serde name).
fn kind_word(kind: DeviceKind) -> &'static str {
    use DeviceKind::*;
    match kind {
        Server => "server",
        Pc => "pc",
        Printer => "printer",
        Switch => "switch",
        Router => "router",
        Firewall => "firewall",
        Vpn => "vpn",
        Ap => "ap",
        Medical => "medical",
        Iot => "iot",
        Camera => "camera",
        Phone => "phone",
        Storage => "storage",
        Other => "other",
    }
}

/// The word the reader takes for `kind` (its serde name).
fn line_kind_word(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Internet => "internet",
        LineKind::Vpn => "vpn",
        LineKind::Closed => "closed",
        LineKind::Mobile => "mobile",
        LineKind::Other => "other",
    }
}

/// `mac` as `spelling` says, for data row `row` (0-based).
fn spell_mac(mac: &MacAddr, spelling: MacSpelling, row: usize) -> String {
    let b = mac.octets();
    let hex = |upper: bool, sep: &str| {
        b.iter()
            .map(|x| {
                if upper {
                    format!("{x:02X}")
                } else {
                    format!("{x:02x}")
                }
            })
            .collect::<Vec<_>>()
            .join(sep)
    };
    match (spelling, row % 4) {
        (MacSpelling::Colons, _) => mac.to_string(),
        (MacSpelling::Mixed, 0) => hex(true, ":"),
        (MacSpelling::Mixed, 1) => hex(false, "-"),
        (MacSpelling::Mixed, 2) => format!(
            "{:02x}{:02x}.{:02x}{:02x}.{:02x}{:02x}",
            b[0], b[1], b[2], b[3], b[4], b[5]
        ),
        (MacSpelling::Mixed, _) => hex(true, ""),
    }
}

/// An optional value as its text; empty when absent.
fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// `s` as a TOML basic string, quoted and escaped.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::SourceRef;

    #[test]
    fn kind_words_are_the_serde_names_and_parse_back() {
        for k in DeviceKind::ALL {
            let serde = serde_json::to_string(&k).unwrap();
            assert_eq!(serde, format!("\"{}\"", kind_word(k)));
            assert_eq!(DeviceKind::parse(kind_word(k)), Some(k));
        }
        for k in [
            LineKind::Internet,
            LineKind::Vpn,
            LineKind::Closed,
            LineKind::Mobile,
            LineKind::Other,
        ] {
            let serde = serde_json::to_string(&k).unwrap();
            assert_eq!(serde, format!("\"{}\"", line_kind_word(k)));
            assert_eq!(LineKind::parse(line_kind_word(k)), Some(k));
        }
    }

    #[test]
    fn mac_spellings_all_parse_back() {
        let mac: MacAddr = "00:1a:2b:3c:4d:5e".parse().unwrap();
        let mixed: Vec<String> = (0..4)
            .map(|row| spell_mac(&mac, MacSpelling::Mixed, row))
            .collect();
        assert_eq!(
            mixed,
            [
                "00:1A:2B:3C:4D:5E",
                "00-1a-2b-3c-4d-5e",
                "001a.2b3c.4d5e",
                "001A2B3C4D5E"
            ]
        );
        for s in &mixed {
            assert_eq!(s.parse::<MacAddr>().unwrap(), mac);
        }
        assert_eq!(spell_mac(&mac, MacSpelling::Colons, 1), "00:1a:2b:3c:4d:5e");
    }

    #[test]
    fn a_table_quotes_what_needs_quotes_and_ends_lines_with_crlf() {
        let flows = [Flow {
            from: "○○画像診断センター".into(),
            to: "PACS, 本館".into(),
            kind: FlowKind::Media,
            description: "CD-R \"紹介状\"\n月1回".into(),
            at: SourceRef {
                file: "flows.csv".into(),
                line: 2,
            },
        }];
        let mut out = Vec::new();
        write_flows(&flows, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "from,to,kind,description\r\n○○画像診断センター,\"PACS, 本館\",media,\"CD-R \"\"紹介状\"\"\n月1回\"\r\n"
        );
    }

    #[test]
    fn a_row_of_the_wrong_width_is_refused() {
        let r = write_table(Vec::new(), FLOW_COLUMNS, [["a".to_owned(), "b".to_owned()]]);
        assert_eq!(r.unwrap_err().kind(), io::ErrorKind::InvalidInput);
    }

    #[test]
    fn meta_keys_in_order_optional_ones_only_when_set() {
        let mut meta = SiteMeta {
            name: "さくら \"総合\" 病院".into(),
            updated: chrono::NaiveDate::from_ymd_opt(2026, 11, 1),
            language: Lang::En,
            author: Some("情報システム室".into()),
            timezone: Default::default(),
        };
        let mut out = Vec::new();
        write_meta(&meta, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let keys: Vec<&str> = text.lines().filter_map(|l| l.split(" = ").next()).collect();
        assert_eq!(keys, ["name", "updated", "language", "author"]);
        let mut problems = crate::problem::Problems::default();
        let read = crate::site::read::meta("site.toml", &text, &mut problems);
        assert_eq!(read.as_ref(), Some(&meta));
        assert!(problems.0.is_empty(), "{problems}");
        meta.updated = None;
        meta.author = None;
        meta.name = "H".into();
        let mut out = Vec::new();
        write_meta(&meta, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "name = \"H\"\nlanguage = \"en\"\n"
        );
    }
}
