//! The engine module's stack: rustc's default reserves 1 MiB of linear memory (which never
//! shrinks); the converter does not recurse beyond the 16 levels of an ideographic description
//! sequence, and its largest frame (the dictionary loader's) is a few KiB. 64 KiB is plenty;
//! an overflow traps (the stack is placed first, below the data) rather than corrupting memory.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-cdylib=-zstack-size=65536");
    }
}
