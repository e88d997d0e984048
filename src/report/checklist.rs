//! Writers of the checklist ([`crate::checklist`]): text for reading, JSON
//! for tools, CSV for Excel laid out like the manual's own table (No, item,
//! result, level criteria, evidence, manual section) so it can be printed
//! for the monthly check. An Excel workbook comes with the Excel issue
//! (issue 12).
//!
//! Names in the evidence come from the records and the network: each
//! writer passes them through [`crate::text::clean`] for its target
//! (terminal escapes in text, `\uXXXX` in JSON, formula neutralisation in
//! CSV cells through [`ExcelCsvWriter`]).

use std::borrow::Cow;
use std::io::{self, Write};

use serde_json::{json, Value as Json};

use crate::checklist::{Check, Checklist, Fact, ItemResult, RuleKind, Value, Verdict};
use crate::excel::ExcelCsvWriter;
use crate::inventory::audit::SnapshotSummary;
use crate::site::Lang;
use crate::text::clean::terminal;
use crate::text::Word;

/// Format name of the JSON document.
pub const JSON_FORMAT: &str = "koseizu-checklist";
/// Version of the JSON document.
pub const JSON_VERSION: u32 = 1;

/// `value` in words, its untrusted texts passed through `clean`.
fn value_text(v: &Value, lang: Lang, clean: &dyn Fn(&str) -> Cow<'_, str>) -> String {
    let sep = Word::ChkListSep.get(lang);
    match v {
        Value::Count(n) => n.to_string(),
        Value::Date(d) => crate::text::time::date(*d, lang),
        Value::Text(s) => clean(s).into_owned(),
        Value::Names { shown, total } => {
            let mut s = shown
                .iter()
                .map(|n| clean(n).into_owned())
                .collect::<Vec<_>>()
                .join(sep);
            if *total > shown.len() {
                s.push_str(sep);
                s.push_str(&Word::ChkMore.fill(lang, &[&(total - shown.len())]));
            }
            s
        }
        Value::Words(words) => words
            .iter()
            .map(|w| w.get(lang))
            .collect::<Vec<_>>()
            .join(sep),
    }
}

/// The fact in words.
fn fact_text(f: &Fact, lang: Lang, clean: &dyn Fn(&str) -> Cow<'_, str>) -> String {
    let values: Vec<String> = f
        .values
        .iter()
        .map(|v| value_text(v, lang, clean))
        .collect();
    let refs: Vec<&dyn std::fmt::Display> =
        values.iter().map(|s| s as &dyn std::fmt::Display).collect();
    f.word.fill(lang, &refs)
}

fn raw(s: &str) -> Cow<'_, str> {
    Cow::Borrowed(s)
}

fn term(s: &str) -> Cow<'_, str> {
    terminal(s)
}

/// The criterion of `level` for a manual item.
fn criterion(item: &ItemResult, level: u8) -> Word {
    let c = item.rule.criteria;
    match level {
        0 => Word::ChkCrit0,
        l => c.get(usize::from(l - 1)).copied().unwrap_or(Word::ChkCrit0),
    }
}

fn is_inspection(item: &ItemResult) -> bool {
    item.rule.kind == RuleKind::Inspection
}

/// The label of an item: `No.2` or the inspection item's title.
fn item_label(item: &ItemResult, lang: Lang) -> String {
    match item.rule.kind {
        RuleKind::Manual(n) => Word::ChkItemRef.fill(lang, &[&n]),
        RuleKind::Inspection => item.rule.title.get(lang).to_string(),
    }
}

/// The result in words: `2`, `はい`, `いいえ`, or not judged.
fn result_text(item: &ItemResult, lang: Lang) -> String {
    match (item.verdict.level(), is_inspection(item)) {
        (Some(0), true) => Word::ChkNo.get(lang).to_string(),
        (Some(_), true) => Word::ChkYes.get(lang).to_string(),
        (Some(l), false) => l.to_string(),
        (None, _) => Word::ChkNotJudged.get(lang).to_string(),
    }
}

