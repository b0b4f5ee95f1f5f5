//! `ntm` — check many commune dossiers at once, on the same core as the browser app.
//!
//!   ntm evaluate [--rules FILE] DOSSIER...   one JSON result per line; exit 2 on invalid input
//!   ntm consolidate [--rules FILE] [--figures FILE] [--year Y] DOSSIER...
//!                                            targets T1–T9 and district results as one JSON
//!   ntm awards [--rules FILE] [--dossiers DIR] REGISTER
//!                                            one JSON line per candidate and award form
//!   ntm sample --count N --out DIR           writes N generated sample dossiers
//!   ntm bench [--count N] [--rules FILE]     prints how long N generated dossiers take
//!   ntm rules FILE                           checks a province's rules file; prints id, hash

mod output;

/// mimalloc: the many small allocations of reading and evaluating files cost less than with glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use ntm_core::consolidate::{csv_excel, row_of, Entry, Review};
use ntm_core::district::evaluate_district;
use ntm_core::dossier::{Dossier, Reader};
use ntm_core::figures::Figures;
use ntm_core::rules::{Rules, RulesFile};
use ntm_core::targets::evaluate_targets;
use ntm_core::{evaluate, units};
use output::{
    line, AwardLine, ConditionLine, Consolidation, DistrictLine, Duplicate, EvaluateWriter,
    Refused, TargetLine,
};
use std::collections::BTreeMap;
use std::io::{BufWriter, Read, StdoutLock, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "ntm",
    version,
    about = "Chung Sức — đánh giá hồ sơ xã nông thôn mới"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Đánh giá các hồ sơ tự đánh giá (JSON), in một dòng JSON cho mỗi hồ sơ.
    Evaluate {
        /// Tệp bộ tiêu chí của tỉnh, đặt đè lên dữ liệu gốc.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Các tệp hồ sơ.
        #[arg(required = true)]
        dossiers: Vec<PathBuf>,
    },
    /// Tổng hợp: mục tiêu T1–T9 và kết quả từng huyện (QĐ 320) từ các hồ sơ xã, in một tài liệu JSON.
    Consolidate {
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Biểu số liệu tổng hợp của tỉnh/huyện (JSON, docs/figures-format.md).
        #[arg(long)]
        figures: Option<PathBuf>,
        /// Năm tổng hợp; mặc định là năm mới nhất trong các hồ sơ.
        #[arg(long)]
        year: Option<u16>,
        dossiers: Vec<PathBuf>,
    },
    /// Khen thưởng: xét điều kiện từng ứng viên của danh sách đề nghị với mọi hình thức khen,
    /// in một dòng JSON cho mỗi ứng viên và hình thức (docs/awards-format.md).
    Awards {
        /// Tệp bộ tiêu chí xã, dùng để đánh giá các hồ sơ của --dossiers.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Thư mục các hồ sơ tự đánh giá của xã (mức đạt chuẩn, nợ đọng XDCB của ứng viên là xã).
        #[arg(long)]
        dossiers: Option<PathBuf>,
        /// Danh sách đề nghị khen thưởng (JSON).
        register: PathBuf,
    },
    /// Ghi N hồ sơ mẫu (sinh ngẫu nhiên, cố định) vào một thư mục — để tập huấn và đo hiệu năng.
    Sample {
        #[arg(long, default_value_t = 100)]
        count: usize,
        #[arg(long)]
        rules: Option<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Kiểm tra một tệp bộ tiêu chí của tỉnh (như ứng dụng đọc nó); in mã, mã băm, tên.
    Rules {
        /// Tệp bộ tiêu chí (docs/rules-format.md).
        file: PathBuf,
    },
    /// Đo thời gian đánh giá N hồ sơ sinh ngẫu nhiên.
    Bench {
        #[arg(long, default_value_t = 10_000)]
        count: usize,
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// The floor `scripts/bench.sh` compares with: read and parse files into JSON, nothing else.
    #[command(hide = true)]
    ParseOnly {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// Files larger than this are refused before reading (a dossier is a few kilobytes).
const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

fn read(path: &Path) -> Result<String, String> {
    read_into(path, &mut Vec::new()).map(str::to_string)
}

/// Reads a file into `buf` (emptied first) and gives its text without a byte-order mark. Many
/// files read through one buffer cost one allocation, not one each.
fn read_into<'b>(path: &Path, buf: &'b mut Vec<u8>) -> Result<&'b str, String> {
    let unreadable = |e: std::io::Error| format!("{}: không đọc được tệp ({e})", path.display());
    // Opened once, sized from the open file: one path lookup per file, not two.
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    if len > MAX_FILE_BYTES {
        return Err(format!("{}: tệp lớn hơn 50 MB", path.display()));
    }
    buf.clear();
    buf.reserve(len as usize);
    // Through `take`: read into the room reserved (no second size query), never past the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(buf)
        .map_err(unreadable)?;
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("{}: tệp lớn hơn 50 MB", path.display()));
    }
    let text = std::str::from_utf8(buf)
        .map_err(|_| format!("{}: tệp không phải văn bản UTF-8", path.display()))?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

fn load_rules(path: Option<&Path>) -> Result<Rules, String> {
    match path {
        None => Ok(Rules::built_in()),
        Some(p) => {
            let text = read(p)?;
            let file = RulesFile::parse(&text).map_err(|e| format!("{}: {e}", p.display()))?;
            Rules::with_override(&file).map_err(|e| format!("{}: {e}", p.display()))
        }
    }
}

/// Reads a dossier file. What it was accepted with goes to stderr: "Lưu ý: FILE: …" for a
/// commune name written another way, "Cảnh báo: FILE: …" for another name or values under
/// codes the rules do not have.
fn read_dossier(path: &Path, reader: &Reader, buf: &mut Vec<u8>) -> Result<Dossier, String> {
    let text = read_into(path, buf)?;
    let got = reader
        .read(text)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    for note in &got.notes {
        eprintln!("Lưu ý: {}: {note}", path.display());
    }
    for warning in got.dossier.warnings(reader.rules()) {
        eprintln!("Cảnh báo: {}: {warning}", path.display());
    }
    Ok(got.dossier)
}

/// "set/code" of every value kept under a code the rules do not have.
fn kept_codes(d: &Dossier) -> Vec<String> {
    d.unknown
        .values
        .iter()
        .flat_map(|(set, codes)| codes.keys().map(move |c| format!("{set}/{c}")))
        .collect()
}

/// Why a command stopped; printed as "Lỗi: …" with exit code 2.
struct CliError(String);

impl From<String> for CliError {
    fn from(e: String) -> Self {
        CliError(e)
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(CliError(e)) => {
            eprintln!("Lỗi: {e}");
            ExitCode::from(2)
        }
    }
}

/// Prints one line to stdout; false when the reader has gone (`| head`), which ends the output
/// quietly.
fn print_line(text: impl std::fmt::Display) -> bool {
    writeln!(std::io::stdout().lock(), "{text}").is_ok()
}

/// Stdout locked once and buffered: many lines cost one write per buffer, not per line.
fn stdout_buffered() -> BufWriter<StdoutLock<'static>> {
    BufWriter::with_capacity(1 << 16, std::io::stdout().lock())
}

