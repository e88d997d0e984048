//! Reading and validating a site folder (see docs/site-format.md).
//!
//! [`load`] reads every file, collects every problem of the run (so staff
//! fix their spreadsheet once, not once per error), and returns the typed
//! [`Site`] only when no problem is an error. [`write_folder`] writes a
//! [`Site`] back as a folder that [`load`] reads equal.

mod check;
mod model;
mod read;
mod table;
mod write;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use model::*;
pub use write::{
    write_circuits, write_clouds, write_contacts, write_devices, write_flows, write_folder,
    write_lines, write_meta, write_segments, write_systems, MacSpelling, WriteError, WriteOptions,
};

use crate::problem::{Problem, Problems};
use crate::text::Word;
use read::Read;

/// A site read without errors, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The records.
    pub site: Site,
    /// Problems that did not stop the run (unknown columns, outside parties, …).
    pub warnings: Vec<Problem>,
}

/// Why a site folder could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// A file or the folder could not be read at all. Displays the path
    /// only: the cause is the error's source, which callers print after it
    /// (showing both here made every chain say the cause twice).
    #[error("{}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Cause.
        source: io::Error,
    },
    /// The files have errors: all problems of the run, errors and warnings.
    #[error("the site folder has {count} error(s):\n{problems}", count = .0.errors().count(), problems = .0)]
    Invalid(Problems),
}

/// The files of a site folder, in the order problems are reported.
pub const FILES: [&str; 9] = [
    "site.toml",
    "segments.csv",
    "devices.csv",
    "systems.csv",
    "lines.csv",
    "maintenance.csv",
    "cloud.csv",
    "flows.csv",
    "contacts.csv",
];

/// What became of one optional file.
pub(crate) enum FileState<T> {
    /// Not in the folder.
    Absent,
    /// Present but unusable (encoding, open quote, missing column): its
    /// problems are reported and references to it are not checked.
    Broken,
    /// Read; some rows may still have had errors.
    Read(Read<T>),
}

impl<T> FileState<T> {
    fn records(self) -> Vec<T> {
        match self {
            FileState::Read(r) => r.records,
            _ => Vec::new(),
        }
    }
}

/// Reads and validates the site folder at `root`.
pub fn load(root: &Path) -> Result<Loaded, SiteError> {
    let meta = fs::metadata(root).map_err(|source| SiteError::Io {
        path: root.into(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(SiteError::Io {
            path: root.into(),
            source: io::Error::new(io::ErrorKind::InvalidInput, "not a folder"),
        });
    }
    let mut problems = Problems::default();

    let site_meta = match text_of(root, "site.toml", &mut problems)? {
        Text::Absent => {
            problems.push(Problem::error_said(
                "site.toml",
                None,
                Word::MsgSiteTomlMissing,
                &[],
            ));
            None
        }
        Text::Broken => None,
        Text::Ok(text) => read::meta("site.toml", &text, &mut problems),
    };
    let segments = read_file(root, "segments.csv", read::segments, &mut problems)?;
    let devices = read_file(root, "devices.csv", read::devices, &mut problems)?;
    if matches!(devices, FileState::Absent) {
        problems.push(Problem::error_said(
            "devices.csv",
            None,
            Word::MsgDevicesMissing,
            &[],
        ));
    }
    let systems = read_file(root, "systems.csv", read::systems, &mut problems)?;
    let lines = read_file(root, "lines.csv", read::lines, &mut problems)?;
    let circuits = read_file(root, "maintenance.csv", read::circuits, &mut problems)?;
    let clouds = read_file(root, "cloud.csv", read::clouds, &mut problems)?;
    let flows = read_file(root, "flows.csv", read::flows, &mut problems)?;
    let contacts = read_file(root, "contacts.csv", read::contacts, &mut problems)?;

    let files = check::Files {
        segments,
        devices,
        systems,
        lines,
        circuits,
        clouds,
        flows,
    };
    let checked = check::references(files, &mut problems);

    // Report in file order, then line order, whatever stage found them.
    problems.0.sort_by_key(|p| {
        (
            FILES
                .iter()
                .position(|f| *f == p.file)
                .unwrap_or(FILES.len()),
            p.line,
        )
    });
    let Some(meta) = site_meta.filter(|_| !problems.has_errors()) else {
        return Err(SiteError::Invalid(problems));
    };
    let site = Site {
        root: root.to_path_buf(),
        meta,
        segments: checked.segments,
        devices: checked.devices,
        systems: checked.systems,
        lines: checked.lines,
        circuits: checked.circuits,
        clouds: checked.clouds,
        flows: checked.flows,
        contacts: contacts.records(),
    };
    Ok(Loaded {
        site,
        warnings: problems.0,
    })
}

/// A file's decoded text, or why there is none.
enum Text {
    Absent,
    Broken,
    Ok(String),
}

fn text_of(root: &Path, name: &str, problems: &mut Problems) -> Result<Text, SiteError> {
    let path = root.join(name);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Text::Absent),
        Err(source) => return Err(SiteError::Io { path, source }),
    };
    Ok(match table::decode(name, &bytes) {
        Ok(text) => Text::Ok(text),
        Err(p) => {
            problems.push(p);
            Text::Broken
        }
    })
}

fn read_file<T>(
    root: &Path,
    name: &str,
    reader: fn(&str, &str, &mut Problems) -> Option<Read<T>>,
    problems: &mut Problems,
) -> Result<FileState<T>, SiteError> {
    Ok(match text_of(root, name, problems)? {
        Text::Absent => FileState::Absent,
        Text::Broken => FileState::Broken,
        Text::Ok(text) => match reader(name, &text, problems) {
            Some(read) => FileState::Read(read),
            None => FileState::Broken,
        },
    })
}
