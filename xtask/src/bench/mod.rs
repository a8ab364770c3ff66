//! `cargo xtask bench`: measurements, not tests. Nothing here fails on a slow number, and
//! `cargo xtask test` never runs it.
//!
//! * `run`: the converter against OpenCC, opencc-js and zhconv, side by side (natively and in
//!   headless Chromium, output and sizes too), and the dictionary against an automaton crate
//!   (`--only daachorse`); `records` holds what the tools printed as typed measurements and
//!   `report` renders them into `docs/BENCHMARKS.md`;
//! * `widget` (`--only widget`): what the widget costs a partner's page, and script switching.

mod records;
mod report;
pub mod run;
pub mod widget;
