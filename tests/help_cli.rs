//! `--help` end to end: the real binary speaks Japanese when the locale (or
//! `--lang ja`) asks for it, English otherwise; option names stay English.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::process::Command;

const SUBCOMMANDS: &[&str] = &[
    "map",
    "scan",
    "audit",
    "diff",
    "impact",
    "checklist",
    "init",
    "ledger",
    "poll",
    "identify",
    "report",
    "import",
    "listen",
];

fn help(locale: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn program_help_follows_the_locale() {
    let ja = help("ja_JP.UTF-8", &["--help"]);
    assert!(ja.contains("使い方: koseizu <COMMAND>"), "{ja}");
    assert!(ja.contains("コマンド:"), "{ja}");
    assert!(
        ja.contains("ネットワーク簡易構成図（付録１）を作ります"),
        "{ja}"
    );
    let en = help("C.UTF-8", &["--help"]);
    assert!(en.contains("Usage: koseizu <COMMAND>"), "{en}");
    assert!(en.contains("Draw the simplified network diagram"), "{en}");
}

#[test]
fn every_subcommand_has_help_in_both_languages() {
    for sub in SUBCOMMANDS {
        let ja = help("ja_JP.UTF-8", &[sub, "--help"]);
        assert!(ja.contains(&format!("使い方: koseizu {sub}")), "{ja}");
        assert!(
            ja.contains("オプション:") && ja.contains("ヘルプを表示します"),
            "{ja}"
        );
        assert!(!ja.contains("Print help"), "{ja}");
        let en = help("en_US.UTF-8", &[sub, "--help"]);
        assert!(en.contains(&format!("Usage: koseizu {sub}")), "{en}");
        assert!(en.contains("Options:") && en.contains("Print help"), "{en}");
        assert!(!en.contains("使い方"), "{en}");
    }
}

#[test]
fn lang_option_overrides_the_locale_for_help() {
    let ja = help("C", &["impact", "--lang", "ja", "--help"]);
    assert!(ja.contains("起点（感染が疑われるもの）"), "{ja}");
    assert!(
        ja.contains("--from <DEVICE|IP|MAC|SYSTEM|LINE|CIRCUIT>"),
        "{ja}"
    );
    let en = help("ja_JP.UTF-8", &["impact", "--lang=en", "--help"]);
    assert!(en.contains("The compromised node"), "{en}");
}

/// The list above is every subcommand the program has: one added later
/// without Japanese help fails here, not in front of a user.
#[test]
fn the_list_holds_every_subcommand() {
    let en = help("C.UTF-8", &["--help"]);
    let listed: Vec<&str> = en
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A description wrapped onto the next line is indented further.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(!listed.is_empty(), "{en}");
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    let mut ours = SUBCOMMANDS.to_vec();
    ours.sort_unstable();
    assert_eq!(sorted, ours, "{en}");
    // And every one is described in Japanese in the program's help.
    let ja = help("ja_JP.UTF-8", &["--help"]);
    for sub in SUBCOMMANDS {
        let line = ja
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{sub} ")))
            .unwrap_or_else(|| panic!("{sub}:\n{ja}"));
        assert!(!line.is_ascii(), "{sub} is described in English: {line}");
    }
}

/// Every option of every subcommand is explained in Japanese: no help line
/// under 「オプション:」 is left in English.
#[test]
fn no_option_is_explained_in_english() {
    for sub in SUBCOMMANDS {
        let ja = help("ja_JP.UTF-8", &[sub, "--help"]);
        let mut lines = ja.lines().peekable();
        while let Some(l) = lines.next() {
            let t = l.trim_start();
            if t.starts_with('-') || t.starts_with('<') {
                // The explanation follows on the next non-empty line.
                if let Some(next) = lines.peek() {
                    let n = next.trim();
                    if !n.is_empty() && !n.starts_with('-') && !n.starts_with('<') {
                        assert!(!n.is_ascii(), "{sub}: {t}: {n}");
                    }
                }
            }
        }
    }
}
