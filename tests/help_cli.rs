//! `--help` end to end: the real binary speaks Japanese when the locale (or
//! `--lang ja`) asks for it, English otherwise; option names stay English.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::process::Command;

const SUBCOMMANDS: &[&str] = &["map", "scan", "audit", "diff", "impact", "checklist"];

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