/// One scan used: when (the site's local time), from where, which networks.
fn scan_line(s: &SnapshotSummary, tz: &crate::text::TimeZone, lang: Lang) -> String {
    let scopes: Vec<String> = s.scopes.iter().map(|n| n.to_string()).collect();
    let mut line = format!(
        "{}  {}  {}",
        tz.local(s.started, lang),
        terminal(&s.interface),
        scopes.join(", ")
    );
    if s.partial {
        line.push_str(&format!("  [{}]", Word::ChkPartial.get(lang)));
    }
    line
}

/// The summary's lines (shared by text and the JSON's summary).
fn summary_lines(c: &Checklist, lang: Lang) -> (String, String) {
    let s = &c.summary;
    let p = &s.per_level;
    (
        Word::ChkSummaryJudged.fill(
            lang,
            &[&s.judged, &p[0], &p[1], &p[2], &p[3], &s.not_judged],
        ),
        Word::ChkSummaryInspection.fill(lang, &[&s.yes, &s.no, &s.inspection_not_judged]),
    )
}

fn gain_text(c: &Checklist, g: &crate::checklist::Gain, lang: Lang) -> String {
    let labels = |ids: &[&str]| -> String {
        ids.iter()
            .map(|id| {
                c.items
                    .iter()
                    .chain(&c.inspection)
                    .find(|i| i.rule.id == *id)
                    .map_or_else(|| id.to_string(), |i| item_label(i, lang))
            })
            .collect::<Vec<_>>()
            .join(Word::ChkListSep.get(lang))
    };
    let action = g.action.word().get(lang);
    if g.items.is_empty() {
        return Word::ChkActionNeeded.fill(lang, &[&action, &labels(&g.also)]);
    }
    let mut s = Word::ChkActionGain.fill(lang, &[&action, &g.levels, &labels(&g.items)]);
    if !g.also.is_empty() {
        s.push_str(&format!(
            " {}",
            Word::ChkActionAlso.fill(lang, &[&labels(&g.also)])
        ));
    }
    s
}

/// The lines of an item's evidence block, for text and CSV: `✓`/`✗`
/// checks, notes, what would raise it, or the question.
fn evidence_lines(
    item: &ItemResult,
    lang: Lang,
    clean: &dyn Fn(&str) -> Cow<'_, str>,
) -> Vec<String> {
    let mut out = Vec::new();
    match &item.verdict {
        Verdict::Judged {
            level,
            ceiling,
            checks,
            notes,
            beyond,
        } => {
            for c in checks {
                out.push(check_line(c, is_inspection(item), lang, clean));
            }
            for n in notes {
                out.push(format!(
                    "{}: {}",
                    Word::ChkNotes.get(lang),
                    fact_text(n, lang, clean)
                ));
            }
            if level < ceiling {
                let head = if is_inspection(item) {
                    Word::ChkToYes.get(lang).to_string()
                } else {
                    Word::ChkToRaise.fill(lang, &[&(level + 1)])
                };
                let actions: Vec<&str> = item
                    .verdict
                    .to_raise()
                    .iter()
                    .map(|c| c.action.word().get(lang))
                    .collect();
                out.push(format!(
                    "{head}: {}",
                    dedup(actions).join(Word::ChkActionSep.get(lang))
                ));
            } else if let Some(q) = beyond {
                let head = if is_inspection(item) {
                    Word::ChkBeyondYes.get(lang).to_string()
                } else {
                    Word::ChkBeyondLabel.fill(lang, &[&(ceiling + 1)])
                };
                out.push(format!("{head}: {}", q.get(lang)));
            }
        }
        Verdict::NotJudged {
            question,
            facts,
            waits_for,
        } => {
            out.push(format!(
                "{}: {}",
                Word::ChkQuestionLabel.get(lang),
                question.get(lang)
            ));
            for f in facts {
                out.push(format!(
                    "{}: {}",
                    Word::ChkNotes.get(lang),
                    fact_text(f, lang, clean)
                ));
            }
            if let Some(w) = waits_for {
                out.push(format!(
                    "{}: {}",
                    Word::ChkWaitsLabel.get(lang),
                    w.get(lang)
                ));
            }
        }
    }
    out
}

