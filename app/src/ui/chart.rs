//! Charts on `<canvas>` with plotters: a bar chart (with an optional reference line) and a stacked
//! bar chart. Each draws after mount and again whenever its data changes or its room does: a
//! canvas is drawn as wide as it is shown (up to its own width), so its text is never scaled
//! below [`TEXT_PX`] on a phone. Each carries its numbers as text too (aria-label on the
//! canvas, and a table under "Xem số liệu dạng bảng" that the keyboard opens).

use crate::ui::table::TableScroll;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use ntm_core::text::format_decimal;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;

const FONT: &str = "sans-serif";
/// Size of every text on a chart, in canvas pixels (the page shows it at this size).
pub const TEXT_PX: u32 = 12;
/// Narrowest a chart is drawn; below it the canvas is scaled down.
const MIN_WIDTH: u32 = 280;
const GREEN: RGBColor = RGBColor(18, 115, 75);
const AMBER: RGBColor = RGBColor(224, 161, 0);
const GREY: RGBColor = RGBColor(92, 102, 97);
const RED: RGBColor = RGBColor(155, 28, 28);
/// Series colours of stacked bars, distinguishable in grey print too (light to dark).
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(201, 209, 204),
    RGBColor(143, 199, 163),
    RGBColor(46, 139, 87),
    RGBColor(8, 67, 43),
    RGBColor(224, 161, 0),
    RGBColor(26, 86, 219),
];

/// How a bar is coloured: `Good` (target met), `Short` (not met), or plain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Plain,
    Good,
    Short,
}

/// One bar: a short label under it, the value (None = no data: no bar, "—"), and the longer
/// description used in the text alternative.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    pub detail: String,
    pub tone: Tone,
}

fn value_text(v: Option<f64>, unit: &str) -> String {
    match v {
        Some(v) => format!("{}{unit}", format_decimal((v * 10.0).round() / 10.0)),
        None => "chưa có số liệu".into(),
    }
}

/// A round axis top a little above `max`.
fn axis_top(max: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let raw = max * 1.12;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|s| s * mag / 2.0)
        .find(|s| (raw / s).ceil() <= 12.0)
        .unwrap_or(mag);
    (raw / step).ceil() * step
}

/// Splits a label into at most two lines of about `width` characters.
fn two_lines(label: &str, width: usize) -> Vec<String> {
    if label.chars().count() <= width {
        return vec![label.to_string()];
    }
    let mut first = String::new();
    let mut rest = String::new();
    for word in label.split_whitespace() {
        if rest.is_empty() && first.chars().count() + word.chars().count() < width {
            if !first.is_empty() {
                first.push(' ');
            }
            first.push_str(word);
        } else {
            if !rest.is_empty() {
                rest.push(' ');
            }
            rest.push_str(word);
        }
    }
    if rest.chars().count() > width {
        rest = rest
            .chars()
            .take(width.saturating_sub(1))
            .collect::<String>()
            + "…";
    }
    if first.is_empty() {
        vec![rest]
    } else {
        vec![first, rest]
    }
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// Draws category labels (up to two lines) under the bars, at backend coordinates.
fn draw_category_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    positions: &[(i32, i32)],
    labels: &[String],
    slot_px: i32,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let chars = ((slot_px as f64) / (TEXT_PX as f64 * 0.6)).max(4.0) as usize;
    let style = TextStyle::from((FONT, TEXT_PX).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    for ((x, y), label) in positions.iter().zip(labels) {
        for (k, line) in two_lines(label, chars).into_iter().enumerate() {
            root.draw(&Text::new(
                line,
                (*x, *y + 6 + (TEXT_PX as i32 + 2) * k as i32),
                style.clone(),
            ))?;
        }
    }
    Ok(())
}

type Axes<'a> = ChartContext<'a, CanvasBackend, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The frame both charts share: `n` category slots over values from 0 to `top`, the value axis
/// (`y_area` pixels wide) labelled by `y_fmt` and titled `y_desc`.
fn axes<'a>(
    root: &'a DrawingArea<CanvasBackend, Shift>,
    n: usize,
    top: f64,
    y_area: u32,
    y_fmt: &dyn Fn(&f64) -> String,
    y_desc: &str,
) -> Result<Axes<'a>, Box<dyn std::error::Error>> {
    let mut chart = ChartBuilder::on(root)
        .margin(14)
        .margin_right(24)
        .x_label_area_size(40)
        .y_label_area_size(y_area)
        .build_cartesian_2d(0f64..n as f64, 0f64..top)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .x_label_formatter(&|_| String::new())
        .y_labels(6)
        .y_label_formatter(y_fmt)
        .y_desc(y_desc)
        .label_style((FONT, TEXT_PX))
        .axis_desc_style((FONT, TEXT_PX))
        .light_line_style(RGBColor(238, 241, 239))
        .bold_line_style(RGBColor(223, 229, 225))
        .draw()?;
    Ok(chart)
}

