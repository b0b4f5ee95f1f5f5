//! A candidate's record the standards count: earlier awards (with their kind of commendation
//! and the achievement they rewarded), emulation titles by year, yearly ratings, initiatives.
//! Each is a `RowList`: a table, an add form, edit in place and delete.

use crate::infra::clock::vi_date;
use crate::khen_thuong::fields::{get, set};
use crate::khen_thuong::state::{award_name, awards_by_rank, NominationsCtx};
use crate::ui::row_list::{Column, RowForm, RowList, RowProblem};
use leptos::prelude::*;
use ntm_core::input::{parse_year, Kind, Problem};
use ntm_core::nominations::{
    title_name, Basis, History, Initiative, PastAward, Rating, RatingYear, TitleYear, OTHER_AWARDS,
    TITLES,
};
use ntm_core::text::sentence;
use std::cmp::Ordering;

/// Years a history row may carry.
const FIRST_YEAR: u16 = 1945;
const LAST_YEAR: u16 = 2100;

/// The year typed in `field`, or why not (blank included).
fn year_of(text: &str, field: &'static str) -> Result<u16, RowProblem> {
    let blank = Problem::Year {
        first: FIRST_YEAR,
        last: LAST_YEAR,
    };
    match parse_year(text, FIRST_YEAR, LAST_YEAR) {
        Ok(Some(y)) => Ok(y),
        Ok(None) => Err(blank),
        Err(p) => Err(p),
    }
    // The year's message does not depend on a kind.
    .map_err(|p| RowProblem::new(field, sentence(&p.message_vi(Kind::Count))))
}

/// Writes `row` into `list` (replacing the row at `at`), drops rows that `clashes` with it,
/// and keeps the list in `order`.
fn save_row<T>(
    list: &mut Vec<T>,
    at: Option<usize>,
    row: T,
    clashes: fn(&T, &T) -> bool,
    order: fn(&T, &T) -> Ordering,
) {
    if let Some(i) = at.filter(|i| *i < list.len()) {
        list.remove(i);
    }
    list.retain(|x| !clashes(x, &row));
    list.push(row);
    list.sort_by(order);
}

fn remove_row<T>(list: &mut Vec<T>, i: usize) {
    if i < list.len() {
        list.remove(i);
    }
}

/// The callbacks of one history list: `pick` chooses the list inside the candidate's history.
fn writers<T: Send + Sync + 'static>(
    ctx: NominationsCtx,
    cid: StoredValue<String>,
    pick: fn(&mut History) -> &mut Vec<T>,
    clashes: fn(&T, &T) -> bool,
    order: fn(&T, &T) -> Ordering,
) -> (Callback<(Option<usize>, T)>, Callback<usize>) {
    let save = Callback::new(move |(at, row): (Option<usize>, T)| {
        set(ctx, cid, move |c| {
            save_row(pick(&mut c.history), at, row, clashes, order)
        })
    });
    let remove =
        Callback::new(move |i: usize| set(ctx, cid, move |c| remove_row(pick(&mut c.history), i)));
    (save, remove)
}

fn never<T>(_: &T, _: &T) -> bool {
    false
}

#[derive(Clone, Debug, PartialEq)]
struct AwardDraft {
    award: String,
    decision: String,
    date: String,
    basis: String,
    achievement: String,
}

impl Default for AwardDraft {
    fn default() -> Self {
        AwardDraft {
            award: awards_by_rank()[0].id.clone(),
            decision: String::new(),
            date: String::new(),
            basis: Basis::CongTrang.code().to_string(),
            achievement: String::new(),
        }
    }
}

fn award_draft(a: &PastAward) -> AwardDraft {
    AwardDraft {
        award: a.award.clone(),
        decision: a.decision.clone(),
        date: a.date.clone(),
        basis: a.basis.code().to_string(),
        achievement: a.achievement.clone().unwrap_or_default(),
    }
}

fn award_row(d: &AwardDraft) -> Result<PastAward, RowProblem> {
    // The date field keeps a refused text: it is refused again here, with its reason.
    let date = match ntm_core::text::parse_vi_date(&d.date) {
        Ok(Some(iso)) => iso,
        Ok(None) => {
            return Err(RowProblem::new(
                "hist-award-date",
                "Chưa nhập ngày quyết định khen thưởng.",
            ))
        }
        Err(e) => {
            return Err(RowProblem::new(
                "hist-award-date",
                sentence(&format!("Ngày quyết định: {e}")),
            ))
        }
    };
    let a = d.achievement.trim().to_string();
    Ok(PastAward {
        award: d.award.clone(),
        decision: d.decision.trim().to_string(),
        date,
        basis: Basis::from_code(&d.basis).unwrap_or(Basis::CongTrang),
        achievement: (!a.is_empty()).then_some(a),
    })
}