fn run() -> Result<ExitCode, CliError> {
    match Cli::parse().command {
        Command::Evaluate { rules, dossiers } => evaluate_files(rules.as_deref(), &dossiers),
        Command::Consolidate {
            rules,
            figures,
            year,
            dossiers,
        } => consolidate(rules.as_deref(), figures.as_deref(), year, &dossiers),
        Command::Awards {
            rules,
            dossiers,
            register,
        } => awards(rules.as_deref(), dossiers.as_deref(), &register),
        Command::Sample { count, rules, out } => sample(rules.as_deref(), count, &out),
        Command::Rules { file } => {
            let rules = load_rules(Some(&file))?;
            print_line(format_args!(
                "{}\t{}\t{}",
                rules.id,
                rules.hash(),
                rules.title
            ));
            Ok(ExitCode::SUCCESS)
        }
        Command::ParseOnly { files } => {
            let (mut keys, mut buf) = (0, Vec::new());
            for path in &files {
                let json: serde_json::Value = serde_json::from_str(read_into(path, &mut buf)?)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                keys += json.as_object().map_or(0, |o| o.len());
            }
            print_line(format_args!("{} tệp, {keys} khoá", files.len()));
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench { count, rules } => {
            bench(&load_rules(rules.as_deref())?, count);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn evaluate_files(rules: Option<&Path>, dossiers: &[PathBuf]) -> Result<ExitCode, CliError> {
    let rules = load_rules(rules)?;
    let mut failed = 0;
    let mut out = stdout_buffered();
    let (reader, mut lines, mut buf) = (Reader::new(&rules), EvaluateWriter::default(), Vec::new());
    for path in dossiers {
        match read_dossier(path, &reader, &mut buf) {
            Ok(d) => {
                // as `display` shows it, without a copy when the name is UTF-8
                let file = path.to_string_lossy();
                let written = lines
                    .write(&mut out, &evaluate(&rules, &d), &file, &kept_codes(&d))
                    .is_ok();
                // the reader has gone (`| head`): end the output quietly
                if !written {
                    return Ok(ExitCode::SUCCESS);
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("Lỗi: {e}");
            }
        }
    }
    if out.flush().is_err() {
        return Ok(ExitCode::SUCCESS);
    }
    if failed > 0 {
        eprintln!("{failed} / {} hồ sơ không hợp lệ.", dossiers.len());
        Ok(ExitCode::from(2))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

fn sample(rules: Option<&Path>, count: usize, out: &Path) -> Result<ExitCode, CliError> {
    let rules = load_rules(rules)?;
    std::fs::create_dir_all(out)
        .map_err(|e| format!("{}: không tạo được thư mục ({e})", out.display()))?;
    for (i, d) in ntm_core::sample::generate(&rules, count).iter().enumerate() {
        let path = out.join(format!("ho-so-{}-{}-{i:05}.json", d.unit.code, d.year));
        std::fs::write(&path, d.to_json())
            .map_err(|e| format!("{}: không ghi được ({e})", path.display()))?;
    }
    println!("Đã ghi {count} hồ sơ mẫu vào {}", out.display());
    Ok(ExitCode::SUCCESS)
}

/// What the app knows of each commune, from the dossiers of a folder (other files are skipped).
fn facts_of(rules: Option<&Path>, dir: &Path) -> Result<ntm_core::awards::Facts, CliError> {
    let rules = load_rules(rules)?;
    let mut facts = ntm_core::awards::Facts::default();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: không đọc được thư mục ({e})", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for path in &paths {
        let text = read(path)?;
        match Dossier::parse(&text, &rules) {
            Ok(d) => facts.add(&evaluate(&rules, &d), &d),
            // other files of the folder (registers, figures) are not dossiers: skip them
            Err(e) if e.field == "format" => {
                eprintln!("Bỏ qua {}: không phải hồ sơ tự đánh giá.", path.display())
            }
            Err(e) => return Err(format!("{}: {e}", path.display()).into()),
        }
    }
    Ok(facts)
}

fn awards(
    rules: Option<&Path>,
    dossiers: Option<&Path>,
    register: &Path,
) -> Result<ExitCode, CliError> {
    let award_rules = ntm_core::awards::builtin();
    let reg = read(register).and_then(|t| {
        ntm_core::nominations::Register::parse(&t, award_rules)
            .map_err(|e| format!("{}: {e}", register.display()))
    })?;
    let facts = match dossiers {
        Some(dir) => facts_of(rules, dir)?,
        None => ntm_core::awards::Facts::default(),
    };
    let results = ntm_core::awards::assess(award_rules, &reg, &facts);
    let mut stdout = stdout_buffered();
    for (c, r) in reg.candidates.iter().zip(&results) {
        for f in &r.forms {
            let out = AwardLine {
                candidate_id: r.candidate_id.clone(),
                award: f.award.clone(),
                proposed: f.award == c.proposed.award,
                verdict: f.verdict.code(),
                regime: r.regime.clone(),
                reason: f.summary(&r.group),
                citations: f.citations(),
                money_vnd: f.money.as_ref().ok().map(|m| m.vnd),
            };
            if writeln!(stdout, "{}", line(&out)).is_err() {
                return Ok(ExitCode::SUCCESS);
            }
        }
    }
    let _ = stdout.flush();
    Ok(ExitCode::SUCCESS)
}

fn consolidate(
    rules: Option<&Path>,
    figures: Option<&Path>,
    year: Option<u16>,
    paths: &[PathBuf],
) -> Result<ExitCode, CliError> {
    let rules = load_rules(rules)?;
    let figures = figures
        .map(|p| {
            read(p).and_then(|t| Figures::parse(&t).map_err(|e| format!("{}: {e}", p.display())))
        })
        .transpose()?;
    let mut refused = Vec::new();
    let mut assessments = Vec::new();
    let mut seen: BTreeMap<(String, u16), Vec<String>> = BTreeMap::new();
    let (reader, mut buf) = (Reader::new(&rules), Vec::new());
    for path in paths {
        match read_dossier(path, &reader, &mut buf) {
            Ok(d) => {
                seen.entry((d.unit.code.clone(), d.year))
                    .or_default()
                    .push(path.display().to_string());
                assessments.push(evaluate(&rules, &d));
            }
            Err(e) => {
                eprintln!("Lỗi: {e}");
                refused.push(Refused {
                    file: path.display().to_string(),
                    error: e,
                });
            }
        }
    }
    let year = year
        .or_else(|| assessments.iter().map(|a| a.year).max())
        .or_else(|| figures.as_ref().and_then(|f| f.years.keys().max().copied()))
        .unwrap_or(rules.years.to);
    let mut levels = BTreeMap::new();
    for a in assessments.iter().filter(|a| a.year == year) {
        *levels.entry(a.level.code()).or_insert(0usize) += 1;
    }
    let targets = evaluate_targets(&rules, figures.as_ref(), &assessments, year)
        .iter()
        .map(|t| TargetLine {
            id: t.target.id.clone(),
            name: t.target.name.clone(),
            actual: t.actual,
            target: t.target.threshold,
            upper: t.target.upper,
            outcome: t.outcome,
            upper_met: t.upper_met,
            gap: t.gap_text(),
        })
        .collect();
    let districts = units::districts()
        .into_iter()
        .filter_map(|(code, _)| {
            evaluate_district(&rules, code, year, &assessments, &BTreeMap::new())
        })
        .map(|d| DistrictLine {
            conditions: d
                .indicators()
                .map(|i| ConditionLine {
                    code: i.code().to_string(),
                    outcome: i.outcome,
                    value: i.value(),
                })
                .collect(),
            outcome: d.outcome.code(),
            standard: d.standard.code(),
            code: d.code,
            name: d.name,
            communes: d.communes_total,
            assessed: d.assessed,
            ntm: d.ntm,
            nang_cao: d.nang_cao,
            kieu_mau: d.kieu_mau,
            missing: d.missing,
        })
        .collect();
    let duplicates = seen
        .into_iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|((unit_code, year), files)| Duplicate {
            unit_code,
            year,
            files,
        })
        .collect();
    let failed = !refused.is_empty();
    let out = Consolidation {
        year,
        rules: rules.reference(),
        dossiers: assessments.len(),
        refused,
        duplicates,
        levels,
        targets,
        districts,
    };
    let text = serde_json::to_string_pretty(&line(&out)).expect("json");
    if !print_line(text) {
        return Ok(ExitCode::SUCCESS);
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn bench(rules: &Rules, count: usize) {
    let dossiers = ntm_core::sample::generate(rules, count);
    let texts: Vec<String> = dossiers.iter().map(Dossier::to_json).collect();
    let bytes: usize = texts.iter().map(String::len).sum();

    let t = Instant::now();
    let parsed: Vec<Dossier> = texts
        .iter()
        .map(|t| Dossier::parse(t, rules).expect("generated dossiers are valid"))
        .collect();
    let parse_ms = t.elapsed().as_secs_f64() * 1000.0;

    let t = Instant::now();
    let assessments: Vec<_> = parsed.iter().map(|d| evaluate(rules, d)).collect();
    let eval_ms = t.elapsed().as_secs_f64() * 1000.0;
    // The same work when each result is dropped at once (what a level count needs): memory vs CPU.
    let t = Instant::now();
    let reached = parsed
        .iter()
        .filter(|d| evaluate(rules, d).level >= ntm_core::Level::Ntm)
        .count();
    let eval_drop_ms = t.elapsed().as_secs_f64() * 1000.0;

    let t = Instant::now();
    let csv_bytes: usize = assessments
        .iter()
        .map(|a| ntm_core::export::csv_plain(a, &[]).len())
        .sum();
    let csv_ms = t.elapsed().as_secs_f64() * 1000.0;

    // The consolidated table: one row per dossier, then the Excel CSV of all rows.
    let t = Instant::now();
    let rows: Vec<_> = parsed
        .iter()
        .zip(&assessments)
        .map(|(d, a)| {
            let entry = Entry {
                dossier: d.clone(),
                review: Review::received(d, "2025-01-01T00:00:00"),
            };
            row_of(&entry, a)
        })
        .collect();
    let rows_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let table_csv = csv_excel(rules, &rows);
    let table_csv_ms = t.elapsed().as_secs_f64() * 1000.0;

    let mut levels = std::collections::BTreeMap::new();
    for a in &assessments {
        *levels.entry(a.level.code()).or_insert(0usize) += 1;
    }
    println!(
        "ntm bench — bộ tiêu chí {} ({})",
        rules.id,
        rules.reference().short_hash()
    );
    println!(
        "  hồ sơ:                 {count} ({:.1} MB JSON)",
        bytes as f64 / 1e6
    );
    println!("  đọc + kiểm tra JSON:   {parse_ms:.1} ms");
    println!(
        "  đánh giá:              {eval_ms:.1} ms ({:.2} µs/hồ sơ)",
        eval_ms * 1000.0 / count.max(1) as f64
    );
    println!("  đánh giá, không giữ kết quả: {eval_drop_ms:.1} ms ({reached} xã đạt NTM trở lên)");
    println!(
        "  xuất CSV từng hồ sơ:   {csv_ms:.1} ms ({:.1} MB)",
        csv_bytes as f64 / 1e6
    );
    println!(
        "  bảng tổng hợp:         {rows_ms:.1} ms ({} dòng); CSV Excel {table_csv_ms:.1} ms ({:.1} MB)",
        rows.len(),
        table_csv.len() as f64 / 1e6
    );
    println!("  mức đạt:               {levels:?}");
}
