//! Values a dossier holds under codes the rules in use do not have (a province's own set, not
//! loaded here): listed with the words the app uses everywhere, never evaluated.

use leptos::prelude::*;
use ntm_core::dossier::{KeptRow, KEPT_NOTE};

/// The kept values as a warning with a table; nothing when there are none.
#[component]
pub fn KeptValues(rows: Vec<KeptRow>) -> impl IntoView {
    (!rows.is_empty()).then(|| {
        let n = rows.len();
        let body = rows
            .into_iter()
            .map(|r| {
                let code = r.code.clone();
                view! {
                    <tr data-testid="kept-row" data-set=r.set_id data-code=code>
                        <td>{r.set}</td>
                        <th scope="row">{r.code}</th>
                        <td>{r.value}</td>
                        <td>{r.evidence.unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="alert alert-warning kept-values" data-testid="kept-values">
                <p>
                    <span aria-hidden="true">"⚠ "</span>
                    {format!(
                        "{n} {KEPT_NOTE} để đánh giá. Các giá trị dưới đây được giữ nguyên, xuất lại cùng hồ sơ và không tính vào kết quả."
                    )}
                </p>
                <table class="kept-values-table">
                    <thead>
                        <tr>
                            <th scope="col">"Bộ tiêu chí"</th>
                            <th scope="col">"Mã chỉ tiêu"</th>
                            <th scope="col">"Giá trị"</th>
                            <th scope="col">"Minh chứng"</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
    })
}

/// The commune name of the file when it is not the official one (both quoted, what differs).
#[component]
pub fn NameWarning(text: Option<String>) -> impl IntoView {
    text.map(|t| {
        view! {
            <p class="alert alert-warning" data-testid="name-warning">
                <span aria-hidden="true">"⚠ "</span>
                {t}
            </p>
        }
    })
}
