//! The frame workloads on the book-length project: each measures its frames and then checks
//! that it did what its name says (scrolling moved the text, tagging added the claims...).

use canonry::app::{DialogRequest, Edit};
use egui::{Event, Key, pos2, vec2};

use crate::driver::{Driver, FrameStats, OVER_TEXT, click, double_click, key, press, wheel};
use crate::table::Table;

pub fn frame_row(table: &mut Table, name: &str, times: &[f64]) {
    let s = FrameStats::of(times);
    table.add(
        &format!("frame: {name}"),
        format!("median {:.2} ms, max {:.1} ms", s.p50, s.max),
        "median <= 4 ms, max <= 16 ms",
        Some(s.p50 <= 4.0 && s.max <= 16.0),
    );
}

pub fn steady(d: &mut Driver, table: &mut Table) {
    let revision = d.state.doc.editor.revision();
    let times = d.frames(60, |_, _| Vec::new());
    frame_row(table, "steady (nothing happens)", &times);
    let now = d.state.doc.editor.revision();
    table.effect("steady", format!("revision {revision} -> {now}"), "unchanged", now == revision);
}

pub fn scrolling(d: &mut Driver, table: &mut Table) {
    let before = d.visible_chars(64);
    let times = d.frames(120, |_, _| wheel(OVER_TEXT, -90.0));
    frame_row(table, "scrolling the article", &times);
    let after = d.visible_chars(64);
    // 120 x 90 points is many screens: the text in view afterwards starts past what was in view.
    let moved = matches!((before, after), (Some(b), Some(a)) if a.0 > b.1);
    table.effect("scrolling", format!("chars in view {before:?} -> {after:?}"), "a later, disjoint range", moved);
}

pub fn dragging_selection(d: &mut Driver, table: &mut Table) {
    d.state.panels.article_view.clear_selection();
    let times = d.frames(60, |i, _| match i % 12 {
        0 => vec![Event::PointerMoved(pos2(420.0, 300.0)), press(pos2(420.0, 300.0), true)],
        11 => vec![press(pos2(800.0, 340.0), false)],
        n => vec![Event::PointerMoved(pos2(420.0 + 30.0 * n as f32, 300.0 + 3.0 * n as f32))],
    });
    frame_row(table, "selecting by dragging", &times);
    let (start, end) = d.state.panels.article_view.selection.range();
    table.effect("selecting", format!("selection {start}..{end}"), "not empty", end > start);
}

/// Words of plain letters in view, spread out, with where to double-click each: (start, end, pos).
fn words_in_view(d: &Driver, count: usize) -> Vec<(usize, usize, egui::Pos2)> {
    let Some((first, last)) = d.visible_chars(16) else { return Vec::new() };
    let text: Vec<char> = d.state.project().articles[0].text.chars().collect();
    let view = &d.state.panels.article_view;
    let mut words = Vec::new();
    let mut at = first;
    while at < last.min(text.len()) && words.len() < count {
        let start = at;
        let mut end = start;
        while end < text.len() && text[end].is_ascii_alphabetic() {
            end += 1;
        }
        let whole = start == 0 || text[start - 1] == ' ';
        let ends = text.get(end).is_some_and(|c| *c == ' ' || *c == '.');
        if whole && ends && end - start >= 4 {
            let pos = view.screen_pos_of(start + (end - start) / 2);
            // Well inside the reader (clear of the menu, the status bar and the side panes).
            if let Some(pos) = pos.filter(|p| p.y > 120.0 && p.y < 680.0 && p.x > 340.0 && p.x < 880.0) {
                words.push((start, end, pos));
                at = end + 40;
                continue;
            }
        }
        at = end.max(start) + 1;
    }
    words
}

pub fn tagging(d: &mut Driver, table: &mut Table) {
    let words = words_in_view(d, 20);
    let claims_before = d.state.project().claims.len();
    let times = d.frames(words.len() * 3, |i, d| match i % 3 {
        0 => {
            // Half a second since the last double-click, or egui counts these as a triple click.
            d.wait(0.5);
            double_click(words[i / 3].2)
        }
        1 => key(Key::Num1),
        _ => Vec::new(),
    });
    frame_row(table, "tagging (double-click a word, press 1)", &times);
    let project = d.state.project();
    let tagged = words
        .iter()
        .filter(|(s, e, _)| project.claims.iter().any(|c| c.anchor.start == *s && c.anchor.end == *e))
        .count();
    let added = project.claims.len() - claims_before;
    table.effect(
        "tagging",
        format!("{added} claims added, {tagged} of {} words", words.len()),
        "one claim per word, 20 words",
        words.len() == 20 && tagged == words.len() && added == words.len(),
    );
}