fn dedup(mut v: Vec<&'static str>) -> Vec<&'static str> {
    let mut seen = Vec::new();
    v.retain(|s| {
        if seen.contains(s) {
            false
        } else {
            seen.push(*s);
            true
        }
    });
    v
}

fn check_line(
    c: &Check,
    inspection: bool,
    lang: Lang,
    clean: &dyn Fn(&str) -> Cow<'_, str>,
) -> String {
    let mark = if c.met { "✓" } else { "✗" };
    if inspection {
        format!("{mark} {}", fact_text(&c.fact, lang, clean))
    } else {
        format!(
            "{mark} [{}] {}",
            Word::ChkLevel.fill(lang, &[&c.level]),
            fact_text(&c.fact, lang, clean)
        )
    }
}

/// Writes the checklist for people.
pub fn write_text(c: &Checklist, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "{}: {}", Word::ChkTitle.get(lang), terminal(&c.site))?;
    match c.updated {
        Some(d) => writeln!(
            w,
            "{}",
            Word::ChkRecordsUpdated.fill(lang, &[&crate::text::time::date(d, lang)])
        )?,
        None => writeln!(w, "{}", Word::ChkNoUpdatedDate.get(lang))?,
    }
    if c.scans.is_empty() {
        writeln!(w, "{}", Word::ChkNoScans.get(lang))?;
    } else {
        writeln!(w, "{}:", Word::ChkScansUsed.get(lang))?;
        for s in &c.scans {
            writeln!(w, "  {}", scan_line(s, &c.timezone, lang))?;
            // A poll: each device read and its model and firmware (sysDescr).
            for d in &s.polled {
                writeln!(w, "    {}", super::audit::polled_line(d, lang))?;
            }
        }
    }
    if let Some(d) = &c.compared {
        writeln!(
            w,
            "{}",
            Word::ChkCompared.fill(
                lang,
                &[
                    &c.timezone.local_date(d.old, lang),
                    &c.timezone.local_date(d.new, lang),
                    &d.changes
                ]
            )
        )?;
    }
    writeln!(w)?;

    let (judged, inspection) = summary_lines(c, lang);
    writeln!(w, "■ {}", Word::ChkSummary.get(lang))?;
    writeln!(w, "  {judged}")?;
    writeln!(w, "  {inspection}")?;
    writeln!(w, "  {}:", Word::ChkSummaryActions.get(lang))?;
    if c.summary.actions.is_empty() {
        writeln!(w, "    {}", Word::ChkSummaryNoActions.get(lang))?;
    }
    for (n, g) in c.summary.actions.iter().enumerate() {
        writeln!(w, "    {}. {}", n + 1, gain_text(c, g, lang))?;
    }
    writeln!(w)?;

    writeln!(w, "■ {}", Word::ChkManualHeading.get(lang))?;
    for item in &c.items {
        writeln!(w)?;
        write_item_text(item, lang, w)?;
    }
    writeln!(w)?;
    writeln!(w, "■ {}", Word::ChkInspectionHeading.get(lang))?;
    for item in &c.inspection {
        writeln!(w)?;
        write_item_text(item, lang, w)?;
    }
    Ok(())
}

