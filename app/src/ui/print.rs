//! What every printed report shares: the heading (the body issuing it, the national motto) and
//! the signature block (who prepared it, who signs for the body and seals it).

use leptos::prelude::*;

/// The issuing body on the left, the national name and motto on the right.
#[component]
pub fn PrintHeading(org: String) -> impl IntoView {
    view! {
        <div class="pr-heading">
            <p class="pr-org">{org}</p>
            <p class="pr-nation">
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" <br />
                <span class="pr-motto">"Độc lập – Tự do – Hạnh phúc"</span>
            </p>
        </div>
    }
}

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