/// Selects the first claim (not a spoiler) and clicks into its note field (the tallest text field: the note
/// editor has eight rows). Returns the claim's id, or `None` when no field is shown.
pub fn focus_first_note(d: &mut Driver) -> Option<String> {
    // A spoiler's note is hidden until revealed: take the first claim that is not one.
    let claim = d.state.project().claims.iter().find(|c| c.spoiler.is_none())?.id.clone();
    d.state.selection.claim = Some(claim.clone());
    d.frame(Vec::new());
    d.frame(Vec::new());
    let field = d.text_fields().into_iter().max_by(|a, b| a.height().total_cmp(&b.height()))?;
    d.frame(click(field.center()));
    d.frame(vec![Event::PointerMoved(OVER_TEXT)]);
    Some(claim)
}

pub fn typing(d: &mut Driver, table: &mut Table) {
    let Some(claim) = focus_first_note(d) else {
        table.effect("typing", "no note field shown".into(), "the note field", false);
        return;
    };
    let typed = "Typed by the bench, one key a frame ".repeat(2);
    let keys: Vec<char> = typed.chars().collect();
    let times = d.frames(keys.len(), |i, _| vec![Event::Text(keys[i].to_string())]);
    frame_row(table, "typing a note (keystrokes)", &times);
    d.frame(Vec::new());
    let note = d.state.project().claim(&claim).map(|c| c.note.clone()).unwrap_or_default();
    table.effect(
        "typing",
        format!("{} keys; in the note: {}", keys.len(), note.contains(&typed)),
        "all typed",
        note.contains(&typed),
    );
    d.state.panels.article_view.focus(&d.ctx);
}

pub fn editing_notes(d: &mut Driver, table: &mut Table) {
    let claim = d.state.project().claims[1].id.clone();
    let before = d.state.project().claims[1].note.clone();
    let times = d.frames(60, |i, d| {
        let note =
            format!("{}{}", d.state.project().claim(&claim).map_or("", |c| c.note.as_str()), ["a", "b", " "][i % 3]);
        d.state.selection.claim = Some(claim.clone());
        d.state.run_edit(Edit::ClaimNote { claim: claim.clone(), text: note });
        Vec::new()
    });
    frame_row(table, "a note edit per frame (undoable edits)", &times);
    let after = d.state.project().claim(&claim).map(|c| c.note.chars().count()).unwrap_or(0);
    let grew = after == before.chars().count() + 60;
    table.effect("note edits", format!("{} -> {after} chars", before.chars().count()), "60 more", grew);
}

fn number_before(text: &str, suffix: &str) -> Option<usize> {
    text.strip_suffix(suffix)?.parse().ok()
}

pub fn filtering(d: &mut Driver, table: &mut Table) {
    const QUERY: &str = "wormhole Prophets";
    d.capture = true;
    let mut shown = (None, None);
    let times = d.frames(36, |i, d| {
        // The count drawn is the one of the previous frame's filter.
        match (i + 17) % 18 {
            0 => shown.0 = d.drawn_values(|t| number_before(t, " shown")).first().copied(),
            17 => shown.1 = d.drawn_values(|t| number_before(t, " shown")).first().copied(),
            _ => {}
        }
        d.state.panels.claim_list.filter_text = QUERY.chars().take(i % 18).collect();
        Vec::new()
    });
    d.capture = false;
    frame_row(table, "filtering claims as one types", &times);
    let fewer = matches!(shown, (Some(all), Some(some)) if some < all && some > 0);
    table.effect("filtering", format!("shown {:?} -> {:?}", shown.0, shown.1), "fewer, not none", fewer);
}

fn find_count(text: &str) -> Option<usize> {
    let (_, of) = text.split_once(" of ")?;
    text.split_once(" of ")?.0.parse::<usize>().ok()?;
    of.parse().ok()
}