fn write_item_text(item: &ItemResult, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    match item.rule.kind {
        RuleKind::Manual(_) => writeln!(
            w,
            "{} {}  [{}]",
            item_label(item, lang),
            item.rule.title.get(lang),
            result_text(item, lang)
        )?,
        RuleKind::Inspection => writeln!(
            w,
            "{}  [{}]",
            item.rule.title.get(lang),
            result_text(item, lang)
        )?,
    }
    writeln!(w, "  {}", item.rule.question.get(lang))?;
    writeln!(
        w,
        "  {}: {}",
        Word::ChkSection.get(lang),
        item.rule.section.word().get(lang)
    )?;
    match (item.verdict.level(), is_inspection(item)) {
        (Some(l), false) => writeln!(
            w,
            "  {}",
            Word::ChkProposed.fill(lang, &[&l, &criterion(item, l).get(lang)])
        )?,
        (Some(_), true) => writeln!(
            w,
            "  {}",
            Word::ChkProposedAnswer.fill(lang, &[&result_text(item, lang)])
        )?,
        (None, _) => writeln!(w, "  {}", Word::ChkNotJudged.get(lang))?,
    }
    if matches!(item.verdict, Verdict::Judged { .. }) {
        writeln!(w, "  {}:", Word::ChkEvidence.get(lang))?;
    }
    for line in evidence_lines(item, lang, &term) {
        writeln!(w, "    {line}")?;
    }
    Ok(())
}

fn fact_json(f: &Fact, lang: Lang) -> Json {
    json!({
        "text": fact_text(f, lang, &raw),
        "values": f.values.iter().map(|v| match v {
            Value::Count(n) => json!(n),
            Value::Date(d) => json!(d.format("%Y-%m-%d").to_string()),
            Value::Text(s) => json!(s),
            Value::Names { shown, total } => json!({ "shown": shown, "total": total }),
            Value::Words(words) => json!(words.iter().map(|w| w.get(lang)).collect::<Vec<_>>()),
        }).collect::<Vec<_>>(),
    })
}

fn item_json(item: &ItemResult, lang: Lang) -> Json {
    let mut o = json!({
        "id": item.rule.id,
        "title": item.rule.title.get(lang),
        "item": item.rule.question.get(lang),
        "section": item.rule.section.word().get(lang),
    });
    if let RuleKind::Manual(n) = item.rule.kind {
        o["no"] = json!(n);
        o["criteria"] = json!((0..=3u8)
            .map(|l| criterion(item, l).get(lang))
            .collect::<Vec<_>>());
    } else {
        o["source"] = json!(Word::ChkMinistry.get(lang));
    }
    match &item.verdict {
        Verdict::Judged {
            level,
            ceiling,
            checks,
            notes,
            beyond,
        } => {
            o["result"] = json!("judged");
            if is_inspection(item) {
                o["answer"] = json!(if *level > 0 { "yes" } else { "no" });
            } else {
                o["level"] = json!(level);
                o["ceiling"] = json!(ceiling);
            }
            o["evidence"] = json!(checks
                .iter()
                .map(|c| {
                    let mut f = fact_json(&c.fact, lang);
                    f["level"] = json!(c.level);
                    f["met"] = json!(c.met);
                    f["action"] = json!(c.action.name());
                    f
                })
                .collect::<Vec<_>>());
            o["notes"] = json!(notes.iter().map(|n| fact_json(n, lang)).collect::<Vec<_>>());
            o["to_raise"] = json!(item
                .verdict
                .to_raise()
                .iter()
                .map(|c| json!({"action": c.action.name(), "text": c.action.word().get(lang)}))
                .collect::<Vec<_>>());
            o["beyond"] = json!(beyond.map(|q| q.get(lang)));
        }
        Verdict::NotJudged {
            question,
            facts,
            waits_for,
        } => {
            o["result"] = json!("not-judged");
            o["question"] = json!(question.get(lang));
            o["notes"] = json!(facts.iter().map(|n| fact_json(n, lang)).collect::<Vec<_>>());
            o["waits_for"] = json!(waits_for.map(|w| w.get(lang)));
        }
    }
    o
}

