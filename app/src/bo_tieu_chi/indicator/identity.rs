//! An indicator's code (typed only when it is added) and name.

use crate::bo_tieu_chi::forms::text_input;
use leptos::prelude::*;
use ntm_core::rules_edit::{Field, FieldError};

#[component]
pub fn IdentityFields(
    prefix: String,
    code: RwSignal<String>,
    name: RwSignal<String>,
    adding: bool,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let code_field = adding.then(|| {
        text_input(
            format!("{prefix}-code"),
            "Mã chỉ tiêu",
            code,
            errors,
            &[Field::Code],
            Some("Ví dụ 1.1 — chữ không dấu, số, dấu chấm."),
            Some("code-input"),
        )
    });
    view! {
        <div class="form-row">
            {code_field}
            {text_input(
                format!("{prefix}-name"),
                "Tên chỉ tiêu",
                name,
                errors,
                &[Field::Name],
                None,
                Some("name-input"),
            )}
        </div>
    }
}
