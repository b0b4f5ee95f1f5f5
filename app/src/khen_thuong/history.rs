//! A candidate's record the standards count: earlier awards (with their kind of commendation
//! and the achievement they rewarded), emulation titles by year, yearly ratings, initiatives.

use crate::infra::clock::vi_date;
use crate::khen_thuong::editor::{get, set};
use crate::khen_thuong::state::{award_name, awards_by_rank, NominationsCtx};
use leptos::prelude::*;
use ntm_core::nominations::{
    title_name, Basis, Initiative, PastAward, Rating, RatingYear, TitleYear, OTHER_AWARDS, TITLES,
};

fn parse_year(text: &str) -> Result<u16, String> {
    match text.trim().parse::<u16>() {
        Ok(y) if (1945..=2100).contains(&y) => Ok(y),
        _ => Err("Năm phải là số có 4 chữ số, từ 1945 đến 2100.".into()),
    }
}

fn error_line(error: RwSignal<Option<String>>, id: &'static str) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <p class="field-error" id=id role="alert">
                    <span aria-hidden="true">"⚠ "</span>
                    {e}
                </p>
            }
        })
    }
}

fn delete_button(label: String, on_click: impl Fn() + 'static) -> impl IntoView {
    view! {
        <button type="button" class="small danger" aria-label=label on:click=move |_| on_click()>
            "Xóa"
        </button>
    }
}

