//! Every writer for people and tools, in one place: the audit report (text,
//! JSON, CSV), the MAC allowlist (plain, CSV, FreeRADIUS) and the impact
//! answer (text, JSON), each writing to any `Write`.
//!
//! Computation stays where it is (`inventory`, `impact`): a writer here only
//! turns a finished result into bytes, taking its wording from
//! [`crate::text::Word`] and passing every untrusted string through
//! [`crate::text::clean`] for its target.
//!
//! New writers of reports (the HTML report,
//! Excel workbooks, the checklist) go here; drawings (SVG, DOT, draw.io,
//! PDF) go beside the diagram writers in `render`.

pub mod allowlist;
pub mod audit;
pub mod checklist;
pub mod diff;
pub mod evidence;
pub mod impact;
pub mod xlsx;

use std::io::{self, Write};

use serde::Serialize;

/// Writes `value` as a pretty-printed JSON document and a newline, every
/// hidden character escaped ([`crate::text::clean::json_document`]): the
/// values stay exact, the file cannot be reordered by a bidi override.
pub fn write_json_document<T: Serialize + ?Sized>(value: &T, w: &mut dyn Write) -> io::Result<()> {
    let doc = serde_json::to_string_pretty(value)?;
    w.write_all(crate::text::clean::json_document(&doc).as_bytes())?;
    writeln!(w)
}
