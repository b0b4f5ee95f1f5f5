//! Shared by the golden-case harnesses: run every case file of a folder, report all failures.

use std::path::{Path, PathBuf};

/// Runs `run` on every `*.json` in `dir` (sorted); fails listing each failing file and why.
pub fn run_cases(dir: &Path, at_least: usize, run: impl Fn(&Path) -> Result<(), String>) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= at_least,
        "cases missing in {}: {}",
        dir.display(),
        paths.len()
    );
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|p| {
            run(p)
                .err()
                .map(|e| format!("{}: {e}", p.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
