//! `--help` in the user's language, chosen at start-up.
//!
//! The English help is clap's own, from the doc comments of the argument
//! structs. The Japanese help replaces every text of the built command by an
//! entry of [`HELP`], a table of (subcommand, argument id, [`Word`]) rows:
//! a subcommand added later gets Japanese help by adding its rows here and
//! its words to the `help` section of `src/text/words.rs` (the test
//! `every_argument_has_japanese_help` fails until every argument has one).
//! Options keep their English names in both languages.

use std::ffi::OsString;

use clap::{ArgMatches, CommandFactory, FromArgMatches};
use koseizu::site::Lang;
use koseizu::text::Word;

use super::Cli;

/// The command itself in a [`HELP`] row (as opposed to one of its arguments).
const ABOUT: &str = "";

/// Japanese help: `(subcommand or "" for the program, argument id or
/// [`ABOUT`], text)`. Argument ids are the field names of the clap structs.
pub const HELP: &[(&str, &str, Word)] = &[
    ("", ABOUT, Word::HelpProgram),
    ("", "help", Word::HelpHelp),
    ("", "version", Word::HelpVersion),
    ("help", ABOUT, Word::HelpHelpCommand),
    ("map", ABOUT, Word::HelpMap),
    ("map", "site", Word::HelpSite),
    ("map", "scans", Word::HelpMapScans),
    ("map", "no_scans", Word::HelpMapNoScans),
    ("map", "output", Word::HelpMapOutput),
    ("map", "format", Word::HelpMapFormat),
    ("map", "lang", Word::HelpMapLang),
    ("scan", ABOUT, Word::HelpScan),
    ("scan", "iface", Word::HelpScanIface),
    ("scan", "cidrs", Word::HelpScanCidrs),
    ("scan", "site", Word::HelpScanSite),
    ("scan", "output", Word::HelpScanOutput),
    ("scan", "rate", Word::HelpScanRate),
    ("scan", "host_rate", Word::HelpScanHostRate),
    ("scan", "ports", Word::HelpScanPorts),
    ("scan", "outside_probe", Word::HelpScanOutsideProbe),
    ("scan", "excludes", Word::HelpScanExcludes),
    ("scan", "allow_public", Word::HelpScanAllowPublic),
    ("scan", "max_targets", Word::HelpScanMaxTargets),
    ("scan", "unprivileged", Word::HelpScanUnprivileged),
    ("scan", "quiet", Word::HelpScanQuiet),
    ("audit", ABOUT, Word::HelpAudit),
    ("audit", "site", Word::HelpSite),
    ("audit", "scans", Word::HelpScans),
    ("audit", "format", Word::HelpReportFormat),
    ("audit", "csv", Word::HelpAuditCsv),
    ("audit", "allowlist", Word::HelpAuditAllowlist),
    ("audit", "allowlist_format", Word::HelpAuditAllowlistFormat),
    ("audit", "fail_on", Word::HelpAuditFailOn),
    ("audit", "lang", Word::HelpLang),
    ("diff", ABOUT, Word::HelpDiff),
    ("diff", "snapshots", Word::HelpDiffSnapshots),
    ("diff", "site", Word::HelpDiffSite),
    ("diff", "format", Word::HelpDiffFormat),
    ("diff", "lang", Word::HelpLang),
    ("impact", ABOUT, Word::HelpImpact),
    ("impact", "site", Word::HelpSite),
    ("impact", "from", Word::HelpImpactFrom),
    ("impact", "scans", Word::HelpScans),
    ("impact", "output", Word::HelpImpactOutput),
    ("impact", "format", Word::HelpReportFormat),
    ("impact", "lang", Word::HelpLang),
    ("impact", "all", Word::HelpImpactAll),
    ("checklist", ABOUT, Word::HelpChecklist),
    ("checklist", "site", Word::HelpSite),
    ("checklist", "scans", Word::HelpChecklistScans),
    ("checklist", "format", Word::HelpChecklistFormat),
    ("checklist", "lang", Word::HelpLang),
    ("checklist", "output", Word::HelpChecklistOutput),
    ("scan", "identify", Word::HelpScanIdentify),
    ("scan", "lang", Word::HelpLang),
    ("import", "lang", Word::HelpLang),
    ("listen", "lang", Word::HelpLang),
    ("audit", "xlsx", Word::HelpAuditXlsx),
    ("audit", "advisories", Word::HelpAuditAdvisories),
    ("init", ABOUT, Word::HelpInit),
    ("init", "dir", Word::HelpInitDir),
    ("init", "lang", Word::HelpInitLang),
    ("ledger", ABOUT, Word::HelpLedger),
    ("ledger", "site", Word::HelpSite),
    ("ledger", "scans", Word::HelpScans),
    ("ledger", "xlsx", Word::HelpLedgerXlsx),
    ("ledger", "lang", Word::HelpLang),
    ("poll", ABOUT, Word::HelpPoll),
    ("poll", "site", Word::HelpPollSite),
    ("poll", "devices", Word::HelpPollDevices),
    ("poll", "credentials", Word::HelpPollCredentials),
    ("poll", "output", Word::HelpPollOutput),
    ("poll", "rate", Word::HelpPollRate),
    ("poll", "timeout_ms", Word::HelpPollTimeout),
    ("poll", "retries", Word::HelpPollRetries),
    ("poll", "max_repetitions", Word::HelpPollMaxRepetitions),
    ("poll", "port", Word::HelpPollPort),
    ("poll", "quiet", Word::HelpPollQuiet),
    ("identify", ABOUT, Word::HelpIdentify),
    ("identify", "site", Word::HelpSite),
    ("identify", "devices", Word::HelpIdentifyDevices),
    ("identify", "scans", Word::HelpScans),
    ("identify", "no_probe", Word::HelpIdentifyNoProbe),
    ("identify", "save", Word::HelpIdentifySave),
    ("identify", "advisories", Word::HelpIdentifyAdvisories),
    ("identify", "rate", Word::HelpScanRate),
    ("identify", "host_rate", Word::HelpScanHostRate),
    ("identify", "excludes", Word::HelpIdentifyExcludes),
    ("identify", "allow_public", Word::HelpIdentifyAllowPublic),
    ("identify", "format", Word::HelpReportFormat),
    ("identify", "lang", Word::HelpLang),
    ("report", ABOUT, Word::HelpReport),
    ("report", "site", Word::HelpSite),
    ("report", "output", Word::HelpReportOutput),
    ("report", "scans", Word::HelpReportScans),
    ("report", "lang", Word::HelpLang),
    ("import", ABOUT, Word::HelpImport),
    ("import", "files", Word::HelpImportFiles),
    ("import", "site", Word::HelpImportSite),
    ("import", "output", Word::HelpImportOutput),
    ("import", "format", Word::HelpImportFormat),
    ("import", "quiet", Word::HelpImportQuiet),
    ("listen", ABOUT, Word::HelpListen),
    ("listen", "iface", Word::HelpListenIface),
    ("listen", "duration", Word::HelpListenDuration),
    ("listen", "site", Word::HelpListenSite),
    ("listen", "output", Word::HelpImportOutput),
    ("listen", "write_pcap", Word::HelpListenWritePcap),
    ("listen", "quiet", Word::HelpListenQuiet),
    // Every subcommand's own -h/--help.
    ("*", "help", Word::HelpHelp),
];

