//! Small helpers for running commands from the repository root.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root (the workspace that contains `xtask/`). `cargo run` passes the package
/// directory at run time; the compile-time one is only a fallback, since a binary built in
/// another checkout sharing this target directory would point there.
pub fn root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .filter(|d| d.join("Cargo.toml").exists())
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Cargo's target directory (`CARGO_TARGET_DIR`, relative to the root, or `target/`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// A command being built; runs in the repository root with the project's tools first on PATH.
pub struct Cmd {
    inner: Command,
    shown: String,
}

impl Cmd {
    pub fn new(program: &str) -> Cmd {
        let mut inner = Command::new(program);
        inner.current_dir(root());
        inner.env("PATH", tool_path());
        Cmd {
            inner,
            shown: program.to_owned(),
        }
    }

    pub fn arg(mut self, a: impl AsRef<str>) -> Cmd {
        self.shown.push(' ');
        self.shown.push_str(a.as_ref());
        self.inner.arg(a.as_ref());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for a in args {
            self = self.arg(a);
        }
        self
    }

    /// Runs in `dir` instead of the repository root.
    pub fn current_dir(mut self, dir: &Path) -> Cmd {
        self.inner.current_dir(dir);
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Cmd {
        self.inner.env(key, value);
        self
    }

    /// Sets `key` unless the caller's environment already has it.
    pub fn env_default(self, key: &str, value: &str) -> Cmd {
        if std::env::var_os(key).is_some() {
            self
        } else {
            self.env(key, value)
        }
    }

    /// Runs and returns trimmed stdout, or None when the program is missing or fails.
    pub fn output(mut self) -> Option<String> {
        let out = self.inner.stderr(Stdio::null()).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }
}

/// `cargo` with the given arguments.
/// The processor's model name (`/proc/cpuinfo`), for benchmark reports; `None` elsewhere.
pub fn cpu_model() -> Option<String> {
    std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|s| {
        s.lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim().to_owned())
    })
}

pub fn cargo(args: &[&str]) -> Cmd {
    Cmd::new(&std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())).args(args)
}

/// Runs a command with inherited output; an error names the command and its status.
pub fn run(mut cmd: Cmd) -> Result<(), String> {
    println!("$ {}", cmd.shown);
    let status = cmd
        .inner
        .status()
        .map_err(|e| format!("cannot start `{}`: {e}", cmd.shown))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", cmd.shown))
    }
}

/// PATH with the project's node tools and cargo's bin directory first.
pub fn tool_path() -> String {
    let mut parts = vec![root().join("node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        parts.push(PathBuf::from(home).join("bin"));
    } else if let Some(home) = std::env::var_os("HOME") {
        parts.push(PathBuf::from(home).join(".cargo/bin"));
    }
    let mut path: Vec<String> = parts
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(existing) = std::env::var_os("PATH") {
        path.push(existing.to_string_lossy().into_owned());
    }
    path.join(":")
}

pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn write(path: &Path, data: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, data).map_err(|e| format!("{}: {e}", path.display()))
}

/// A fresh directory under the system's temp dir, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Result<TempDir, String> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("aw-{label}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
