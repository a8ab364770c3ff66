//! What users install, made and checked:
//!
//! * `assets`: content-hashed module names, the loader's `@assets` line, SRI and
//!   `integrity.json`, `Cache-Control` by name (used by `build`, `dist` and the server);
//! * `dist`: the release bundle for CDNs (`cargo xtask dist`) and its test (`dist-test`);
//! * `npm`: the bundle as an npm package, and installing it as a partner would;
//! * `licenses`: `THIRD_PARTY.md`, also the bundle's `licenses/THIRD-PARTY.md`;
//! * `crates`: the publishable library crates (`cargo xtask crates`) and the installed CLI
//!   (`install-test`).

pub mod assets;
pub mod crates;
pub mod dist;
pub mod licenses;
pub mod npm;
