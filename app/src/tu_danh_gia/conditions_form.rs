//! Recognition conditions (QĐ 18/2022/QĐ-TTg) and the kiểu mẫu inputs (QĐ 319/QĐ-TTg).
//! Indicators C2–C4 and KM.3–KM.4 read these values.

use crate::tu_danh_gia::draft_fields::{ApplyFlag, ApplyNumber, DraftFlag, DraftNumber};
use crate::tu_danh_gia::state::Workspace;
use crate::ui::number_input::ExtraCheck;
use leptos::prelude::*;
use ntm_core::input::Kind;
use ntm_core::rules::ConditionField;
use ntm_core::text::sentence;
use ntm_core::typed::condition_key;
use std::sync::Arc;

/// The core's rule for a condition beyond its kind's (e.g. the bound on smart-village models).
fn check(field: ConditionField) -> ExtraCheck {
    Callback::new(move |v| ntm_core::dossier::check_condition(field, v).map_err(|p| sentence(&p)))
}

#[component]
pub fn ConditionsForm() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let c = ws
        .with_open(|d| d.dossier.conditions.clone())
        .unwrap_or_default();
    let outstanding_key = condition_key(ConditionField::OutstandingFields);
    let outstanding = ws
        .with_open(|d| d.raw.get(&outstanding_key).cloned())
        .flatten()
        .unwrap_or_else(|| c.outstanding_fields.clone().unwrap_or_default().join("\n"));

    let apply_satisfaction: ApplyNumber = Arc::new(|d, v| d.conditions.satisfaction_pct = v);
    let apply_debt: ApplyNumber = Arc::new(|d, v| d.conditions.xdcb_debt_vnd = v);
    // The core accepted it as a whole number within range, so the cast is exact.
    let apply_models: ApplyNumber =
        Arc::new(|d, v| d.conditions.smart_village_models = v.map(|n| n as u32));
    let apply_security: ApplyFlag = Arc::new(|d, v| d.conditions.security_order_ok = v);

    let on_outstanding = move |ev| {
        let typed = event_target_value(&ev);
        let list: Vec<String> = typed
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        let key = outstanding_key.clone();
        ws.set_field(key, typed, move |d| {
            d.conditions.outstanding_fields = (!list.is_empty()).then_some(list);
        });
    };

    view! {
        <section class="conditions" aria-labelledby="conditions-h">
            <h3 id="conditions-h">"Điều kiện công nhận và số liệu xét kiểu mẫu"</h3>
            <p class="section-intro">
                "Theo Quyết định 18/2022/QĐ-TTg (điều kiện công nhận xã đạt chuẩn) và Quyết định 319/QĐ-TTg (xã nông thôn mới kiểu mẫu). Các chỉ tiêu C2–C4 và KM.3–KM.4 được tính từ mục này."
            </p>
            <div class="tu-danh-gia-cond-grid">
                <div class="field">
                    <label for="cond-satisfaction">"Tỷ lệ người dân hài lòng với kết quả xây dựng NTM của xã"</label>
                    <DraftNumber
                        id="cond-satisfaction".to_string()
                        testid="cond-satisfaction_pct".to_string()
                        error_testid="error-cond-satisfaction_pct".to_string()
                        kind=Kind::Percent
                        key=condition_key(ConditionField::SatisfactionPct)
                        value=c.satisfaction_pct
                        check=check(ConditionField::SatisfactionPct)
                        apply=apply_satisfaction
                    />
                </div>
                <div class="field">
                    <label for="cond-debt">"Nợ đọng xây dựng cơ bản thuộc Chương trình NTM còn lại"</label>
                    <DraftNumber
                        id="cond-debt".to_string()
                        testid="cond-xdcb_debt_vnd".to_string()
                        error_testid="error-cond-xdcb_debt_vnd".to_string()
                        kind=Kind::Money
                        key=condition_key(ConditionField::XdcbDebtVnd)
                        value=c.xdcb_debt_vnd
                        described_by="cond-debt-hint"
                        check=check(ConditionField::XdcbDebtVnd)
                        apply=apply_debt
                    />
                    <p class="hint" id="cond-debt-hint">"Ghi 0 nếu không còn nợ đọng."</p>
                </div>
                <div class="field">
                    <label for="cond-security">"An ninh, trật tự (xã không phức tạp về an ninh, trật tự)"</label>
                    <DraftFlag
                        id="cond-security".to_string()
                        testid="cond-security_order_ok".to_string()
                        initial=c.security_order_ok
                        yes_label="Đạt"
                        no_label="Chưa đạt"
                        apply=apply_security
                    />
                </div>
                <div class="field">
                    <label for="cond-models">"Số mô hình thôn thông minh"</label>
                    <DraftNumber
                        id="cond-models".to_string()
                        testid="cond-smart_village_models".to_string()
                        error_testid="error-cond-smart_village_models".to_string()
                        kind=Kind::Count
                        key=condition_key(ConditionField::SmartVillageModels)
                        value=c.smart_village_models.map(f64::from)
                        suffix="mô hình"
                        check=check(ConditionField::SmartVillageModels)
                        apply=apply_models
                    />
                </div>
                <div class="field field-wide">
                    <label for="cond-outstanding">"Lĩnh vực nổi trội (mỗi dòng một lĩnh vực)"</label>
                    <textarea
                        id="cond-outstanding"
                        rows="3"
                        data-testid="cond-outstanding_fields"
                        aria-describedby="cond-outstanding-hint"
                        on:input=on_outstanding
                        prop:value=outstanding
                    ></textarea>
                    <p class="hint" id="cond-outstanding-hint">
                        "Ví dụ: sản xuất, văn hóa, du lịch, chuyển đổi số. Để trống nếu chưa xác định."
                    </p>
                </div>
            </div>
        </section>
    }
}
