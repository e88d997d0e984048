//! Glue every subcommand shares: assembling the inputs (the site folder and
//! the snapshots, through `koseizu::inputs`) with their errors and warnings
//! told the way a person reads them, and choosing the output language.

use std::io::Write;
use std::path::Path;

use koseizu::inputs::{InputError, Inputs, Scans, Snapshots};
use koseizu::problem::Problem;
use koseizu::site::{self, Lang, Site, SiteError};
use koseizu::text::clean::terminal;
use koseizu::text::Word;

use super::LangArg;

/// Loads the site folder at `dir` and the snapshots `scans` asks for, with
/// messages in the language [`message_lang`] finds for `dir`; see
/// [`load_inputs_in`].
#[allow(dead_code)] // kept for subcommands without a --lang of their own
pub fn load_inputs(dir: &Path, scans: &Scans) -> anyhow::Result<Inputs> {
    load_inputs_in(dir, scans, message_lang(None, Some(dir)), false)
}

/// Loads the site folder at `dir` and the snapshots `scans` asks for,
/// printing each warning of the site to stderr in `lang` (a warning that
/// only matters for a drawing only when `drawing`). On errors in the site
/// the returned error lists every one of them, one per line, so the user can
/// fix them all in one go.
pub fn load_inputs_in(
    dir: &Path,
    scans: &Scans,
    lang: Lang,
    drawing: bool,
) -> anyhow::Result<Inputs> {
    let mut warn = |w: &Problem| print_warnings(std::iter::once(w), lang, drawing);
    match Inputs::load(dir, scans, &mut warn) {
        Ok(inputs) => Ok(inputs),
        Err(InputError::Site(e)) => Err(site_error(dir, e, lang, drawing)),
        Err(e) => Err(input_error(e, lang)),
    }
}

/// An error assembling the inputs, said in `lang` (its cause, naming the
/// file, follows as it is).
pub fn input_error(e: InputError, lang: Lang) -> anyhow::Error {
    if lang == Lang::En {
        return e.into();
    }
    match e {
        InputError::Site(e) => anyhow::Error::new(e),
        InputError::Archive { dir, source } => {
            anyhow::Error::new(source).context(Word::MsgArchive.fill(lang, &[&dir.display()]))
        }
        InputError::Snapshot(source) => {
            anyhow::Error::new(source).context(Word::MsgSnapshot.get(lang))
        }
        e @ InputError::NoPair { .. } => anyhow::Error::new(e),
        InputError::NoSite => anyhow::anyhow!(Word::MsgNoSite.get(lang)),
    }
}

/// Why `--from` names no single node, said in `lang`.
pub fn resolve_error(e: koseizu::impact::ResolveError, lang: Lang) -> anyhow::Error {
    use koseizu::impact::ResolveError;
    let sep = Word::MsgListSeparator.get(lang);
    let quoted = |q: &str| match lang {
        Lang::Ja => q.to_owned(),
        Lang::En => format!("{q:?}"),
    };
    // English keeps the library's own descriptions; Japanese says them in
    // its words, names in 「」 so that no bracket nests.
    let said = |c: &koseizu::impact::Candidate, suggestion: bool| -> String {
        use koseizu::impact::CandidateKind as K;
        let kind = match c.kind {
            K::Device => Word::FromKindDevice,
            K::System => Word::FromKindSystem,
            K::Line => Word::FromKindLine,
            K::Circuit => Word::FromKindCircuit,
            K::Cloud => Word::FromKindCloud,
            K::Unregistered => Word::FromKindUnregistered,
            K::Segment => Word::FromKindSegment,
        }
        .get(lang);
        let id = terminal(&c.id);
        let name = terminal(&c.name);
        let mut s = match (c.kind, name.is_empty() || c.name == c.id) {
            (K::Unregistered, _) | (_, true) if suggestion => format!("{id}（{kind}）"),
            (K::Unregistered, _) | (_, true) => format!("{kind} {id}"),
            _ if suggestion && c.by_name => format!("「{name}」（{kind} {id}）"),
            _ if suggestion => format!("{id}（{kind}「{name}」）"),
            _ => format!("{kind} {id}「{name}」"),
        };
        if !suggestion {
            if let Some(seg) = &c.segment {
                s.push_str(&Word::FromInSegment.fill(lang, &[&terminal(seg)]));
            }
        }
        s
    };
    match e {
        ResolveError::Unknown {
            query,
            suggestions,
            suggested,
        } => {
            let suggestions: Vec<String> = match lang {
                Lang::En => suggestions,
                Lang::Ja => suggested.iter().map(|c| said(c, true)).collect(),
            };
            let unknown = Word::MsgFromUnknown.fill(lang, &[&quoted(&query)]);
            if suggestions.is_empty() {
                anyhow::anyhow!(unknown)
            } else {
                anyhow::anyhow!(Word::MsgFromMeant.fill(lang, &[&unknown, &suggestions.join(sep)]))
            }
        }
        ResolveError::Ambiguous {
            query,
            candidates,
            matched,
        } => {
            let candidates: Vec<String> = match lang {
                Lang::En => candidates,
                Lang::Ja => matched.iter().map(|c| said(c, false)).collect(),
            };
            anyhow::anyhow!(
                Word::MsgFromAmbiguous.fill(lang, &[&quoted(&query), &candidates.join(sep)])
            )
        }
    }
}