fn award_form(f: RowForm<AwardDraft>) -> AnyView {
    let forms = awards_by_rank()
        .into_iter()
        .map(|a| (a.id.clone(), a.name.clone()))
        .chain(
            OTHER_AWARDS
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string())),
        )
        .collect();
    let bases = Basis::ALL
        .into_iter()
        .map(|b| (b.code().to_string(), b.label_vi().to_string()))
        .collect();
    view! {
        {f.select("hist-award-form", "Hình thức", forms, |d| d.award.clone(), |d, v| d.award = v)}
        {f.input("hist-award-decision", "Số quyết định", "text", "", |d| d.decision.clone(), |d, v| d.decision = v)}
        {f.input("hist-award-date", "Ngày quyết định", "date", "", |d| d.date.clone(), |d, v| d.date = v)}
        {f.select("hist-award-basis", "Loại hình khen", bases, |d| d.basis.clone(), |d, v| d.basis = v)}
        {f.input("hist-award-achievement", "Mã thành tích đã khen (nếu biết)", "text", "", |d| d.achievement.clone(), |d, v| d.achievement = v)}
    }
    .into_any()
}

fn awards_list(ctx: NominationsCtx, cid: StoredValue<String>) -> impl IntoView {
    let (on_save, on_remove) = writers(
        ctx,
        cid,
        |h| &mut h.awards,
        never,
        |a, b| a.date.cmp(&b.date),
    );
    let columns = vec![
        Column {
            header: "Hình thức",
            cell: |a: &PastAward| award_name(&a.award),
        },
        Column {
            header: "Số quyết định",
            cell: |a| a.decision.clone(),
        },
        Column {
            header: "Ngày",
            cell: |a| vi_date(&a.date),
        },
        Column {
            header: "Loại hình",
            cell: |a| a.basis.label_vi().to_string(),
        },
        Column {
            header: "Mã thành tích",
            cell: |a| a.achievement.clone().unwrap_or_default(),
        },
    ];
    view! {
        <RowList
            id="hist-award"
            caption="Khen thưởng đã nhận"
            rows=Signal::derive(move || get(ctx, cid, |c| c.history.awards.clone()))
            columns=columns
            name=|a: &PastAward| format!("{} ngày {}", award_name(&a.award), vi_date(&a.date))
            row_testid="hist-award-row"
            add_label="Thêm khen thưởng"
            to_draft=award_draft
            from_draft=award_row
            form=award_form
            keep=|d: &AwardDraft| AwardDraft { award: d.award.clone(), basis: d.basis.clone(), ..AwardDraft::default() }
            on_save=on_save
            on_remove=on_remove
            class="khen-thuong-hist"
            table_class="khen-thuong-mini-table"
            form_class="khen-thuong-add-row"
        />
    }
}

/// The draft of a row that is a choice (title, rating) and a year.
#[derive(Clone, Debug, PartialEq)]
struct YearDraft {
    choice: String,
    year: String,
}

#[derive(Clone, Debug, PartialEq)]
struct TitleDraft(YearDraft);

impl Default for TitleDraft {
    fn default() -> Self {
        TitleDraft(YearDraft {
            choice: TITLES[0].0.to_string(),
            year: String::new(),
        })
    }
}

fn title_form(f: RowForm<TitleDraft>) -> AnyView {
    let titles = TITLES
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    view! {
        {f.select("hist-title", "Danh hiệu", titles, |d| d.0.choice.clone(), |d, v| d.0.choice = v)}
        {f.year("hist-title-year", "Năm", "khen-thuong-year", |d| d.0.year.clone(), |d, v| d.0.year = v)}
    }
    .into_any()
}

fn titles_list(ctx: NominationsCtx, cid: StoredValue<String>) -> impl IntoView {
    // The same title twice in a year is one title.
    let (on_save, on_remove) = writers(
        ctx,
        cid,
        |h| &mut h.titles,
        |a, b| a.title == b.title && a.year == b.year,
        |a, b| a.year.cmp(&b.year),
    );
    let columns = vec![
        Column {
            header: "Năm",
            cell: |t: &TitleYear| t.year.to_string(),
        },
        Column {
            header: "Danh hiệu",
            cell: |t| title_name(&t.title),
        },
    ];
    view! {
        <RowList
            id="hist-title"
            caption="Danh hiệu thi đua theo năm"
            rows=Signal::derive(move || get(ctx, cid, |c| c.history.titles.clone()))
            columns=columns
            name=|t: &TitleYear| format!("{} năm {}", title_name(&t.title), t.year)
            row_testid="hist-title-row"
            add_label="Thêm danh hiệu"
            to_draft=|t: &TitleYear| TitleDraft(YearDraft { choice: t.title.clone(), year: t.year.to_string() })
            from_draft=|d: &TitleDraft| {
                year_of(&d.0.year, "hist-title-year").map(|year| TitleYear { title: d.0.choice.clone(), year })
            }
            form=title_form
            keep=|d: &TitleDraft| TitleDraft(YearDraft { choice: d.0.choice.clone(), year: String::new() })
            on_save=on_save
            on_remove=on_remove
            class="khen-thuong-hist"
            table_class="khen-thuong-mini-table"
            form_class="khen-thuong-add-row"
        />
    }
}

