//! Text for people: the one translation table ([`words`]) and the one policy
//! for untrusted text ([`clean`]).
//!
//! Every writer takes its fixed wording from [`Word`] and passes every string
//! that came from a file or the network through [`clean`] for its target
//! (terminal, XML/SVG, JSON, CSV cell) before writing it.

pub mod clean;
pub mod time;
pub mod words;

pub use crate::site::Lang;
pub use clean::Target;
pub use time::TimeZone;
pub use words::Word;
