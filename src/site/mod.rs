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
pub mod workbook;
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
    let mut books = workbook::Sources::find(root, &mut problems)
        .map_err(|(path, source)| SiteError::Io { path, source })?;
    let b = &mut books;
    let segments = read_file(root, "segments.csv", read::segments, b, &mut problems)?;
    let devices = read_file(root, "devices.csv", read::devices, b, &mut problems)?;
    if matches!(devices, FileState::Absent) && !books.any_broken() {
        problems.push(Problem::error_said(
            "devices.csv",
            None,
            if books.any() {
                Word::MsgDevicesMissingInBook
            } else {
                Word::MsgDevicesMissing
            },
            &[],
        ));
    }
    let b = &mut books;
    let systems = read_file(root, "systems.csv", read::systems, b, &mut problems)?;
    let lines = read_file(root, "lines.csv", read::lines, b, &mut problems)?;
    let circuits = read_file(root, "maintenance.csv", read::circuits, b, &mut problems)?;
    let clouds = read_file(root, "cloud.csv", read::clouds, b, &mut problems)?;
    let flows = read_file(root, "flows.csv", read::flows, b, &mut problems)?;
    let contacts = read_file(root, "contacts.csv", read::contacts, b, &mut problems)?;

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

    // Report in file order, then line order, whatever stage found them
    // (a table read from a sheet in its table's place).
    problems.0.sort_by_key(|p| {
        let table = books.table_of_label(&p.file).unwrap_or(&p.file);
        (
            FILES
                .iter()
                .position(|f| *f == table)
                .unwrap_or(FILES.len()),
            p.line,
        )
    });
    books.place(&mut problems);
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
            problems.push(*p);
            Text::Broken
        }
    })
}

/// Reads one table from its CSV file or from the workbook sheet that holds it.
fn read_file<T>(
    root: &Path,
    name: &'static str,
    reader: fn(&str, table::Input<'_>, &mut Problems) -> Option<Read<T>>,
    books: &mut workbook::Sources,
    problems: &mut Problems,
) -> Result<FileState<T>, SiteError> {
    let text = text_of(root, name, problems)?;
    let from_book = books.table(name, !matches!(text, Text::Absent), problems);
    let read = |label: &str, input, problems: &mut Problems| match reader(label, input, problems) {
        Some(read) => FileState::Read(read),
        None => FileState::Broken,
    };
    Ok(match (from_book, text) {
        (workbook::FromBook::Broken, _) => FileState::Broken,
        (workbook::FromBook::Sheet(label, rows), _) => {
            let state = read(&label, table::Input::Sheet(&rows), problems);
            if let FileState::Read(r) = &state {
                books.headers(&label, &r.headers);
            }
            state
        }
        (workbook::FromBook::No, Text::Absent) => FileState::Absent,
        (workbook::FromBook::No, Text::Broken) => FileState::Broken,
        (workbook::FromBook::No, Text::Ok(text)) => read(name, table::Input::Csv(&text), problems),
    })
}
