//! The snapshot archive of a site folder (`SITE/scans/`): listing its files,
//! reading each one's head (format, version, start time, scopes) without its
//! hosts, choosing the snapshots a command uses (the latest of each scope
//! set, or the latest two of the same scope set), and loading the hosts of
//! those alone.
//!
//! A head is read by a streaming parser that stops at the `hosts` key (which
//! koseizu writes after the head fields), so choosing among twenty
//! snapshots of 100,000 hosts reads a few kilobytes of each, not every host.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ipnetwork::IpNetwork;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::{Snapshot, SnapshotError, Source, FORMAT_NAME, FORMAT_VERSION};

/// When a snapshot was taken and what it covered: enough to choose among
/// snapshots without building any host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotHead {
    /// Start of the scan (UTC).
    pub started: DateTime<Utc>,
    /// Networks scanned.
    pub scopes: Vec<IpNetwork>,
    /// Where the hosts came from: a capture never stands in for a scan of
    /// the same networks, nor a scan for a capture.
    pub source: Source,
}

impl From<&Snapshot> for SnapshotHead {
    fn from(s: &Snapshot) -> Self {
        SnapshotHead {
            started: s.started,
            scopes: s.scopes.clone(),
            source: s.source,
        }
    }
}

impl SnapshotHead {
    /// The source and scope set as a comparable key (order of `--cidr`
    /// does not matter).
    fn scope_key(&self) -> (Source, Vec<IpNetwork>) {
        let mut k = self.scopes.clone();
        k.sort();
        (self.source, k)
    }
}

/// One snapshot file of the archive, with its head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveEntry {
    /// The file.
    pub path: PathBuf,
    /// Its head.
    pub head: SnapshotHead,
}

impl ArchiveEntry {
    /// Reads the whole snapshot, hosts included.
    pub fn load(&self) -> Result<Snapshot, SnapshotError> {
        Snapshot::read(&self.path)
    }
}

/// The snapshots of a site folder, oldest file name first, heads read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archive {
    dir: PathBuf,
    entries: Vec<ArchiveEntry>,
}

impl Archive {
    /// Lists `SITE/scans/` and reads the head of every snapshot in it (none
    /// if the folder does not exist). A file that is not a koseizu snapshot
    /// is an error naming it.
    pub fn open(site: &Path) -> Result<Archive, SnapshotError> {
        let entries = list_site_snapshots(site)?
            .into_iter()
            .map(|path| read_head(&path).map(|head| ArchiveEntry { path, head }))
            .collect::<Result<_, _>>()?;
        Ok(Archive {
            dir: site.join("scans"),
            entries,
        })
    }

    /// The folder listed (`SITE/scans/`).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every snapshot, oldest file name first.
    pub fn entries(&self) -> &[ArchiveEntry] {
        &self.entries
    }

    /// The latest snapshot of each distinct scope set, sorted by start time:
    /// what commands use when no `--scan` is given.
    pub fn latest_per_scope(&self) -> Vec<&ArchiveEntry> {
        let heads: Vec<&SnapshotHead> = self.entries.iter().map(|e| &e.head).collect();
        latest_per_scope_of(&heads)
            .into_iter()
            .map(|i| &self.entries[i])
            .collect()
    }

    /// (older, newer): the two latest snapshots with the same scope set as
    /// the latest one, or `None` if there are not two such.
    pub fn latest_pair(&self) -> Option<(&ArchiveEntry, &ArchiveEntry)> {
        let heads: Vec<SnapshotHead> = self.entries.iter().map(|e| e.head.clone()).collect();
        latest_pair(&heads).map(|(o, n)| (&self.entries[o], &self.entries[n]))
    }
}

/// Indices of the latest head of each distinct scope set, sorted by start
/// time (on equal start times, the later in `heads` wins and keeps its place).
fn latest_per_scope_of(heads: &[&SnapshotHead]) -> Vec<usize> {
    let mut latest: Vec<((Source, Vec<IpNetwork>), usize)> = Vec::new();
    for (i, head) in heads.iter().enumerate() {
        let key = head.scope_key();
        match latest.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) if heads[slot.1].started <= head.started => slot.1 = i,
            Some(_) => {}
            None => latest.push((key, i)),
        }
    }
    let mut out: Vec<usize> = latest.into_iter().map(|(_, i)| i).collect();
    out.sort_by_key(|&i| heads[i].started);
    out
}

/// Indices (older, newer) of the two latest snapshots with the same scope
/// set as the latest one, or `None` if there are not two such.
pub fn latest_pair(heads: &[SnapshotHead]) -> Option<(usize, usize)> {
    let newest = (0..heads.len()).max_by_key(|&i| (heads[i].started, i))?;
    let key = heads[newest].scope_key();
    let older = (0..heads.len())
        .filter(|&i| i != newest && heads[i].scope_key() == key)
        .max_by_key(|&i| (heads[i].started, i))?;
    Some((older, newest))
}