/// The Japanese text of `arg` (or of the command itself for [`ABOUT`]) of
/// subcommand `sub` ("" for the program), if the table has one.
fn japanese(sub: &str, arg: &str) -> Option<&'static str> {
    HELP.iter()
        .find(|(s, a, _)| *s == sub && *a == arg)
        .or_else(|| HELP.iter().find(|(s, a, _)| *s == "*" && *a == arg))
        .map(|(_, _, w)| w.ja())
}

/// The language of `--help`, known before parsing: `--lang ja|en` on the
/// command line, else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
/// set and not empty (Japanese when it starts with `ja`), else English.
pub fn lang_before_parsing(args: &[OsString], env: impl Fn(&str) -> Option<OsString>) -> Lang {
    let mut words = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = words.next() {
        let value = match a.strip_prefix("--lang") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        match value {
            Some("ja") => return Lang::Ja,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| env(k))
        .find(|v| !v.is_empty());
    match locale {
        Some(v) if v.to_string_lossy().starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    }
}

/// The whole command line definition with its help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let mut cmd = Cli::command();
    if lang == Lang::En {
        return cmd;
    }
    cmd.build();
    let cmd = japanese_command(cmd, "");
    cmd.mut_subcommands(|sub| {
        let name = sub.get_name().to_owned();
        japanese_command(sub, &name)
    })
}

/// One command's texts and headings in Japanese.
fn japanese_command(cmd: clap::Command, sub: &str) -> clap::Command {
    let mut cmd = cmd
        .help_template(Word::HelpTemplate.ja())
        .subcommand_help_heading(Word::HelpCommands.ja())
        .mut_args(|arg| {
            let id = arg.get_id().as_str().to_owned();
            let heading = if arg.is_positional() {
                Word::HelpArguments
            } else {
                Word::HelpOptions
            };
            let arg = arg
                .help_heading(heading.ja())
                .hide_possible_values(true)
                .hide_default_value(true)
                .long_help(None);
            match japanese(sub, &id) {
                Some(text) => arg.help(text),
                None => arg,
            }
        });
    if let Some(about) = japanese(sub, ABOUT) {
        cmd = cmd.about(about).long_about(None);
    }
    cmd
}