/// The language of messages (errors, warnings, progress) before the site is
/// read: `--lang` if given; else the `language` of `site`'s site.toml (its
/// default, Japanese, when the file says none); else, without a readable
/// site.toml, the locale (`LC_ALL`, `LC_MESSAGES`, `LANG` starting with `ja`).
pub fn message_lang(arg: Option<LangArg>, site: Option<&Path>) -> Lang {
    if let Some(l) = arg {
        return l.into();
    }
    let toml = site.and_then(|dir| std::fs::read_to_string(dir.join("site.toml")).ok());
    if let Some(table) = toml.and_then(|t| t.parse::<toml::Table>().ok()) {
        return table
            .get("language")
            .and_then(toml::Value::as_str)
            .and_then(|l| l.parse().ok())
            .unwrap_or_default();
    }
    let no_args: [std::ffi::OsString; 0] = [];
    super::help::lang_before_parsing(&no_args, |k| std::env::var_os(k))
}

/// The snapshots `scans` asks for, without a site folder (`diff OLD NEW`).
#[allow(dead_code)] // kept for subcommands without a --lang of their own
pub fn load_snapshots(scans: &Scans) -> anyhow::Result<Snapshots> {
    Ok(Snapshots::load(None, scans)?)
}

/// Like [`load_snapshots`], with its errors said in `lang`.
pub fn load_snapshots_in(scans: &Scans, lang: Lang) -> anyhow::Result<Snapshots> {
    Snapshots::load(None, scans).map_err(|e| input_error(e, lang))
}

/// The site folder's errors as one message (its warnings printed first).
fn site_error(path: &Path, e: SiteError, lang: Lang, drawing: bool) -> anyhow::Error {
    match e {
        SiteError::Invalid(problems) => {
            print_warnings(problems.warnings(), lang, drawing);
            let errors: Vec<String> = problems
                .errors()
                .map(|p| p.shown(lang).to_string())
                .collect();
            anyhow::anyhow!(
                "{}\n{}",
                if errors.len() == 1 {
                    Word::MsgOneError
                } else {
                    Word::MsgErrors
                }
                .fill(lang, &[&path.display(), &errors.len()]),
                errors.join("\n")
            )
        }
        // The folder itself is unreadable: name it once, then the cause.
        SiteError::Io {
            path: failed,
            source,
        } if failed == path => anyhow::Error::new(source)
            .context(Word::MsgCannotReadSite.fill(lang, &[&path.display()])),
        // A file inside it: the error names the file.
        e @ SiteError::Io { .. } => {
            anyhow::Error::new(e).context(Word::MsgCannotReadSite.fill(lang, &[&path.display()]))
        }
    }
}

/// Prints warnings to stderr in `lang`, leaving out those that only matter
/// for a drawing unless the command draws.
fn print_warnings<'a>(warnings: impl Iterator<Item = &'a Problem>, lang: Lang, drawing: bool) {
    let mut stderr = std::io::stderr().lock();
    for w in warnings.filter(|w| drawing || !w.drawing_only) {
        // A closed stderr leaves nobody to tell; the run goes on.
        let _ = writeln!(stderr, "{}: {}", Word::MsgWarning.get(lang), w.shown(lang));
    }
}

