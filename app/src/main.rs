//! The full entry (`ntm_app`): every page. Loaded for any page but the commune's first visit,
//! and whenever the service worker already keeps it (docs/architecture.md, "Entries").

// The benchmark hook of scripts/bench-browser.mjs: in this entry only, never in the commune's.
mod bench;

fn main() {
    ntm_app::start::<ntm_app::entry::full::Full>();
}