/// The snapshot files of a site (`SITE/scans/*.json`, hidden files left
/// out), oldest first by name; none if there is no `scans/` folder.
pub fn list_site_snapshots(site: &Path) -> Result<Vec<PathBuf>, SnapshotError> {
    let dir = site.join("scans");
    let rd = match fs::read_dir(&dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(SnapshotError::Io { path: dir, source }),
    };
    let mut out: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// The latest snapshot of each distinct scope set in `SITE/scans/`, loaded
/// whole, sorted by start time; only the heads of the others are read.
pub fn latest_per_scope(site: &Path) -> Result<Vec<(PathBuf, Snapshot)>, SnapshotError> {
    Archive::open(site)?
        .latest_per_scope()
        .into_iter()
        .map(|e| e.load().map(|s| (e.path.clone(), s)))
        .collect()
}

/// Reads the head of the snapshot file at `path`, not its hosts.
pub fn read_head(path: &Path) -> Result<SnapshotHead, SnapshotError> {
    let file = File::open(path).map_err(|source| SnapshotError::Io {
        path: path.into(),
        source,
    })?;
    let invalid = |(line, message)| SnapshotError::Invalid {
        path: path.into(),
        line,
        message,
    };
    let fields = scan_head(BufReader::new(file)).map_err(|e| match e {
        HeadError::Io(source) => SnapshotError::Io {
            path: path.into(),
            source,
        },
        HeadError::Invalid(line, message) => invalid((line, message)),
    })?;
    match (fields.started, fields.scopes) {
        (Some(started), Some(scopes)) => Ok(SnapshotHead {
            started,
            scopes,
            source: fields.source.unwrap_or_default(),
        }),
        (None, _) => Err(invalid((1, "missing field `started`".into()))),
        (_, None) => Err(invalid((1, "missing field `scopes`".into()))),
    }
}

/// Why a head could not be read.
#[derive(Debug)]
pub(super) enum HeadError {
    /// The reader failed.
    Io(io::Error),
    /// Not a snapshot this koseizu reads: (line, message).
    Invalid(usize, String),
}

/// The head fields found before the hosts (or in the whole document, when
/// the hosts come first or not at all).
#[derive(Debug, Default)]
pub(super) struct HeadFields {
    format: Option<Option<String>>,
    version: Option<Option<u64>>,
    started: Option<DateTime<Utc>>,
    scopes: Option<Vec<IpNetwork>>,
    source: Option<Source>,
    /// Set when the parse was stopped on purpose: at `hosts` with the head
    /// complete, or at a `format` that is not ours.
    stopped: bool,
}

impl HeadFields {
    fn complete(&self) -> bool {
        self.format.is_some()
            && self.version.is_some()
            && self.started.is_some()
            && self.scopes.is_some()
    }

    /// The format and version checks, format first (one that is not ours
    /// makes the version meaningless).
    fn check(&self) -> Result<(), (usize, String)> {
        match self.format.as_ref().and_then(|f| f.as_deref()) {
            Some(FORMAT_NAME) => {}
            other => {
                return Err((
                    1,
                    format!(
                        "not a koseizu snapshot (format is {other:?}, expected {FORMAT_NAME:?})"
                    ),
                ))
            }
        }
        match self.version.flatten() {
            Some(v) if v >= 1 && v <= u64::from(FORMAT_VERSION) => Ok(()),
            other => Err((
                1,
                format!("snapshot version {other:?} is not supported (this koseizu reads 1..={FORMAT_VERSION})"),
            )),
        }
    }
}

/// Reads a snapshot document up to its hosts and checks its format and
/// version. Errors carry the line, as the full parse's do.
pub(super) fn scan_head<R: Read>(reader: R) -> Result<HeadFields, HeadError> {
    let mut fields = HeadFields::default();
    let mut de = serde_json::Deserializer::from_reader(reader);
    let result = HeadSeed(&mut fields).deserialize(&mut de);
    if !fields.stopped {
        if let Err(e) = result {
            return Err(if e.is_io() {
                HeadError::Io(io::Error::from(e))
            } else {
                HeadError::Invalid(e.line(), e.to_string())
            });
        }
    }
    fields
        .check()
        .map_err(|(line, message)| HeadError::Invalid(line, message))?;
    Ok(fields)
}

/// Fills [`HeadFields`] from the top-level object.
struct HeadSeed<'a>(&'a mut HeadFields);

/// The message of the error that stops the parse on purpose (never shown:
/// [`HeadFields::stopped`] tells it apart).
const STOP: &str = "stopped before the hosts";

