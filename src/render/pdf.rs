//! `koseizu map --format pdf`: the same SVG as `map`, as one landscape A3
//! PDF page (1190.55 × 841.89 pt), vector, its fonts embedded (subset).
//!
//! Fonts come from the system through fontconfig's configuration (the
//! folders `fonts.conf` lists, `FONTCONFIG_FILE` honoured). resvg/svg2pdf
//! draw Japanese only when a font with Japanese glyphs is found, and would
//! silently leave text out otherwise, so a Japanese font is looked for
//! first: without one the conversion stops with [`PdfError::NoJapaneseFont`]
//! naming the package to install, never a PDF with missing text.

use std::io::{self, Write};
use std::sync::Arc;

use svg2pdf::usvg;

use super::RenderOptions;
use crate::graph::InventoryGraph;
use crate::site::Site;

/// Page size in PDF points at 96 SVG pixels to the inch: 420 × 297 mm.
pub const PAGE_PT: (f64, f64) = (1190.55, 841.89);

/// The Debian/Ubuntu package of the Japanese fonts the PDF needs.
pub const CJK_FONT_PACKAGE: &str = "fonts-noto-cjk";

/// Why no PDF was written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// No installed font has Japanese glyphs.
    #[error(
        "no Japanese font is installed, so the PDF would lose its text: install one \
         (Debian/Ubuntu: apt-get install {CJK_FONT_PACKAGE}; any font fontconfig lists \
         with Japanese glyphs will do)"
    )]
    NoJapaneseFont,
    /// The diagram could not be read back as SVG (a bug).
    #[error("cannot read the diagram's SVG: {0}")]
    Svg(#[from] usvg::Error),
    /// svg2pdf failed.
    #[error("cannot convert the diagram to PDF: {0}")]
    Convert(String),
    /// Writing failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// True if the face has glyphs for kana and common kanji.
fn has_japanese(data: &[u8], index: u32) -> bool {
    ttf_parser::Face::parse(data, index)
        .map(|f| "あア漢字図".chars().all(|c| f.glyph_index(c).is_some()))
        .unwrap_or(false)
}

/// The system's fonts and the family to draw Japanese with: the first of
/// the diagram's own font list that is installed and has Japanese glyphs,
/// else any installed family that has them.
pub fn system_fonts() -> Result<(fontdb::Database, String), PdfError> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let preferred: Vec<String> = super::svg::FONT_FAMILY
        .split(',')
        .map(|f| f.trim().trim_matches('\'').to_string())
        .filter(|f| f != "sans-serif")
        .collect();
    let japanese = |family: &str| {
        db.faces()
            .filter(|f| f.families.iter().any(|(n, _)| n == family))
            .any(|f| db.with_face_data(f.id, has_japanese).unwrap_or(false))
    };
    let found = preferred.iter().find(|f| japanese(f)).cloned().or_else(|| {
        db.faces()
            .find(|f| db.with_face_data(f.id, has_japanese).unwrap_or(false))
            .and_then(|f| f.families.first().map(|(n, _)| n.clone()))
    });
    let family = found.ok_or(PdfError::NoJapaneseFont)?;
    db.set_sans_serif_family(&family);
    keep_in_memory(&mut db, &family)?;
    Ok((db, family))
}

/// Reads the files of `family`'s faces into memory once. fontdb maps a
/// font file from disk again for every use of a face, and usvg uses the
/// face for every text run: on a large diagram that is thousands of
/// mappings (and page faults) of a 20 MB CJK collection. The same faces,
/// each file read once.
fn keep_in_memory(db: &mut fontdb::Database, family: &str) -> io::Result<()> {
    let mut files: Vec<std::path::PathBuf> = db
        .faces()
        .filter(|f| f.families.iter().any(|(n, _)| n == family))
        .filter_map(|f| match &f.source {
            fontdb::Source::File(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    files.sort();
    files.dedup();
    for file in files {
        let data = std::fs::read(&file)?;
        let faces: Vec<fontdb::ID> = db
            .faces()
            .filter(|f| matches!(&f.source, fontdb::Source::File(p) if *p == file))
            .map(|f| f.id)
            .collect();
        for id in faces {
            db.remove_face(id);
        }
        db.load_font_data(data);
    }
    Ok(())
}

/// The PDF of an SVG document written by [`super::svg`].
pub fn svg_to_pdf(svg: &str) -> Result<Vec<u8>, PdfError> {
    let (db, family) = system_fonts()?;
    let mut options = usvg::Options {
        font_family: family,
        ..usvg::Options::default()
    };
    options.fontdb = Arc::new(db);
    let tree = usvg::Tree::from_str(svg, &options)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions { dpi: 96.0 },
    )
    .map_err(|e| PdfError::Convert(e.to_string()))
}

/// The diagram of `site` as a PDF (the bytes; write them with
/// [`crate::output::write_atomic`]).
pub fn pdf_bytes(
    site: &Site,
    graph: &InventoryGraph,
    opts: &RenderOptions,
) -> Result<Vec<u8>, PdfError> {
    let mut svg = Vec::new();
    super::svg::write_svg(&mut svg, site, graph, opts)?;
    svg_to_pdf(&String::from_utf8_lossy(&svg))
}

/// Writes the diagram of `site` as a PDF.
pub fn write_pdf(
    w: &mut dyn Write,
    site: &Site,
    graph: &InventoryGraph,
    opts: &RenderOptions,
) -> Result<(), PdfError> {
    w.write_all(&pdf_bytes(site, graph, opts)?)?;
    Ok(())
}