#[derive(Clone, Debug, PartialEq)]
struct RatingDraft(YearDraft);

impl Default for RatingDraft {
    fn default() -> Self {
        RatingDraft(YearDraft {
            choice: Rating::HoanThanhXuatSac.code().to_string(),
            year: String::new(),
        })
    }
}

fn rating_form(f: RowForm<RatingDraft>) -> AnyView {
    let ratings = Rating::ALL
        .into_iter()
        .map(|r| (r.code().to_string(), r.label_vi().to_string()))
        .collect();
    view! {
        {f.year("hist-rating-year", "Năm", "khen-thuong-year", |d| d.0.year.clone(), |d, v| d.0.year = v)}
        {f.select("hist-rating", "Xếp loại", ratings, |d| d.0.choice.clone(), |d, v| d.0.choice = v)}
    }
    .into_any()
}

fn ratings_list(ctx: NominationsCtx, cid: StoredValue<String>) -> impl IntoView {
    // One rating a year: a second entry for the year replaces the first.
    let (on_save, on_remove) = writers(
        ctx,
        cid,
        |h| &mut h.ratings,
        |a, b| a.year == b.year,
        |a, b| a.year.cmp(&b.year),
    );
    let columns = vec![
        Column {
            header: "Năm",
            cell: |r: &RatingYear| r.year.to_string(),
        },
        Column {
            header: "Xếp loại",
            cell: |r| r.rating.label_vi().to_string(),
        },
    ];
    view! {
        <RowList
            id="hist-rating"
            caption="Đánh giá, xếp loại hằng năm"
            rows=Signal::derive(move || get(ctx, cid, |c| c.history.ratings.clone()))
            columns=columns
            name=|r: &RatingYear| format!("xếp loại năm {}", r.year)
            row_testid="hist-rating-row"
            add_label="Thêm xếp loại"
            to_draft=|r: &RatingYear| RatingDraft(YearDraft { choice: r.rating.code().to_string(), year: r.year.to_string() })
            from_draft=|d: &RatingDraft| {
                let rating = Rating::from_code(&d.0.choice).unwrap_or(Rating::HoanThanhXuatSac);
                year_of(&d.0.year, "hist-rating-year").map(|year| RatingYear { year, rating })
            }
            form=rating_form
            keep=|d: &RatingDraft| RatingDraft(YearDraft { choice: d.0.choice.clone(), year: String::new() })
            on_save=on_save
            on_remove=on_remove
            class="khen-thuong-hist"
            table_class="khen-thuong-mini-table"
            form_class="khen-thuong-add-row"
        />
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
struct InitiativeDraft {
    year: String,
    name: String,
}

fn initiative_row(d: &InitiativeDraft) -> Result<Initiative, RowProblem> {
    let name = d.name.trim().to_string();
    if name.is_empty() {
        return Err(RowProblem::new(
            "hist-initiative-name",
            "Chưa nhập tên sáng kiến.",
        ));
    }
    year_of(&d.year, "hist-initiative-year").map(|year| Initiative { year, name })
}

fn initiative_form(f: RowForm<InitiativeDraft>) -> AnyView {
    view! {
        {f.year("hist-initiative-year", "Năm", "khen-thuong-year", |d| d.year.clone(), |d, v| d.year = v)}
        {f.input("hist-initiative-name", "Tên sáng kiến", "text", "khen-thuong-grow", |d| d.name.clone(), |d, v| d.name = v)}
    }
    .into_any()
}

fn initiatives_list(ctx: NominationsCtx, cid: StoredValue<String>) -> impl IntoView {
    let (on_save, on_remove) = writers(
        ctx,
        cid,
        |h| &mut h.initiatives,
        never,
        |a, b| a.year.cmp(&b.year),
    );
    let columns = vec![
        Column {
            header: "Năm",
            cell: |s: &Initiative| s.year.to_string(),
        },
        Column {
            header: "Tên sáng kiến",
            cell: |s| s.name.clone(),
        },
    ];
    view! {
        <RowList
            id="hist-initiative"
            caption="Sáng kiến được công nhận"
            rows=Signal::derive(move || get(ctx, cid, |c| c.history.initiatives.clone()))
            columns=columns
            name=|s: &Initiative| format!("sáng kiến {}", s.name)
            row_testid="hist-initiative-row"
            add_label="Thêm sáng kiến"
            to_draft=|s: &Initiative| InitiativeDraft { year: s.year.to_string(), name: s.name.clone() }
            from_draft=initiative_row
            form=initiative_form
            on_save=on_save
            on_remove=on_remove
            class="khen-thuong-hist"
            table_class="khen-thuong-mini-table"
            form_class="khen-thuong-add-row"
        />
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
            {awards_list(ctx, cid)}
            {titles_list(ctx, cid)}
            {ratings_list(ctx, cid)}
            {initiatives_list(ctx, cid)}
        </details>
    }
}
