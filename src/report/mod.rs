//! Every writer for people and tools, in one place: the audit report (text,
//! JSON, CSV), the MAC allowlist (plain, CSV, FreeRADIUS) and the impact
//! answer (text, JSON), each writing to any `Write`.
//!
//! Computation stays where it is (`inventory`, `impact`): a writer here only
//! turns a finished result into bytes, taking its wording from
//! [`crate::text::Word`] and passing every untrusted string through
//! [`crate::text::clean`] for its target.
//!
//! Diff's writers come here too. New writers of reports (the HTML report,
//! Excel workbooks, the checklist) go here; drawings (SVG, DOT, draw.io,
//! PDF) go beside the diagram writers in `render`.

pub mod allowlist;
pub mod audit;
pub mod evidence;
pub mod impact;
