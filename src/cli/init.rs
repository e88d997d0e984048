//! `koseizu init DIR`: a new site folder with `site.toml` and a starter
//! `site.xlsx`: a sheet per table with its headers, drop-down lists for the
//! fixed vocabularies, two example rows each, and a 使い方 (how to use) sheet.
//! `koseizu map DIR` draws it at once; staff then overwrite the examples.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use koseizu::output::write_atomic;
use koseizu::report::xlsx::{Book, Cell};
use koseizu::site::{workbook, DeviceKind, Lang, LineKind, FILES};
use koseizu::text::Word;

use super::InitArgs;

/// One column of a starter sheet: its header in Japanese and English, and
/// the values of the two example rows.
struct Column {
    ja: &'static str,
    en: &'static str,
    examples: [&'static str; 2],
    /// A fixed vocabulary for a drop-down list, and whether other values are refused.
    choices: Option<(Vocabulary, bool)>,
}

#[derive(Clone, Copy)]
enum Vocabulary {
    DeviceKind,
    LineKind,
    FlowKind,
    Zone,
}

impl Vocabulary {
    fn words(self, lang: Lang) -> Vec<&'static str> {
        match (self, lang) {
            (Vocabulary::DeviceKind, _) => DeviceKind::ALL.iter().map(|k| k.label(lang)).collect(),
            (Vocabulary::LineKind, _) => [
                LineKind::Internet,
                LineKind::Vpn,
                LineKind::Closed,
                LineKind::Mobile,
                LineKind::Other,
            ]
            .iter()
            .map(|k| k.label(lang))
            .collect(),
            (Vocabulary::FlowKind, Lang::Ja) => vec!["ネットワーク", "USBメモリ", "CD/DVD", "媒体"],
            (Vocabulary::FlowKind, Lang::En) => vec!["network", "media"],
            (Vocabulary::Zone, Lang::Ja) => {
                vec!["基幹系", "情報系", "医療機器系", "DMZ", "保守", "ゲスト"]
            }
            (Vocabulary::Zone, Lang::En) => {
                vec!["core", "office", "medical", "DMZ", "maintenance", "guest"]
            }
        }
    }
}

