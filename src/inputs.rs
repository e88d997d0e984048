//! What comes in: a site folder plus the snapshots a command uses, turned
//! into what the commands need (the records, the snapshots, the graph with
//! the scans' marks).
//!
//! Every command assembles its inputs here, whatever the snapshots' source
//! (today the scanner; next the imports): `map`, `audit` and `impact` take
//! the latest snapshot of each scope set unless files are given, `diff` the
//! latest two of the same scope set unless two files are given. Only the
//! heads of the other snapshots in `SITE/scans/` are read
//! ([`crate::snapshot::Archive`]).

use std::path::{Path, PathBuf};

use crate::graph::{InventoryGraph, ScanMarks};
use crate::problem::Problem;
use crate::site::{self, Site, SiteError};
use crate::snapshot::{Archive, Snapshot, SnapshotError};

/// Which snapshots a command uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scans {
    /// The latest snapshot of each scope set in `SITE/scans/`, by start time.
    LatestPerScope,
    /// The two latest snapshots of the latest one's scope set in
    /// `SITE/scans/`, older first (what `diff --site` compares).
    LatestPair,
    /// These files, in this order (`--scan FILE`, `diff OLD NEW`).
    Files(Vec<PathBuf>),
    /// None: the records alone (`map --no-scans`).
    None,
}

impl Scans {
    /// The files given with `--scan`, or the latest per scope when none were.
    pub fn given_or_latest(files: &[PathBuf]) -> Scans {
        if files.is_empty() {
            Scans::LatestPerScope
        } else {
            Scans::Files(files.to_vec())
        }
    }
}

/// Why the inputs could not be assembled.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The site folder could not be loaded.
    #[error(transparent)]
    Site(#[from] SiteError),
    /// `SITE/scans/` could not be listed, or one of its snapshots read.
    #[error("cannot read the snapshots in {}", .dir.display())]
    Archive {
        /// `SITE/scans/`.
        dir: PathBuf,
        /// What went wrong, naming the file.
        #[source]
        source: SnapshotError,
    },
    /// A snapshot file given by name could not be read.
    #[error("cannot read snapshot")]
    Snapshot(#[source] SnapshotError),
    /// [`Scans::LatestPair`], and `SITE/scans/` has no two snapshots of the
    /// latest one's networks.
    #[error(
        "{} holds fewer than two scans of the same networks ({count} snapshot(s) in all)",
        .dir.display()
    )]
    NoPair {
        /// `SITE/scans/`.
        dir: PathBuf,
        /// How many snapshots it holds.
        count: usize,
    },
    /// The latest snapshots were asked for without a site folder.
    #[error("choosing the latest snapshots needs a site folder")]
    NoSite,
}

/// The snapshots chosen, each with the file it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshots {
    /// The files, in the order of [`Snapshots::snapshots`].
    pub paths: Vec<PathBuf>,
    /// The snapshots, hosts included.
    pub snapshots: Vec<Snapshot>,
}

impl Snapshots {
    /// Loads the snapshots `scans` asks for; `site` is the folder whose
    /// `scans/` holds the latest ones (needed for those alone).
    pub fn load(site: Option<&Path>, scans: &Scans) -> Result<Snapshots, InputError> {
        let mut out = Snapshots::default();
        match scans {
            Scans::None => {}
            Scans::Files(files) => {
                for path in files {
                    out.snapshots
                        .push(Snapshot::read(path).map_err(InputError::Snapshot)?);
                    out.paths.push(path.clone());
                }
            }
            Scans::LatestPerScope | Scans::LatestPair => {
                let site = site.ok_or(InputError::NoSite)?;
                let in_archive = |source| InputError::Archive {
                    dir: site.join("scans"),
                    source,
                };
                let archive = Archive::open(site).map_err(in_archive)?;
                let chosen = if *scans == Scans::LatestPair {
                    let (older, newer) = archive.latest_pair().ok_or(InputError::NoPair {
                        dir: archive.dir().to_path_buf(),
                        count: archive.entries().len(),
                    })?;
                    vec![older, newer]
                } else {
                    archive.latest_per_scope()
                };
                for entry in chosen {
                    out.snapshots.push(entry.load().map_err(in_archive)?);
                    out.paths.push(entry.path.clone());
                }
            }
        }
        Ok(out)
    }

