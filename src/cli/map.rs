//! `koseizu map`: the simplified network diagram of a site folder.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use koseizu::inputs::Scans;
use koseizu::render::{write_dot, write_drawio, write_json, write_svg, RenderOptions};
use koseizu::text::Word;

use super::common::{lang, load_inputs_in, message_lang, refuse_site_file};
use super::{MapArgs, MapFormat};

/// Runs `koseizu map`.
pub fn run(args: &MapArgs) -> anyhow::Result<ExitCode> {
    let scans = if args.no_scans {
        Scans::None
    } else {
        Scans::given_or_latest(&args.scans)
    };
    let messages = message_lang(args.lang, Some(&args.site));
    let inputs = load_inputs_in(&args.site, &scans, messages, true)?;
    let graph = inputs.graph();
    let site = inputs.site;
    let opts = RenderOptions {
        lang: lang(args.lang, &site),
        highlight: None,
        today: chrono::Local::now().date_naive(),
    };
    // The PDF is made whole first: a missing font fails before any file is touched.
    let pdf = match args.format {
        MapFormat::Pdf => Some(koseizu::render::pdf::pdf_bytes(&site, &graph, &opts)?),
        _ => None,
    };
    let write = |w: &mut dyn Write| match args.format {
        MapFormat::Svg => write_svg(w, &site, &graph, &opts),
        MapFormat::Dot => write_dot(w, &site, &graph, &opts),
        MapFormat::Json => write_json(w, &site, &graph, &opts),
        MapFormat::Drawio => write_drawio(w, &site, &graph, &opts),
        MapFormat::Pdf => w.write_all(pdf.as_deref().unwrap_or_default()),
    };
    match output_path(args) {
        None => {
            let mut out = std::io::stdout().lock();
            write(&mut out).context(Word::MsgCannotWriteStdout.get(messages))?;
            out.flush()
                .context(Word::MsgCannotWriteStdout.get(messages))?;
        }
        Some(path) => {
            refuse_site_file(&args.site, &path)?;
            koseizu::output::write_atomic(&path, write)
                .with_context(|| Word::MsgCannotWrite.fill(messages, &[&path.display()]))?;
            println!("{}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Where to write: `None` for stdout (`-o -`), else the file (default `SITE/diagram.<ext>`).
fn output_path(args: &MapArgs) -> Option<PathBuf> {
    match &args.output {
        Some(p) if p == Path::new("-") => None,
        Some(p) => Some(p.clone()),
        None => {
            let ext = match args.format {
                MapFormat::Svg => "svg",
                MapFormat::Dot => "dot",
                MapFormat::Json => "json",
                MapFormat::Drawio => "drawio",
                MapFormat::Pdf => "pdf",
            };
            Some(args.site.join(format!("diagram.{ext}")))
        }
    }
}
