//! Reading and validating a site folder (see docs/site-format.md).

mod model;

pub use model::*;
