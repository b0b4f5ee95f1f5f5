//! Khen thưởng: the nomination register, each candidate's checklist and verdicts with their
//! legal reasons, the register of good models, the summary by award form, exports and print.

use leptos::prelude::*;

#[component]
pub fn KhenThuong() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="kt-title">
            <h1 id="kt-title">"Khen thưởng"</h1>
        </section>
    }
}
