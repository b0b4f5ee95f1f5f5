//! The commune entry (`xa`): Tự đánh giá only, the default route's first load. Any other page
//! reloads into the full entry (docs/architecture.md, "Entries").

fn main() {
    ntm_app::start::<ntm_app::entry::xa::Xa>();
}