impl<'de> DeserializeSeed<'de> for HeadSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for HeadSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a koseizu snapshot (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let fields = self.0;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => {
                    let v: serde_json::Value = map.next_value()?;
                    let format = v.as_str().map(str::to_owned);
                    let ours = format.as_deref() == Some(FORMAT_NAME);
                    fields.format = Some(format);
                    if !ours {
                        // Not ours: the rest of the file is not worth reading.
                        fields.stopped = true;
                        return Err(de::Error::custom(STOP));
                    }
                }
                "version" => {
                    let v: serde_json::Value = map.next_value()?;
                    fields.version = Some(v.as_u64());
                }
                "started" => fields.started = Some(map.next_value()?),
                "scopes" => fields.scopes = Some(map.next_value()?),
                "source" => fields.source = Some(map.next_value()?),
                "hosts" if fields.complete() => {
                    fields.stopped = true;
                    return Err(de::Error::custom(STOP));
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    fn at(days: i64, scope: &str) -> SnapshotHead {
        let mut s = sample();
        s.scopes = vec![scope.parse().unwrap()];
        s.started += chrono::Duration::days(days);
        SnapshotHead::from(&s)
    }

    #[test]
    fn the_latest_pair_shares_the_latest_scope_set() {
        let snaps = vec![
            at(0, "192.168.1.0/24"),
            at(1, "192.168.2.0/24"),
            at(5, "192.168.1.0/24"),
            at(9, "192.168.1.0/24"),
            at(7, "192.168.2.0/24"),
        ];
        assert_eq!(latest_pair(&snaps), Some((2, 3)));
        assert_eq!(latest_pair(&snaps[..2]), None);
        assert_eq!(latest_pair(&[]), None);
    }

    #[test]
    fn the_latest_of_each_scope_set_sorted_by_start() {
        let snaps = [
            at(0, "192.168.1.0/24"),
            at(3, "192.168.2.0/24"),
            at(5, "192.168.1.0/24"),
            at(1, "192.168.2.0/24"),
            at(5, "192.168.1.0/24"),
        ];
        let refs: Vec<&SnapshotHead> = snaps.iter().collect();
        // Scope 2's latest is the one of day 3; scope 1's the later of the
        // two of day 5.
        assert_eq!(latest_per_scope_of(&refs), vec![1, 4]);
    }

    #[test]
    fn the_head_is_read_without_the_hosts() {
        let mut json = Vec::new();
        sample().write_to(&mut json).unwrap();
        let at = json.windows(8).position(|w| w == b"\"hosts\":").unwrap();
        // Everything after the key is garbage: the head reader never gets there.
        let mut cut = json[..at + 8].to_vec();
        cut.extend_from_slice(b" [ this is not JSON");
        let f = scan_head(cut.as_slice()).unwrap();
        assert!(f.stopped);
        assert_eq!(f.started, Some(sample().started));
        assert_eq!(f.scopes, Some(sample().scopes));
        // The full parse does get there.
        assert!(Snapshot::from_slice(&cut).is_err());
    }

    #[test]
    fn the_head_is_found_when_the_hosts_come_first() {
        let v = serde_json::json!({
            "hosts": [],
            "format": FORMAT_NAME,
            "version": 1,
            "started": "2026-11-27T06:15:00Z",
            "scopes": ["198.18.0.0/24"],
        });
        let f = scan_head(v.to_string().as_bytes()).unwrap();
        assert!(!f.stopped && f.complete());
    }

    #[test]
    fn the_archive_reads_heads_and_loads_only_what_is_used() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = sample();
        a.save_in_site(dir.path()).unwrap();
        a.started += chrono::Duration::days(1);
        let newer = a.save_in_site(dir.path()).unwrap();
        // An older scan of another scope whose hosts are broken: its head is
        // read, and it is the latest of its scope set, so it is loaded.
        let mut b = sample();
        b.scopes = vec!["198.18.7.0/24".parse().unwrap()];
        let other = b.save_in_site(dir.path()).unwrap();
        // The oldest scan of the first scope, broken past its head: never loaded.
        let mut c = sample();
        c.started -= chrono::Duration::days(30);
        let stale = c.save_in_site(dir.path()).unwrap();
        let text = fs::read_to_string(&stale).unwrap();
        let at = text.find("\"hosts\"").unwrap();
        fs::write(&stale, format!("{}\"hosts\": [oops", &text[..at])).unwrap();

        let archive = Archive::open(dir.path()).unwrap();
        assert_eq!(archive.entries().len(), 4);
        assert_eq!(archive.dir(), dir.path().join("scans"));
        let used: Vec<&Path> = archive
            .latest_per_scope()
            .iter()
            .map(|e| e.path.as_path())
            .collect();
        assert_eq!(used, vec![other.as_path(), newer.as_path()]);
        let loaded = latest_per_scope(dir.path()).unwrap();
        assert_eq!(loaded.len(), 2);
        assert_eq!(loaded[1].1.started, a.started);
        let (o, n) = archive.latest_pair().unwrap();
        assert_eq!(n.path, newer);
        assert_ne!(o.path, stale);
        // Loading the broken one names it.
        let e = archive
            .entries()
            .iter()
            .find(|e| e.path == stale)
            .unwrap()
            .load()
            .unwrap_err();
        assert!(e.to_string().starts_with(&stale.display().to_string()));
    }

    #[test]
    fn a_foreign_file_in_scans_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("scans")).unwrap();
        let notes = dir.path().join("scans/notes.json");
        fs::write(&notes, "{\"hello\": 1}").unwrap();
        let e = Archive::open(dir.path()).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "{}:1: not a koseizu snapshot (format is None, expected \"koseizu-snapshot\")",
                notes.display()
            )
        );
        fs::write(&notes, "[1, 2]").unwrap();
        let e = Archive::open(dir.path()).unwrap_err().to_string();
        assert!(e.contains("notes.json:1: invalid type"), "{e}");
    }
}
