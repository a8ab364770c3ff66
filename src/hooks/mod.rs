//! The components' hooks: DOM listeners that go away with their component, and a long body
//! rendered in steps.

mod listener;
mod progressive;

pub(crate) use listener::{closest_attribute, targets, use_dom_listener};
pub(crate) use progressive::use_paragraphs_shown;
pub use progressive::{FIRST_PARAGRAPHS, LONG_BODY, STEP_PARAGRAPHS};