    /// True if no snapshot was chosen.
    pub fn is_empty(&self) -> bool {
        self.snapshots.is_empty()
    }
}

/// A site and the snapshots a command uses.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The records.
    pub site: Site,
    /// The snapshots chosen.
    pub scans: Snapshots,
}

impl Inputs {
    /// Loads the site folder at `dir` and the snapshots `scans` asks for.
    /// The site's warnings go to `on_warning` as soon as it is loaded
    /// (before any snapshot is read); its errors come back all at once in
    /// [`InputError::Site`].
    pub fn load(
        dir: &Path,
        scans: &Scans,
        on_warning: &mut dyn FnMut(&Problem),
    ) -> Result<Inputs, InputError> {
        let loaded = site::load(dir)?;
        for w in &loaded.warnings {
            on_warning(w);
        }
        Ok(Inputs {
            site: loaded.site,
            scans: Snapshots::load(Some(dir), scans)?,
        })
    }

    /// The snapshots, hosts included.
    pub fn snapshots(&self) -> &[Snapshot] {
        &self.scans.snapshots
    }

    /// What the snapshots say about the records (the audit's
    /// reconciliation): none without snapshots.
    pub fn marks(&self) -> ScanMarks {
        if self.scans.is_empty() {
            ScanMarks::default()
        } else {
            crate::inventory::scan_marks(&self.site, self.snapshots())
        }
    }

    /// The graph of the records with the snapshots' marks, as `map` draws
    /// it and `impact` walks it.
    pub fn graph(&self) -> InventoryGraph {
        InventoryGraph::build(&self.site, self.marks())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
    }

    #[test]
    fn the_sample_with_and_without_its_scans() {
        let mut warnings = 0;
        let with = Inputs::load(&sample(), &Scans::LatestPerScope, &mut |_| warnings += 1).unwrap();
        assert_eq!(with.scans.paths.len(), 1);
        assert!(with.scans.paths[0].ends_with("scans/2026-11-02T010000Z.json"));
        assert!(!with.marks().unregistered.is_empty());
        let without = Inputs::load(&sample(), &Scans::None, &mut |_| {}).unwrap();
        assert!(without.scans.is_empty());
        // No snapshots, no marks: the shortcut is what the audit would say.
        assert_eq!(
            without.marks(),
            crate::inventory::scan_marks(&without.site, &[])
        );
        let pair = Snapshots::load(Some(&sample()), &Scans::LatestPair).unwrap();
        assert_eq!(pair.snapshots.len(), 2);
        assert!(pair.snapshots[0].started < pair.snapshots[1].started);
        let files = Scans::given_or_latest(&pair.paths[..1]);
        let one = Snapshots::load(None, &files).unwrap();
        assert_eq!(one.snapshots[0], pair.snapshots[0]);
    }

    #[test]
    fn errors_name_what_is_missing() {
        assert!(matches!(
            Snapshots::load(None, &Scans::LatestPerScope),
            Err(InputError::NoSite)
        ));
        let dir = tempfile::tempdir().unwrap();
        assert!(Snapshots::load(Some(dir.path()), &Scans::LatestPerScope)
            .unwrap()
            .is_empty());
        match Snapshots::load(Some(dir.path()), &Scans::LatestPair) {
            Err(e @ InputError::NoPair { count: 0, .. }) => assert!(e
                .to_string()
                .contains("fewer than two scans of the same networks")),
            other => panic!("{other:?}"),
        }
        let missing = dir.path().join("nowhere.json");
        let e = Snapshots::load(None, &Scans::Files(vec![missing.clone()])).unwrap_err();
        let chain = format!("{e}: {}", std::error::Error::source(&e).unwrap());
        assert!(chain.starts_with(&format!("cannot read snapshot: {}", missing.display())));
    }
}