fn draw_bars(
    canvas: web_sys::HtmlCanvasElement,
    bars: &[Bar],
    reference: Option<&(f64, String)>,
    unit: &str,
    y_desc: &str,
) -> DrawResult {
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or("canvas")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE)?;
    let n = bars.len().max(1);
    let max = bars
        .iter()
        .filter_map(|b| b.value)
        .fold(reference.map_or(0.0, |r| r.0), f64::max);
    // Without a unit the bars count things: whole numbers on the axis.
    let counts = unit.is_empty();
    let top = if counts {
        axis_top(max).ceil().max(1.0)
    } else {
        axis_top(max)
    };
    let y_fmt = |v: &f64| {
        if counts && v.fract() != 0.0 {
            String::new()
        } else {
            format!("{}{unit}", format_decimal(*v))
        }
    };
    let mut chart = axes(&root, n, top, 64, &y_fmt, y_desc)?;
    chart.draw_series(bars.iter().enumerate().filter_map(|(i, b)| {
        let color = match b.tone {
            Tone::Good => GREEN,
            Tone::Short => AMBER,
            Tone::Plain => GREEN,
        };
        b.value.map(|v| {
            Rectangle::new(
                [(i as f64 + 0.2, 0.0), (i as f64 + 0.8, v.min(top))],
                color.filled(),
            )
        })
    }))?;
    let value_style = TextStyle::from((FONT, TEXT_PX).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
        let y = b.value.unwrap_or(0.0).min(top);
        let text = match b.value {
            Some(_) => value_text(b.value, unit),
            None => "—".into(),
        };
        Text::new(text, (i as f64 + 0.5, y), value_style.clone())
    }))?;
    if let Some((r, label)) = reference {
        chart.draw_series(LineSeries::new(
            vec![(0.0, *r), (n as f64, *r)],
            RED.stroke_width(2),
        ))?;
        let ref_style = TextStyle::from((FONT, TEXT_PX).into_font())
            .color(&RED)
            .pos(Pos::new(HPos::Right, VPos::Bottom));
        chart.draw_series(std::iter::once(Text::new(
            label.clone(),
            (n as f64, *r),
            ref_style,
        )))?;
    }
    let positions: Vec<(i32, i32)> = (0..bars.len())
        .map(|i| chart.backend_coord(&(i as f64 + 0.5, 0.0)))
        .collect();
    let slot = chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0;
    let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
    draw_category_labels(&root, &positions, &labels, slot)?;
    root.present()?;
    Ok(())
}

fn draw_stacked(
    canvas: web_sys::HtmlCanvasElement,
    data: &[(String, Vec<f64>)],
    series: &[String],
    colors: &[RGBColor],
    y_desc: &str,
) -> DrawResult {
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or("canvas")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE)?;
    let n = data.len().max(1);
    let max = data
        .iter()
        .map(|(_, v)| v.iter().copied().filter(|x| *x > 0.0).sum::<f64>())
        .fold(0.0, f64::max);
    // Stacked charts count things (communes, targets): whole numbers on the axis.
    let top = axis_top(max).ceil().max(1.0);
    let y_fmt = |v: &f64| {
        if v.fract() == 0.0 {
            format_decimal(*v)
        } else {
            String::new()
        }
    };
    let mut chart = axes(&root, n, top, 56, &y_fmt, y_desc)?;
    for (s, name) in series.iter().enumerate() {
        let color = colors.get(s).copied().unwrap_or(PALETTE[s % PALETTE.len()]);
        let rects: Vec<Rectangle<(f64, f64)>> = data
            .iter()
            .enumerate()
            .filter_map(|(i, (_, vals))| {
                let below: f64 = vals.iter().take(s).copied().filter(|x| *x > 0.0).sum();
                let v = vals.get(s).copied().filter(|x| *x > 0.0)?;
                Some(Rectangle::new(
                    [(i as f64 + 0.2, below), (i as f64 + 0.8, below + v)],
                    color.filled(),
                ))
            })
            .collect();
        chart
            .draw_series(rects)?
            .label(name.clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], color.filled()));
    }
    let total_style = TextStyle::from((FONT, TEXT_PX).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    chart.draw_series(data.iter().enumerate().map(|(i, (_, vals))| {
        let total: f64 = vals.iter().copied().filter(|x| *x > 0.0).sum();
        Text::new(
            format_decimal(total),
            (i as f64 + 0.5, total),
            total_style.clone(),
        )
    }))?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .label_font((FONT, TEXT_PX))
        .background_style(WHITE.mix(0.9))
        .border_style(GREY)
        .draw()?;
    let positions: Vec<(i32, i32)> = (0..data.len())
        .map(|i| chart.backend_coord(&(i as f64 + 0.5, 0.0)))
        .collect();
    let slot = chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0;
    let labels: Vec<String> = data.iter().map(|(l, _)| l.clone()).collect();
    draw_category_labels(&root, &positions, &labels, slot)?;
    root.present()?;
    Ok(())
}

