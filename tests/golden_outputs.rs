//! Every command's output on the bundled sample and on a synthetic site with
//! two scans, byte for byte against the files saved in `tests/golden/expected/`
//! before the restructure of issue 8 (the inputs' and outputs' one home).
//!
//! A deliberate change of output is saved with `KOSEIZU_BLESS=1 cargo test
//! --test golden_outputs` and explained in its commit. Today's date (used
//! where a site has no `updated` and in allowlist headers) is written as
//! `TODAY` so the files do not age.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

/// One run of the binary: its name, its arguments (`{site}` and `{out}` are
/// replaced by the site copy and the output folder) and the files it writes
/// into `{out}` besides its standard output.
struct Case {
    name: &'static str,
    site: &'static str,
    args: &'static [&'static str],
    files: &'static [&'static str],
}

const SAMPLE: &str = "data";
const SYNTH: &str = "tests/golden/synth-site";

const CASES: &[Case] = &[
    Case {
        name: "sample-map-svg",
        site: SAMPLE,
        args: &["map", "{site}", "-o", "{out}/d.svg"],
        files: &["d.svg"],
    },
    Case {
        name: "sample-map-svg-noscans",
        site: SAMPLE,
        args: &["map", "{site}", "--no-scans", "-o", "{out}/d.svg"],
        files: &["d.svg"],
    },
    Case {
        name: "sample-map-svg-en",
        site: SAMPLE,
        args: &["map", "{site}", "--lang", "en", "-o", "{out}/d.svg"],
        files: &["d.svg"],
    },
    Case {
        name: "sample-map-dot",
        site: SAMPLE,
        args: &["map", "{site}", "--format", "dot", "-o", "{out}/d.dot"],
        files: &["d.dot"],
    },
    Case {
        name: "sample-map-json",
        site: SAMPLE,
        args: &["map", "{site}", "--format", "json", "-o", "{out}/d.json"],
        files: &["d.json"],
    },
    Case {
        name: "sample-audit-text",
        site: SAMPLE,
        args: &["audit", "{site}"],
        files: &[],
    },
    Case {
        name: "sample-audit-text-en",
        site: SAMPLE,
        args: &["audit", "{site}", "--lang", "en"],
        files: &[],
    },
    Case {
        name: "sample-audit-json",
        site: SAMPLE,
        args: &[
            "audit",
            "{site}",
            "--format",
            "json",
            "--csv",
            "{out}/f.csv",
            "--allowlist",
            "{out}/a.txt",
        ],
        files: &["f.csv", "a.txt"],
    },
    Case {
        name: "sample-audit-allow-csv",
        site: SAMPLE,
        args: &[
            "audit",
            "{site}",
            "--allowlist",
            "{out}/a.csv",
            "--allowlist-format",
            "csv",
        ],
        files: &["a.csv"],
    },
    Case {
        name: "sample-audit-allow-radius",
        site: SAMPLE,
        args: &[
            "audit",
            "{site}",
            "--allowlist",
            "{out}/users",
            "--allowlist-format",
            "freeradius",
        ],
        files: &["users"],
    },
    Case {
        name: "sample-diff-text",
        site: SAMPLE,
        args: &["diff", "--site", "{site}"],
        files: &[],
    },
    Case {
        name: "sample-diff-text-en",
        site: SAMPLE,
        args: &["diff", "--site", "{site}", "--lang", "en"],
        files: &[],
    },
    Case {
        name: "sample-diff-json",
        site: SAMPLE,
        args: &["diff", "--site", "{site}", "--format", "json"],
        files: &[],
    },
    Case {
        name: "sample-diff-csv",
        site: SAMPLE,
        args: &["diff", "--site", "{site}", "--format", "csv"],
        files: &[],
    },
    Case {
        name: "sample-impact-ip",
        site: SAMPLE,
        args: &[
            "impact",
            "{site}",
            "--from",
            "192.168.50.240",
            "-o",
            "{out}/i.svg",
        ],
        files: &["i.svg"],
    },
    Case {
        name: "sample-impact-json",
        site: SAMPLE,
        args: &[
            "impact",
            "{site}",
            "--from",
            "192.168.50.240",
            "--format",
            "json",
        ],
        files: &[],
    },
    Case {
        name: "sample-impact-vpn-en",
        site: SAMPLE,
        args: &[
            "impact",
            "{site}",
            "--from",
            "NW-005",
            "--lang",
            "en",
            "-o",
            "{out}/i.svg",
        ],
        files: &["i.svg"],
    },
    Case {
        name: "synth-map-svg",
        site: SYNTH,
        args: &["map", "{site}", "-o", "{out}/d.svg"],
        files: &["d.svg"],
    },
    Case {
        name: "synth-map-dot",
        site: SYNTH,
        args: &["map", "{site}", "--format", "dot", "-o", "{out}/d.dot"],
        files: &["d.dot"],
    },
    Case {
        name: "synth-map-json",
        site: SYNTH,
        args: &["map", "{site}", "--format", "json", "-o", "{out}/d.json"],
        files: &["d.json"],
    },
    Case {
        name: "synth-audit-text",
        site: SYNTH,
        args: &["audit", "{site}"],
        files: &[],
    },
    Case {
        name: "synth-audit-json",
        site: SYNTH,
        args: &[
            "audit",
            "{site}",
            "--format",
            "json",
            "--csv",
            "{out}/f.csv",
            "--allowlist",
            "{out}/users",
            "--allowlist-format",
            "freeradius",
        ],
        files: &["f.csv", "users"],
    },
    Case {
        name: "synth-audit-en",
        site: SYNTH,
        args: &[
            "audit",
            "{site}",
            "--lang",
            "en",
            "--allowlist",
            "{out}/a.csv",
            "--allowlist-format",
            "csv",
        ],
        files: &["a.csv"],
    },
    Case {
        name: "synth-diff-text",
        site: SYNTH,
        args: &["diff", "--site", "{site}"],
        files: &[],
    },
    Case {
        name: "synth-diff-json",
        site: SYNTH,
        args: &["diff", "--site", "{site}", "--format", "json"],
        files: &[],
    },
    Case {
        name: "synth-diff-csv-en",
        site: SYNTH,
        args: &[
            "diff", "--site", "{site}", "--format", "csv", "--lang", "en",
        ],
        files: &[],
    },
    Case {
        name: "synth-impact-vpn",
        site: SYNTH,
        args: &["impact", "{site}", "--from", "D000003", "-o", "{out}/i.svg"],
        files: &["i.svg"],
    },
    Case {
        name: "synth-impact-json-en",
        site: SYNTH,
        args: &[
            "impact", "{site}", "--from", "D000003", "--format", "json", "--lang", "en",
        ],
        files: &[],
    },
    Case {
        name: "sample-checklist-text",
        site: SAMPLE,
        args: &["checklist", "{site}"],
        files: &[],
    },
    Case {
        name: "sample-checklist-text-en",
        site: SAMPLE,
        args: &["checklist", "{site}", "--lang", "en"],
        files: &[],
    },
    Case {
        name: "synth-checklist-text",
        site: SYNTH,
        args: &["checklist", "{site}"],
        files: &[],
    },
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else if !e.file_name().to_string_lossy().starts_with("diagram.") {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// Output with the machine's details taken out: the temp folder and today's date.
fn normalise(bytes: &[u8], tmp: &Path) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    text.replace(&tmp.display().to_string(), "{tmp}")
        .replace(&today, "TODAY")
        .into_bytes()
}

#[test]
fn every_command_writes_what_it_wrote_before() {
    let bless = std::env::var_os("KOSEIZU_BLESS").is_some();
    let expected = root().join("tests/golden/expected");
    let mut differ = Vec::new();
    for case in CASES {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        let out = tmp.path().join("out");
        copy_dir(&root().join(case.site), &site);
        std::fs::create_dir_all(&out).unwrap();
        let args: Vec<String> = case
            .args
            .iter()
            .map(|a| {
                a.replace("{site}", &site.display().to_string())
                    .replace("{out}", &out.display().to_string())
            })
            .collect();
        let run = Command::new(env!("CARGO_BIN_EXE_koseizu"))
            .args(&args)
            .output()
            .unwrap();
        let mut produced = vec![(
            format!("{}.stdout", case.name),
            [
                format!("exit {:?}\n", run.status.code()).into_bytes(),
                normalise(&run.stdout, tmp.path()),
            ]
            .concat(),
        )];
        for f in case.files {
            let bytes = std::fs::read(out.join(f))
                .unwrap_or_else(|e| panic!("{}: {f} not written: {e}", case.name));
            produced.push((format!("{}.{f}", case.name), normalise(&bytes, tmp.path())));
        }
        for (file, bytes) in produced {
            let path = expected.join(&file);
            if bless {
                std::fs::create_dir_all(&expected).unwrap();
                std::fs::write(&path, &bytes).unwrap();
            } else if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
                let got = tmp.path().join(&file);
                std::fs::write(&got, &bytes).unwrap();
                differ.push(format!(
                    "{file} (diff {} {})",
                    path.display(),
                    got.display()
                ));
            }
        }
        if !differ.is_empty() {
            // Keep the folder so the differing output can be read.
            let _ = tmp.keep();
        }
    }
    assert!(differ.is_empty(), "outputs changed:\n{}", differ.join("\n"));
}
