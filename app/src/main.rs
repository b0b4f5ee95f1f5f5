//! The full entry (`ntm_app`): every page. Loaded for any page but the commune's first visit,
//! and whenever the service worker already keeps it (docs/architecture.md, "Entries").

fn main() {
    ntm_app::start::<ntm_app::entry::full::Full>();
}