const fn c(ja: &'static str, en: &'static str, examples: [&'static str; 2]) -> Column {
    Column {
        ja,
        en,
        examples,
        choices: None,
    }
}

const fn pick(
    ja: &'static str,
    en: &'static str,
    examples: [&'static str; 2],
    vocabulary: Vocabulary,
    strict: bool,
) -> Column {
    Column {
        ja,
        en,
        examples,
        choices: Some((vocabulary, strict)),
    }
}

const EXAMPLE: [&str; 2] = [
    "記入例: 書き換えるか行ごと削除してください",
    "記入例: 書き換えるか行ごと削除してください",
];

/// The starter sheets: table file, Japanese and English sheet names, columns.
fn sheets() -> Vec<(&'static str, &'static str, &'static str, Vec<Column>)> {
    vec![
        (
            "segments.csv",
            "セグメント",
            "segments",
            vec![
                c("番号", "id", ["例-SEG-CORE", "例-SEG-DMZ"]),
                c("名称", "name", ["基幹サーバ系", "DMZ"]),
                c("サブネット", "cidr", ["10.10.0.0/24", "10.10.99.0/24"]),
                pick("ゾーン", "zone", ["基幹系", "DMZ"], Vocabulary::Zone, false),
                c("VLAN", "vlan", ["10", "99"]),
                c("接続先セグメント", "connects", ["", "例-SEG-CORE"]),
                c("備考", "notes", EXAMPLE),
            ],
        ),
        (
            "devices.csv",
            "機器台帳",
            "devices",
            vec![
                c("資産番号", "id", ["例-FW-01", "例-SV-01"]),
                c(
                    "機器名",
                    "name",
                    ["境界ファイアウォール", "電子カルテサーバ"],
                ),
                pick(
                    "種別",
                    "kind",
                    ["ファイアウォール", "サーバ"],
                    Vocabulary::DeviceKind,
                    true,
                ),
                c(
                    "MACアドレス",
                    "mac",
                    ["00:00:5e:00:53:01", "00:00:5e:00:53:02"],
                ),
                c("IPアドレス", "ip", ["10.10.99.1", "10.10.0.10"]),
                c("セグメント", "segment", ["例-SEG-DMZ", "例-SEG-CORE"]),
                c("システム", "system", ["", "例-SYS-EHR"]),
                c("部署", "department", ["情報システム室", "情報システム室"]),
                c("メーカー", "vendor", ["○○ネットワークス", "○○メディカル"]),
                c("設置場所", "location", ["サーバ室", "サーバ室"]),
                c("備考", "notes", EXAMPLE),
            ],
        ),
        (
            "systems.csv",
            "システム",
            "systems",
            vec![
                c("システムID", "id", ["例-SYS-EHR", "例-SYS-PACS"]),
                c("システム名", "name", ["電子カルテ", "医用画像 (PACS)"]),
                c(
                    "ベンダー",
                    "vendor",
                    ["株式会社○○メディカル", "株式会社△△画像"],
                ),
                c("所管部署", "owner", ["医療情報部", "放射線科"]),
                c("担当者", "contact", ["○○ 太郎", "△△ 花子"]),
                c("電話番号", "phone", ["03-0000-0000", "03-0000-0001"]),
                c(
                    "メールアドレス",
                    "email",
                    ["support@example.jp", "pacs@example.jp"],
                ),
                c("備考", "notes", EXAMPLE),
            ],
        ),
        (
            "lines.csv",
            "回線",
            "lines",
            vec![
                c("回線ID", "id", ["例-LINE-01", "例-LINE-02"]),
                c(
                    "回線名",
                    "name",
                    ["インターネット回線", "オンライン資格確認"],
                ),
                c("回線事業者", "carrier", ["○○光", "△△通信"]),
                pick(
                    "種別",
                    "kind",
                    ["インターネット", "閉域網"],
                    Vocabulary::LineKind,
                    true,
                ),
                c("接続機器", "device", ["例-FW-01", "例-FW-01"]),
                c("用途", "purpose", ["Web閲覧・メール", "資格確認・レセプト"]),
                c("備考", "notes", EXAMPLE),
            ],
        ),
        (
            "maintenance.csv",
            "保守回線",
            "maintenance",
            vec![
                c("番号", "id", ["例-MNT-01", "例-MNT-02"]),
                c(
                    "保守事業者",
                    "vendor",
                    ["株式会社○○メディカル", "株式会社△△画像"],
                ),
                c("システム", "system", ["例-SYS-EHR", "例-SYS-PACS"]),
                c("回線", "line", ["例-LINE-01", "例-LINE-01"]),
                c("接続機器", "device", ["例-FW-01", "例-FW-01"]),
                c("接続方式", "method", ["SSL-VPN", "IPsec-VPN"]),
                c("接続時間", "hours", ["申請時のみ", "平日 9:00-17:00"]),
                c("担当者", "contact", ["○○ 太郎", "△△ 花子"]),
                c("電話番号", "phone", ["03-0000-0000", "03-0000-0001"]),
                c("備考", "notes", EXAMPLE),
            ],
        ),
        (
            "cloud.csv",
            "クラウド",
            "cloud",
            vec![
                c("番号", "id", ["例-CLD-01", "例-CLD-02"]),
                c("サービス名", "name", ["Web予約システム", "画像外部保存"]),
                c("提供事業者", "provider", ["株式会社□□", "株式会社△△画像"]),
                c("利用システム", "systems", ["例-SYS-EHR", "例-SYS-PACS"]),
                c("回線", "line", ["例-LINE-01", "例-LINE-01"]),
                c("取扱データ", "data", ["予約情報", "医用画像"]),
                c("備考", "notes", EXAMPLE),
            ],
        ),
        (
            "flows.csv",
            "データの流れ",
            "flows",
            vec![
                c("送信元", "from", ["例-SYS-EHR", "例-SYS-PACS"]),
                c("送信先", "to", ["例-SYS-PACS", "例-SYS-EHR"]),
                pick(
                    "区分",
                    "kind",
                    ["ネットワーク", "CD/DVD"],
                    Vocabulary::FlowKind,
                    false,
                ),
                c(
                    "内容",
                    "description",
                    ["検査オーダ (記入例)", "画像 (記入例)"],
                ),
            ],
        ),
        (
            "contacts.csv",
            "連絡先",
            "contacts",
            vec![
                c(
                    "名称",
                    "name",
                    ["例 ○○県警察 サイバー犯罪相談窓口", "例 保守事業者 緊急窓口"],
                ),
                c(
                    "役割",
                    "role",
                    ["警察への相談・届出", "障害・インシデントの一次連絡"],
                ),
                c("電話番号", "phone", ["000-000-0000", "0120-000-000"]),
                c("メールアドレス", "email", ["", "emergency@example.jp"]),
                c("ウェブサイト", "url", ["https://www.example.jp/", ""]),
                c("備考", "notes", EXAMPLE),
            ],
        ),
    ]
}

const GUIDE_JA: &[&str] = &[
    "使い方: この台帳から koseizu が「ネットワーク簡易構成図」(医療機関におけるサイバーセキュリティ対策チェックリスト マニュアル 別添1) を描きます",
    "1. 各シートの灰色の行は記入例です。自院の内容に書き換えるか、行ごと削除してください。1行目の見出しは変えないでください。",
    "2. 機器台帳: 院内ネットワークにつながる機器を1台1行で。資産番号は重複不可。MACアドレスは文字列のまま (Excelに数値にされないよう注意)。",
    "3. セグメント: ネットワークの区画 (サブネット・VLAN)。機器台帳の「セグメント」にここの番号を書きます。",
    "4. システム: 電子カルテ・PACS などの医療情報システムとその事業者・連絡先。",
    "5. 回線: 外部とつながる回線すべて (インターネット、閉域網、モバイル)。別添1で必須: どの回線がどの機器で外とつながるか。",
    "6. 保守回線: 事業者のリモート保守の経路。別添1で必須: 保守回線の接続先と接続方式。",
    "7. クラウド: 外部のクラウドサービスと、それを使うシステム。",
    "8. データの流れ: システム間や外部とのデータのやりとり (USBメモリ・CD/DVD も)。",
    "9. 連絡先: インシデント時に連絡する外部の窓口。",
    "種別・ゾーン・区分の列は一覧から選べます。書き終えたら: koseizu map このフォルダ  で構成図 (diagram.svg) ができます。",
];

const GUIDE_EN: &[&str] = &[
    "How to use: koseizu draws the simplified network diagram (appendix 1 of the manual to the medical-institution cybersecurity checklist) from this workbook",
    "1. The grey rows of each sheet are examples: overwrite them with your own records or delete them. Keep the headers in row 1.",
    "2. devices: every device on the hospital network, one per row; ids must be unique. Keep MAC addresses as text.",
    "3. segments: the network's subnets and VLANs; a device's segment column names one of these ids.",
    "4. systems: medical information systems (EHR, PACS, …) with their vendors and contacts.",
    "5. lines: every line to the outside (internet, closed networks, mobile); appendix 1 needs which device each line ends on.",
    "6. maintenance: the vendors' remote-maintenance routes; appendix 1 needs where each ends and how it connects.",
    "7. cloud: outside cloud services and the systems that use them.",
    "8. flows: data moving between systems or to the outside (USB memory and CD/DVD too).",
    "9. contacts: outside parties to call in an incident.",
    "Kind, zone and flow-kind columns have drop-down lists. When done: koseizu map THIS-FOLDER draws diagram.svg.",
];

/// Writes the starter workbook in `lang` to `w`.
pub fn write_starter(lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let mut book = Book::new();
    let guide_name = match lang {
        Lang::Ja => "使い方",
        Lang::En => "how to use",
    };
    book.text_sheet(
        guide_name,
        match lang {
            Lang::Ja => GUIDE_JA,
            Lang::En => GUIDE_EN,
        },
    )?;
    for (_, ja, en, columns) in sheets() {
        let name = match lang {
            Lang::Ja => ja,
            Lang::En => en,
        };
        let headers: Vec<&str> = columns
            .iter()
            .map(|c| match lang {
                Lang::Ja => c.ja,
                Lang::En => c.en,
            })
            .collect();
        let mut sheet = book.sheet(name, &headers)?;
        for example in 0..2 {
            let cells: Vec<Cell<'_>> = columns
                .iter()
                .map(|c| {
                    let v = c.examples[example];
                    // Examples are Japanese; English sheets get "example" notes.
                    let translated = c.choices.and_then(|(vocabulary, _)| {
                        let at = vocabulary.words(Lang::Ja).iter().position(|w| *w == v)?;
                        vocabulary.words(lang).get(at).copied()
                    });
                    if let Some(word) = translated {
                        Cell::text(word)
                    } else if lang == Lang::En && v.starts_with("記入例") {
                        Cell::text("example: overwrite or delete this row")
                    } else if v.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::text(v)
                    }
                })
                .collect();
            sheet.example_row(&cells)?;
        }
        for (i, column) in columns.iter().enumerate() {
            if let Some((vocabulary, strict)) = column.choices {
                sheet.choices(i as u16, &vocabulary.words(lang), strict)?;
            }
        }
    }
    book.write(w)
}

fn site_toml(lang: Lang) -> String {
    let today = chrono::Local::now().date_naive();
    match lang {
        Lang::Ja => format!(
            "# 構成図の表題と更新日。台帳を更新したら updated を書き換える\nname = \"○○病院\"\nupdated = \"{today}\"\nlanguage = \"ja\"\nauthor = \"情報システム室\"\n"
        ),
        Lang::En => format!(
            "# The diagram's title and date: change updated whenever the records change\nname = \"Example Hospital\"\nupdated = \"{today}\"\nlanguage = \"en\"\nauthor = \"IT office\"\n"
        ),
    }
}

/// The first file in `dir` that a site folder is made of, if any.
fn existing_site_file(dir: &Path) -> io::Result<Option<String>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut found: Vec<String> = Vec::new();
    for entry in entries {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let lower = name.to_lowercase();
        if FILES.contains(&lower.as_str()) || workbook::is_site_workbook(&name) {
            found.push(name);
        }
    }
    found.sort();
    Ok(found.into_iter().next())
}

