//! The WebAssembly module's stack. rustc reserves 1 MiB of linear memory for it by default,
//! before anything else, and linear memory never shrinks: that megabyte was most of the
//! widget's memory. The widget's deepest recursion is the article reader's (64 levels of
//! nesting at most) and Yew's rendering of a shallow tree; 256 KiB leaves ample room. An
//! overflow traps (the stack is placed first, below the data) rather than corrupting memory.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-cdylib=-zstack-size=262144");
    }
}