/// Parses the process's command line with help in the language the
/// environment asks for; prints help or a usage error and exits as clap does.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = lang_before_parsing(&args, |k| std::env::var_os(k));
    let matches: ArgMatches = command(lang)
        .try_get_matches_from(args)
        .unwrap_or_else(|e| exit(e, lang));
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| exit(e, lang))
}

/// Prints a usage error (or help, or the version) and exits as clap does:
/// usage errors in Japanese for a Japanese reader, with what is expected.
fn exit(e: clap::Error, lang: Lang) -> ! {
    match japanese_error(&e, lang) {
        Some(text) => {
            eprintln!("{text}");
            std::process::exit(2)
        }
        None => e.exit(),
    }
}

/// The Japanese text of a usage error; `None` for help, the version, and
/// in English (clap's own text).
fn japanese_error(e: &clap::Error, lang: Lang) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    if lang != Lang::Ja || !e.use_stderr() {
        return None;
    }
    let get = |k: ContextKind| e.get(k).map(ToString::to_string).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::MissingRequiredArgument => {
            Word::HelpErrMissing.fill(lang, &[&get(ContextKind::InvalidArg)])
        }
        ErrorKind::UnknownArgument => {
            Word::HelpErrUnknown.fill(lang, &[&get(ContextKind::InvalidArg)])
        }
        ErrorKind::InvalidSubcommand => {
            Word::HelpErrSubcommand.fill(lang, &[&get(ContextKind::InvalidSubcommand)])
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => Word::HelpErrValue.fill(
            lang,
            &[
                &get(ContextKind::InvalidArg),
                &get(ContextKind::InvalidValue),
            ],
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Word::HelpErrNoCommand.get(lang).to_owned()
        }
        _ => Word::HelpErrOther.fill(lang, &[&e.kind()]),
    };
    let mut text = format!("{}: {what}", Word::HelpErrPrefix.get(lang));
    let valid = get(ContextKind::ValidValue);
    if !valid.is_empty() {
        text.push_str(&Word::HelpErrValid.fill(lang, &[&valid]));
    }
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(get)
    .find(|s| !s.is_empty());
    if let Some(s) = suggested {
        text.push_str(&Word::HelpErrSuggested.fill(lang, &[&s]));
    }
    let usage = get(ContextKind::Usage);
    if let Some(u) = usage.trim().strip_prefix("Usage:") {
        text.push_str(&format!("\n\n使い方:{u}"));
    }
    text.push_str(&format!("\n\n{}", Word::HelpErrMore.get(lang)));
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(lang: Lang, args: &[&str]) -> String {
        let err = command(lang)
            .try_get_matches_from(args)
            .expect_err("--help stops parsing");
        assert_eq!(err.kind(), clap::error::ErrorKind::DisplayHelp);
        err.render().to_string()
    }

    fn subcommands() -> Vec<String> {
        Cli::command()
            .get_subcommands()
            .map(|s| s.get_name().to_owned())
            .collect()
    }

    #[test]
    fn every_argument_has_japanese_help() {
        let mut cmd = command(Lang::Ja);
        cmd.build();
        let mut missing = Vec::new();
        let mut check = |sub: &str, c: &clap::Command| {
            if c.get_about().is_none_or(|a| a.to_string().is_empty()) {
                missing.push(format!("{sub} (about)"));
            }
            for a in c.get_arguments() {
                if japanese(sub, a.get_id().as_str()).is_none() {
                    missing.push(format!("{sub} {}", a.get_id()));
                }
            }
        };
        check("", &cmd);
        for sub in cmd.get_subcommands() {
            check(sub.get_name(), sub);
        }
        assert!(missing.is_empty(), "no Japanese help for: {missing:?}");
    }

    #[test]
    fn every_argument_has_help_in_both_languages() {
        for lang in [Lang::Ja, Lang::En] {
            let mut cmd = command(lang);
            cmd.build();
            let all: Vec<&clap::Command> =
                std::iter::once(&cmd).chain(cmd.get_subcommands()).collect();
            for c in all {
                assert!(
                    c.get_about().is_some_and(|a| !a.to_string().is_empty()),
                    "{lang:?} {}",
                    c.get_name()
                );
                for a in c.get_arguments() {
                    let h = a.get_help().map(ToString::to_string).unwrap_or_default();
                    assert!(
                        !h.trim().is_empty(),
                        "{lang:?} {} {}",
                        c.get_name(),
                        a.get_id()
                    );
                }
            }
        }
    }

    #[test]
    fn help_of_every_subcommand_in_japanese_and_english() {
        for sub in subcommands() {
            let ja = help(Lang::Ja, &["koseizu", &sub, "--help"]);
            let en = help(Lang::En, &["koseizu", &sub, "--help"]);
            assert!(ja.contains("使い方: koseizu"), "{sub}:\n{ja}");
            assert!(ja.contains("オプション:"), "{sub}:\n{ja}");
            assert!(ja.contains("ヘルプを表示します"), "{sub}:\n{ja}");
            assert!(
                !ja.contains("Usage:") && !ja.contains("Print help"),
                "{sub}:\n{ja}"
            );
            assert!(
                en.contains("Usage: koseizu") && en.contains("Print help"),
                "{sub}:\n{en}"
            );
            assert!(!en.contains("使い方"), "{sub}:\n{en}");
            // Options keep their English names.
            for a in Cli::command()
                .find_subcommand(&sub)
                .into_iter()
                .flat_map(|c| {
                    c.get_arguments()
                        .filter(|a| !a.is_hide_set())
                        .filter_map(|a| a.get_long())
                        .collect::<Vec<_>>()
                })
            {
                assert!(ja.contains(&format!("--{a}")), "{sub} --{a}:\n{ja}");
            }
        }
    }

    #[test]
    fn help_of_the_program_names_every_subcommand_in_japanese() {
        let ja = help(Lang::Ja, &["koseizu", "--help"]);
        assert!(ja.contains("コマンド:"), "{ja}");
        assert!(ja.contains(Word::HelpMap.ja()), "{ja}");
        assert!(ja.contains(Word::HelpImpact.ja()), "{ja}");
        let en = help(Lang::En, &["koseizu", "--help"]);
        assert!(en.contains("Commands:") && en.contains("Draw the simplified network diagram"));
        let map = help(Lang::Ja, &["koseizu", "map", "-h"]);
        assert!(map.contains("出力形式: svg（A3横で印刷できるSVG"), "{map}");
    }

    #[test]
    fn parsing_is_the_same_in_both_languages() {
        for lang in [Lang::Ja, Lang::En] {
            let m = command(lang)
                .try_get_matches_from(["koseizu", "audit", "data", "--format", "json"])
                .unwrap();
            let cli = Cli::from_arg_matches(&m).unwrap();
            assert!(matches!(cli.command, super::super::Command::Audit(_)));
        }
    }

    #[test]
    fn usage_errors_in_japanese_say_what_is_expected() {
        let err = |args: &[&str]| {
            let e = command(Lang::Ja).try_get_matches_from(args).unwrap_err();
            japanese_error(&e, Lang::Ja).unwrap()
        };
        let missing = err(&["koseizu", "map"]);
        assert!(
            missing.starts_with("エラー: 必要な引数がありません: <SITE>"),
            "{missing}"
        );
        assert!(missing.contains("使い方: koseizu map"), "{missing}");
        let value = err(&["koseizu", "audit", "data", "--format", "xlsx"]);
        assert!(
            value.starts_with(
                "エラー: --format <FORMAT> の値「xlsx」は使えません（使える値: text, json）"
            ),
            "{value}"
        );
        let unknown = err(&["koseizu", "mapp"]);
        assert!(
            unknown.contains("「mapp」というコマンドはありません"),
            "{unknown}"
        );
        assert!(unknown.contains("map の誤りではありませんか"), "{unknown}");
        // English stays clap's own.
        let e = command(Lang::En)
            .try_get_matches_from(["koseizu", "map"])
            .unwrap_err();
        assert!(japanese_error(&e, Lang::En).is_none());
    }

    #[test]
    fn language_comes_from_lang_option_then_locale() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| OsString::from(v))
            }
        };
        let none = args(&["koseizu", "--help"]);
        assert_eq!(lang_before_parsing(&none, env(&[])), Lang::En);
        assert_eq!(
            lang_before_parsing(&none, env(&[("LANG", "ja_JP.UTF-8")])),
            Lang::Ja
        );
        assert_eq!(
            lang_before_parsing(&none, env(&[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")])),
            Lang::En
        );
        assert_eq!(
            lang_before_parsing(&none, env(&[("LC_ALL", ""), ("LC_MESSAGES", "ja_JP")])),
            Lang::Ja
        );
        let en = args(&["koseizu", "map", "--lang", "en", "-h"]);
        assert_eq!(
            lang_before_parsing(&en, env(&[("LANG", "ja_JP.UTF-8")])),
            Lang::En
        );
        let ja = args(&["koseizu", "map", "--lang=ja", "-h"]);
        assert_eq!(lang_before_parsing(&ja, env(&[])), Lang::Ja);
    }
}