/// Runs `koseizu init`.
pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    let lang: Lang = args.lang.into();
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!(Word::MsgInitIsFile.fill(lang, &[&dir.display()]));
    }
    if let Some(file) = existing_site_file(dir)
        .with_context(|| Word::MsgCannotRead.fill(lang, &[&dir.display()]))?
    {
        anyhow::bail!(
            Word::MsgInitHoldsSite.fill(lang, &[&dir.display(), &dir.join(file).display()])
        );
    }
    fs::create_dir_all(dir).with_context(|| Word::MsgCannotMake.fill(lang, &[&dir.display()]))?;
    let book = dir.join("site.xlsx");
    write_atomic(&book, |w| write_starter(lang, w))
        .with_context(|| Word::MsgCannotWrite.fill(lang, &[&book.display()]))?;
    let toml = dir.join("site.toml");
    write_atomic(&toml, |w| w.write_all(site_toml(lang).as_bytes()))
        .with_context(|| Word::MsgCannotWrite.fill(lang, &[&toml.display()]))?;
    let mut out = io::stdout().lock();
    match lang {
        Lang::Ja => writeln!(
            out,
            "{} に site.toml と site.xlsx を作りました。site.xlsx の各シートを書き、site.toml の name を病院名にしてから: koseizu map {}",
            dir.display(),
            dir.display()
        )?,
        Lang::En => writeln!(
            out,
            "wrote site.toml and site.xlsx in {}. Fill in the sheets of site.xlsx, set name in site.toml, then: koseizu map {}",
            dir.display(),
            dir.display()
        )?,
    }
    Ok(ExitCode::SUCCESS)
}
