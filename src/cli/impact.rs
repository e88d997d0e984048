//! `koseizu impact`: intrusion routes, impact scope, containment and whom
//! to call for one compromised node.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use koseizu::impact;
use koseizu::inputs::Scans;
use koseizu::render::{write_svg, Highlight, RenderOptions};
use koseizu::report;
use koseizu::text::Word;

use super::common::{lang, load_inputs_in, message_lang};
use super::{ImpactArgs, ReportFormat};

/// The starting point as the impact diagram's title names it: an
/// unregistered host by its IP, a record by its name and id.
fn origin_name(from: &impact::NodeRef, lang: koseizu::site::Lang) -> String {
    use koseizu::impact::NodeType;
    if from.node_type == NodeType::Unregistered || from.name.is_empty() || from.name == from.id {
        return from.id.clone();
    }
    match lang {
        koseizu::site::Lang::Ja => format!("{}（{}）", from.name, from.id),
        koseizu::site::Lang::En => format!("{} ({})", from.name, from.id),
    }
}

/// Runs `koseizu impact`.
pub fn run(args: &ImpactArgs) -> anyhow::Result<ExitCode> {
    let messages = message_lang(args.lang, Some(&args.site));
    let inputs = load_inputs_in(
        &args.site,
        &Scans::given_or_latest(&args.scans),
        messages,
        false,
    )?;
    let lang = lang(args.lang, &inputs.site);
    // Scans add undeclared ways out and unregistered hosts as entry points,
    // and let X be a host that is not in the ledger.
    let graph = inputs.graph();
    let site = inputs.site.clone();
    let target = impact::resolve(&site, &graph, &args.from)
        .map_err(|e| super::common::resolve_error(e, messages))?;
    let mut answer = impact::analyse(&site, &graph, &target);
    impact::add_ports_to_shut(
        &mut answer.containment,
        &site,
        &graph,
        &inputs.scans.snapshots,
    );

    // The diagram first: if it cannot be written, nothing is printed either.
    if let Some(path) = &args.output {
        let opts = RenderOptions {
            lang,
            highlight: Some(Highlight {
                route: answer.route_nodes(),
                scope: answer.scope_nodes(),
                origin: Some(origin_name(&answer.from, lang)),
            }),
            today: chrono::Local::now().date_naive(),
        };
        koseizu::output::write_atomic(path, |w| write_svg(w, &site, &graph, &opts))
            .with_context(|| Word::MsgCannotWrite.fill(messages, &[&path.display()]))?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        ReportFormat::Text => {
            report::impact::write_text_for(&answer, &site, lang, args.all, &mut out)?
        }
        ReportFormat::Json => report::impact::write_json(&answer, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
