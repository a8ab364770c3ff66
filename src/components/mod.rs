//! The components, one per file: the widget (load state and retry), the switching article
//! (script choice and conversion), the article view (pure rendering), the script control, and
//! the loading and error states.

pub(crate) mod control;
pub(crate) mod states;
pub(crate) mod switching;
pub(crate) mod view;
pub(crate) mod widget;