/// The width to draw `canvas` at: the room its figure gives it (less its border), at most `max`.
/// No room (a copy shown only on paper) draws it at `max`.
fn fitted_width(canvas: &web_sys::HtmlCanvasElement, max: u32) -> u32 {
    let room = canvas.parent_element().map_or(0, |p| p.client_width() - 2);
    if room <= 0 {
        max
    } else {
        (room as u32).clamp(MIN_WIDTH.min(max), max)
    }
}

/// A signal that changes when a resized window changes the width the chart is drawn at.
fn on_resize(canvas_ref: NodeRef<html::Canvas>, max: u32) -> RwSignal<u32> {
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(ev::resize, move |_| {
        if let Some(c) = canvas_ref.get_untracked() {
            if fitted_width(&c, max) != c.width() {
                resized.update(|n| *n += 1);
            }
        }
    });
    on_cleanup(move || handle.remove());
    resized
}

/// Draws the chart with `draw` once mounted, and again whenever what `draw` reads changes or a
/// resized window changes its room; a failure is said under the chart.
fn keep_drawn(
    canvas_ref: NodeRef<html::Canvas>,
    width: u32,
    problem: RwSignal<Option<String>>,
    draw: impl Fn(web_sys::HtmlCanvasElement) -> DrawResult + 'static,
) {
    let resized = on_resize(canvas_ref, width);
    Effect::new(move |_| {
        resized.track();
        if let Some(canvas) = canvas_ref.get() {
            canvas.set_width(fitted_width(&canvas, width));
            problem.set(
                draw(canvas)
                    .err()
                    .map(|e| format!("Không vẽ được biểu đồ ({e}).")),
            );
        }
    });
}

