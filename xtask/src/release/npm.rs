//! The release bundle as an npm package: `package.json` (exports, files, types), the
//! TypeScript declarations, and the package installed into a fresh project as a partner's
//! site would install it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::assets::is_content_hashed;
use crate::layout::{version, ENGINE, PRODUCT, WIDGET};
use crate::util::{root, run, Cmd, TempDir};

/// Files added to the bundle for npm, given the bundle's other files (to find the hashed
/// module names): `package.json`, `README.md` and `article-widget.d.ts`.
pub fn package_files(files: &BTreeMap<String, Vec<u8>>) -> Result<Vec<(String, Vec<u8>)>, String> {
    let hashed = |stem: &str| -> Result<&str, String> {
        files
            .keys()
            .map(String::as_str)
            .find(|f| {
                f.strip_prefix(stem)
                    .is_some_and(|rest| is_content_hashed(f) && rest.matches('.').count() == 1)
            })
            .ok_or_else(|| format!("the bundle has no {stem}<hash>.js"))
    };
    let module = hashed(&format!("pkg/{}.", WIDGET.out_name))?;
    let engine = hashed(&format!("pkg/{}.", ENGINE.out_name))?;
    let types = std::fs::read(root().join("www/article-widget.d.ts"))
        .map_err(|e| format!("www/article-widget.d.ts: {e}"))?;
    let mut package_files: Vec<&str> = vec![
        "article-widget.js",
        "article-widget.d.ts",
        "pkg/",
        "dict/",
        "schema/",
        "integrity.json",
        "DEPLOY.md",
        "CHANGELOG.md",
        "NOTICE",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "licenses/",
    ];
    if files.contains_key("article-widget.css") {
        package_files.insert(1, "article-widget.css");
    }
    let package = serde_json::json!({
        "name": PRODUCT,
        "version": version(),
        "description": "Embeddable news-article widget (WebAssembly, Shadow DOM) with OpenCC-exact Chinese script switching: the loader, its modules and dictionaries, ready to serve",
        "license": "MIT OR Apache-2.0",
        "keywords": ["widget", "news", "article", "embed", "webassembly", "opencc", "chinese"],
        "browser": "./article-widget.js",
        "types": "./article-widget.d.ts",
        "exports": {
            ".": {
                "types": "./article-widget.d.ts",
                "default": "./article-widget.js"
            },
            "./loader": {
                "types": "./article-widget.d.ts",
                "default": "./article-widget.js"
            },
            "./module": format!("./{module}"),
            "./engine": format!("./{engine}"),
            "./article-widget.js": "./article-widget.js",
            "./article-widget.css": "./article-widget.css",
            "./pkg/*": "./pkg/*",
            "./dict/*": "./dict/*",
            "./schema/*": "./schema/*",
            "./integrity.json": "./integrity.json",
            "./package.json": "./package.json"
        },
        "files": package_files,
        "sideEffects": true
    });
    let mut json = serde_json::to_string_pretty(&package).map_err(|e| e.to_string())?;
    json.push('\n');
    let readme = std::fs::read(root().join("docs/PACKAGE.md"))
        .map_err(|e| format!("docs/PACKAGE.md: {e}"))?;
    Ok(vec![
        ("package.json".into(), json.into_bytes()),
        ("README.md".into(), readme),
        ("article-widget.d.ts".into(), types),
    ])
}

/// A fresh project with the npm package installed (in a temporary directory, removed on drop).
pub struct Installed {
    _tmp: TempDir,
    /// The project, with its `package.json`.
    pub project: PathBuf,
    /// The installed package, `node_modules/article-widget/`.
    pub package: PathBuf,
}

