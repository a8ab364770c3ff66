//! The names of things: the workspace's packages and binaries, and paths in the repository.

/// The release version: the workspace's (tests/version.rs holds the others to it).
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