/// Writes the checklist as one JSON document for tools (texts in `lang`).
pub fn write_json(c: &Checklist, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let (judged, inspection) = summary_lines(c, lang);
    let doc = json!({
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "lang": match lang { Lang::Ja => "ja", Lang::En => "en" },
        "site": c.site,
        "updated": c.updated.map(|d| d.format("%Y-%m-%d").to_string()),
        "scans": c.scans,
        "compared": c.compared,
        "summary": {
            "judged": c.summary.judged,
            "not_judged": c.summary.not_judged,
            "per_level": c.summary.per_level,
            "inspection": {
                "yes": c.summary.yes,
                "no": c.summary.no,
                "not_judged": c.summary.inspection_not_judged,
            },
            "text": [judged, inspection],
            "actions": c.summary.actions.iter().map(|g| json!({
                "action": g.action.name(),
                "text": g.action.word().get(lang),
                "levels": g.levels,
                "items": g.items,
                "also_needed_for": g.also,
            })).collect::<Vec<_>>(),
        },
        "items": c.items.iter().map(|i| item_json(i, lang)).collect::<Vec<_>>(),
        "inspection": c.inspection.iter().map(|i| item_json(i, lang)).collect::<Vec<_>>(),
    });
    super::write_json_document(&doc, w)
}

/// The manual's table columns: No, item, result, level criteria, evidence,
/// manual section.
fn table_headers(lang: Lang) -> [&'static str; 6] {
    [
        Word::ChkColNo.get(lang),
        Word::ChkColItem.get(lang),
        Word::ChkColResult.get(lang),
        Word::ChkColCriteria.get(lang),
        Word::ChkColEvidence.get(lang),
        Word::ChkColSection.get(lang),
    ]
}

/// One row per item in the manual's table layout, values as they are
/// (each writer neutralises them for its own target).
fn table_rows(c: &Checklist, lang: Lang) -> Vec<[String; 6]> {
    let mut rows = Vec::new();
    for item in c.items.iter().chain(&c.inspection) {
        let (no, criteria, section) = match item.rule.kind {
            RuleKind::Manual(n) => (
                n.to_string(),
                (0..=3u8)
                    .map(|l| format!("{l}: {}", criterion(item, l).get(lang)))
                    .collect::<Vec<_>>()
                    .join("\n"),
                item.rule.section.word().get(lang).to_string(),
            ),
            RuleKind::Inspection => (
                item.rule.title.get(lang).to_string(),
                format!("{} / {}", Word::ChkYes.get(lang), Word::ChkNo.get(lang)),
                format!(
                    "{}\n{}",
                    Word::ChkMinistry.get(lang),
                    item.rule.section.word().get(lang)
                ),
            ),
        };
        rows.push([
            no,
            item.rule.question.get(lang).to_string(),
            result_text(item, lang),
            criteria,
            evidence_lines(item, lang, &raw).join("\n"),
            section,
        ]);
    }
    rows
}

/// Writes the checklist as CSV for Excel (UTF-8 with BOM), laid out like
/// the manual's own table: No, item, result, level criteria, evidence,
/// manual section. Cells that Excel would run as formulas are neutralised.
pub fn write_csv(c: &Checklist, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let mut out = ExcelCsvWriter::new(w)?;
    out.write_row(table_headers(lang))?;
    for row in table_rows(c, lang) {
        out.write_row(row)?;
    }
    out.finish()?;
    Ok(())
}

/// Writes the checklist as an Excel workbook with the same table as
/// [`write_csv`] (header frozen, cells plain text, never formulas), for the
/// monthly check on paper.
pub fn write_xlsx(c: &Checklist, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let mut book = crate::report::xlsx::Book::new();
    {
        let mut sheet = book.sheet(Word::ChkSheet.get(lang), &table_headers(lang))?;
        for row in table_rows(c, lang) {
            let cells: Vec<crate::report::xlsx::Cell<'_>> = row
                .into_iter()
                .map(crate::report::xlsx::Cell::owned)
                .collect();
            sheet.row(&cells)?;
        }
    }
    book.write(w)
}