/// `npm pack` of the bundle, installed into a fresh project (`npm install ./x.tgz`, offline
/// safe).
pub fn install(bundle: &Path) -> Result<Installed, String> {
    let tmp = TempDir::new("npm")?;
    let packed = Cmd::new("npm")
        .args(["pack", "--silent", "--pack-destination"])
        .arg(tmp.0.to_string_lossy())
        .current_dir(bundle)
        .output()
        .ok_or("`npm pack` failed in the bundle directory")?;
    let tgz = tmp.0.join(packed.lines().last().unwrap_or("").trim());
    if !tgz.is_file() {
        return Err(format!("npm pack wrote no tarball ({packed:?})"));
    }
    let project = tmp.0.join("project");
    std::fs::create_dir_all(&project).map_err(|e| e.to_string())?;
    std::fs::write(
        project.join("package.json"),
        "{ \"name\": \"partner-site\", \"private\": true, \"version\": \"1.0.0\" }\n",
    )
    .map_err(|e| e.to_string())?;
    run(Cmd::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--offline"])
        .arg(tgz.to_string_lossy())
        .current_dir(&project))?;
    let installed = project.join("node_modules").join(PRODUCT);
    Ok(Installed {
        _tmp: tmp,
        project,
        package: installed,
    })
}

/// `tsc --noEmit` on a usage example in `project` against the installed declarations.
pub fn check_declarations(project: &Path) -> Result<(), String> {
    let example = root().join("tests/dist/usage.ts");
    std::fs::copy(&example, project.join("usage.ts"))
        .map_err(|e| format!("{}: {e}", example.display()))?;
    run(
        Cmd::new(&root().join("node_modules/.bin/tsc").to_string_lossy())
            .args([
                "--noEmit",
                "--strict",
                "--target",
                "es2020",
                "--lib",
                "es2020,dom",
                "--module",
                "esnext",
                "--moduleResolution",
                "bundler",
                "usage.ts",
            ])
            .current_dir(project),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of the README table whose header row starts with `| {first} |`: first cells.
    fn table_keys(readme: &str, first: &str) -> Vec<String> {
        let mut lines = readme
            .lines()
            .skip_while(|l| !l.starts_with(&format!("| {first} |")))
            .skip(2);
        let mut keys = Vec::new();
        for line in lines.by_ref() {
            let Some(cell) = line.strip_prefix("| `") else {
                break;
            };
            keys.push(cell.split('`').next().unwrap_or("").to_owned());
        }
        keys
    }

    #[test]
    fn the_declarations_cover_the_readmes_api() {
        // The API is documented in docs/EMBEDDING.md (the README links it).
        let readme =
            std::fs::read_to_string(root().join("docs/EMBEDDING.md")).expect("docs/EMBEDDING.md");
        let types = std::fs::read_to_string(root().join("www/article-widget.d.ts")).expect("d.ts");
        let mount = types
            .split("export interface MountOptions {")
            .nth(1)
            .and_then(|r| r.split("\n}").next())
            .expect("MountOptions");
        let options = table_keys(&readme, "option");
        assert!(options.len() >= 9, "{options:?}");
        for option in &options {
            assert!(
                mount.contains(&format!("  {option}?: ")),
                "docs/EMBEDDING.md's option `{option}` is not declared in MountOptions"
            );
        }
        let declared = mount
            .lines()
            .filter(|l| l.trim_end().ends_with(';'))
            .count();
        assert_eq!(
            declared,
            options.len(),
            "MountOptions declares options docs/EMBEDDING.md lacks"
        );
        let events = table_keys(&readme, "event");
        assert_eq!(
            events,
            [
                "article-widget:load",
                "article-widget:error",
                "article-widget:script"
            ]
        );
        for event in &events {
            assert!(
                types.contains(&format!("\"{event}\": CustomEvent<")),
                "{event}"
            );
        }
        let kinds = readme
            .split("`kind` is one of")
            .nth(1)
            .and_then(|r| r.split('|').next())
            .expect("error kinds");
        for kind in kinds.split('`').skip(1).step_by(2) {
            assert!(
                types.contains(&format!("| \"{kind}\"")),
                "ErrorKind lacks {kind}"
            );
        }
    }
}