/// A bar chart with an optional horizontal reference line (e.g. 100 % of the target).
#[component]
pub fn BarChart(
    /// Base of the canvas id and test id.
    id: String,
    /// What the chart shows; caption and the start of the canvas's aria-label.
    title: String,
    bars: Signal<Vec<Bar>>,
    /// A horizontal line at this value, with its label ("Mục tiêu 100 %").
    #[prop(optional)]
    reference: Option<(f64, String)>,
    /// Suffix of the values ("%", "" for counts).
    #[prop(optional, into)]
    unit: String,
    /// Title of the value axis.
    #[prop(optional, into)]
    y_desc: String,
    /// The column headers of the text alternative: (label, value).
    #[prop(optional)]
    headers: Option<(String, String)>,
    #[prop(default = 760)] width: u32,
    #[prop(default = 340)] height: u32,
) -> impl IntoView {
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let problem = RwSignal::new(None::<String>);
    {
        let (reference, unit, y_desc) = (reference.clone(), unit.clone(), y_desc.clone());
        keep_drawn(canvas_ref, width, problem, move |canvas| {
            bars.with(|data| draw_bars(canvas, data, reference.as_ref(), &unit, &y_desc))
        });
    }
    let aria = {
        let (title, unit) = (title.clone(), unit.clone());
        move || {
            let parts: Vec<String> = bars.with(|b| {
                b.iter()
                    .map(|b| format!("{}: {}", b.label, value_text(b.value, &unit)))
                    .collect()
            });
            format!("Biểu đồ cột — {title}. {}.", parts.join("; "))
        }
    };
    let (h_label, h_value) = headers.unwrap_or_else(|| ("Mục".to_string(), "Giá trị".to_string()));
    let rows = move || {
        let unit = unit.clone();
        bars.get()
            .into_iter()
            .map(|b| {
                view! {
                    <tr>
                        <th scope="row">{b.detail}</th>
                        <td>{value_text(b.value, &unit)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let head = view! {

                    <tr>
                        <th scope="col">{h_label}</th>
                        <th scope="col">{h_value}</th>
                    </tr>
    };
    chart_figure(
        id,
        title,
        (width, height),
        aria,
        canvas_ref,
        head,
        rows,
        problem,
    )
}

/// The canvas with its caption, and the same numbers as a table behind a control the keyboard
/// reaches (closed, it takes no room; open, it scrolls sideways on a narrow screen).
#[allow(clippy::too_many_arguments)]
fn chart_figure(
    id: String,
    title: String,
    (width, height): (u32, u32),
    aria: impl Fn() -> String + Send + Sync + 'static,
    canvas_ref: NodeRef<html::Canvas>,
    head: impl IntoView + 'static,
    rows: impl IntoView + 'static,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let caption_id = format!("{id}-caption");
    let table_caption = format!("Số liệu của biểu đồ: {title}");
    view! {
        <div class="chart" data-testid=id.clone()>
            <figure>
                <canvas
                    id=format!("{id}-canvas")
                    node_ref=canvas_ref
                    width=width
                    height=height
                    role="img"
                    aria-label=aria
                    aria-describedby=caption_id.clone()
                    data-testid=format!("{id}-canvas")
                    data-text-px=TEXT_PX
                ></canvas>
                <figcaption id=caption_id>{title.clone()}</figcaption>
            </figure>
            <details class="chart-data no-print" data-testid=format!("{id}-data")>
                <summary>"Xem số liệu dạng bảng"</summary>
                <TableScroll label=table_caption.clone()>
                    <table class="chart-table">
                        <caption>{table_caption}</caption>
                        <thead>{head}</thead>
                        <tbody>{rows}</tbody>
                    </table>
                </TableScroll>
            </details>
            {move || problem.get().map(|p| view! { <p class="alert alert-error">{p}</p> })}
        </div>
    }
}

/// Stacked bars: one bar per category, one segment per series.
#[component]
pub fn StackedBarChart(
    id: String,
    title: String,
    /// Per category: its label and one value per series (in `series` order).
    data: Signal<Vec<(String, Vec<f64>)>>,
    series: Vec<String>,
    /// One colour per series (RGB); the default palette otherwise.
    #[prop(optional)]
    colors: Vec<(u8, u8, u8)>,
    #[prop(optional, into)] y_desc: String,
    #[prop(optional, into)] category_header: String,
    #[prop(default = 760)] width: u32,
    #[prop(default = 360)] height: u32,
) -> impl IntoView {
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let problem = RwSignal::new(None::<String>);
    {
        let (series, y_desc) = (series.clone(), y_desc.clone());
        let colors: Vec<RGBColor> = colors
            .iter()
            .map(|(r, g, b)| RGBColor(*r, *g, *b))
            .collect();
        keep_drawn(canvas_ref, width, problem, move |canvas| {
            data.with(|d| draw_stacked(canvas, d, &series, &colors, &y_desc))
        });
    }
    let aria = {
        let (title, series) = (title.clone(), series.clone());
        move || {
            let parts: Vec<String> = data.with(|d| {
                d.iter()
                    .map(|(label, vals)| {
                        let segs: Vec<String> = series
                            .iter()
                            .zip(vals)
                            .map(|(s, v)| format!("{s} {}", format_decimal(*v)))
                            .collect();
                        format!("{label}: {}", segs.join(", "))
                    })
                    .collect()
            });
            format!("Biểu đồ cột chồng — {title}. {}.", parts.join("; "))
        }
    };
    let head = {
        let series = series.clone();
        let category_header = if category_header.is_empty() {
            "Mục".to_string()
        } else {
            category_header
        };
        view! {
            <tr>
                <th scope="col">{category_header}</th>
                {series.into_iter().map(|s| view! { <th scope="col">{s}</th> }).collect_view()}
                <th scope="col">"Tổng"</th>
            </tr>
        }
    };
    let rows = move || {
        data.get()
            .into_iter()
            .map(|(label, vals)| {
                let total: f64 = vals.iter().sum();
                view! {
                    <tr>
                        <th scope="row">{label}</th>
                        {vals
                            .iter()
                            .map(|v| view! { <td>{format_decimal(*v)}</td> })
                            .collect_view()}
                        <td>{format_decimal(total)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    chart_figure(
        id,
        title,
        (width, height),
        aria,
        canvas_ref,
        head,
        rows,
        problem,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round_and_above_the_data() {
        for (max, min_top) in [(0.0, 1.0), (100.0, 112.0), (35.0, 39.2), (7.0, 7.84)] {
            let t = axis_top(max);
            assert!(t >= min_top, "{max} → {t}");
            assert!(t <= min_top * 1.5, "{max} → {t}");
        }
    }

    #[test]
    fn labels_wrap_on_two_lines() {
        assert_eq!(two_lines("T1", 10), vec!["T1"]);
        assert_eq!(
            two_lines("Thành phố Phủ Lý", 10),
            vec!["Thành phố", "Phủ Lý"]
        );
        let long = two_lines("Huyện Thanh Liêm rất dài dài dài dài dài", 10);
        assert_eq!(long.len(), 2);
        assert!(long[1].ends_with('…'));
    }
}