fn awards_section(ctx: NominationsCtx, cid: StoredValue<String>) -> impl IntoView {
    let form = RwSignal::new(awards_by_rank()[0].id.clone());
    let decision = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let basis = RwSignal::new(Basis::CongTrang);
    let achievement = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = date.get_untracked();
        if d.is_empty() {
            error.set(Some("Chưa chọn ngày quyết định khen thưởng.".into()));
            return;
        }
        error.set(None);
        let a = achievement.get_untracked().trim().to_string();
        let past = PastAward {
            award: form.get_untracked(),
            decision: decision.get_untracked().trim().to_string(),
            date: d,
            basis: basis.get_untracked(),
            achievement: (!a.is_empty()).then_some(a),
        };
        set(ctx, cid, move |c| {
            c.history.awards.push(past);
            c.history.awards.sort_by(|a, b| a.date.cmp(&b.date));
        });
        decision.set(String::new());
        date.set(String::new());
        achievement.set(String::new());
    };
    let rows = move || {
        get(ctx, cid, |c| c.history.awards.clone())
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let label = format!("Xóa {} ngày {}", award_name(&a.award), vi_date(&a.date));
                view! {
                    <tr data-testid="hist-award-row">
                        <td>{award_name(&a.award)}</td>
                        <td>{a.decision.clone()}</td>
                        <td>{vi_date(&a.date)}</td>
                        <td>{a.basis.label_vi()}</td>
                        <td>{a.achievement.clone().unwrap_or_default()}</td>
                        <td>{delete_button(label, move || set(ctx, cid, move |c| {
                            if i < c.history.awards.len() {
                                c.history.awards.remove(i);
                            }
                        }))}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="khen-thuong-hist">
            <h4>"Khen thưởng đã nhận"</h4>
            <table class="khen-thuong-mini-table">
                <thead>
                    <tr>
                        <th scope="col">"Hình thức"</th>
                        <th scope="col">"Số quyết định"</th>
                        <th scope="col">"Ngày"</th>
                        <th scope="col">"Loại hình"</th>
                        <th scope="col">"Mã thành tích"</th>
                        <th scope="col"><span class="visually-hidden">"Thao tác"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <form class="khen-thuong-add-row" on:submit=add novalidate>
                <div class="field">
                    <label for="hist-award-form">"Hình thức"</label>
                    <select id="hist-award-form" on:change=move |ev| form.set(event_target_value(&ev))>
                        {awards_by_rank()
                            .into_iter()
                            .map(|a| (a.id.clone(), a.name.clone()))
                            .chain(OTHER_AWARDS.iter().map(|(k, v)| (k.to_string(), v.to_string())))
                            .map(|(k, v)| view! { <option value=k>{v}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="hist-award-decision">"Số quyết định"</label>
                    <input
                        type="text"
                        id="hist-award-decision"
                        autocomplete="off"
                        prop:value=move || decision.get()
                        on:input=move |ev| decision.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="hist-award-date">"Ngày quyết định"</label>
                    <input
                        type="date"
                        id="hist-award-date"
                        prop:value=move || date.get()
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby=move || error.with(Option::is_some).then_some("hist-award-error")
                        on:input=move |ev| date.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="hist-award-basis">"Loại hình khen"</label>
                    <select
                        id="hist-award-basis"
                        on:change=move |ev| {
                            if let Some(b) = Basis::from_code(&event_target_value(&ev)) {
                                basis.set(b);
                            }
                        }
                    >
                        {Basis::ALL
                            .into_iter()
                            .map(|b| view! { <option value=b.code() selected=b == Basis::CongTrang>{b.label_vi()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="hist-award-achievement">"Mã thành tích đã khen (nếu biết)"</label>
                    <input
                        type="text"
                        id="hist-award-achievement"
                        autocomplete="off"
                        prop:value=move || achievement.get()
                        on:input=move |ev| achievement.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="small" id="hist-award-add">"Thêm khen thưởng"</button>
            </form>
            {error_line(error, "hist-award-error")}
        </section>
    }
}

fn titles_section(ctx: NominationsCtx, cid: StoredValue<String>) -> impl IntoView {
    let title = RwSignal::new(TITLES[0].0.to_string());
    let year = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_year(&year.get_untracked()) {
            Ok(y) => {
                error.set(None);
                let t = title.get_untracked();
                set(ctx, cid, move |c| {
                    if !c.history.titles.iter().any(|x| x.title == t && x.year == y) {
                        c.history.titles.push(TitleYear { title: t, year: y });
                        c.history.titles.sort_by_key(|x| x.year);
                    }
                });
                year.set(String::new());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let rows = move || {
        get(ctx, cid, |c| c.history.titles.clone())
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                let label = format!("Xóa {} năm {}", title_name(&t.title), t.year);
                view! {
                    <li data-testid="hist-title-row">
                        {format!("{}: {}", t.year, title_name(&t.title))}
                        " "
                        {delete_button(label, move || set(ctx, cid, move |c| {
                            if i < c.history.titles.len() {
                                c.history.titles.remove(i);
                            }
                        }))}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="khen-thuong-hist">
            <h4>"Danh hiệu thi đua theo năm"</h4>
            <ul class="khen-thuong-mini-list">{rows}</ul>
            <form class="khen-thuong-add-row" on:submit=add novalidate>
                <div class="field">
                    <label for="hist-title">"Danh hiệu"</label>
                    <select id="hist-title" on:change=move |ev| title.set(event_target_value(&ev))>
                        {TITLES.iter().map(|(k, v)| view! { <option value=*k>{*v}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field khen-thuong-year">
                    <label for="hist-title-year">"Năm"</label>
                    <input
                        type="text"
                        inputmode="numeric"
                        id="hist-title-year"
                        autocomplete="off"
                        prop:value=move || year.get()
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby=move || error.with(Option::is_some).then_some("hist-title-error")
                        on:input=move |ev| year.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="small" id="hist-title-add">"Thêm danh hiệu"</button>
            </form>
            {error_line(error, "hist-title-error")}
        </section>
    }
}

fn ratings_section(ctx: NominationsCtx, cid: StoredValue<String>) -> impl IntoView {
    let rating = RwSignal::new(Rating::HoanThanhXuatSac);
    let year = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_year(&year.get_untracked()) {
            Ok(y) => {
                error.set(None);
                let r = rating.get_untracked();
                // One rating a year: a second entry for the year replaces the first.
                set(ctx, cid, move |c| {
                    c.history.ratings.retain(|x| x.year != y);
                    c.history.ratings.push(RatingYear { year: y, rating: r });
                    c.history.ratings.sort_by_key(|x| x.year);
                });
                year.set(String::new());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let rows = move || {
        get(ctx, cid, |c| c.history.ratings.clone())
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let label = format!("Xóa xếp loại năm {}", r.year);
                view! {
                    <li data-testid="hist-rating-row">
                        {format!("{}: {}", r.year, r.rating.label_vi())}
                        " "
                        {delete_button(label, move || set(ctx, cid, move |c| {
                            if i < c.history.ratings.len() {
                                c.history.ratings.remove(i);
                            }
                        }))}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="khen-thuong-hist">
            <h4>"Đánh giá, xếp loại hằng năm"</h4>
            <ul class="khen-thuong-mini-list">{rows}</ul>
            <form class="khen-thuong-add-row" on:submit=add novalidate>
                <div class="field khen-thuong-year">
                    <label for="hist-rating-year">"Năm"</label>
                    <input
                        type="text"
                        inputmode="numeric"
                        id="hist-rating-year"
                        autocomplete="off"
                        prop:value=move || year.get()
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby=move || error.with(Option::is_some).then_some("hist-rating-error")
                        on:input=move |ev| year.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="hist-rating">"Xếp loại"</label>
                    <select
                        id="hist-rating"
                        on:change=move |ev| {
                            if let Some(r) = Rating::from_code(&event_target_value(&ev)) {
                                rating.set(r);
                            }
                        }
                    >
                        {Rating::ALL
                            .into_iter()
                            .map(|r| view! { <option value=r.code()>{r.label_vi()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="small" id="hist-rating-add">"Thêm xếp loại"</button>
            </form>
            {error_line(error, "hist-rating-error")}
        </section>
    }
}

fn initiatives_section(ctx: NominationsCtx, cid: StoredValue<String>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            error.set(Some("Chưa nhập tên sáng kiến.".into()));
            return;
        }
        match parse_year(&year.get_untracked()) {
            Ok(y) => {
                error.set(None);
                set(ctx, cid, move |c| {
                    c.history.initiatives.push(Initiative { year: y, name: n });
                    c.history.initiatives.sort_by_key(|x| x.year);
                });
                name.set(String::new());
                year.set(String::new());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let rows = move || {
        get(ctx, cid, |c| c.history.initiatives.clone())
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let label = format!("Xóa sáng kiến {}", s.name);
                view! {
                    <li data-testid="hist-initiative-row">
                        {format!("{}: {}", s.year, s.name)}
                        " "
                        {delete_button(label, move || set(ctx, cid, move |c| {
                            if i < c.history.initiatives.len() {
                                c.history.initiatives.remove(i);
                            }
                        }))}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="khen-thuong-hist">
            <h4>"Sáng kiến được công nhận"</h4>
            <ul class="khen-thuong-mini-list">{rows}</ul>
            <form class="khen-thuong-add-row" on:submit=add novalidate>
                <div class="field khen-thuong-year">
                    <label for="hist-initiative-year">"Năm"</label>
                    <input
                        type="text"
                        inputmode="numeric"
                        id="hist-initiative-year"
                        autocomplete="off"
                        prop:value=move || year.get()
                        on:input=move |ev| year.set(event_target_value(&ev))
                    />
                </div>
                <div class="field khen-thuong-grow">
                    <label for="hist-initiative-name">"Tên sáng kiến"</label>
                    <input
                        type="text"
                        id="hist-initiative-name"
                        autocomplete="off"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="small" id="hist-initiative-add">"Thêm sáng kiến"</button>
            </form>
            {error_line(error, "hist-initiative-error")}
        </section>
    }
}

#[component]
pub fn NominationHistory(cid: StoredValue<String>) -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    view! {
        <details class="khen-thuong-fieldset khen-thuong-details" data-testid="history-editor">
            <summary>"Quá trình khen thưởng, danh hiệu, xếp loại, sáng kiến"</summary>
            <p class="hint">
                "Các tiêu chuẩn theo công trạng đếm khen thưởng trước đó, số năm hoàn thành xuất sắc nhiệm vụ, danh hiệu thi đua và sáng kiến. Ghi đủ để ứng dụng đối chiếu."
            </p>
            {awards_section(ctx, cid)}
            {titles_section(ctx, cid)}
            {ratings_section(ctx, cid)}
            {initiatives_section(ctx, cid)}
        </details>
    }
}
