//! The module in the browser: everything here uses the DOM or the JavaScript API.

pub mod api;
pub mod backend;
pub mod dicts;
pub mod events;
pub mod fetch;
pub mod head;
pub mod mount;
pub mod options;
pub mod prefetch;
pub mod shadow;
pub mod stopped;
pub mod upgrade;