/// Refuses an output path that is one of the site folder's own files, so a
/// slip such as `-o SITE/devices.csv` cannot replace the ledger by a diagram.
pub fn refuse_site_file(site: &Path, output: &Path) -> anyhow::Result<()> {
    let Some(name) = output.file_name().and_then(|n| n.to_str()) else {
        return Ok(());
    };
    let file = site::FILES
        .iter()
        .find(|f| f.eq_ignore_ascii_case(name))
        .copied()
        .or_else(|| site::workbook::is_site_workbook(name).then_some(name));
    let Some(file) = file else {
        return Ok(());
    };
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let same_folder = match (parent.canonicalize(), site.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same_folder {
        let lang = message_lang(None, Some(site));
        anyhow::bail!(Word::MsgOwnFile.fill(lang, &[&output.display(), &file]));
    }
    Ok(())
}

/// The language asked for with `--lang`, else the site's own (site.toml).
pub fn lang(arg: Option<LangArg>, site: &Site) -> Lang {
    arg.map_or(site.meta.language, Lang::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(devices: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("site.toml"),
            "name = \"H\"\nupdated = \"2026-11-01\"\nlanguage = \"en\"\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("devices.csv"), devices).unwrap();
        dir
    }

    #[test]
    fn load_site_error_lists_every_error() {
        let dir = site("id,MACアドレス\nD1,00:1A:2B:3C:4D\nD2,xx\n");
        let err = load_inputs(dir.path(), &Scans::None).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!(
                "site folder {} has 2 errors:\n\
                 devices.csv:2: MACアドレス \"00:1A:2B:3C:4D\": not a MAC address\n\
                 devices.csv:3: MACアドレス \"xx\": not a MAC address",
                dir.path().display()
            )
        );
    }

    #[test]
    fn load_site_returns_the_site_and_lang_prefers_the_argument() {
        let dir = site("id\nD1\n");
        let s = load_inputs(dir.path(), &Scans::LatestPerScope)
            .unwrap()
            .site;
        assert_eq!(s.devices.len(), 1);
        assert_eq!(lang(None, &s), Lang::En);
        assert_eq!(lang(Some(LangArg::Ja), &s), Lang::Ja);
    }

    #[test]
    fn load_site_on_a_missing_folder_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nowhere");
        let msg = format!("{:#}", load_inputs(&missing, &Scans::None).unwrap_err());
        assert_eq!(
            msg,
            format!(
                "cannot read site folder {}: No such file or directory (os error 2)",
                missing.display()
            ),
            "names the folder once, the cause once"
        );
    }

    #[test]
    fn an_unreadable_file_is_named_with_its_cause_once() {
        let dir = site("id\nD1\n");
        std::fs::remove_file(dir.path().join("devices.csv")).unwrap();
        std::fs::create_dir(dir.path().join("devices.csv")).unwrap();
        let msg = format!("{:#}", load_inputs(dir.path(), &Scans::None).unwrap_err());
        let cause = std::fs::read(dir.path().join("devices.csv"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            msg,
            format!(
                "cannot read site folder {}: {}: {cause}",
                dir.path().display(),
                dir.path().join("devices.csv").display()
            )
        );
    }

    #[test]
    fn load_snapshots_without_scans_dir_is_empty_and_bad_file_is_an_error() {
        let dir = site("id\nD1\n");
        let inputs = load_inputs(dir.path(), &Scans::LatestPerScope).unwrap();
        assert!(inputs.scans.is_empty());
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, "{}").unwrap();
        let err = load_snapshots(&Scans::Files(vec![bad.clone()])).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!(
                "cannot read snapshot: {}:1: not a koseizu snapshot (format is None, expected \"koseizu-snapshot\")",
                bad.display()
            )
        );
        let err = load_inputs(dir.path(), &Scans::Files(vec![bad.clone()])).unwrap_err();
        assert!(
            format!("{err:#}").contains(&bad.display().to_string()),
            "{err:#}"
        );
    }
}
