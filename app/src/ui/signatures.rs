//! The signature block at the foot of every printed report: who prepared it, who signs for the
//! body (and seals it).

use leptos::prelude::*;

/// `preparer` signs with their name; `signer` is the title lines of who signs and seals.
#[component]
pub fn Signatures(preparer: &'static str, signer: &'static [&'static str]) -> impl IntoView {
    view! {
        <div class="pr-signatures">
            <div>
                <p class="pr-sign-role">{preparer}</p>
                <p class="pr-sign-hint">"(Ký, ghi rõ họ tên)"</p>
            </div>
            <div>
                {signer.iter().map(|line| view! { <p class="pr-sign-role">{*line}</p> }).collect_view()}
                <p class="pr-sign-hint">"(Ký tên, đóng dấu)"</p>
            </div>
        </div>
    }
}