pub fn finding(d: &mut Driver, table: &mut Table) {
    const QUERY: &str = "Dominion treaty";
    let n = QUERY.chars().count();
    d.capture = true;
    let (mut first, mut full) = (None, None);
    let times = d.frames(2 * n + 1, |i, d| {
        let count = d.drawn_values(find_count).first().copied();
        if i == 1 {
            first = count;
        } else if i == n {
            full = count;
        }
        d.state.panels.find_bar.open = true;
        d.state.panels.find_bar.text = QUERY.chars().take(1 + i % n).collect();
        Vec::new()
    });
    d.capture = false;
    frame_row(table, "finding in the article as one types", &times);
    let ok = matches!((first, full), (Some(a), Some(b)) if b > 0 && b < a);
    table.effect("finding", format!("hits \"D\" {first:?}, \"{QUERY}\" {full:?}"), "fewer, not none", ok);
    d.state.panels.find_bar.open = false;
}

pub fn resizing(d: &mut Driver, table: &mut Table) {
    let mut widths = Vec::new();
    let times = d.frames(60, |i, d| {
        widths.push(d.state.panels.article_view.wrap_width());
        d.size = vec2(1280.0 - (i % 30) as f32 * 9.0, 800.0);
        Vec::new()
    });
    frame_row(table, "resizing the window", &times);
    d.size = vec2(1280.0, 800.0);
    report_widths(table, "resizing", &mut widths);
}

fn report_widths(table: &mut Table, name: &str, widths: &mut Vec<f32>) {
    widths.sort_by(f32::total_cmp);
    widths.dedup();
    let span = widths.last().unwrap_or(&0.0) - widths.first().unwrap_or(&0.0);
    table.effect(
        name,
        format!("{} text widths over {span:.0} pt", widths.len()),
        "the text re-wrapped",
        widths.len() > 2 && span > 50.0,
    );
}

pub fn dragging_pane(d: &mut Driver, table: &mut Table) {
    let mut widths = Vec::new();
    let times = d.frames(60, |i, d| {
        widths.push(d.state.panels.article_view.wrap_width());
        match i {
            0 => vec![Event::PointerMoved(pos2(301.0, 400.0)), press(pos2(301.0, 400.0), true)],
            59 => vec![press(pos2(301.0, 400.0), false)],
            n => vec![Event::PointerMoved(pos2(301.0 + ((n % 20) as f32 - 10.0) * 6.0, 400.0))],
        }
    });
    frame_row(table, "dragging the side pane", &times);
    report_widths(table, "pane drag", &mut widths);
}

pub fn searching(d: &mut Driver, table: &mut Table, query: &str) {
    d.state.open_dialog(DialogRequest::Search);
    d.frame(Vec::new());
    let times = d.frames(30, |i, d| {
        if let Some(canonry::app::Dialog::Search(search)) = d.state.dialogs.current_mut() {
            search.query = query.chars().take(1 + i % query.chars().count()).collect();
        }
        Vec::new()
    });
    // Each of these frames runs a search: the search target applies to them.
    let s = FrameStats::of(&times);
    table.add(
        "frame: searching everything as one types",
        format!("median {:.2} ms, max {:.1} ms", s.p50, s.max),
        "max < 30 ms (search target)",
        Some(s.max < 30.0),
    );
    let hits = match d.state.dialogs.current_mut() {
        Some(canonry::app::Dialog::Search(search)) => Some(search.hits().len()),
        _ => None,
    };
    table.effect("searching", format!("{hits:?} hits shown"), "some", hits.is_some_and(|n| n > 0));
}

pub fn dialogs(d: &mut Driver, table: &mut Table) {
    type IsIt = fn(&canonry::app::Dialog) -> bool;
    let cases: [(&str, DialogRequest, IsIt); 3] = [
        ("timeline open", DialogRequest::Timeline, |x| matches!(x, canonry::app::Dialog::Timeline(_))),
        ("dashboard open", DialogRequest::Dashboard, |x| matches!(x, canonry::app::Dialog::Dashboard(_))),
        ("contradictions open", DialogRequest::Contradictions, |x| {
            matches!(x, canonry::app::Dialog::Contradictions(_))
        }),
    ];
    for (name, dialog, is_it) in cases {
        d.state.open_dialog(dialog);
        d.frame(Vec::new());
        let times = d.frames(30, |_, _| Vec::new());
        frame_row(table, name, &times);
        let open = d.state.dialogs.current_mut().is_some_and(|x| is_it(x));
        table.effect(name, format!("shown: {open}"), "the dialog stays open", open);
    }
    d.state.dialogs.close();
}
